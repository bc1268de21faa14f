"""Reference taxonomy in the admin: mostly looked up, occasionally corrected."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget

from kernel.admin import TranslatedAdmin
from kernel.changelists import ScaledListAdmin
from kernel.publishing import citing_models
from kernel.taxonomy import documents
from kernel.taxonomy.documents import CONTENT_TYPE
from kernel.taxonomy.models import SDG, Country, Region, Source, Theme


@admin.register(Region)
class RegionAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "iati_code", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Country)
class CountryAdmin(ScaledListAdmin):
    list_display = ["name", "code", "alpha3", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["name", "code", "alpha3"]
    list_per_page = 100


@admin.register(Theme)
class ThemeAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "strategic_objective", "dac_sector"]
    list_filter = ["strategic_objective"]
    search_fields = ["name", "slug", "dac_sector"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SDG)
class SDGAdmin(TranslatedAdmin):
    list_display = ["number", "short_name", "name"]
    search_fields = ["short_name", "name", "=number"]


class StoredFile:
    """What the file widget shows of a stored source file: a link to the download view (the folder
    has no public address, so the file's own `url` is refused)."""

    def __init__(self, url, label):
        self.url, self.label = url, label

    def __str__(self):
        return self.label


class SourceFileInput(AdminFileWidget):
    """The admin's file input, linking the stored PDF through the download view; PDFs only."""

    stored = None

    def __init__(self, attrs=None):
        super().__init__({"accept": f"{CONTENT_TYPE},.pdf", **(attrs or {})})

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None) and getattr(value, "_committed", False))

    def format_value(self, value):
        if self.is_initial(value):
            return self.stored
        return None


class SourceForm(forms.ModelForm):
    class Meta:
        model = Source
        fields = [
            "title",
            "slug",
            "kind",
            "publisher",
            "published_on",
            "date_precision",
            "language",
            "url",
            "file",
            "reference",
            "iati_category",
        ]
        widgets = {"file": SourceFileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        source = self.instance
        if source.pk and source.file:
            label = source.download_name
            if source.file_size_display:
                label = f"{label} ({source.file_size_display})"
            self.fields["file"].widget.stored = StoredFile(source.get_file_url(), label)
        limit = documents.describe_size(settings.SOURCE_FILE_MAX_BYTES)
        self.fields["file"].help_text = (
            f"The document as a PDF, at most {limit}. It is checked by its content, stored under a name "
            "the server chooses, and offered to readers as a download."
        )


@admin.register(Source)
class SourceAdmin(TranslatedAdmin):
    form = SourceForm
    list_display = ["title", "kind", "publisher", "published_on", "language", "has_file", "has_url"]
    list_filter = ["kind", "language"]
    search_fields = ["title", "publisher", "reference", "url"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["file_size", "cited_by"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "kind",
                    "publisher",
                    ("published_on", "date_precision"),
                    "language",
                ]
            },
        ),
        ("Where a reader finds it", {"fields": ["url", "file", "file_size", "reference"]}),
        ("IATI", {"fields": ["iati_category"]}),
        ("Cited by", {"fields": ["cited_by"]}),
    ]

    @admin.display(description="Records citing it")
    def cited_by(self, source):
        """How many records of each kind cite the source, drafts included (staff see them)."""
        if source.pk is None:
            return "—"
        counts = [(model, model._default_manager.filter(source=source).count()) for model in citing_models()]
        parts = [f"{count} {model._meta.verbose_name_plural}" for model, count in counts if count]
        return ", ".join(parts) or "None yet"

    @admin.display(boolean=True, description="PDF")
    def has_file(self, source):
        return bool(source.file)

    @admin.display(boolean=True, description="URL")
    def has_url(self, source):
        return bool(source.url)

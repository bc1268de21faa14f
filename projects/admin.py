"""Curating projects, with their participants and results inline."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.formats import number_format

from kernel.admin import PublishableAdmin, TranslatedAdmin, TranslatedInline
from kernel.changelists import ScaledListAdmin
from kernel.dates import format_month
from kernel.history import InlineRowHistoryAdmin
from kernel.uploads import ImportUploadStorage
from operations.imports import SpreadsheetAdminMixin
from operations.jobs import as_uploader
from operations.models import ImportJob
from projects.models import (
    Budget,
    ExchangeRate,
    Indicator,
    IndicatorPeriod,
    Participant,
    PlannedDisbursement,
    Project,
    Result,
    Transaction,
)
from projects.resources import ProjectResource
from projects.tasks import import_iati_file


class ParticipantInline(TranslatedInline, admin.StackedInline):
    model = Participant
    extra = 0
    fields = [("position", "organisation", "role", "amount_usd"), "note"]
    autocomplete_fields = ["organisation"]


class ResultInline(TranslatedInline, admin.StackedInline):
    model = Result
    extra = 0
    fields = [
        "position",
        "title",
        ("qualifier", "value", "unit"),
        ("country", "place", "year"),
        "source_note",
    ]
    autocomplete_fields = ["country"]


class AmountInline(admin.TabularInline):
    """A value in its currency; the dollars it is shown as, at the recorded rate, for reading."""

    extra = 0
    readonly_fields = ["in_usd"]

    @admin.display(description="in USD")
    def in_usd(self, row):
        if row.pk is None:
            return "—"
        if row.value_usd is None:
            return f"no {row.currency} rate recorded for {row.value_date}"
        return row.amount_usd if row.rate_id is None else f"{row.amount_usd} {row.rate.statement}"


class BudgetInline(AmountInline):
    model = Budget
    fields = ["kind", "status", "period_start", "period_end", "value", "currency", "value_date", "in_usd"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("rate")


class PlannedDisbursementInline(AmountInline):
    model = PlannedDisbursement
    fields = [
        "kind",
        "period_start",
        "period_end",
        "value",
        "currency",
        "value_date",
        "provider",
        "receiver",
        "in_usd",
    ]
    autocomplete_fields = ["provider", "receiver"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("rate")


class TransactionInline(TranslatedInline, AmountInline):
    model = Transaction
    fields = [
        "kind",
        "date",
        "value",
        "currency",
        "value_date",
        "provider",
        "provider_name",
        "receiver",
        "receiver_name",
        "reference",
        "description",
        "in_usd",
    ]
    autocomplete_fields = ["provider", "receiver"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("rate")


class ChildProjectInline(admin.TabularInline):
    """The projects a fund or programme holds, for reading; each is edited on its own page."""

    model = Project
    fk_name = "parent"
    verbose_name = "child project"
    verbose_name_plural = "child projects"
    fields = ["title", "status", "start_date", "end_date", "publication_status"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class IatiImportForm(forms.Form):
    """An IATI activities file to import as a background job, and how."""

    file = forms.FileField(label="IATI 2.03 activities file (XML)")
    strict = forms.BooleanField(
        required=False,
        help_text="Refuse the whole file when any activity cannot be imported, instead of skipping it.",
    )
    publish = forms.BooleanField(required=False, help_text="Publish the imported projects.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_perm(Project.publish_permission()):
            self.fields["publish"].help_text = "Only Publishers may publish projects."

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than the limit of {number_format(settings.UPLOAD_MAX_BYTES)} bytes "
                "(DJANGO_UPLOAD_MAX_BYTES)."
            )
        return upload

    def clean_publish(self):
        publish = self.cleaned_data["publish"]
        if publish and not self.user.has_perm(Project.publish_permission()):
            raise forms.ValidationError("You may not publish projects.")
        return publish


@admin.register(Project)
class ProjectAdmin(SpreadsheetAdminMixin, PublishableAdmin):
    resource_classes = [ProjectResource]
    # django-import-export's buttons, and "Import IATI file" beside them.
    import_export_change_list_template = "admin/projects/project/change_list_import_export.html"
    list_display = ["title", "acronym", "kind", "reported_status", "period", "parent"]
    list_filter = ["status", "kind", "themes", "donors", "countries__region"]
    list_select_related = ["parent"]
    search_fields = ["title", "acronym", "iati_identifier", "summary"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent", "donors", "countries", "regions", "themes", "sdgs", "source"]
    inlines = [
        ParticipantInline,
        BudgetInline,
        PlannedDisbursementInline,
        TransactionInline,
        ResultInline,
        ChildProjectInline,
    ]
    fieldsets = [
        (None, {"fields": ["title", "acronym", "slug", "kind", "iati_identifier", "parent"]}),
        ("Description", {"fields": ["summary", "description"]}),
        (
            "Status and dates",
            {
                "fields": [
                    ("status", "status_as_of"),
                    ("start_date", "start_precision"),
                    ("end_date", "end_precision"),
                    "budget_usd",
                ]
            },
        ),
        ("Where and what", {"fields": ["donors", "countries", "regions", "themes", "sdgs"]}),
        PublishableAdmin.publishing_fieldset,
    ]

    @admin.display(description="period", ordering="start_date")
    def period(self, project):
        return project.period

    @admin.display(description="activity status", ordering="status")
    def reported_status(self, project):
        """The status and when it was reported, in one column (the list fits 1280 px)."""
        status = project.get_status_display()
        return f"{status}, {format_month(project.status_as_of)}" if project.status_as_of else status

    def get_urls(self):
        import_iati = path(
            "import-iati/",
            self.admin_site.admin_view(self.import_iati_view),
            name="projects_project_import_iati",
        )
        return [import_iati, *super().get_urls()]

    def import_iati_view(self, request):
        """Upload an IATI activities file; a background job imports it, and the user follows it."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = IatiImportForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            storage = ImportUploadStorage(read_mode="rb")
            with as_uploader(request.user.pk):
                storage.save(b"".join(upload.chunks()))
                claim = storage.hold()  # it may wait in the queue (kernel/uploads.py)
            job = ImportJob.objects.create(
                kind=ImportJob.Kind.IATI,
                user=request.user,
                records="projects",
                file_name=upload.name,
                upload=claim,
            )
            import_iati_file.enqueue(
                job_id=job.pk,
                upload=claim,
                strict=form.cleaned_data["strict"],
                publish=form.cleaned_data["publish"],
            )
            return HttpResponseRedirect(job.get_absolute_url())
        context = {
            **self.admin_site.each_context(request),
            "title": "Import IATI file",
            "form": form,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/projects/project/import_iati.html", context)


@admin.register(Participant)
class ParticipantAdmin(TranslatedAdmin, InlineRowHistoryAdmin):
    list_display = ["organisation", "role", "project", "amount_usd"]
    list_select_related = ["organisation", "project"]
    search_fields = ["organisation__name", "project__title"]
    autocomplete_fields = ["project", "organisation"]


class IndicatorInline(TranslatedInline, admin.StackedInline):
    model = Indicator
    extra = 0
    fields = ["position", "title", ("measure", "ascending", "unit"), ("baseline_year", "baseline_value")]
    show_change_link = True  # its periods, target against actual, are edited on its own page


@admin.register(Result)
class ResultAdmin(TranslatedAdmin, InlineRowHistoryAdmin):
    list_display = ["title", "project", "country", "year"]
    list_select_related = ["project", "country"]
    search_fields = ["title", "project__title"]
    autocomplete_fields = ["project", "country"]
    inlines = [IndicatorInline]


class IndicatorPeriodInline(admin.TabularInline):
    model = IndicatorPeriod
    extra = 1
    fields = ["period_start", "period_end", "target", "actual"]


@admin.register(Indicator)
class IndicatorAdmin(TranslatedAdmin, InlineRowHistoryAdmin):
    list_display = ["title", "result", "unit", "baseline_year", "baseline_value"]
    list_select_related = ["result"]
    search_fields = ["title", "result__title", "result__project__title"]
    autocomplete_fields = ["result"]
    inlines = [IndicatorPeriodInline]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(ScaledListAdmin):
    """Rates staff record from a stated source; amounts in the currency are converted again on save."""

    list_display = ["currency", "day", "usd_per_unit", "source"]
    list_filter = ["currency"]
    search_fields = ["currency", "source"]
    date_hierarchy = "day"

"""Reference taxonomy: loaded by migrations, so every database has it."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernel import l10n
from kernel.dates import Precision, format_date, validate_day
from kernel.taxonomy import documents
from kernel.translation import Translatable, localized, translations


class StrategicObjective(models.TextChoices):
    """The four strategic objectives of the Decent Work Agenda."""

    EMPLOYMENT = "employment", "Employment"
    SOCIAL_PROTECTION = "social-protection", "Social protection"
    SOCIAL_DIALOGUE = "social-dialogue", "Social dialogue and tripartism"
    RIGHTS = "rights", "Fundamental principles and rights at work"


class SlugNaturalKeyManager(models.Manager):
    """Lets fixtures refer to reference rows by slug rather than by database id."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Region(Translatable):
    """An ILO region (the ILO's own grouping, not the UN's)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100, unique=True)
    name_fr, name_es, name_ja = translations(name)
    iati_code = models.CharField(
        max_length=5, blank=True, help_text="IATI Region codelist (OECD DAC, vocabulary 1)."
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return localized(self, "name")

    def natural_key(self):
        return (self.slug,)


class CountryQuerySet(models.QuerySet):
    def reached_by(self, projects):
        """Countries where any of the given projects works."""
        working = projects.model.countries.through.objects.filter(project__in=projects)
        return self.filter(code__in=working.values("country_id"))


class Country(models.Model):
    """An ISO 3166-1 country or territory, keyed by its alpha-2 code, with its ILO region."""

    code = models.CharField("ISO alpha-2", max_length=2, primary_key=True)
    alpha3 = models.CharField("ISO alpha-3", max_length=3, unique=True)
    name = models.CharField(max_length=100, unique=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="countries",
        help_text="Empty only for uninhabited territories (Antarctica, Bouvet Island…).",
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("country", kwargs={"code": self.code})

    @property
    def label(self):
        """The name in the reader's language, from CLDR ("Népal", "ネパール"); `name` stays English,
        the ILO's spelling, and is what English pages show (`kernel.l10n.country_name`)."""
        return l10n.country_name(self.code, self.name)


class Theme(Translatable):
    """A technical theme of the ILO's work, under one Decent Work objective, mapped to a DAC sector."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120, unique=True)
    name_fr, name_es, name_ja = translations(name)
    strategic_objective = models.CharField(max_length=20, choices=StrategicObjective.choices)
    dac_sector = models.CharField(
        "DAC sector", max_length=5, help_text="OECD DAC 5-digit purpose code used in IATI exports."
    )
    description = models.TextField(blank=True)
    description_fr, description_es, description_ja = translations(description)

    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dac_sector__regex=r"^[0-9]{5}$"), name="theme_dac_sector_5_digits"
            ),
        ]

    def __str__(self):
        return localized(self, "name")

    def get_absolute_url(self):
        return reverse("projects:list") + f"?theme={self.slug}"

    def natural_key(self):
        return (self.slug,)


class SDG(Translatable):
    """One of the 17 Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(primary_key=True)
    name = models.CharField(max_length=200)
    name_fr, name_es, name_ja = translations(name)
    short_name = models.CharField(max_length=60)
    short_name_fr, short_name_es, short_name_ja = translations(short_name)

    class Meta:
        ordering = ["number"]
        verbose_name = "SDG"
        verbose_name_plural = "SDGs"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=17), name="sdg_number_1_to_17"
            ),
        ]

    def __str__(self):
        return gettext("SDG %(number)s: %(name)s") % {
            "number": self.number,
            "name": localized(self, "short_name"),
        }

    def get_absolute_url(self):
        return reverse("sdg", kwargs={"number": self.number})

    @property
    def un_url(self):
        """The goal's page at the United Nations (sdgs.un.org), where its targets and indicators are."""
        return f"https://sdgs.un.org/goals/goal{self.number}"


def language_choices():
    """ISO 639-1 languages (the codes IATI's Language codelist uses), by English name."""
    from django.conf.locale import LANG_INFO

    names = {code: info["name"] for code, info in LANG_INFO.items() if len(code) == 2 and "name" in info}
    return sorted(names.items(), key=lambda item: item[1])


class DocumentCategory(models.TextChoices):
    """IATI DocumentCategory codes for an activity's documents (the A series)."""

    APPRAISAL = "A01", "Pre- and post-project impact appraisal"
    OBJECTIVES = "A02", "Objectives / purpose of activity"
    BENEFICIARIES = "A03", "Intended ultimate beneficiaries"
    CONDITIONS = "A04", "Conditions"
    BUDGET = "A05", "Budget"
    SUMMARY = "A06", "Summary information about contract"
    REVIEW = "A07", "Review of project performance and evaluation"
    RESULTS = "A08", "Results, outcomes and outputs"
    MOU = "A09", "Memorandum of understanding"
    TENDER = "A10", "Tender"
    CONTRACT = "A11", "Contract"
    WEB_PAGE = "A12", "Activity web page"


class Source(Translatable):
    """A document records are taken from: a brochure, a news item, a report.

    A reader reaches it in one click from every record citing it (`get_absolute_url`, a public
    page listing what cites it) and from there the document itself: online at `url`, or as the
    uploaded PDF `file`, served only by the download view (`get_file_url`; kernel/taxonomy/documents.py
    says how the file is checked and kept).
    """

    class Kind(models.TextChoices):
        BROCHURE = "brochure", _("Brochure")
        NEWS = "news", _("News item")
        REPORT = "report", _("Report")
        WEBSITE = "website", _("Website")
        OTHER = "other", _("Other")

    # The IATI category a kind of document gets when the source names none.
    CATEGORY_FOR_KIND = {
        Kind.BROCHURE: DocumentCategory.OBJECTIVES,
        Kind.NEWS: DocumentCategory.WEB_PAGE,
        Kind.REPORT: DocumentCategory.REVIEW,
        Kind.WEBSITE: DocumentCategory.WEB_PAGE,
        Kind.OTHER: DocumentCategory.OBJECTIVES,
    }

    slug = models.SlugField(max_length=120, unique=True, help_text="The source's address on the site.")
    title = models.CharField(max_length=300)
    title_fr, title_es, title_ja = translations(title)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    publisher = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(
        "date", null=True, blank=True, validators=[validate_day], help_text="The document's date."
    )
    date_precision = models.CharField(
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text="How precisely the document gives its date (a brochure of May 2017: month).",
    )
    language = models.CharField(
        max_length=2, choices=language_choices, default="en", help_text="The language the document is in."
    )
    url = models.URLField(
        "URL", max_length=500, blank=True, help_text="Where the document can be read online."
    )
    file = models.FileField(
        "PDF file",
        storage=documents.source_storage,
        upload_to=documents.file_name,
        max_length=100,
        blank=True,
        validators=[documents.validate_pdf],
        help_text="The document as a PDF, checked by its content (at most DJANGO_SOURCE_FILE_MAX_BYTES). "
        "It is stored under a name the server chooses and offered as a download.",
    )
    file_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    iati_category = models.CharField(
        "IATI document category",
        max_length=3,
        choices=DocumentCategory.choices,
        blank=True,
        help_text="Empty: chosen from the kind (a brochure A02, a news item or website A12, a report A07).",
    )
    reference = models.CharField(
        max_length=200, blank=True, help_text="Where the original is kept (file name, archive number)."
    )

    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["-published_on", "title"]

    def __str__(self):
        return localized(self, "title")

    def save(self, *args, **kwargs):
        """Record the size of a new file, and remove a replaced or cleared file from the folder
        once the change is committed (a rolled-back change keeps it)."""
        if self.file and not self.file._committed:
            self.file_size = self.file.size
        elif not self.file:
            self.file_size = None
        previous = None
        if self.pk:
            previous = Source.objects.filter(pk=self.pk).values_list("file", flat=True).first()
        super().save(*args, **kwargs)
        if previous and previous != self.file.name:
            remove_file_on_commit(previous, kwargs.get("using"))

    def get_absolute_url(self):
        return reverse("source", args=[self.slug])

    def delete(self, *args, **kwargs):
        name = self.file.name
        result = super().delete(*args, **kwargs)
        if name:
            remove_file_on_commit(name, kwargs.get("using"))
        return result

    def clean(self):
        super().clean()
        if not (self.url or self.file or self.reference):
            raise ValidationError(
                "Give the document's URL, upload it as a PDF, or say where the original is kept "
                "(reference), so that a reader can check it."
            )

    def natural_key(self):
        return (self.slug,)

    def get_file_url(self):
        """The download address of the uploaded PDF, or "" when there is none."""
        return reverse("source_file", args=[self.slug]) if self.file else ""

    @property
    def date_display(self):
        """The document's date as precisely as it is known: "May 2017", "14 December 2022"."""
        return format_date(self.published_on, self.date_precision)

    @property
    def document_category(self):
        return self.iati_category or self.CATEGORY_FOR_KIND.get(self.kind, DocumentCategory.OBJECTIVES)

    @property
    def download_name(self):
        """The name the download is saved under: the source's slug, never the uploader's name."""
        return f"{self.slug}.pdf"

    @property
    def file_size_display(self):
        return documents.describe_size(self.file_size) if self.file and self.file_size else ""


def remove_file_on_commit(name, using=None):
    """Remove a source file that no source holds any more, once the change is committed."""
    transaction.on_commit(lambda: documents.source_storage().delete(name), using=using)

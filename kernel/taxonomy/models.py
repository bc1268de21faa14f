"""Reference taxonomy: loaded by migrations, so every database has it."""

from django.db import models
from django.urls import reverse

from kernel.dates import validate_day


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


class Region(models.Model):
    """An ILO region (the ILO's own grouping, not the UN's)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100, unique=True)
    iati_code = models.CharField(
        max_length=5, blank=True, help_text="IATI Region codelist (OECD DAC, vocabulary 1)."
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

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
        return self.name


class Theme(models.Model):
    """A technical theme of the ILO's work, under one Decent Work objective, mapped to a DAC sector."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120, unique=True)
    strategic_objective = models.CharField(max_length=20, choices=StrategicObjective.choices)
    dac_sector = models.CharField(
        "DAC sector", max_length=5, help_text="OECD DAC 5-digit purpose code used in IATI exports."
    )
    description = models.TextField(blank=True)

    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dac_sector__regex=r"^[0-9]{5}$"), name="theme_dac_sector_5_digits"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:list") + f"?theme={self.slug}"

    def natural_key(self):
        return (self.slug,)


class SDG(models.Model):
    """One of the 17 Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(primary_key=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60)

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
        return f"SDG {self.number}: {self.short_name}"


class Source(models.Model):
    """A document records are taken from: a brochure, a news item, a report."""

    class Kind(models.TextChoices):
        BROCHURE = "brochure", "Brochure"
        NEWS = "news", "News item"
        REPORT = "report", "Report"
        WEBSITE = "website", "Website"
        OTHER = "other", "Other"

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    publisher = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True, validators=[validate_day])
    url = models.URLField(blank=True)
    reference = models.CharField(
        max_length=200, blank=True, help_text="Where the original is kept (file name, archive number)."
    )

    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["-published_on", "title"]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

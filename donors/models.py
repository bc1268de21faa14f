"""Development partners (donors), what they contribute, and the organisations behind them."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kernel.constraints import ChecksInOneQuery
from kernel.dates import validate_day
from kernel.markdown import MarkdownField
from kernel.publishing import Publishable, PublishableQuerySet, Sourced
from kernel.quantities import Qualifier, format_figure, qualifier_field
from kernel.translation import Translatable, localized, translation_names, translations
from kernel.visibility import VisibleQuerySet

FIRST_YEAR = 1919  # The ILO was founded in 1919; no contribution or membership predates it.
LAST_YEAR = 2100


def year_field(verbose_name, **kwargs):
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        **kwargs,
    )


def money_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name, max_digits=16, decimal_places=2, validators=[MinValueValidator(0)], **kwargs
    )


class DonorQuerySet(PublishableQuerySet):
    def featured(self):
        return self.filter(featured=True)

    def with_activity_counts(self, projects, events):
        """Annotate `project_count` and `event_count`: how many of the given projects and events
        (the ones the reader may see) each donor funds or took part in."""

        def count(through, column, rows):
            # EXISTS per link row rather than `IN (rows)`, which SQLite first lists whole.
            matching = (
                through.objects.filter(donor=OuterRef("pk"))
                .filter(Exists(rows.filter(pk=OuterRef(column))))
                .order_by()
                .values("donor")
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(matching), 0)

        # One subquery each, not a join of both relations (which would multiply the rows).
        return self.annotate(
            project_count=count(projects.model.donors.through, "project", projects),
            event_count=count(events.model.donors.through, "event", events),
        )


class Donor(Publishable):
    """A development partner's profile: what it is, what it gives the ILO, what it funds."""

    class Kind(models.TextChoices):
        MEMBER_STATE = "member-state", _("Member State")
        MULTILATERAL = "multilateral", _("Multilateral")
        PRIVATE_SECTOR = "private-sector", _("Private sector")
        FOUNDATION = "foundation", _("Foundation")
        OTHER = "other", _("Other")

    class GoverningBodySeat(models.TextChoices):
        NONE = "", _("None")
        PERMANENT = "permanent", _("Permanent titular seat (State of Chief Industrial Importance)")
        TITULAR = "titular", _("Elected titular seat")
        DEPUTY = "deputy", _("Deputy seat")

    name = models.CharField(max_length=200)
    name_fr, name_es, name_ja = translations(name)
    short_name = models.CharField(max_length=60, blank=True, help_text='As used in text: "Japan".')
    short_name_fr, short_name_es, short_name_ja = translations(short_name)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    country = models.ForeignKey(
        "taxonomy.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="donors"
    )
    summary = models.TextField(blank=True, help_text="One or two sentences for lists and cards.")
    summary_fr, summary_es, summary_ja = translations(summary)
    profile = MarkdownField(blank=True, help_text="Markdown: the profile's main text.")
    profile_fr, profile_es, profile_ja = translations(profile)
    profile_as_of = models.DateField(
        null=True, blank=True, validators=[validate_day], help_text="The date the profile describes."
    )
    ilo_member_since = year_field("ILO member since", null=True, blank=True)
    founding_member = models.BooleanField("founding member of the ILO", default=False)
    conventions_fundamental = models.PositiveSmallIntegerField(null=True, blank=True)
    conventions_governance = models.PositiveSmallIntegerField(null=True, blank=True)
    conventions_technical = models.PositiveSmallIntegerField(null=True, blank=True)
    governing_body_seat = models.CharField(
        max_length=20, choices=GoverningBodySeat.choices, blank=True, default=GoverningBodySeat.NONE
    )
    governing_body_note = models.CharField(max_length=300, blank=True)
    governing_body_note_fr, governing_body_note_es, governing_body_note_ja = translations(governing_body_note)
    featured = models.BooleanField(default=False, help_text="Shown on the home page.")

    objects = DonorQuerySet.as_manager()
    # Searched through the database's full-text index (kernel.search; made by a migration).
    full_text_fields = (
        "name",
        "short_name",
        "summary",
        "profile",
        *translation_names("name", "short_name", "summary", "profile"),
    )
    history = HistoricalRecords()

    class Meta(Publishable.Meta):
        ordering = ["name"]
        permissions = [("publish_donor", "Can publish and unpublish donors")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(ilo_member_since__isnull=True) | Q(ilo_member_since__gte=FIRST_YEAR),
                name="donor_member_since_after_1919",
                violation_error_message="“ILO member since” cannot be before 1919, when the ILO was founded.",
            ),
            models.CheckConstraint(
                condition=~Q(founding_member=True) | Q(ilo_member_since=FIRST_YEAR),
                name="donor_founding_member_since_1919",
                violation_error_message="A founding member joined in 1919: “ILO member since” must be 1919.",
            ),
        ]

    def __str__(self):
        return localized(self, "name")

    @property
    def display_name(self):
        """The name as used in text ("Japan"), in the active language: the short name, else the name."""
        return localized(self, "short_name") if self.short_name else localized(self, "name")

    def get_absolute_url(self):
        return reverse("donors:detail", args=[self.slug])

    @property
    def conventions_ratified(self):
        """Total ratified conventions, when the parts are known."""
        parts = [self.conventions_fundamental, self.conventions_governance, self.conventions_technical]
        if all(part is None for part in parts):
            return None
        return sum(part or 0 for part in parts)


class PriorityArea(Translatable):
    """A priority area of the donor's own development cooperation ("Peace building")."""

    donor = models.ForeignKey(Donor, on_delete=models.CASCADE, related_name="priority_areas")
    name = models.CharField(max_length=200)
    name_fr, name_es, name_ja = translations(name)
    detail = models.CharField(max_length=300, blank=True)
    detail_fr, detail_es, detail_ja = translations(detail)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["donor", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["donor", "name"],
                name="priority_area_unique_per_donor",
                violation_error_message="The donor already has this priority area.",
            ),
        ]

    def __str__(self):
        name, detail = localized(self, "name"), localized(self, "detail")
        return f"{name}: {detail}" if detail else name


class OdaFigure(ChecksInOneQuery, models.Model):
    """Official development assistance the donor provided in a year (all recipients, not only the ILO)."""

    donor = models.ForeignKey(Donor, on_delete=models.CASCADE, related_name="oda_figures")
    year = year_field("year")
    amount_usd = money_field("amount (USD)")
    gni_percent = models.DecimalField(
        "share of gross national income (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    source = models.CharField(
        max_length=300, help_text='For example "OECD Development Co-operation Report 2017".'
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["donor", "-year"]
        verbose_name = "ODA figure"
        constraints = [
            models.UniqueConstraint(
                fields=["donor", "year"],
                name="oda_figure_one_per_year",
                violation_error_message="The donor already has an ODA figure for this year.",
            ),
            models.CheckConstraint(
                condition=Q(amount_usd__gte=0),
                name="oda_figure_amount_not_negative",
                violation_error_message="An amount cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(gni_percent__isnull=True) | Q(gni_percent__gte=0, gni_percent__lte=100),
                name="oda_figure_gni_percent_range",
                violation_error_message="A share of gross national income is between 0 and 100 %%.",
            ),
        ]

    def __str__(self):
        return f"{self.donor} ODA {self.year}"


class ContributionQuerySet(VisibleQuerySet):
    """Contributions are part of a donor's profile: the public sees them when it sees the donor
    (kernel.visibility: the donor is a required link)."""

    def published(self):
        return self.visible_to(None)

    def for_donor(self, donor):
        return self.filter(donor=donor)

    def covering(self, year):
        return self.filter(year_from__lte=year, year_to__gte=year)

    def totals(self):
        """The contributions added up per kind, period and qualifier (`ContributionTotal`), the one
        grouping every page, the fact sheet and the home page show: never a sum across them."""
        return contribution_totals(self.select_related(None).only(*TOTAL_FIELDS))


class Contribution(Sourced):
    """Money (or people) a donor gives the ILO over a year or a span of years."""

    class Kind(models.TextChoices):
        ASSESSED = "assessed", _("Assessed contribution")
        VOLUNTARY_EARMARKED = "voluntary-earmarked", _("Voluntary, earmarked")
        VOLUNTARY_CORE = "voluntary-core", _("Voluntary, core (RBSA)")
        IN_KIND = "in-kind", _("In kind")

    slug = models.SlugField(
        max_length=120, unique=True, blank=True, help_text="Made from donor, kind and years when left empty."
    )
    donor = models.ForeignKey(Donor, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    year_from = year_field("from (year)")
    year_to = year_field("to (year)")
    amount_usd = money_field(
        "amount (USD)", null=True, blank=True, help_text="Empty for in-kind support with no stated value."
    )
    amount_qualifier = qualifier_field()
    channel = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        help_text="The ministry, agency or fund the contribution comes through.",
    )
    description = models.TextField(blank=True)
    description_fr, description_es, description_ja = translations(description)
    rank = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text="2 for the second largest."
    )
    rank_note = models.CharField(
        max_length=200, blank=True, help_text='"second largest contributor to the regular budget"'
    )
    rank_note_fr, rank_note_es, rank_note_ja = translations(rank_note)

    objects = ContributionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["donor", "-year_to", "kind"]
        indexes = [models.Index(fields=["year_from", "year_to"], name="contribution_years")]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_to__gte=models.F("year_from")),
                name="contribution_years_in_order",
                violation_error_message="The last year cannot be before the first year.",
            ),
            models.CheckConstraint(
                condition=Q(amount_usd__isnull=True) | Q(amount_usd__gte=0),
                name="contribution_amount_not_negative",
                violation_error_message="An amount cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank__gte=1),
                name="contribution_rank_positive",
                violation_error_message="A rank starts at 1 (the largest).",
            ),
        ]

    def __str__(self):
        return f"{self.donor}: {self.get_kind_display()} {self.period}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("donors:detail", args=[self.donor.slug]) + f"#contribution-{self.slug}"

    def _unique_slug(self):
        years = str(self.year_from) if self.year_from == self.year_to else f"{self.year_from}-{self.year_to}"
        base = slugify(f"{self.donor.slug} {self.kind} {years}")[:110]
        slug, suffix = base, 2
        while Contribution.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug

    @property
    def amount(self):
        """ "more than 271,000,000" """
        return format_figure(self.amount_usd, self.amount_qualifier)

    @property
    def period(self):
        return format_period(self.year_from, self.year_to)


TOTAL_FIELDS = ("pk", "donor", "kind", "year_from", "year_to", "amount_usd", "amount_qualifier")
KIND_ORDER = list(Contribution.Kind.values)


def format_period(year_from, year_to):
    return str(year_from) if year_from == year_to else f"{year_from}–{year_to}"


@dataclass
class ContributionTotal:
    """Contributions of one kind, over one period, with one qualifier, added up: what a figure of
    "more than USD 271 million, assessed, 2012–2017" says. In-kind support without a stated value
    is counted (`unvalued`) but adds nothing to `amount_usd`."""

    kind: str
    year_from: int
    year_to: int
    qualifier: str
    amount_usd: Decimal | None = None
    count: int = 0
    unvalued: int = 0
    donors: int = 0

    # The kind as it reads after a figure: "more than USD 271 million, assessed, 2012–2017".
    KIND_WORDS = {
        Contribution.Kind.ASSESSED: pgettext_lazy("after a figure", "assessed"),
        Contribution.Kind.VOLUNTARY_EARMARKED: pgettext_lazy("after a figure", "voluntary, earmarked"),
        Contribution.Kind.VOLUNTARY_CORE: pgettext_lazy("after a figure", "voluntary, core (RBSA)"),
        Contribution.Kind.IN_KIND: pgettext_lazy("after a figure", "in kind"),
    }

    @property
    def kind_label(self):
        return Contribution.Kind(self.kind).label

    @property
    def kind_words(self):
        return self.KIND_WORDS.get(self.kind, self.kind_label.lower())

    @property
    def period(self):
        return format_period(self.year_from, self.year_to)

    @property
    def qualifier_words(self):
        return {Qualifier.MORE_THAN: "more than", Qualifier.ABOUT: "about"}.get(self.qualifier, "")


def contribution_totals(contributions):
    """`ContributionTotal`s of the given contributions (rows already fetched are not fetched again):
    one per kind, period (`year_from`–`year_to`) and amount qualifier, so that no sum mixes
    kinds, periods, or exact figures with lower bounds and estimates. The latest period first,
    then the kinds in their order (assessed, voluntary earmarked, core, in kind); support without
    a stated value last."""
    groups, donors = {}, {}
    for contribution in contributions:
        valued = contribution.amount_usd is not None
        key = (
            contribution.kind,
            contribution.year_from,
            contribution.year_to,
            contribution.amount_qualifier if valued else "",
        )
        total = groups.setdefault(key, ContributionTotal(*key))
        total.count += 1
        if valued:
            total.amount_usd = (total.amount_usd or Decimal(0)) + contribution.amount_usd
        else:
            total.unvalued += 1
        donors.setdefault(key, set()).add(contribution.donor_id)
    for key, total in groups.items():
        total.donors = len(donors[key])
    return sorted(
        groups.values(),
        key=lambda total: (
            total.amount_usd is None,
            -total.year_to,
            -total.year_from,
            KIND_ORDER.index(total.kind) if total.kind in KIND_ORDER else len(KIND_ORDER),
            total.qualifier,
        ),
    )


def partners_of(donor, organisations, projects):
    """The organisations (of those given) working with a donor: counted under it, taking part in its
    projects (of those given, so that a draft project reveals nothing), or channelling its
    contributions."""
    taking_part = projects.for_donor(donor).values("participants__organisation_id")
    channelling = Contribution.objects.filter(donor=donor).values("channel_id")
    return organisations.filter(Q(donor=donor) | Q(pk__in=taking_part) | Q(pk__in=channelling))

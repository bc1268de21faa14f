"""Development cooperation projects, the organisations taking part in them, and their results."""

import contextlib
import contextvars
import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from donors.models import Donor, money_field
from kernel import visibility
from kernel.constraints import ChecksInOneQuery
from kernel.dates import Precision, format_month, format_span, is_recent, recent_since, validate_day
from kernel.hierarchy import check_parent
from kernel.l10n import format_date, format_number, format_percent, format_quantity, format_usd
from kernel.markdown import MarkdownField
from kernel.money import USD, currency_code, currency_field, format_amount, to_usd
from kernel.publishing import Publishable, PublishableQuerySet
from kernel.quantities import qualifier_field
from kernel.translation import Translatable, localized, translation_names, translations, with_translations
from kernel.visibility import VisibleQuerySet

PUBLISHING = ("publication_status", "published_at")


class ProjectQuerySet(PublishableQuerySet):
    def ongoing(self):
        """Projects whose last reported status is "implementation", however long ago it was reported."""
        return self.filter(status=Project.Status.IMPLEMENTATION)

    def reported_recently(self, today=None):
        """Projects whose status was reported within `kernel.dates.RECENT_DAYS`: it reads as current."""
        return self.filter(status_as_of__gte=recent_since(today))

    def reported_earlier(self, today=None):
        """Projects whose status was reported longer ago: a page says when ("as reported in May 2017")."""
        return self.exclude(status_as_of__gte=recent_since(today))

    def reporting(self, today=None, slices=None):
        """In one query: how many of these projects were reported recently (`current`) and how many
        earlier (`earlier`), with the first and last day of the earlier reports. With `slices`
        (kernel.versioning.Slices), {slice number: that} (`merged_reporting` adds them up)."""
        recent = Q(status_as_of__gte=recent_since(today))
        figures = {
            "current": models.Count("pk", filter=recent),
            "earlier": models.Count("pk", filter=~recent | Q(status_as_of__isnull=True)),
            "first": models.Min("status_as_of", filter=~recent),
            "last": models.Max("status_as_of", filter=~recent),
        }
        if not slices:
            return self.aggregate(**figures)
        rows = slices.within(self).values(slice=slices.of()).annotate(**figures).order_by()
        return {row.pop("slice"): row for row in rows}

    def latest_reported_first(self):
        """The most recently reported status first, then the latest start."""
        return self.order_by(
            models.F("status_as_of").desc(nulls_last=True),
            models.F("start_date").desc(nulls_last=True),
            "title",
        )

    def active_in(self, year):
        """Projects running at any time during the year (open-ended ones count as running)."""
        return self.filter(
            Q(start_date__lte=datetime.date(year, 12, 31)) | Q(start_date__isnull=True),
            Q(end_date__gte=datetime.date(year, 1, 1)) | Q(end_date__isnull=True),
        ).exclude(start_date__isnull=True, end_date__isnull=True)

    def for_country(self, *codes):
        matching = Project.countries.through.objects.filter(country__in=[code.upper() for code in codes])
        return self.filter(pk__in=matching.values("project_id"))

    def for_sdg(self, number):
        matching = Project.sdgs.through.objects.filter(sdg=number)
        return self.filter(pk__in=matching.values("project_id"))

    def in_regions(self, regions):
        """Projects in any of the regions, directly or through one of their countries."""
        matching = Q(regions__in=regions) | Q(countries__region__in=regions)
        return self.filter(pk__in=Project.objects.filter(matching).values("pk"))

    def for_donor(self, donor):
        return self.filter(pk__in=Project.donors.through.objects.filter(donor=donor).values("project_id"))

    def newest_first(self):
        """Latest start first; projects whose start the source does not give come last."""
        return self.order_by(models.F("start_date").desc(nulls_last=True), "title")

    def for_listing(self, user=None, *, parents=True):
        """What a project card shows, fetched in a fixed number of queries: its countries, and the
        parent and donors `user` may see (the public's, unless a user is given). `parents=False`
        where the cards do not show the parent (under a fund, on a donor's profile)."""
        queryset = self.prefetch_related(
            "countries",
            visibility.prefetch(
                "donors",
                Donor.objects.only("slug", *PUBLISHING, *with_translations("name")),
                user,
            ),
        )
        if parents:
            parent = Project.objects.only("slug", *PUBLISHING, *with_translations("title"))
            queryset = queryset.prefetch_related(visibility.prefetch("parent", parent, user))
        return queryset

    def grouped_by_parent(self):
        """The projects as [(project, [its children among them]), ...]: a fund or programme heads
        its own projects; a project whose parent is not among them stands on its own.

        One level deep, and each project appears once: a project whose parent is itself under
        another of them stands on its own too (as do projects whose parents make a loop)."""
        projects = list(self)
        present = {project.pk for project in projects}
        heads = {project.pk for project in projects if project.parent_id not in present}
        children = {}
        for project in projects:
            if project.parent_id in heads:
                children.setdefault(project.parent_id, []).append(project)
        return [
            (project, children.get(project.pk, [])) for project in projects if project.parent_id not in heads
        ]


class Project(Publishable):
    """A development cooperation project, programme or fund."""

    class Status(models.TextChoices):
        """IATI ActivityStatus codelist."""

        PIPELINE = "1", "Pipeline/identification"
        IMPLEMENTATION = "2", "Implementation"
        FINALISATION = "3", "Finalisation"
        CLOSED = "4", "Closed"
        CANCELLED = "5", "Cancelled"
        SUSPENDED = "6", "Suspended"

    # What a visitor reads: the IATI codelist's words ("Implementation", "Finalisation") stay in the
    # admin, the API and the IATI files, where data users expect them.
    PLAIN_STATUS = {
        Status.PIPELINE: pgettext_lazy("project status", "Planned"),
        Status.IMPLEMENTATION: pgettext_lazy("project status", "Ongoing"),
        Status.FINALISATION: pgettext_lazy("project status", "Finishing"),
        Status.CLOSED: pgettext_lazy("project status", "Finished"),
        Status.CANCELLED: pgettext_lazy("project status", "Cancelled"),
        Status.SUSPENDED: pgettext_lazy("project status", "Suspended"),
    }
    PLAIN_STATUS_CHOICES = [*PLAIN_STATUS.items()]
    STATUS_PLAIN = PLAIN_STATUS  # read by the spreadsheet import (kernel/resources.py)
    # A status that does not change once reached: no "it may have changed since" beside it.
    FINAL_STATUSES = (Status.CLOSED, Status.CANCELLED)

    class Kind(models.TextChoices):
        PROJECT = "project", _("Project")
        PROGRAMME = "programme", _("Programme")
        FUND = "fund", _("Fund")

    iati_identifier = models.CharField(
        "IATI identifier",
        max_length=150,
        blank=True,
        help_text=f"Starts with the reporting organisation's identifier, {settings.ILO_IATI_IDENTIFIER}.",
    )
    title = models.CharField(max_length=300)
    title_fr, title_es, title_ja = translations(title)
    acronym = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PROJECT)
    summary = models.TextField(blank=True, help_text="One or two sentences for lists and cards.")
    summary_fr, summary_es, summary_ja = translations(summary)
    description = MarkdownField(blank=True, help_text="Markdown.")
    description_fr, description_es, description_ja = translations(description)
    status = models.CharField(
        "activity status", max_length=1, choices=Status.choices, default=Status.IMPLEMENTATION, db_index=True
    )
    status_as_of = models.DateField(
        "status reported on",
        null=True,
        blank=True,
        db_index=True,
        validators=[validate_day],
        help_text="The date the status was last reported (a source's date, or the day it was confirmed). "
        "Today when left empty, and when the status is changed without changing this date.",
    )
    start_date = models.DateField(null=True, blank=True, db_index=True, validators=[validate_day])
    # A precision says how much of its date the source gives; without the date there is none (null).
    start_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY, null=True, blank=True
    )
    end_date = models.DateField(null=True, blank=True, db_index=True, validators=[validate_day])
    end_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY, null=True, blank=True
    )
    budget_usd = money_field("budget (USD)", null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The fund or programme this project belongs to.",
    )
    donors = models.ManyToManyField(
        "donors.Donor", blank=True, related_name="projects", help_text="The donor profiles it counts under."
    )
    countries = models.ManyToManyField("taxonomy.Country", blank=True, related_name="projects")
    regions = models.ManyToManyField(
        "taxonomy.Region",
        blank=True,
        related_name="projects",
        help_text="For regional or multi-country work.",
    )
    themes = models.ManyToManyField("taxonomy.Theme", blank=True, related_name="projects")
    sdgs = models.ManyToManyField("taxonomy.SDG", blank=True, related_name="projects", verbose_name="SDGs")
    organisations = models.ManyToManyField(
        "organisations.Organisation", through="Participant", blank=True, related_name="projects"
    )

    objects = ProjectQuerySet.as_manager()
    # Searched through the database's full-text index (kernel.search; made by a migration).
    full_text_fields = (
        "title",
        "acronym",
        "summary",
        "description",
        "iati_identifier",
        *translation_names("title", "summary", "description"),
    )
    # The relations an editor sets on the project's own form are part of each version, so a revert or
    # an undelete brings them back; participants and results have their own history.
    history = HistoricalRecords(m2m_fields=["donors", "countries", "regions", "themes", "sdgs"])

    class Meta(Publishable.Meta):
        ordering = ["-start_date", "title"]
        permissions = [("publish_project", "Can publish and unpublish projects")]
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~Q(iati_identifier=""),
                name="project_unique_iati_identifier",
                violation_error_message="Another project already has this IATI identifier.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
                violation_error_message="The end date cannot be before the start date.",
            ),
            models.CheckConstraint(
                condition=Q(budget_usd__isnull=True) | Q(budget_usd__gte=0),
                name="project_budget_not_negative",
                violation_error_message="A budget cannot be negative.",
            ),
        ]

    def __str__(self):
        title = localized(self, "title")
        return f"{title} ({self.acronym})" if self.acronym else title

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.slug])

    @classmethod
    def from_db(cls, db, field_names, values):
        project = super().from_db(db, field_names, values)
        # The status as loaded, to tell whether an edit changed it (`stamp_status_date`).
        fields = project.__dict__
        project._reported = (fields.get("status"), fields.get("status_as_of"))
        return project

    def save(self, *args, **kwargs):
        self.stamp_status_date()
        self.match_precisions()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            dates = {f"{end}_precision" for end in ("start", "end") if f"{end}_date" in update_fields}
            kwargs["update_fields"] = {*update_fields, *dates}
        super().save(*args, **kwargs)
        self._reported = (self.status, self.status_as_of)

    def clean(self):
        self.match_precisions()
        super().clean()
        check_parent(self)
        if self.status_as_of and self.status_as_of > timezone.localdate():
            raise ValidationError(
                {"status_as_of": "A status cannot be reported for a day that has not come."}
            )
        self.stamp_status_date()

    def stamp_status_date(self):
        """A status is true as of a day: today when none is given, and when the status changes
        while its date does not (an editor confirming a new status reports it today)."""
        loaded_status, loaded_day = getattr(self, "_reported", (None, None))
        changed = (
            loaded_status is not None and self.status != loaded_status and self.status_as_of == loaded_day
        )
        if self.status_as_of is None or changed:
            self.status_as_of = timezone.localdate()

    @property
    def status_label(self):
        """The status in a visitor's words: "Ongoing", "Finished"."""
        return self.PLAIN_STATUS.get(self.status, self.get_status_display())

    @property
    def status_is_current(self):
        """Whether the status was reported recently enough to read as today's."""
        return is_recent(self.status_as_of)

    @property
    def status_may_have_changed(self):
        """Reported long ago, and not a final status (finished or cancelled)."""
        if self.status_as_of is None or self.status_is_current:
            return False
        return self.status not in self.FINAL_STATUSES

    @property
    def status_reported(self):
        """ "May 2017": the month the status was reported in."""
        return format_month(self.status_as_of)

    @property
    def status_statement(self):
        """The status as a page states it: "Ongoing", or "Ongoing, as reported in May 2017" when it
        was reported long enough ago that it may have changed since."""
        if self.status_as_of is None or self.status_is_current:
            return self.status_label
        return gettext("%(status)s, as reported in %(month)s") % {
            "status": self.status_label,
            "month": self.status_reported,
        }

    def match_precisions(self):
        """Each precision goes with its date: null without the date, a day when a date is given
        without one."""
        for end in ("start", "end"):
            if getattr(self, f"{end}_date") is None:
                setattr(self, f"{end}_precision", None)
            elif not getattr(self, f"{end}_precision"):
                setattr(self, f"{end}_precision", Precision.DAY)

    @property
    def period(self):
        return format_span(self.start_date, self.start_precision, self.end_date, self.end_precision)

    @property
    def iati_id(self):
        """The IATI identifier the project is published under: the stored one, or the ILO's
        organisation identifier followed by the slug."""
        return self.iati_identifier or f"{settings.ILO_IATI_IDENTIFIER}-{self.slug}"


class Participant(Translatable):
    """An organisation taking part in a project, in one of the IATI roles."""

    class Role(models.TextChoices):
        """IATI OrganisationRole codelist."""

        FUNDING = "1", _("Funding")
        ACCOUNTABLE = "2", _("Accountable")
        EXTENDING = "3", _("Extending")
        IMPLEMENTING = "4", _("Implementing")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(max_length=1, choices=Role.choices)
    amount_usd = money_field("amount (USD)", null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    note_fr, note_es, note_ja = translations(note)
    position = models.PositiveSmallIntegerField(default=0)

    # Seen with its project and its organisation, both (kernel.visibility).
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "role", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"],
                name="participant_unique_role",
                violation_error_message="This organisation already has this role in the project.",
            ),
            models.CheckConstraint(
                condition=Q(amount_usd__isnull=True) | Q(amount_usd__gte=0),
                name="participant_amount_not_negative",
                violation_error_message="An amount cannot be negative.",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class Result(Translatable):
    """A countable outcome of a project: "2,827 micro entrepreneurs registered" (Nepal)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="results")
    title = models.CharField(max_length=300, help_text="The outcome, in a sentence.")
    title_fr, title_es, title_ja = translations(title)
    value = models.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    qualifier = qualifier_field()
    unit = models.CharField(max_length=120, blank=True, help_text='What is counted: "micro entrepreneurs".')
    unit_fr, unit_es, unit_ja = translations(unit)
    country = models.ForeignKey(
        "taxonomy.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="results"
    )
    place = models.CharField(
        max_length=120, blank=True, help_text="A city or district, where the source names one."
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    source_note = models.TextField(blank=True)
    source_note_fr, source_note_es, source_note_ja = translations(source_note)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="result_value_not_negative",
                violation_error_message="A result cannot be negative.",
            ),
        ]

    def __str__(self):
        return localized(self, "title")

    @property
    def figure(self):
        """The value as a reader says it: "more than 2,827"."""
        return format_quantity(self.value, self.qualifier)


# Money over time, in IATI's terms ------------------------------------------------------------


class ExchangeRate(ChecksInOneQuery, models.Model):
    """What one unit of a currency was worth in US dollars from a day on, as staff recorded it from a
    stated source (never fetched): amounts in that currency valued on or after the day, and before the
    currency's next rate, are shown in dollars at it, with the rate and its day."""

    currency = currency_field()
    day = models.DateField("from", validators=[validate_day])
    usd_per_unit = models.DecimalField(
        "US dollars per unit",
        max_digits=18,
        decimal_places=8,
        validators=[MinValueValidator(Decimal("0.00000001"))],
        help_text="1.0850 for a euro worth USD 1.085.",
    )
    source = models.CharField(max_length=200, help_text='For example "UN operational rates of exchange".')

    history = HistoricalRecords()

    class Meta:
        ordering = ["currency", "-day"]
        constraints = [
            currency_code("exchange_rate_currency_code"),
            models.UniqueConstraint(
                fields=["currency", "day"],
                name="exchange_rate_one_per_day",
                violation_error_message="This currency already has a rate from this day.",
            ),
            models.CheckConstraint(
                condition=Q(usd_per_unit__gt=0),
                name="exchange_rate_positive",
                violation_error_message="A rate must be more than zero.",
            ),
            models.CheckConstraint(
                condition=~Q(currency=USD),
                name="exchange_rate_not_usd",
                violation_error_message="US dollars need no rate.",
            ),
        ]

    def __str__(self):
        return f"1 {self.currency} = {self.usd_per_unit.normalize():f} USD from {self.day.isoformat()}"

    @property
    def statement(self):
        """ "at USD 1.085 per EUR (rate of 1 January 2024, UN operational rates of exchange)" """
        return gettext("at %(rate)s USD per %(currency)s (rate from %(day)s, %(source)s)") % {
            "rate": format_number(self.usd_per_unit.normalize(), places=8),
            "currency": self.currency,
            "day": format_date(self.day),
            "source": self.source,
        }


class AmountQuerySet(VisibleQuerySet):
    """Amounts are parts of a project: the public sees them when it sees the project."""

    def in_usd(self):
        """Those whose value is known in dollars (their own currency, or one a rate covers)."""
        return self.filter(value_usd__isnull=False)


class Amount(ChecksInOneQuery, models.Model):
    """A value in its currency, counted on a day (IATI's `value/@value-date`), and in US dollars at the
    rate recorded for that currency and day (`value_usd`, empty when no rate covers it)."""

    value = money_field("value")
    currency = currency_field()
    value_date = models.DateField(
        "value date",
        null=True,
        blank=True,
        validators=[validate_day],
        help_text="The day the value is counted on for conversion: the period's start or the "
        "transaction's day when left empty.",
    )
    rate = models.ForeignKey(
        ExchangeRate, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    value_usd = models.DecimalField(
        "value (USD)", max_digits=20, decimal_places=2, null=True, blank=True, editable=False
    )

    objects = AmountQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.prepare_save()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "value_date", "rate", "value_usd"}
        super().save(*args, **kwargs)

    def prepare_save(self):
        """What a save does to the row before it is written (`kernel.services` also calls it before
        writing many new rows in one statement): its value date, and its value in dollars."""
        if self.value_date is None:
            self.value_date = self.counted_on()
        self.convert()

    def counted_on(self):
        """The day a value without a value date is counted on."""
        raise NotImplementedError

    def convert(self, rates=None):
        """Set `rate` and `value_usd` from the recorded rates (`rates`: {currency: [rate, ...] latest
        first}, to convert many rows with one query)."""
        if self.value is None:
            self.rate, self.value_usd = None, None
        elif self.currency == USD:
            self.rate, self.value_usd = None, self.value
        else:
            day = self.value_date or self.counted_on()
            if rates is None:
                rates = _known_rates.get()
            if rates is None or self.currency not in rates:
                rate = (
                    ExchangeRate.objects.filter(currency=self.currency, day__lte=day).order_by("-day").first()
                )
            else:
                rate = next((each for each in rates.get(self.currency, ()) if each.day <= day), None)
            self.rate = rate
            self.value_usd = to_usd(self.value, rate.usd_per_unit) if rate else None

    @property
    def amount(self):
        """ "€1,000,000" """
        return format_amount(self.value, self.currency)

    @property
    def amount_usd(self):
        """ "USD 1.09 million": the value in dollars, or "" when it has none."""
        return format_usd(self.value_usd)


_known_rates = contextvars.ContextVar("known_rates", default=None)


@contextlib.contextmanager
def rates_known(currencies):
    """Inside the block, an amount saved in one of `currencies` is converted with their rates as
    read here, once, not with a query of its own: for a writer of many amounts (an import) that
    writes no rate meanwhile."""
    rates = {currency: [] for currency in currencies if currency != USD}
    for rate in ExchangeRate.objects.filter(currency__in=list(rates)).order_by("currency", "-day"):
        rates[rate.currency].append(rate)
    token = _known_rates.set(rates)
    try:
        yield rates
    finally:
        _known_rates.reset(token)


def amount_models():
    return [Budget, PlannedDisbursement, Transaction]


def reconvert(currency):
    """Convert again every amount in `currency` (a rate for it was added, changed or removed)."""
    rates = {currency: list(ExchangeRate.objects.filter(currency=currency).order_by("-day"))}
    for model in amount_models():
        changed = []
        for row in model.objects.filter(currency=currency).iterator():
            before = (row.rate_id, row.value_usd)
            row.convert(rates)
            if (row.rate_id, row.value_usd) != before:
                changed.append(row)
        model.objects.bulk_update(changed, ["rate", "value_usd"], batch_size=500)


@receiver(post_save, sender=ExchangeRate)
@receiver(post_delete, sender=ExchangeRate)
def rate_changed(sender, instance, **kwargs):
    """A rate added, changed or removed: the amounts in its currency, and any still converted at it
    under another currency (its currency was corrected), are converted again."""
    currencies = {instance.currency}
    for model in amount_models():
        currencies.update(
            model.objects.filter(rate_id=instance.pk).values_list("currency", flat=True).distinct()
        )
    for currency in sorted(currencies):
        reconvert(currency)


class BudgetType(models.TextChoices):
    """IATI BudgetType codelist (also for planned disbursements)."""

    ORIGINAL = "1", _("Original")
    REVISED = "2", _("Revised")


class Period(ChecksInOneQuery, models.Model):
    """A span of days a figure covers (IATI's `period-start`, `period-end`)."""

    period_start = models.DateField("period start", validators=[validate_day])
    period_end = models.DateField("period end", validators=[validate_day])

    class Meta:
        abstract = True

    @property
    def period(self):
        return format_span(self.period_start, Precision.DAY, self.period_end, Precision.DAY)


def period_in_order(name):
    return models.CheckConstraint(
        condition=Q(period_end__gte=models.F("period_start")),
        name=name,
        violation_error_message="The period cannot end before it starts.",
    )


class Budget(Period, Amount):
    """The money a project plans to spend over a period (IATI `budget`), original or revised."""

    class Status(models.TextChoices):
        """IATI BudgetStatus codelist."""

        INDICATIVE = "1", _("Indicative")
        COMMITTED = "2", _("Committed")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budgets")
    kind = models.CharField("type", max_length=1, choices=BudgetType.choices, default=BudgetType.ORIGINAL)
    status = models.CharField(max_length=1, choices=Status.choices, default=Status.INDICATIVE)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "period_start", "kind", "pk"]
        indexes = [models.Index(fields=["period_start"], name="budget_period_start")]  # by day, as listed
        constraints = [
            period_in_order("budget_period_in_order"),
            currency_code("budget_currency_code"),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="budget_not_negative",
                violation_error_message="A budget cannot be negative.",
            ),
            models.UniqueConstraint(
                fields=["project", "kind", "period_start"],
                name="budget_one_per_period",
                violation_error_message="The project already has a budget of this type starting on this day.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} budget {self.period_start}–{self.period_end}"

    def counted_on(self):
        return self.period_start


class PlannedDisbursement(Period, Amount):
    """Money a provider plans to pay over a period (IATI `planned-disbursement`)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="planned_disbursements")
    kind = models.CharField("type", max_length=1, choices=BudgetType.choices, default=BudgetType.ORIGINAL)
    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    receiver = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "period_start", "kind", "pk"]
        constraints = [
            period_in_order("planned_disbursement_period_in_order"),
            currency_code("planned_disbursement_currency_code"),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="planned_disbursement_not_negative",
                violation_error_message="A planned disbursement cannot be negative.",
            ),
        ]

    def __str__(self):
        return f"Planned disbursement {self.period_start}–{self.period_end}"

    def counted_on(self):
        return self.period_start


class Transaction(Amount, Translatable):
    """Money committed, paid or spent on a day (IATI `transaction`)."""

    class Kind(models.TextChoices):
        """IATI TransactionType codelist: the types a project of the ILO's reports."""

        INCOMING_FUNDS = "1", _("Incoming funds")
        COMMITMENT = "2", _("Outgoing commitment")
        DISBURSEMENT = "3", _("Disbursement")
        EXPENDITURE = "4", _("Expenditure")
        INCOMING_COMMITMENT = "11", _("Incoming commitment")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transactions")
    kind = models.CharField("type", max_length=2, choices=Kind.choices)
    date = models.DateField("transaction date", validators=[validate_day])
    provider = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="provided_transactions",
        help_text="The organisation the money comes from, when it is recorded here.",
    )
    provider_name = models.CharField(
        max_length=200, blank=True, help_text="The provider's name when it is not a recorded organisation."
    )
    receiver = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_transactions",
        help_text="The organisation the money goes to, when it is recorded here.",
    )
    receiver_name = models.CharField(
        max_length=200, blank=True, help_text="The receiver's name when it is not a recorded organisation."
    )
    reference = models.CharField(max_length=100, blank=True)
    description = models.CharField(max_length=300, blank=True)
    description_fr, description_es, description_ja = translations(description)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "date", "pk"]
        # The lists of transactions sort by day, with or without a type (api: /transactions/).
        indexes = [
            models.Index(fields=["kind", "date"], name="transaction_kind_date"),
            models.Index(fields=["date"], name="transaction_date"),
        ]
        constraints = [
            currency_code("transaction_currency_code"),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="transaction_not_negative",
                violation_error_message="A transaction cannot be negative.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date}"

    def counted_on(self):
        return self.date

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": "A transaction cannot be dated on a day that has not come."})


# Results against targets ---------------------------------------------------------------------


class Indicator(Translatable):
    """How a result is measured (IATI `result/indicator`): a unit, a baseline, and periods with a
    target and the value reached."""

    class Measure(models.TextChoices):
        """IATI IndicatorMeasure codelist: the measures with numbers."""

        UNIT = "1", _("Unit")
        PERCENTAGE = "2", _("Percentage")

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="indicators")
    title = models.CharField(max_length=300)
    title_fr, title_es, title_ja = translations(title)
    measure = models.CharField(max_length=1, choices=Measure.choices, default=Measure.UNIT)
    ascending = models.BooleanField(default=True, help_text="Whether more is better.")
    unit = models.CharField(max_length=120, blank=True, help_text='What is counted: "workers trained".')
    unit_fr, unit_es, unit_ja = translations(unit)
    baseline_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    baseline_value = models.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["result", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | Q(baseline_value__gte=0),
                name="indicator_baseline_not_negative",
                violation_error_message="A baseline cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | Q(baseline_year__isnull=False),
                name="indicator_baseline_has_year",
                violation_error_message="A baseline value needs the year it was measured in.",
            ),
            models.CheckConstraint(
                condition=Q(measure="1") | Q(baseline_value__isnull=True) | Q(baseline_value__lte=100),
                name="indicator_percentage_at_most_100",
                violation_error_message="A percentage baseline cannot be more than 100.",
            ),
        ]

    def __str__(self):
        return localized(self, "title")

    def figure(self, value):
        """A value of this indicator as a reader says it: "2,827" or "45 %"."""
        if value is None:
            return ""
        if self.measure == self.Measure.PERCENTAGE:
            return format_percent(value / 100)
        return format_quantity(value)

    @property
    def baseline(self):
        return self.figure(self.baseline_value)


class IndicatorPeriod(Period):
    """What an indicator aimed at and reached over a period (IATI `indicator/period`)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="periods")
    target = models.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    actual = models.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_start", "pk"]
        constraints = [
            period_in_order("indicator_period_in_order"),
            models.CheckConstraint(
                condition=(Q(target__isnull=True) | Q(target__gte=0))
                & (Q(actual__isnull=True) | Q(actual__gte=0)),
                name="indicator_period_not_negative",
                violation_error_message="A target or an actual value cannot be negative.",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_start"],
                name="indicator_period_one_per_start",
                violation_error_message="The indicator already has a period starting on this day.",
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.period_start}–{self.period_end}"

    def written_project(self):
        """The project above the period when the write path holds it in memory with the indicator and
        its result (the rows it is writing, the project among them), else None: asked of the database."""
        indicator_field = type(self)._meta.get_field("indicator")
        if not indicator_field.is_cached(self) or self.indicator.pk != self.indicator_id:
            return None
        indicator = self.indicator
        if not Indicator._meta.get_field("result").is_cached(indicator):
            return None
        result = indicator.result
        if result is None or not Result._meta.get_field("project").is_cached(result):
            return None
        project = result.project
        return project if project is not None and project.pk == result.project_id else None

    def clean(self):
        super().clean()
        if self.indicator_id is None or not (self.period_start and self.period_end):
            return
        project = self.written_project()
        if project is None:
            project = Project.objects.filter(results__indicators=self.indicator_id).only(
                "start_date", "start_precision", "end_date", "end_precision"
            )[0]
        outside = (project.start_date and self.period_start < project.start_date) or (
            project.end_date and self.period_end > project.end_date
        )
        if outside:
            raise ValidationError(
                gettext("An indicator period must lie within the project (%(period)s).")
                % {"period": project.period}
            )

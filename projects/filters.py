"""The project FilterSet (one definition for the public list page and the API list), and the
FilterSets of the API's lists of money: transactions, budgets and exchange rates."""

import datetime

import django_filters
from django.utils.translation import gettext_lazy as _

from donors.filters import published_donors
from kernel.filters import (
    RECORD_TIME_LABELS,
    RECORD_TIMES,
    CodeMultipleChoiceFilter,
    FacetedFilterSet,
    ModelMultipleChoiceFilter,
    SearchFilter,
    SlugMultipleChoiceFilter,
    SortFilter,
    YearFilter,
)
from kernel.money import CURRENCIES
from kernel.taxonomy.models import SDG, Country, Region, Theme
from kernel.visibility import visible
from organisations.filters import published_organisations
from projects.models import Budget, BudgetType, ExchangeRate, Project, Transaction


class ProjectFilter(FacetedFilterSet):
    q = SearchFilter()  # the full-text index of the model's `full_text_fields`
    donor = SlugMultipleChoiceFilter(field_name="donors", queryset=published_donors, label=_("Donor"))
    # The projects an organisation takes part in (its page's map links to them, country by country).
    organisation = SlugMultipleChoiceFilter(
        field_name="organisations", queryset=published_organisations, label=_("Organisation")
    )
    country = CodeMultipleChoiceFilter(
        field_name="countries", to_field_name="code", queryset=Country.objects.all(), label=_("Country")
    )
    region = SlugMultipleChoiceFilter(
        queryset=Region.objects.all(), method="filter_region", label=_("Region")
    )
    theme = SlugMultipleChoiceFilter(field_name="themes", queryset=Theme.objects.all(), label=_("Theme"))
    sdg = ModelMultipleChoiceFilter(field_name="sdgs", queryset=SDG.objects.all(), label=_("SDG"))
    # The IATI codes ("2") in the query string and the API; the words a visitor reads ("Ongoing").
    status = django_filters.MultipleChoiceFilter(choices=Project.PLAIN_STATUS_CHOICES, label=_("Status"))
    year = YearFilter(method="filter_year", label=_("Active in year"))
    sort = SortFilter(
        fields=(
            ("start_date", "start"),
            ("end_date", "end"),
            ("title", "title"),
            ("budget_usd", "budget"),
            *RECORD_TIMES,
        ),
        field_labels={
            "start": _("Start date (oldest first)"),
            "-start": _("Start date (newest first)"),
            "end": _("End date (earliest first)"),
            "-end": _("End date (latest first)"),
            "title": _("Title (A–Z)"),
            "-title": _("Title (Z–A)"),
            "budget": _("Budget (smallest first)"),
            "-budget": _("Budget (largest first)"),
            **RECORD_TIME_LABELS,
        },
        label=_("Sort by"),
    )

    facets = {
        "donor": "donors__slug",
        "country": "countries__code",
        "region": ("regions__slug", "countries__region__slug"),
        "theme": "themes__slug",
        "sdg": "sdgs__number",
        "status": "status",
    }

    class Meta:
        model = Project
        fields = ["q", "donor", "organisation", "country", "region", "theme", "sdg", "status", "year"]

    def filter_region(self, queryset, name, regions):
        if not regions:
            return queryset
        return queryset.in_regions(regions)

    def filter_year(self, queryset, name, year):
        return queryset.active_in(year)


def visible_projects(request):
    """Project options for the lists of money: those the reader may open (no draft by its slug)."""
    return visible(Project.objects.only("slug", "publication_status", "published_at"), request.user)


class MoneyFilter(FacetedFilterSet):
    """What the lists of budgets and transactions share: the project they belong to, and its donors
    and countries, by the same slugs and codes as the project list."""

    project = SlugMultipleChoiceFilter(queryset=visible_projects, label=_("Project"))
    donor = SlugMultipleChoiceFilter(
        field_name="project__donors", queryset=published_donors, label=_("Donor")
    )
    country = CodeMultipleChoiceFilter(
        field_name="project__countries",
        to_field_name="code",
        queryset=Country.objects.all(),
        label=_("Country"),
    )


class TransactionFilter(MoneyFilter):
    kind = django_filters.MultipleChoiceFilter(choices=Transaction.Kind.choices, label=_("Kind"))
    year = YearFilter(field_name="date", lookup_expr="year", label=_("Year"))
    currency = django_filters.MultipleChoiceFilter(
        choices=[(code, code) for code in sorted(CURRENCIES)], label=_("Currency")
    )
    sort = SortFilter(
        fields=(("date", "date"), ("value_usd", "value-usd"), ("kind", "type")),
        label=_("Sort by"),
    )

    class Meta:
        model = Transaction
        fields = ["project", "donor", "country", "kind", "year", "currency"]


class BudgetFilter(MoneyFilter):
    kind = django_filters.MultipleChoiceFilter(choices=BudgetType.choices, label=_("Kind"))
    status = django_filters.MultipleChoiceFilter(choices=Budget.Status.choices, label=_("Status"))
    year = YearFilter(method="filter_year", label=_("Covering year"))
    currency = django_filters.MultipleChoiceFilter(
        choices=[(code, code) for code in sorted(CURRENCIES)], label=_("Currency")
    )
    sort = SortFilter(
        fields=(("period_start", "start"), ("period_end", "end"), ("value_usd", "value-usd")),
        label=_("Sort by"),
    )

    class Meta:
        model = Budget
        fields = ["project", "donor", "country", "kind", "status", "year", "currency"]

    def filter_year(self, queryset, name, year):
        """Budgets whose period covers any day of the year."""
        return queryset.filter(
            period_start__lte=datetime.date(year, 12, 31), period_end__gte=datetime.date(year, 1, 1)
        )


class ExchangeRateFilter(FacetedFilterSet):
    currency = django_filters.MultipleChoiceFilter(
        choices=[(code, code) for code in sorted(CURRENCIES)], label=_("Currency")
    )
    year = YearFilter(field_name="day", lookup_expr="year", label=_("Year"))
    sort = SortFilter(fields=(("currency", "currency"), ("day", "day")), label=_("Sort by"))

    class Meta:
        model = ExchangeRate
        fields = ["currency", "year"]

"""The project FilterSet: one definition for the public list page and the API list."""

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
from kernel.taxonomy.models import SDG, Country, Region, Theme
from organisations.filters import published_organisations
from projects.models import Project


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

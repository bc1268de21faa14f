"""FilterSets for donors, contributions and organisations: shared by the pages and the API."""

import django_filters

from donors.models import Contribution, Donor
from kernel.filters import (
    RECORD_TIME_LABELS,
    RECORD_TIMES,
    CodeMultipleChoiceFilter,
    FacetedFilterSet,
    SearchFilter,
    SlugMultipleChoiceFilter,
    SortFilter,
    StrictBooleanFilter,
    YearFilter,
)
from kernel.taxonomy.models import Country, Region
from kernel.translation import with_translations


def published_donors(request):
    """Donor options for filters elsewhere: only profiles the public can open."""
    return Donor.objects.published().only("slug", *with_translations("name"))


class DonorFilter(FacetedFilterSet):
    q = SearchFilter()  # the full-text index of the model's `full_text_fields`
    kind = django_filters.MultipleChoiceFilter(choices=Donor.Kind.choices, label="Kind")
    country = CodeMultipleChoiceFilter(
        field_name="country", to_field_name="code", queryset=Country.objects.all(), label="Country"
    )
    region = SlugMultipleChoiceFilter(
        field_name="country__region", queryset=Region.objects.all(), label="Region"
    )
    featured = StrictBooleanFilter(label="Featured")
    sort = SortFilter(
        fields=(("name", "name"), ("ilo_member_since", "member-since"), *RECORD_TIMES),
        field_labels={
            "name": "Name (A–Z)",
            "-name": "Name (Z–A)",
            "member-since": "ILO member since (earliest first)",
            "-member-since": "ILO member since (latest first)",
            **RECORD_TIME_LABELS,
        },
        label="Sort by",
    )

    facets = {"kind": "kind", "region": "country__region__slug"}

    class Meta:
        model = Donor
        fields = ["q", "kind", "country", "region", "featured"]


class ContributionFilter(FacetedFilterSet):
    donor = SlugMultipleChoiceFilter(queryset=published_donors, label="Donor")
    kind = django_filters.MultipleChoiceFilter(choices=Contribution.Kind.choices, label="Kind")
    year = YearFilter(method="filter_year", label="Covering year")
    sort = SortFilter(
        fields=(
            ("year_from", "from"),
            ("year_to", "to"),
            ("amount_usd", "amount"),
            ("kind", "kind"),
            ("updated_at", "updated"),
        ),
        label="Sort by",
    )

    facets = {"donor": "donor__slug", "kind": "kind"}

    class Meta:
        model = Contribution
        fields = ["donor", "kind", "year"]

    def filter_year(self, queryset, name, year):
        return queryset.covering(year)

"""FilterSets for donors, contributions and organisations: shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

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
    kind = django_filters.MultipleChoiceFilter(choices=Donor.Kind.choices, label=_("Kind"))
    country = CodeMultipleChoiceFilter(
        field_name="country", to_field_name="code", queryset=Country.objects.all(), label=_("Country")
    )
    region = SlugMultipleChoiceFilter(
        field_name="country__region", queryset=Region.objects.all(), label=_("Region")
    )
    featured = StrictBooleanFilter(label=_("Featured"))
    sort = SortFilter(
        fields=(("name", "name"), ("ilo_member_since", "member-since"), *RECORD_TIMES),
        field_labels={
            "name": _("Name (A–Z)"),
            "-name": _("Name (Z–A)"),
            "member-since": _("ILO member since (earliest first)"),
            "-member-since": _("ILO member since (latest first)"),
            **RECORD_TIME_LABELS,
        },
        label=_("Sort by"),
    )

    facets = {"kind": "kind", "region": "country__region__slug"}

    class Meta:
        model = Donor
        fields = ["q", "kind", "country", "region", "featured"]


class ContributionFilter(FacetedFilterSet):
    donor = SlugMultipleChoiceFilter(queryset=published_donors, label=_("Donor"))
    kind = django_filters.MultipleChoiceFilter(choices=Contribution.Kind.choices, label=_("Kind"))
    year = YearFilter(method="filter_year", label=_("Covering year"))
    sort = SortFilter(
        fields=(
            ("year_from", "from"),
            ("year_to", "to"),
            ("amount_usd", "amount"),
            ("kind", "kind"),
            ("updated_at", "updated"),
        ),
        label=_("Sort by"),
    )

    facets = {"donor": "donor__slug", "kind": "kind"}

    class Meta:
        model = Contribution
        fields = ["donor", "kind", "year"]

    def filter_year(self, queryset, name, year):
        return queryset.covering(year)

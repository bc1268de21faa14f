"""FilterSets for the reference taxonomy, as the API lists it."""

import django_filters

from kernel.filters import SearchFilter, SlugMultipleChoiceFilter, SortFilter
from kernel.taxonomy.models import SDG, Country, Region, StrategicObjective, Theme


class RegionFilter(django_filters.FilterSet):
    q = SearchFilter(search_fields=("name", "slug"))
    sort = SortFilter(fields=(("name", "name"), ("position", "position"), ("slug", "slug")), label="Sort by")

    class Meta:
        model = Region
        fields = ["q"]


class CountryFilter(django_filters.FilterSet):
    q = SearchFilter(search_fields=("name", "code", "alpha3"))
    region = SlugMultipleChoiceFilter(queryset=Region.objects.all(), label="Region")
    sort = SortFilter(fields=(("code", "code"), ("name", "name")), label="Sort by")

    class Meta:
        model = Country
        fields = ["q", "region"]


class ThemeFilter(django_filters.FilterSet):
    q = SearchFilter(search_fields=("name", "description"))
    strategic_objective = django_filters.MultipleChoiceFilter(
        choices=StrategicObjective.choices, label="Strategic objective"
    )
    sort = SortFilter(
        fields=(("name", "name"), ("slug", "slug"), ("dac_sector", "dac-sector")), label="Sort by"
    )

    class Meta:
        model = Theme
        fields = ["q", "strategic_objective"]


class SDGFilter(django_filters.FilterSet):
    q = SearchFilter(search_fields=("name", "short_name"))
    sort = SortFilter(fields=(("number", "number"),), label="Sort by")

    class Meta:
        model = SDG
        fields = ["q"]

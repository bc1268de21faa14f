"""FilterSets for the reference taxonomy, as the API lists it."""

import django_filters

from kernel.filters import SearchFilter, SlugMultipleChoiceFilter
from kernel.taxonomy.models import SDG, Country, Region, StrategicObjective, Theme


class RegionFilter(django_filters.FilterSet):
    q = SearchFilter(search_fields=("name", "slug"))

    class Meta:
        model = Region
        fields = ["q"]


class CountryFilter(django_filters.FilterSet):
    q = SearchFilter(search_fields=("name", "code", "alpha3"))
    region = SlugMultipleChoiceFilter(queryset=Region.objects.all(), label="Region")

    class Meta:
        model = Country
        fields = ["q", "region"]


class ThemeFilter(django_filters.FilterSet):
    q = SearchFilter(search_fields=("name", "description"))
    strategic_objective = django_filters.MultipleChoiceFilter(
        choices=StrategicObjective.choices, label="Strategic objective"
    )

    class Meta:
        model = Theme
        fields = ["q", "strategic_objective"]


class SDGFilter(django_filters.FilterSet):
    q = SearchFilter(search_fields=("name", "short_name"))

    class Meta:
        model = SDG
        fields = ["q"]

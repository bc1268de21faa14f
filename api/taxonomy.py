"""API viewsets for the reference taxonomy: regions, countries (by ISO alpha-2), themes, SDGs (by number)."""

from api.schema import resource_schema
from api.taxonomy_serializers import (
    CountrySerializer,
    RegionDetailSerializer,
    RegionSerializer,
    SDGSerializer,
    ThemeSerializer,
)
from api.viewsets import ResourceViewSet
from kernel.taxonomy.filters import CountryFilter, RegionFilter, SDGFilter, ThemeFilter
from kernel.taxonomy.models import SDG, Country, Region, Theme


@resource_schema("region", "regions")
class RegionViewSet(ResourceViewSet):
    serializer_class = RegionDetailSerializer
    list_serializer_class = RegionSerializer
    filterset_class = RegionFilter

    def get_queryset(self):
        queryset = Region.objects.all()
        if self.action != "list":
            queryset = queryset.prefetch_related("countries")
        return queryset


@resource_schema("country", "countries", key="ISO alpha-2 code (NP)")
class CountryViewSet(ResourceViewSet):
    serializer_class = CountrySerializer
    filterset_class = CountryFilter
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2}"

    def lookup_value(self):
        return super().lookup_value().upper()

    def get_queryset(self):
        return Country.objects.select_related("region")


@resource_schema("theme", "themes")
class ThemeViewSet(ResourceViewSet):
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter

    def get_queryset(self):
        return Theme.objects.all()


@resource_schema("SDG", "SDGs", key="number (1 to 17)")
class SDGViewSet(ResourceViewSet):
    serializer_class = SDGSerializer
    filterset_class = SDGFilter
    lookup_field = "number"
    lookup_value_regex = "[0-9]{1,2}"

    def get_queryset(self):
        return SDG.objects.all()

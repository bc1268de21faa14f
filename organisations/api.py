"""API viewsets for organisations and people."""

from django.db.models import Prefetch

from api.schema import resource_schema
from api.viewsets import ResourceViewSet
from organisations.filters import OrganisationFilter, PersonFilter
from organisations.models import Organisation, Person
from organisations.serializers import OrganisationDetailSerializer, OrganisationSerializer, PersonSerializer

PUBLISHING = ("slug", "publication_status", "published_at")


@resource_schema("organisation", "organisations")
class OrganisationViewSet(ResourceViewSet):
    serializer_class = OrganisationDetailSerializer
    list_serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter

    def get_queryset(self):
        queryset = Organisation.objects.visible_to(self.request.user).select_related(
            "parent", "country", "donor", "source"
        )
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(
            Prefetch("units", queryset=Organisation.objects.only("parent", *PUBLISHING).order_by("slug"))
        )


@resource_schema("person", "people")
class PersonViewSet(ResourceViewSet):
    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def get_queryset(self):
        return Person.objects.visible_to(self.request.user).select_related("organisation", "source")

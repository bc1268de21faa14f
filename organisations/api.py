"""API viewsets for organisations and people."""

from api.schema import resource_schema
from api.viewsets import ResourceViewSet
from kernel import visibility
from kernel.relations import linked_model
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
        user = self.request.user
        queryset = (
            Organisation.objects.visible_to(user)
            .select_related("country", "source")
            .prefetch_related(
                visibility.prefetch("parent", Organisation.objects.only(*PUBLISHING), user),
                visibility.prefetch(
                    "donor", linked_model(Organisation, "donor").objects.only(*PUBLISHING), user
                ),
            )
        )
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(
            visibility.prefetch(
                "units", Organisation.objects.only("parent", *PUBLISHING).order_by("slug"), user
            )
        )


@resource_schema("person", "people")
class PersonViewSet(ResourceViewSet):
    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def get_queryset(self):
        user = self.request.user
        return (
            Person.objects.visible_to(user)
            .select_related("source")
            .prefetch_related(
                visibility.prefetch("organisation", Organisation.objects.only(*PUBLISHING), user)
            )
        )

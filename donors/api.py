"""API viewsets for donors and contributions."""

from django.http import HttpResponse
from rest_framework.settings import api_settings

from api.renderers import IATIRenderer
from api.schema import resource_schema
from api.viewsets import ResourceViewSet
from donors.filters import ContributionFilter, DonorFilter
from donors.iati import organisation_document
from donors.models import Contribution, Donor
from donors.serializers import (
    ContributionSerializer,
    DonorDetailSerializer,
    DonorSerializer,
)
from kernel import visibility
from kernel.relations import linked_model
from organisations.models import Organisation

PUBLISHING = ("slug", "publication_status", "published_at")


@resource_schema("donor", "donors")
class DonorViewSet(ResourceViewSet):
    serializer_class = DonorDetailSerializer
    list_serializer_class = DonorSerializer
    filterset_class = DonorFilter
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, IATIRenderer]
    iati_actions = ("retrieve",)

    def get_queryset(self):
        user = self.request.user
        queryset = Donor.objects.visible_to(user).select_related("country", "source")
        if self.action == "list":
            return queryset
        contributions = (
            Contribution.objects.select_related("source")
            .prefetch_related(visibility.prefetch("channel", Organisation.objects.only(*PUBLISHING), user))
            .order_by("-year_to", "kind", "pk")
        )
        return queryset.prefetch_related(
            "priority_areas",
            "oda_figures",
            visibility.prefetch("contributions", contributions, user),
            visibility.prefetch(
                "projects", linked_model(Donor, "projects").objects.only(*PUBLISHING).order_by("slug"), user
            ),
            visibility.prefetch(
                "events", linked_model(Donor, "events").objects.only(*PUBLISHING).order_by("slug"), user
            ),
            visibility.prefetch(
                "organisations", Organisation.objects.only("donor", *PUBLISHING).order_by("slug"), user
            ),
        )

    def iati_record_response(self, request, donor):
        """The donor's IATI organisation file: its contributions to the ILO, year by year."""
        return HttpResponse(
            organisation_document(donor, user=request.user),
            content_type="application/xml",
            headers={
                "Content-Disposition": f'attachment; filename="{donor.slug}-iati-organisation.xml"',
                "Vary": "Accept, Authorization, Cookie",
            },
        )


@resource_schema("contribution", "contributions")
class ContributionViewSet(ResourceViewSet):
    serializer_class = ContributionSerializer
    filterset_class = ContributionFilter

    def get_queryset(self):
        user = self.request.user
        return (
            Contribution.objects.visible_to(user)
            .select_related("donor", "source")
            .prefetch_related(visibility.prefetch("channel", Organisation.objects.only(*PUBLISHING), user))
        )

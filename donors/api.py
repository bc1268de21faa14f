"""API viewsets for donors and contributions."""

from django.db.models import Prefetch
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
from kernel.relations import linked_model

PUBLISHING = ("slug", "publication_status", "published_at")


@resource_schema("donor", "donors")
class DonorViewSet(ResourceViewSet):
    serializer_class = DonorDetailSerializer
    list_serializer_class = DonorSerializer
    filterset_class = DonorFilter
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, IATIRenderer]
    iati_actions = ("retrieve",)

    def get_queryset(self):
        queryset = Donor.objects.visible_to(self.request.user).select_related("country", "source")
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(
            "priority_areas",
            "oda_figures",
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related("channel", "source").order_by(
                    "-year_to", "kind", "pk"
                ),
            ),
            Prefetch(
                "projects",
                queryset=linked_model(Donor, "projects").objects.only(*PUBLISHING).order_by("slug"),
            ),
            Prefetch(
                "events", queryset=linked_model(Donor, "events").objects.only(*PUBLISHING).order_by("slug")
            ),
            Prefetch(
                "organisations",
                queryset=linked_model(Donor, "organisations")
                .objects.only("donor", *PUBLISHING)
                .order_by("slug"),
            ),
        )

    def iati_record_response(self, request, donor):
        """The donor's IATI organisation file: its contributions to the ILO, year by year."""
        return HttpResponse(
            organisation_document(donor),
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
        return Contribution.objects.visible_to(self.request.user).select_related("donor", "channel", "source")

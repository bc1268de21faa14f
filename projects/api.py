"""API viewset for projects."""

from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from rest_framework.exceptions import NotFound
from rest_framework.settings import api_settings

from api.renderers import IATIRenderer
from api.schema import resource_schema
from api.viewsets import ResourceViewSet
from donors.models import Donor
from kernel import visibility
from kernel.relations import linked_model
from projects.filters import ProjectFilter
from projects.iati import iter_activities_document
from projects.models import Participant, Project, Result
from projects.serializers import ProjectDetailSerializer, ProjectSerializer

PUBLISHING = ("slug", "publication_status", "published_at")


@resource_schema("project", "projects")
class ProjectViewSet(ResourceViewSet):
    serializer_class = ProjectDetailSerializer
    list_serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, IATIRenderer]
    iati_actions = ("list",)

    def get_queryset(self):
        user = self.request.user
        queryset = (
            Project.objects.visible_to(user)
            .select_related("source")
            .prefetch_related(
                "countries",
                "regions",
                "themes",
                "sdgs",
                visibility.prefetch("parent", Project.objects.only(*PUBLISHING), user),
                visibility.prefetch("donors", Donor.objects.only(*PUBLISHING), user),
            )
        )
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(
            visibility.prefetch("participants", Participant.objects.select_related("organisation"), user),
            Prefetch("results", queryset=Result.objects.select_related("country")),
            visibility.prefetch(
                "children", Project.objects.only("parent", *PUBLISHING).order_by("slug"), user
            ),
            visibility.prefetch(
                "events",
                linked_model(Project, "events").objects.only(*PUBLISHING).order_by("-start", "slug"),
                user,
            ),
        )

    def iati_list_response(self, request, queryset):
        """The filtered projects as one IATI activities file, streamed activity by activity."""
        if not queryset.exists():
            # A file without an activity is not valid IATI, so there is no file to give.
            raise NotFound("No project matches these filters; an IATI activities file needs at least one.")
        return StreamingHttpResponse(
            iter_activities_document(queryset, user=request.user, base_url=request.build_absolute_uri("/")),
            content_type="application/xml",
            headers={
                "Content-Disposition": 'attachment; filename="iati-activities.xml"',
                "Vary": "Accept, Authorization, Cookie",
            },
        )

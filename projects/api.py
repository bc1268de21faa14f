"""API viewset for projects."""

from django.db.models import Prefetch

from events.models import Event
from ilopartners.api.schema import resource_schema
from ilopartners.api.viewsets import ResourceViewSet
from projects.filters import ProjectFilter
from projects.models import Participant, Project, Result
from projects.serializers import ProjectDetailSerializer, ProjectSerializer

PUBLISHING = ("slug", "publication_status", "published_at")


@resource_schema("project", "projects")
class ProjectViewSet(ResourceViewSet):
    serializer_class = ProjectDetailSerializer
    list_serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    ordering_fields = ["title", "start_date", "end_date", "budget_usd", "published_at", "updated_at"]

    def get_queryset(self):
        queryset = (
            Project.objects.visible_to(self.request.user)
            .select_related("parent", "source")
            .prefetch_related("donors", "countries", "regions", "themes", "sdgs")
        )
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("organisation")),
            Prefetch("results", queryset=Result.objects.select_related("country")),
            Prefetch("children", queryset=Project.objects.only("parent", *PUBLISHING).order_by("slug")),
            Prefetch("events", queryset=Event.objects.only(*PUBLISHING).order_by("-start", "slug")),
        )

"""API viewsets for events and people."""

from django.db.models import Prefetch

from api.schema import resource_schema
from api.viewsets import ResourceViewSet
from events.filters import EventFilter
from events.models import Event, Organiser, Speaker
from events.serializers import EventDetailSerializer, EventSerializer

PUBLISHING = ("slug", "publication_status", "published_at")


@resource_schema("event", "events")
class EventViewSet(ResourceViewSet):
    serializer_class = EventDetailSerializer
    list_serializer_class = EventSerializer
    filterset_class = EventFilter

    def get_queryset(self):
        queryset = (
            Event.objects.visible_to(self.request.user)
            .select_related("country", "parent", "source")
            .prefetch_related("themes", "projects", "donors")
        )
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(
            Prefetch("organisers", queryset=Organiser.objects.select_related("organisation")),
            Prefetch("speakers", queryset=Speaker.objects.select_related("person", "organisation")),
            Prefetch(
                "side_events", queryset=Event.objects.only("parent", *PUBLISHING).order_by("start", "slug")
            ),
        )

"""API viewset for events."""

from api.schema import resource_schema
from api.viewsets import ResourceViewSet
from donors.models import Donor
from events.filters import EventFilter
from events.models import Event, Organiser, Speaker
from events.serializers import EventDetailSerializer, EventSerializer
from kernel import visibility
from organisations.models import Organisation
from projects.models import Project

PUBLISHING = ("slug", "publication_status", "published_at")


@resource_schema("event", "events")
class EventViewSet(ResourceViewSet):
    serializer_class = EventDetailSerializer
    list_serializer_class = EventSerializer
    filterset_class = EventFilter

    def get_queryset(self):
        user = self.request.user
        queryset = (
            Event.objects.visible_to(user)
            .select_related("country", "source")
            .prefetch_related(
                "themes",
                visibility.prefetch("parent", Event.objects.only(*PUBLISHING), user),
                visibility.prefetch("projects", Project.objects.only(*PUBLISHING), user),
                visibility.prefetch("donors", Donor.objects.only(*PUBLISHING), user),
            )
        )
        if self.action == "list":
            return queryset
        speakers = Speaker.objects.select_related("person").prefetch_related(
            visibility.prefetch("organisation", Organisation.objects.only(*PUBLISHING), user)
        )
        return queryset.prefetch_related(
            visibility.prefetch("organisers", Organiser.objects.select_related("organisation"), user),
            visibility.prefetch("speakers", speakers, user),
            visibility.prefetch(
                "side_events", Event.objects.only("parent", *PUBLISHING).order_by("start", "slug"), user
            ),
        )

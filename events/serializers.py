"""API serializers for events, with their organisers and speakers, and people."""

from api.serializers import (
    Parts,
    PartSerializer,
    PublishableSerializer,
    RelatedField,
    SelfLinkField,
    SourceField,
    publishing_fields,
)
from donors.models import Donor
from events.models import Event, Organiser, Speaker
from kernel.taxonomy.models import Country, Theme
from organisations.models import Organisation, Person
from projects.models import Project


class EventSerializer(PublishableSerializer):
    """`start` and `end` are instants (UTC in responses); `timezone` is where the event happens."""

    url = SelfLinkField("event")
    country = RelatedField(
        "code", route="country", upper=True, queryset=Country.objects.all(), required=False, allow_null=True
    )
    parent = RelatedField(route="event", queryset=Event.objects.all(), required=False, allow_null=True)
    themes = RelatedField(route="theme", queryset=Theme.objects.all(), many=True, required=False)
    projects = RelatedField(route="project", queryset=Project.objects.all(), many=True, required=False)
    donors = RelatedField(route="donor", queryset=Donor.objects.all(), many=True, required=False)
    source = SourceField()

    class Meta:
        model = Event
        fields = [
            "url",
            "slug",
            "title",
            "kind",
            "status",
            "summary",
            "start",
            "end",
            "timezone",
            "precision",
            "venue",
            "city",
            "country",
            "format",
            "online_url",
            "languages",
            "interpretation",
            "attendance",
            "attendance_qualifier",
            "audience",
            "parent",
            "parent_relation",
            "themes",
            "projects",
            "donors",
            "report_title",
            "report_published_on",
            *publishing_fields(),
            "links",
        ]


class OrganiserSerializer(PartSerializer):
    """An organisation's part in holding the event."""

    organisation = RelatedField(route="organisation", queryset=Organisation.objects.all())

    class Meta(PartSerializer.Meta):
        model = Organiser
        fields = ["organisation", "role", "position", "links"]


class SpeakerSerializer(PartSerializer):
    """A person on the programme, in order (`order`), with the position they held then."""

    person = RelatedField(route="person", queryset=Person.objects.all())
    organisation = RelatedField(
        route="organisation", queryset=Organisation.objects.all(), required=False, allow_null=True
    )

    class Meta(PartSerializer.Meta):
        model = Speaker
        fields = [
            "person",
            "role",
            "order",
            "position",
            "organisation",
            "on_behalf",
            "topic",
            "summary",
            "links",
        ]


class EventDetailSerializer(EventSerializer):
    """An event as its page shows it: with its description, report, organisers and programme."""

    parts = {
        "organisers": Parts(
            order="position",
            unique=("organisation",),
            message="This organisation is already an organiser of the event.",
        ),
        "speakers": Parts(
            order="order",
            unique=("person", "role"),
            message="This person already has this role on the programme.",
        ),
    }

    organisers = OrganiserSerializer(many=True, required=False)
    speakers = SpeakerSerializer(many=True, required=False)
    side_events = RelatedField(route="event", many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [
            *EventSerializer.Meta.fields[:-1],
            "description",
            "report",
            "organisers",
            "speakers",
            "side_events",
            "links",
        ]

"""API serializers for projects, with their participants and results."""

from rest_framework import serializers

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
from kernel.dates import Precision
from kernel.taxonomy.models import SDG, Country, Region, Theme
from organisations.models import Organisation
from projects.models import Participant, Project, Result


class ProjectSerializer(PublishableSerializer):
    """`status` is the IATI activity status ("2": implementation); `publication_status` is whether
    the public sees the project."""

    url = SelfLinkField("project")
    parent = RelatedField(route="project", queryset=Project.objects.all(), required=False, allow_null=True)
    donors = RelatedField(route="donor", queryset=Donor.objects.all(), many=True, required=False)
    countries = RelatedField(
        "code", route="country", upper=True, queryset=Country.objects.all(), many=True, required=False
    )
    regions = RelatedField(route="region", queryset=Region.objects.all(), many=True, required=False)
    themes = RelatedField(route="theme", queryset=Theme.objects.all(), many=True, required=False)
    sdgs = RelatedField("number", route="sdg", queryset=SDG.objects.all(), many=True, required=False)
    source = SourceField()

    class Meta:
        model = Project
        fields = [
            "url",
            "slug",
            "iati_identifier",
            "title",
            "acronym",
            "kind",
            "summary",
            "status",
            "status_as_of",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
            "budget_usd",
            "parent",
            "donors",
            "countries",
            "regions",
            "themes",
            "sdgs",
            *publishing_fields(),
            "links",
        ]

    def validate(self, attrs):
        # A precision goes with its date (the model clears one left without it): one sent for a
        # date that is or becomes null is a mistake to report, not to drop.
        errors = {}
        for end in ("start", "end"):
            date = attrs.get(f"{end}_date", getattr(self.instance, f"{end}_date", None))
            if attrs.get(f"{end}_precision") and date is None:
                errors[f"{end}_precision"] = [
                    f"A precision goes with its date: give `{end}_date` too, or send null."
                ]
        if errors:
            raise serializers.ValidationError(errors)
        return super().validate(attrs)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # A precision goes with its date, even for rows written around the model (`update()`): none
        # without the date, a day for a date stored without one.
        for end in ("start", "end"):
            if data.get(f"{end}_date") is None:
                data[f"{end}_precision"] = data[f"{end}_precision_label"] = None
            elif not data.get(f"{end}_precision"):
                data[f"{end}_precision"] = Precision.DAY.value
                data[f"{end}_precision_label"] = str(Precision.DAY.label)
        return data


class ParticipantSerializer(PartSerializer):
    """An organisation taking part in the project, in an IATI role: 1 funding, 2 accountable,
    3 extending, 4 implementing."""

    organisation = RelatedField(route="organisation", queryset=Organisation.objects.all())

    class Meta(PartSerializer.Meta):
        model = Participant
        fields = ["organisation", "role", "amount_usd", "note", "position", "links"]


class ResultSerializer(PartSerializer):
    """A countable outcome of the project: "2,827 micro entrepreneurs registered" (Nepal)."""

    country = RelatedField(
        "code", route="country", upper=True, queryset=Country.objects.all(), required=False, allow_null=True
    )

    class Meta(PartSerializer.Meta):
        model = Result
        fields = [
            "title",
            "value",
            "qualifier",
            "unit",
            "country",
            "place",
            "year",
            "source_note",
            "position",
            "links",
        ]


class ProjectDetailSerializer(ProjectSerializer):
    """A project as its page shows it: with its participants, results, child projects and events."""

    parts = {
        "participants": Parts(
            order="position",
            unique=("organisation", "role"),
            message="This organisation already has this role in the project.",
        ),
        "results": Parts(order="position"),
    }

    participants = ParticipantSerializer(many=True, required=False)
    results = ResultSerializer(many=True, required=False)
    children = RelatedField(route="project", many=True, read_only=True)
    events = RelatedField(route="event", many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [
            *ProjectSerializer.Meta.fields[:-1],
            "description",
            "participants",
            "results",
            "children",
            "events",
            "links",
        ]

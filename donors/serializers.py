"""API serializers for donors, their contributions, and organisations."""

from rest_framework import serializers

from api import fields
from api.serializers import (
    Parts,
    PartSerializer,
    PublishableSerializer,
    RelatedField,
    ResourceSerializer,
    SelfLinkField,
    SourceField,
    publishing_fields,
    source_document_field,
)
from donors.models import Contribution, Donor, OdaFigure, PriorityArea
from kernel.taxonomy.models import Country
from organisations.models import Organisation


class ContributionSerializer(ResourceSerializer):
    """Money (or people) a donor gives the ILO over a year or a span of years."""

    url = SelfLinkField("contribution")
    slug = fields.SlugField(
        max_length=120, required=False, help_text="Made from donor, kind and years when left out."
    )
    donor = RelatedField(route="donor", queryset=Donor.objects.all())
    channel = RelatedField(
        route="organisation", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    source = SourceField()
    source_document = source_document_field()

    class Meta:
        model = Contribution
        fields = [
            "url",
            "slug",
            "donor",
            "kind",
            "year_from",
            "year_to",
            "amount_usd",
            "amount_qualifier",
            "channel",
            "description",
            "rank",
            "rank_note",
            "source",
            "source_document",
            "source_note",
            "created_at",
            "updated_at",
            "links",
        ]

    def validate_slug(self, value):
        others = Contribution.objects.filter(slug=value)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise serializers.ValidationError("There is already a contribution with this slug.")
        return value


class PriorityAreaSerializer(PartSerializer):
    """A priority area of the donor's own development cooperation, in the profile's order."""

    class Meta(PartSerializer.Meta):
        model = PriorityArea
        fields = ["name", "detail", "position"]


class OdaFigureSerializer(PartSerializer):
    """Official development assistance the donor gave in a year (to all recipients)."""

    class Meta(PartSerializer.Meta):
        model = OdaFigure
        fields = ["year", "amount_usd", "gni_percent", "source"]


class DonorSerializer(PublishableSerializer):
    """A development partner's profile, as lists show it."""

    url = SelfLinkField("donor")
    country = RelatedField(
        "code", route="country", upper=True, queryset=Country.objects.all(), required=False, allow_null=True
    )
    source = SourceField()

    class Meta:
        model = Donor
        fields = [
            "url",
            "slug",
            "name",
            "short_name",
            "kind",
            "country",
            "summary",
            "profile_as_of",
            "ilo_member_since",
            "founding_member",
            "conventions_fundamental",
            "conventions_governance",
            "conventions_technical",
            "governing_body_seat",
            "governing_body_note",
            "featured",
            *publishing_fields(),
            "links",
        ]


class DonorDetailSerializer(DonorSerializer):
    """A donor's whole profile: its parts, its contributions, what it funds and who works with it."""

    parts = {
        "priority_areas": Parts(
            order="position", unique=("name",), message="This priority area is listed twice."
        ),
        "oda_figures": Parts(unique=("year",), message="There is already a figure for this year."),
    }

    priority_areas = PriorityAreaSerializer(many=True, required=False)
    oda_figures = OdaFigureSerializer(many=True, required=False)
    contributions = ContributionSerializer(many=True, read_only=True)
    projects = RelatedField(route="project", many=True, read_only=True)
    events = RelatedField(route="event", many=True, read_only=True)
    organisations = RelatedField(route="organisation", many=True, read_only=True)

    class Meta(DonorSerializer.Meta):
        fields = [
            *DonorSerializer.Meta.fields[:-1],
            "profile",
            "priority_areas",
            "oda_figures",
            "contributions",
            "projects",
            "events",
            "organisations",
            "links",
        ]

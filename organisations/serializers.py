"""API serializers for organisations and people."""

from rest_framework import serializers

from api.serializers import PublishableSerializer, RelatedField, SelfLinkField, SourceField, publishing_fields
from kernel.relations import linked_model
from kernel.taxonomy.models import Country
from organisations.models import Organisation, Person


class OrganisationSerializer(PublishableSerializer):
    """A ministry, agency, company, cooperative, union, NGO, academic body, UN fund or ILO office."""

    url = SelfLinkField("organisation")
    parent = RelatedField(
        route="organisation", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    country = RelatedField(
        "code", route="country", upper=True, queryset=Country.objects.all(), required=False, allow_null=True
    )
    donor = RelatedField(
        route="donor",
        queryset=linked_model(Organisation, "donor").objects.all(),
        required=False,
        allow_null=True,
    )
    source = SourceField()

    class Meta:
        model = Organisation
        fields = [
            "url",
            "slug",
            "name",
            "acronym",
            "type",
            "category",
            "iati_identifier",
            "parent",
            "country",
            "donor",
            "website",
            "email",
            "telephone",
            "fax",
            "address",
            *publishing_fields(),
            "links",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if "full_name" in data and data.get("name") is not None:
            # With the name in the language of the answer (api/translations.py).
            data["full_name"] = f"{instance.honorific} {data['name']}".strip()
        return data


class OrganisationDetailSerializer(OrganisationSerializer):
    """An organisation with its description and the units that are part of it."""

    units = RelatedField(route="organisation", many=True, read_only=True)

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields[:-1], "description", "units", "links"]


class PersonSerializer(PublishableSerializer):
    """Someone who speaks at events: a name, an honorific, and where they work now."""

    url = SelfLinkField("person")
    organisation = RelatedField(
        route="organisation", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    full_name = serializers.CharField(read_only=True, help_text='With the honorific: "Mr. Ryuichi Tomizawa".')
    source = SourceField()

    class Meta:
        model = Person
        fields = [
            "url",
            "slug",
            "honorific",
            "name",
            "full_name",
            "position",
            "organisation",
            "biography",
            *publishing_fields(),
            "links",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if "full_name" in data and data.get("name") is not None:
            # With the name in the language of the answer (api/translations.py).
            data["full_name"] = f"{instance.honorific} {data['name']}".strip()
        return data

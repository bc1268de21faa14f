"""API serializers for the reference taxonomy: regions, countries, themes, SDGs."""

from django.core.validators import RegexValidator
from rest_framework import serializers

from api import fields
from api.serializers import RelatedField, ResourceSerializer, SelfLinkField
from kernel.taxonomy.models import SDG, Country, Region, Theme


class FixedKeyMixin:
    """A record keyed by its code or number: the key is given on creation and never changes."""

    key = None

    def validate(self, attrs):
        if (
            self.instance is not None
            and self.key in attrs
            and attrs[self.key] != getattr(self.instance, self.key)
        ):
            raise serializers.ValidationError(
                {self.key: ["This cannot change; create a new record instead."]}
            )
        return super().validate(attrs)


class RegionSerializer(ResourceSerializer):
    """An ILO region."""

    url = SelfLinkField("region")

    class Meta:
        model = Region
        fields = ["url", "slug", "name", "iati_code", "position", "links"]


class RegionDetailSerializer(RegionSerializer):
    """An ILO region with its countries."""

    countries = RelatedField("code", route="country", many=True, read_only=True)

    class Meta(RegionSerializer.Meta):
        fields = [*RegionSerializer.Meta.fields[:-1], "countries", "links"]


class CountrySerializer(FixedKeyMixin, ResourceSerializer):
    """An ISO 3166-1 country or territory, keyed by its alpha-2 code, with its ILO region."""

    key = "code"

    url = SelfLinkField("country", "code")
    code = fields.CharField(
        max_length=2, validators=[RegexValidator(r"^[A-Z]{2}$", "Two capital letters, as in NP.")]
    )
    alpha3 = fields.CharField(
        max_length=3, validators=[RegexValidator(r"^[A-Z]{3}$", "Three capital letters, as in NPL.")]
    )
    name_label = fields.CharField(
        source="label",
        read_only=True,
        help_text="The name in the language of the response, from CLDR (`NP`: Népal, ネパール); "
        "`name` is the English one.",
    )
    region = RelatedField(route="region", queryset=Region.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Country
        fields = ["url", "code", "alpha3", "name", "name_label", "region", "links"]

    def validate_code(self, value):
        if self.instance is None and Country.objects.filter(code=value).exists():
            raise serializers.ValidationError("There is already a country with this code.")
        return value

    def validate_alpha3(self, value):
        others = Country.objects.filter(alpha3=value)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise serializers.ValidationError("There is already a country with this code.")
        return value


class ThemeSerializer(ResourceSerializer):
    """A technical theme of the ILO's work, under one Decent Work objective, mapped to a DAC sector."""

    url = SelfLinkField("theme")
    dac_sector = fields.CharField(
        max_length=5,
        validators=[RegexValidator(r"^[0-9]{5}$", "Five digits: the OECD DAC purpose code, as in 16020.")],
        help_text="OECD DAC 5-digit purpose code used in IATI exports.",
    )

    class Meta:
        model = Theme
        fields = ["url", "slug", "name", "strategic_objective", "dac_sector", "description", "links"]


class SDGSerializer(FixedKeyMixin, ResourceSerializer):
    """One of the 17 Sustainable Development Goals, keyed by its number."""

    key = "number"

    url = SelfLinkField("sdg", "number")
    number = fields.IntegerField(min_value=1, max_value=17)

    class Meta:
        model = SDG
        fields = ["url", "number", "name", "short_name", "links"]

    def validate_number(self, value):
        if self.instance is None and SDG.objects.filter(number=value).exists():
            raise serializers.ValidationError("There is already an SDG with this number.")
        return value

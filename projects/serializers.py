"""API serializers for projects, with their participants, results (and their indicators), budgets,
planned disbursements and transactions; and the read-only lists of money and exchange rates."""

from rest_framework import serializers

from api.fields import StrictModelSerializer
from api.serializers import (
    LinksField,
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
from projects.models import (
    Budget,
    ExchangeRate,
    Indicator,
    IndicatorPeriod,
    Participant,
    PlannedDisbursement,
    Project,
    Result,
    Transaction,
)


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


class IndicatorPeriodSerializer(PartSerializer):
    """What an indicator aimed at (`target`) and reached (`actual`) over a period within the project."""

    links = None

    class Meta(PartSerializer.Meta):
        model = IndicatorPeriod
        fields = ["period_start", "period_end", "target", "actual"]


class IndicatorSerializer(PartSerializer):
    """How a result is measured: `measure` 1 unit, 2 percentage; a baseline (value and year); periods
    with target and actual values."""

    periods = IndicatorPeriodSerializer(
        many=True, required=False, help_text="Replaced by the list sent; left out, they are kept."
    )
    links = None

    class Meta(PartSerializer.Meta):
        model = Indicator
        fields = [
            "title",
            "measure",
            "ascending",
            "unit",
            "baseline_year",
            "baseline_value",
            "position",
            "periods",
        ]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if periods := attrs.get("periods"):
            starts = [row.get("period_start") for row in periods]
            problems = [
                {"period_start": ["The indicator already has a period starting on this day."]}
                if start in starts[:index]
                else {}
                for index, start in enumerate(starts)
            ]
            if any(problems):
                raise serializers.ValidationError({"periods": problems})
        return attrs


class ResultSerializer(PartSerializer):
    """A countable outcome of the project: "2,827 micro entrepreneurs registered" (Nepal), with the
    indicators it is measured by."""

    country = RelatedField(
        "code", route="country", upper=True, queryset=Country.objects.all(), required=False, allow_null=True
    )
    indicators = IndicatorSerializer(
        many=True,
        required=False,
        help_text="Replaced by the list sent; left out, the result keeps its indicators.",
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
            "indicators",
            "links",
        ]


class RateSerializer(serializers.ModelSerializer):
    """The recorded rate an amount is converted to US dollars at."""

    class Meta:
        model = ExchangeRate
        fields = ["usd_per_unit", "day", "source"]
        read_only_fields = fields


class AmountSerializer(PartSerializer):
    """A value in its currency (ISO 4217), counted on `value_date` (the period's start or the
    transaction's day when left out); `value_usd` and `rate` say what it is in US dollars at the
    rate recorded for that currency and day, both null when no rate covers it (never guessed)."""

    rate = RateSerializer(
        read_only=True,
        allow_null=True,
        help_text="The rate `value_usd` is converted at: null for US dollars, and when no recorded rate "
        "covers the value date.",
    )
    amount_fields = ["value", "currency", "value_date", "value_usd", "rate"]

    def validate(self, attrs):
        # A value date left out is the day the model counts on: sending back what was read, or
        # leaving it out, is the same row.
        if attrs.get("value_date") is None:
            attrs["value_date"] = self.build_instance(attrs).counted_on()
        return super().validate(attrs)


class BudgetSerializer(AmountSerializer):
    """What the project plans to spend over a period: `kind` 1 original, 2 revised; `status`
    1 indicative, 2 committed. Never add original and revised budgets of the same period."""

    class Meta(PartSerializer.Meta):
        model = Budget
        fields = ["kind", "status", "period_start", "period_end", *AmountSerializer.amount_fields, "links"]


class OrganisationPartyField(RelatedField):
    def __init__(self, **kwargs):
        super().__init__(
            route="organisation",
            queryset=Organisation.objects.all(),
            required=False,
            allow_null=True,
            **kwargs,
        )


class PlannedDisbursementSerializer(AmountSerializer):
    """Money a provider plans to pay over a period (`kind` 1 original, 2 revised)."""

    provider = OrganisationPartyField()
    receiver = OrganisationPartyField()

    class Meta(PartSerializer.Meta):
        model = PlannedDisbursement
        fields = [
            "kind",
            "period_start",
            "period_end",
            *AmountSerializer.amount_fields,
            "provider",
            "receiver",
            "links",
        ]


class TransactionSerializer(AmountSerializer):
    """Money committed, paid or spent on a day: `kind` 1 incoming funds, 2 outgoing commitment,
    3 disbursement, 4 expenditure, 11 incoming commitment. `provider` and `receiver` are recorded
    organisations (null when there is none, or the reader may not see it); `provider_name` and
    `receiver_name` name others."""

    provider = OrganisationPartyField()
    receiver = OrganisationPartyField()

    class Meta(PartSerializer.Meta):
        model = Transaction
        fields = [
            "kind",
            "date",
            *AmountSerializer.amount_fields,
            "provider",
            "provider_name",
            "receiver",
            "receiver_name",
            "reference",
            "description",
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
        "budgets": Parts(
            unique=("kind", "period_start"),
            message="The project already has a budget of this type starting on this day.",
        ),
        "planned_disbursements": Parts(),
        "transactions": Parts(),
    }

    participants = ParticipantSerializer(many=True, required=False)
    results = ResultSerializer(many=True, required=False)
    budgets = BudgetSerializer(many=True, required=False)
    planned_disbursements = PlannedDisbursementSerializer(many=True, required=False)
    transactions = TransactionSerializer(many=True, required=False)
    children = RelatedField(route="project", many=True, read_only=True)
    events = RelatedField(route="event", many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [
            *ProjectSerializer.Meta.fields[:-1],
            "description",
            "participants",
            "results",
            "budgets",
            "planned_disbursements",
            "transactions",
            "children",
            "events",
            "links",
        ]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self.check_indicator_periods(attrs)
        return attrs

    def check_indicator_periods(self, attrs):
        """Each indicator period lies within the project's dates as they will be (a 400 naming the
        period, before anything is written; the model checks it again as it saves)."""
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        message = "An indicator period must lie within the project's start and end dates."
        problems = []
        for result in attrs.get("results") or []:
            indicators = []
            for indicator in result.get("indicators") or []:
                # (A PATCH's rows may leave out their dates: the model then says what is missing.)
                periods = [
                    {"period_start": [message]}
                    if start and row.get("period_start") and row["period_start"] < start
                    else {"period_end": [message]}
                    if end and row.get("period_end") and row["period_end"] > end
                    else {}
                    for row in indicator.get("periods") or []
                ]
                indicators.append({"periods": periods} if any(periods) else {})
            problems.append({"indicators": indicators} if any(indicators) else {})
        if any(problems):
            raise serializers.ValidationError({"results": problems})

    def write_parts(self, instance, parts):
        # An indicator's place is its place in the list sent, unless it gives one.
        for result in parts.get("results", []):
            for index, indicator in enumerate(result.get("indicators") or []):
                indicator.setdefault("position", index)
        super().write_parts(instance, parts)


# The API's lists of money, read-only: each row names its project -------------------------------


class MoneyRowMixin(serializers.Serializer):
    project = RelatedField(route="project", read_only=True)


class TransactionRowSerializer(MoneyRowMixin, TransactionSerializer):
    """A transaction with its project, as the list of every project's transactions shows it."""

    url = SelfLinkField("transaction", lookup_field="pk")

    class Meta(TransactionSerializer.Meta):
        fields = ["url", "id", "project", *TransactionSerializer.Meta.fields]
        read_only_fields = fields


class BudgetRowSerializer(MoneyRowMixin, BudgetSerializer):
    """A budget with its project, as the list of every project's budgets shows it."""

    url = SelfLinkField("budget", lookup_field="pk")

    class Meta(BudgetSerializer.Meta):
        fields = ["url", "id", "project", *BudgetSerializer.Meta.fields]
        read_only_fields = fields


class ExchangeRateSerializer(StrictModelSerializer):
    """What one unit of a currency was worth in US dollars from `day` on, as staff recorded it from
    `source` (never fetched): amounts in that currency valued on or after the day, and before its
    next rate, are converted at it."""

    url = SelfLinkField("exchange-rate", lookup_field="pk")
    links = LinksField()

    class Meta:
        model = ExchangeRate
        fields = ["url", "id", "currency", "day", "usd_per_unit", "source", "links"]
        read_only_fields = fields

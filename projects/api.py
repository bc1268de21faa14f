"""API viewsets for projects, and the read-only lists of their money and of exchange rates."""

from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from rest_framework.exceptions import NotFound
from rest_framework.settings import api_settings

from api.renderers import IATIRenderer
from api.schema import read_only_schema, resource_schema
from api.viewsets import ReadOnlyResourceViewSet, ResourceViewSet
from donors.models import Donor
from kernel import visibility
from kernel.relations import linked_model
from organisations.models import Organisation
from projects.filters import BudgetFilter, ExchangeRateFilter, ProjectFilter, TransactionFilter
from projects.iati import iter_activities_document
from projects.models import (
    Budget,
    ExchangeRate,
    Indicator,
    Participant,
    PlannedDisbursement,
    Project,
    Result,
    Transaction,
)
from projects.serializers import (
    BudgetRowSerializer,
    ExchangeRateSerializer,
    ProjectDetailSerializer,
    ProjectSerializer,
    TransactionRowSerializer,
)

PUBLISHING = ("slug", "publication_status", "published_at")


def with_parties(model, user):
    """Planned disbursements or transactions with their rate, and their provider and receiver as
    `user` may see them (a draft organisation reads as null; never joined, kernel.visibility)."""
    organisations = Organisation.objects.only(*PUBLISHING)
    return model.objects.select_related("rate").prefetch_related(
        visibility.prefetch("provider", organisations, user),
        visibility.prefetch("receiver", organisations, user),
    )


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
            Prefetch(
                "results",
                queryset=Result.objects.select_related("country").prefetch_related(
                    Prefetch("indicators", queryset=Indicator.objects.prefetch_related("periods"))
                ),
            ),
            Prefetch("budgets", queryset=Budget.objects.select_related("rate")),
            Prefetch("planned_disbursements", queryset=with_parties(PlannedDisbursement, user)),
            Prefetch("transactions", queryset=with_parties(Transaction, user)),
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


def of_visible_projects(model, user):
    """The rows of projects `user` may see, with their project's slug (for the row's `project`)."""
    fields = [field.attname for field in model._meta.concrete_fields]
    return (
        model.objects.visible_to(user)
        .select_related("project", "rate")
        .only(*fields, *(f"project__{name}" for name in PUBLISHING), *(f"rate__{name}" for name in RATE))
    )


RATE = ("usd_per_unit", "day", "source")


@read_only_schema("transaction", "transactions")
class TransactionViewSet(ReadOnlyResourceViewSet):
    serializer_class = TransactionRowSerializer
    filterset_class = TransactionFilter
    csv_flatten = ("rate",)

    def get_queryset(self):
        user = self.request.user
        organisations = Organisation.objects.only(*PUBLISHING)
        return (
            of_visible_projects(Transaction, user)
            .prefetch_related(
                visibility.prefetch("provider", organisations, user),
                visibility.prefetch("receiver", organisations, user),
            )
            .order_by("-date", "pk")
        )


@read_only_schema("budget", "budgets")
class BudgetViewSet(ReadOnlyResourceViewSet):
    serializer_class = BudgetRowSerializer
    filterset_class = BudgetFilter
    csv_flatten = ("rate",)

    def get_queryset(self):
        return of_visible_projects(Budget, self.request.user).order_by("-period_start", "pk")


@read_only_schema("exchange rate", "exchange rates", key="id")
class ExchangeRateViewSet(ReadOnlyResourceViewSet):
    serializer_class = ExchangeRateSerializer
    filterset_class = ExchangeRateFilter

    def get_queryset(self):
        return ExchangeRate.objects.order_by("currency", "-day", "pk")

"""Public pages for organisations: the list, and an organisation with what it does with the ILO.

An organisation's page shows its projects, events and contributions: the apps that own them stand
above this one, so their models are reached through the relations they declare to organisations
(kernel/relations.py), not imported.
"""

from django.db.models import F
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.generic import DetailView

from kernel import maps, structured_data, visibility
from kernel.relations import linked_model
from kernel.versioning import remember
from kernel.views import FilteredListView
from kernel.visibility import sees_drafts
from organisations.filters import OrganisationFilter
from organisations.models import Organisation


class OrganisationListView(FilteredListView):
    filterset_class = OrganisationFilter
    template_name = "organisations/organisation_list.html"
    api_path = "/api/v1/organisations/"
    page_title = _("Organisations")
    words = {
        "filter_heading": _("Filter organisations"),
        "search_label": _("Search organisations"),
        "none_match": _("No organisations match these filters"),
        "start_again": _("start again with all organisations"),
        "none_yet": _("No organisations published yet"),
    }
    counted = {
        "count": ngettext_lazy("%(count)s organisation", "%(count)s organisations", "count"),
        "skip": ngettext_lazy(
            "Skip to the %(count)s organisation", "Skip to the %(count)s organisations", "count"
        ),
        "download": ngettext_lazy(
            "Download this organisation as CSV", "Download these %(count)s organisations as CSV", "count"
        ),
    }
    default_sort = "name"

    def get_queryset(self):
        user = self.request.user
        return Organisation.objects.visible_to(user).for_listing(user).order_by("name", "pk")


class OrganisationDetailView(DetailView):
    """What the organisation is, its place in a larger body, and what it does with the ILO."""

    template_name = "organisations/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        user = self.request.user
        # A participation, an event organised or a contribution channelled is shown with its
        # project, event or donor, or not at all (kernel.visibility).
        participations = (
            linked_model(Organisation, "participations")
            .objects.select_related("project")
            .order_by("role", F("project__start_date").desc(nulls_last=True), "project__title")
        )
        organised = (
            linked_model(Organisation, "organised")
            .objects.select_related("event__country")
            .order_by("-event__start")
        )
        contributions = linked_model(Organisation, "contributions").objects.select_related("donor")
        return (
            Organisation.objects.visible_to(user)
            .select_related("country", "source")
            .prefetch_related(
                visibility.prefetch("parent", Organisation.objects.all(), user),
                visibility.prefetch("donor", linked_model(Organisation, "donor").objects.all(), user),
                visibility.prefetch("units", Organisation.objects.all(), user),
                visibility.prefetch("participations", participations, user),
                visibility.prefetch("organised", organised, user),
                visibility.prefetch("contributions", contributions, user),
            )
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            structured_data=structured_data.organisation_data(self.request, self.object),
            world_map=self.world_map(),
            **kwargs,
        )

    def world_map(self):
        """The projects it takes part in, per country, each country a link to them in the list."""
        organisation, user = self.object, self.request.user
        projects = linked_model(Organisation, "projects").objects.visible_to(user)
        figures = remember(
            ("organisation-map", organisation.pk, sees_drafts(user)),
            lambda: maps.count_by_country(
                projects.filter(pk__in=organisation.participations.values("project"))
            ),
        )
        return maps.world_map(
            figures,
            link=maps.adding_to(QueryDict(f"organisation={organisation.slug}"), reverse("projects:list")),
            title=_("Projects it takes part in, per country"),
        )

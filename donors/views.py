"""Public pages for donors and organisations: lists, the donor profile, its fact sheet."""

from django.db.models import F
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from donors.charts import contributions_chart
from donors.filters import DonorFilter
from donors.models import Contribution, Donor, partners_of
from kernel import charts, maps, structured_data, visibility
from kernel.relations import linked_model
from kernel.translation import localized
from kernel.versioning import remember, remember_unsliced
from kernel.views import FilteredListView
from kernel.visibility import sees_drafts
from organisations.models import Organisation


class DonorListView(FilteredListView):
    filterset_class = DonorFilter
    template_name = "donors/donor_list.html"
    api_path = "/api/v1/donors/"
    default_sort = "name"
    page_title = _("Donors")
    words = {
        "filter_heading": _("Filter donors"),
        "search_label": _("Search donors"),
        "none_match": _("No donors match these filters"),
        "start_again": _("start again with all donors"),
        "none_yet": _("No donors published yet"),
    }
    counted = {
        "count": ngettext_lazy("%(count)s donor", "%(count)s donors", "count"),
        "skip": ngettext_lazy("Skip to the %(count)s donor", "Skip to the %(count)s donors", "count"),
        "download": ngettext_lazy(
            "Download this donor as CSV", "Download these %(count)s donors as CSV", "count"
        ),
    }

    def get_queryset(self):
        user = self.request.user
        return (
            Donor.objects.visible_to(user)
            .select_related("country")
            .with_activity_counts(
                linked_model(Donor, "projects").objects.visible_to(user),
                linked_model(Donor, "events").objects.visible_to(user),
            )
            .order_by("name")
        )


class DonorDetailView(DetailView):
    """The profile as the brochure tells it: facts, contributions, ODA, priorities, projects, events."""

    template_name = "donors/donor_detail.html"
    context_object_name = "donor"

    def get_queryset(self):
        user = self.request.user
        # A contribution through a channel the reader may not see is shown without it.
        contributions = (
            Contribution.objects.order_by(F("amount_usd").desc(nulls_last=True), "-year_to", "kind")
            .select_related("source")
            .prefetch_related(visibility.prefetch("channel", Organisation.objects.all(), user))
        )
        return (
            Donor.objects.visible_to(user)
            .select_related("country", "source")
            .prefetch_related(
                "priority_areas", "oda_figures", visibility.prefetch("contributions", contributions, user)
            )
        )

    projects_shown, events_shown, partners_shown = 24, 12, 60

    def get(self, request, *args, **kwargs):
        if charts.wants_csv(request):
            self.object = self.get_object()
            return charts.csv_download(request, self.charts())
        return super().get(request, *args, **kwargs)

    def charts(self):
        """The donor's contributions by kind and period, from the rows the page has fetched."""
        donor = self.object
        title = gettext("Contributions to the ILO by %(name)s") % {"name": localized(donor, "name")}
        return [contributions_chart(donor, donor.contributions.all(), title=title)]

    def get_context_data(self, **kwargs):
        user, donor = self.request.user, self.object
        kwargs.setdefault("charts", charts.prepared(self.request, self.charts))
        projects = linked_model(Donor, "projects").objects.visible_to(user)
        funded = projects.for_donor(donor)
        events = linked_model(Donor, "events").objects.visible_to(user).for_donor(donor)
        partners = partners_of(donor, linked_model(Donor, "organisations").objects.visible_to(user), projects)
        # The donor's events depend on no project: kept through an edit of one (`remember_unsliced`).
        shown_events, event_count = remember_unsliced(
            ("donor-events", donor.pk, sees_drafts(user), self.events_shown),
            lambda: (list(events.for_listing()[: self.events_shown]), events.count()),
        )
        # A large donor funds hundreds of projects: the profile shows the newest, and links to the
        # project and event lists filtered by the donor for the rest.
        return super().get_context_data(
            project_groups=funded.for_listing(user, parents=False)
            .newest_first()[: self.projects_shown]
            .grouped_by_parent(),
            project_count=funded.count(),
            events=shown_events,
            event_count=event_count,
            partners=partners.select_related("country").order_by("name")[: self.partners_shown],
            partner_count=partners.count(),
            structured_data=structured_data.donor_data(self.request, donor),
            world_map=self.world_map(funded),
            **kwargs,
        )

    def world_map(self, funded):
        """The donor's projects per country, each country a link to them in the project list."""
        donor, user = self.object, self.request.user
        figures = remember(("donor-map", donor.pk, sees_drafts(user)), lambda: maps.count_by_country(funded))
        return maps.world_map(
            figures,
            link=maps.adding_to(QueryDict(f"donor={donor.slug}"), reverse("projects:list")),
            title=_("Projects it funds, per country"),
        )


class DonorFactSheetView(DonorDetailView):
    """The same profile on one printed A4 page."""

    template_name = "donors/donor_fact_sheet.html"
    events_on_sheet = 4

    def world_map(self, funded):
        return None  # one A4 page has no room for it

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["records_as_of"] = self.records_as_of(context)
        return context

    def records_as_of(self, context):
        """The latest day a project or event on the sheet is reported as of, when it comes after the
        profile's date: the sheet then states both dates rather than one that its list contradicts."""
        events = list(context["events"])[: self.events_on_sheet]
        days = [event.start.date() for event in events if event.start]
        for project, children in context["project_groups"]:
            days += [each.status_as_of for each in (project, *children) if each.status_as_of]
        latest = max(days, default=None)
        profile = self.object.profile_as_of
        if latest is None or profile is None or (latest.year, latest.month) <= (profile.year, profile.month):
            return None
        return latest

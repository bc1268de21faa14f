"""Public pages for projects: the filtered list and the project page."""

from django.db.models import F, Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.generic import DetailView

from donors.models import Donor
from kernel import charts, maps, structured_data, visibility
from kernel.relations import linked_model
from kernel.views import FilteredListView
from organisations.models import Organisation
from projects import money
from projects.filters import ProjectFilter
from projects.models import Budget, Indicator, IndicatorPeriod, Participant, Project, Result, Transaction


class ProjectListView(FilteredListView):
    filterset_class = ProjectFilter
    template_name = "projects/project_list.html"
    api_path = "/api/v1/projects/"
    form_fields = ("year",)
    default_sort = "-start"  # newest_first()
    page_title = _("Projects")
    words = {
        "filter_heading": _("Filter projects"),
        "search_label": _("Search projects"),
        "none_match": _("No projects match these filters"),
        "start_again": _("start again with all projects"),
        "none_yet": _("No projects published yet"),
    }
    counted = {
        "count": ngettext_lazy("%(count)s project", "%(count)s projects", "count"),
        "skip": ngettext_lazy("Skip to the %(count)s project", "Skip to the %(count)s projects", "count"),
        "download": ngettext_lazy(
            "Download this project as CSV", "Download these %(count)s projects as CSV", "count"
        ),
    }

    def get_queryset(self):
        user = self.request.user
        return Project.objects.visible_to(user).for_listing(user).newest_first()

    def get(self, request, *args, **kwargs):
        if charts.wants_csv(request):
            self.filterset = self.get_filterset(self.get_filterset_class())
            return charts.csv_download(request, self.charts(self.filterset.qs))
        return super().get(request, *args, **kwargs)

    def charts(self, projects):
        """Funding by year, theme, region and SDG of the projects the filters find, summed once per
        change of content and filter combination (like the facet counts)."""
        parts = self.filterset.cache_parts("charts")
        return money.list_charts(
            money.remembered_funding(parts, projects),
            money.remembered_topics(parts, projects),
            query=self.request.GET,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        query["format"] = "iati"
        context["iati_url"] = f"{self.api_path}?{query.urlencode()}"
        # The country facet's counts (kept with the others, so no query of its own): each country's
        # projects with the other filters in force, and a click adds the country to them.
        filterset = self.filterset
        context["world_map"] = maps.world_map(
            filterset.facet_counts()["country"],
            link=maps.adding_to(self.request.GET, self.request.path),
            highlight=[value.upper() for value in filterset.data.getlist("country")]
            if filterset.is_bound
            else (),
            title=_("Projects per country, with the other filters in force"),
        )
        context["charts"] = charts.prepared(self.request, lambda: self.charts(self.object_list))
        return context


class ProjectDetailView(DetailView):
    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        user = self.request.user
        return (
            Project.objects.visible_to(user)
            .select_related("source")
            .prefetch_related(
                "countries",
                "regions",
                "themes",
                "sdgs",
                visibility.prefetch("parent", Project.objects.all(), user),
                visibility.prefetch("donors", Donor.objects.all(), user),
                visibility.prefetch("participants", Participant.objects.select_related("organisation"), user),
                Prefetch("results", queryset=Result.objects.select_related("country")),
                visibility.prefetch(
                    "children", Project.objects.for_listing(user, parents=False).newest_first(), user
                ),
                visibility.prefetch(
                    "events",
                    linked_model(Project, "events").objects.for_listing().order_by(F("start").desc()),
                    user,
                ),
                Prefetch("budgets", queryset=Budget.objects.select_related("rate")),
                Prefetch(
                    "transactions",
                    queryset=Transaction.objects.select_related("rate").prefetch_related(
                        visibility.prefetch("provider", Organisation.objects.all(), user),
                        visibility.prefetch("receiver", Organisation.objects.all(), user),
                    ),
                ),
                Prefetch(
                    "results__indicators",
                    queryset=Indicator.objects.prefetch_related(
                        Prefetch("periods", queryset=IndicatorPeriod.objects.order_by("period_start", "pk"))
                    ),
                ),
            )
        )

    def get(self, request, *args, **kwargs):
        if charts.wants_csv(request):
            self.object = self.get_object()
            return charts.csv_download(request, self.charts())
        return super().get(request, *args, **kwargs)

    def charts(self):
        """The project's budget and spending by year, and its indicators."""
        project = self.object
        indicators = [indicator for result in project.results.all() for indicator in result.indicators.all()]
        return [
            money.project_funding_chart(project, money.project_funding(project)),
            money.indicators_chart(indicators),
        ]

    def get_context_data(self, **kwargs):
        project = self.object
        shown = {chart.name: chart for chart in charts.prepared(self.request, self.charts)}
        return super().get_context_data(
            structured_data=structured_data.project_data(self.request, project),
            funding_chart=shown.get("project-funding"),
            indicators_chart=shown.get("project-indicators"),
            money_rows=money.money_rows(project),
            **kwargs,
        )

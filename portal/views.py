"""Site-wide pages that draw on every app: the home page and search."""

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.generic import TemplateView

from donors.filters import DonorFilter
from donors.models import Contribution, Donor
from events.filters import EventFilter
from events.models import Event
from kernel import charts, maps
from kernel.dates import format_month_span
from kernel.filters import CONTROL_CHARACTERS
from kernel.search import suggest, vocabulary
from kernel.versioning import (
    remember,
    remember_sliced,
    remember_unsliced,
    remembered_count,
    remembered_first,
)
from kernel.visibility import sees_drafts
from organisations.filters import OrganisationFilter
from organisations.models import Organisation
from portal.places import places_named
from projects import money
from projects.filters import ProjectFilter
from projects.models import Project


class HomeView(TemplateView):
    template_name = "home.html"

    def get(self, request, *args, **kwargs):
        if charts.wants_csv(request):
            return charts.csv_download(request, self.charts())
        return super().get(request, *args, **kwargs)

    @staticmethod
    def charts():
        """Funding by year, theme, region and SDG of the published projects, summed per slice of
        projects (kernel.versioning's "Slices"), as the unfiltered project list sums them."""
        projects = Project.objects.published()
        parts = ("visible", False)
        return money.list_charts(
            money.remembered_funding(parts, projects), money.remembered_topics(parts, projects)
        )

    def get_context_data(self, **kwargs):
        # The key figures and featured donors add up whole tables: computed once per change of
        # content (`remember`), not on every visit; the projects per country per slice of projects.
        figures = remember(("home",), self.figures)
        # What no project's edit changes: kept through one (`remember_unsliced`).
        unsliced = remember_unsliced(("home",), self.beyond_projects)
        by_country = maps.remembered_count_by_country(("visible", False), Project.objects.published())
        reported = self.reporting()
        return super().get_context_data(
            **figures,
            **unsliced,
            ongoing_count=reported["current"] + reported["earlier"],
            ongoing_now_count=reported["current"],
            ongoing_earlier_count=reported["earlier"],
            ongoing_earlier_reported=format_month_span(reported["first"], reported["last"]),
            country_count=len(by_country),
            projects_by_country=by_country,
            world_map=maps.world_map(by_country),
            charts=charts.prepared(self.request, self.charts),
            **kwargs,
        )

    @staticmethod
    def reporting():
        """How many published projects are ongoing, reported recently or earlier, with the span of
        the earlier reports (`ProjectQuerySet.reporting`), counted per slice of projects and day."""
        today = timezone.localdate()

        def merged(sums):
            found = [row for row in sums if row]
            firsts = [row["first"] for row in found if row["first"] is not None]
            lasts = [row["last"] for row in found if row["last"] is not None]
            return {
                "current": sum(row["current"] for row in found),
                "earlier": sum(row["earlier"] for row in found),
                "first": min(firsts, default=None),
                "last": max(lasts, default=None),
            }

        ongoing = Project.objects.published().ongoing()
        return remember_sliced(
            ("ongoing-reporting", today.isoformat()),
            lambda slices: ongoing.reporting(today, slices=slices),
            merged,
        )

    @staticmethod
    def beyond_projects():
        """The published donors, what they give and the events, none of which shows a project."""
        events = Event.objects.published().for_listing()
        return {
            "donor_count": Donor.objects.published().count(),
            "contribution_totals": [
                total for total in Contribution.objects.published().totals() if total.amount_usd is not None
            ],
            "upcoming_events": list(events.upcoming().order_by("start")[:3]),
            "recent_events": list(events.past().order_by("-start")[:3]),
        }

    @staticmethod
    def figures():
        projects = Project.objects.published()
        # A status reported long ago is not today's: projects reported ongoing recently are counted
        # as ongoing; the others as "reported ongoing", with the months of those reports.
        ongoing = projects.ongoing()
        return {
            "featured_donors": list(
                Donor.objects.published()
                .featured()
                .select_related("country")
                .with_activity_counts(projects, Event.objects.published())
            ),
            "ongoing_projects": list(ongoing.for_listing().latest_reported_first()[:6]),
        }


# What a group's count and its link to the list say, whole (a noun cannot be translated alone).
GROUP_WORDS = {
    "donors": (
        ngettext_lazy("%(count)s donor", "%(count)s donors", "count"),
        ngettext_lazy(
            "See the donor matching “%(query)s” in the list",
            "See all %(count)s donors matching “%(query)s” in the list",
            "count",
        ),
    ),
    "projects": (
        ngettext_lazy("%(count)s project", "%(count)s projects", "count"),
        ngettext_lazy(
            "See the project matching “%(query)s” in the list",
            "See all %(count)s projects matching “%(query)s” in the list",
            "count",
        ),
    ),
    "events": (
        ngettext_lazy("%(count)s event", "%(count)s events", "count"),
        ngettext_lazy(
            "See the event matching “%(query)s” in the list",
            "See all %(count)s events matching “%(query)s” in the list",
            "count",
        ),
    ),
    "organisations": (
        ngettext_lazy("%(count)s organisation", "%(count)s organisations", "count"),
        ngettext_lazy(
            "See the organisation matching “%(query)s” in the list",
            "See all %(count)s organisations matching “%(query)s” in the list",
            "count",
        ),
    ),
}


class SearchView(TemplateView):
    """One box over donors, projects, events and organisations, through each resource's FilterSet."""

    template_name = "search.html"
    per_group = 5
    # Groups whose matches and cards hold nothing of a project: kept through an edit of one
    # (`remember_unsliced`), so the first search after it reads them from the cache.
    unsliced = {"events"}

    def groups(self, user):
        return [
            (
                "donors",
                _("Donors"),
                DonorFilter,
                Donor.objects.visible_to(user).select_related("country"),
                reverse("donors:list"),
            ),
            (
                "projects",
                _("Projects"),
                ProjectFilter,
                Project.objects.visible_to(user).for_listing(user).newest_first(),
                reverse("projects:list"),
            ),
            (
                "events",
                _("Events"),
                EventFilter,
                Event.objects.visible_to(user).for_listing(),
                reverse("events:list"),
            ),
            (
                "organisations",
                _("Organisations"),
                OrganisationFilter,
                Organisation.objects.visible_to(user).for_listing(user),
                reverse("organisations:list"),
            ),
        ]

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "")
        groups, errors = self.search(query) if query.strip() else ([], [])
        total = sum(group["count"] for group in groups)
        suggestion = None
        if query.strip() and not errors and not total:
            suggestion = self.suggestion(query)
        # A country or a goal named by the query: a direct link to its page, above the groups.
        places = places_named(query, self.request.user) if query.strip() and not errors else []
        return super().get_context_data(
            query=query,
            places=places,
            groups=groups,
            errors=errors,
            total=total,
            suggestion=suggestion,
            **kwargs,
        )

    def search(self, query):
        """([group, ...], errors): each resource's first matches, best first, and its count."""
        data = QueryDict(mutable=True)
        data["q"] = query
        groups = []
        shown = Truncator(CONTROL_CHARACTERS.sub("", query)).chars(40)
        for name, label, filterset_class, queryset, list_url in self.groups(self.request.user):
            filterset = filterset_class(data, queryset=queryset, request=self.request)
            if not filterset.is_valid():
                return [], filterset.error_list()
            rows = filterset.qs
            counted = filterset.cache_parts("search-count")
            if name in self.unsliced:
                keep, count = remember_unsliced, remember_unsliced(counted, rows.count)
            else:
                # Counted per slice of projects (`remembered_count`): after an edit, one slice again.
                keep, count = remember, remembered_count(counted, rows)
            parts = filterset.cache_parts("search", self.per_group)
            if name not in self.unsliced and rows.relevance_per_row():
                # Ranked per slice of projects: after an edit, the edited slice's matches again.
                results = remembered_first(parts, rows, self.per_group)
            else:
                results = keep(parts, lambda rows=rows: list(rows[: self.per_group]))
            groups.append(
                {
                    "name": name,
                    "label": label,
                    "count": count,
                    "count_words": GROUP_WORDS[name][0] % {"count": count},
                    "see_words": GROUP_WORDS[name][1] % {"count": count, "query": shown},
                    "results": results,
                    "list_url": f"{list_url}?{data.urlencode()}",
                    "card": f"includes/_{name[:-1]}_card.html",
                }
            )
        return groups, []

    def suggestion(self, query):
        """A corrected query that finds something ("Japn" → "Japan"), or None. Its words come from
        the records the reader may see, so a word only a draft holds is never offered."""
        user = self.request.user
        querysets = [queryset for _name, _label, _filterset, queryset, _url in self.groups(user)]
        words = remember(("search-vocabulary", sees_drafts(user)), lambda: vocabulary(querysets))
        suggestion = suggest(query, words)
        if suggestion is None:
            return None
        groups, errors = self.search(suggestion)
        if errors or not any(group["count"] for group in groups):
            return None
        return suggestion

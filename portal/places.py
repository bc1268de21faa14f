"""A page per country (`/countries/NP/`) and per Sustainable Development Goal (`/sdgs/8/`), and
their indexes: what the ILO's partners do there, or towards that goal, as the reader may see it.

Counts and totals add up whole tables: each is computed once per change of content and per kind of
reader (public or staff, `kernel.visibility.sees_drafts`) through `remember`, like the home page's
figures. The cards come from the same querysets the list pages use, so a page's query count does
not grow with the rows (tests/perf/).
"""

from django.db.models import Count, Q, Sum
from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from donors.models import Donor
from events.models import Event
from kernel import charts, maps, structured_data
from kernel.l10n import sort_key, sorted_by_name
from kernel.taxonomy.models import SDG, Country, Theme
from kernel.translation import localized
from kernel.versioning import Slices, remember, remember_sliced, remember_unsliced
from kernel.visibility import sees_drafts
from organisations.models import Organisation
from projects import money
from projects.models import Project

# Fewest characters of a query before it is looked for inside a goal's title ("decent work").
SDG_QUERY_MIN = 4
COUNTED = ("project_count", "event_count", "donor_count", "organisation_count")


# What the reader may see, counted ---------------------------------------------------------------


FIGURES = {
    "project_count": Count("pk"),
    "ongoing_count": Count("pk", filter=Q(status=Project.Status.IMPLEMENTATION)),
    "budget_total": Sum("budget_usd"),
    "budgeted_count": Count("budget_usd"),
}


def project_figures(parts, projects):
    """How many projects, how many reported ongoing, and the sum of the budgets they state (with how
    many state one): one aggregate query, counted per slice of projects (`remember_sliced`) and
    kept under `parts`, so that after an edit one slice is counted again."""

    def count(slices):
        rows = slices.within(projects.order_by()).values(slice=Slices.of()).annotate(**FIGURES)
        return {row.pop("slice"): row for row in rows}

    def merged(sums):
        found = [row for row in sums if row]
        totals = {name: sum(row[name] for row in found) for name in FIGURES if name != "budget_total"}
        budgets = [row["budget_total"] for row in found if row["budget_total"] is not None]
        return {**totals, "budget_total": sum(budgets) if budgets else None}

    return remember_sliced(("project-figures", *parts), count, merged)


def countries_with_content(user):
    """{code: Country} of every country with a project, event, donor or organisation the user may
    see, each carrying `project_count`, `event_count`, `donor_count` and `organisation_count`."""

    def compute():
        counts = {}

        def add(rows, name):
            for code, count in rows:
                counts.setdefault(code, {})[name] = count

        add(projects_per(user, "countries").items(), "project_count")
        for model, name in (
            (Event, "event_count"),
            (Donor, "donor_count"),
            (Organisation, "organisation_count"),
        ):
            # They count no project: kept through an edit of one (`remember_unsliced`).
            add(
                remember_unsliced(
                    ("per-country", name, sees_drafts(user)),
                    lambda model=model: list(
                        model.objects.visible_to(user)
                        .filter(country__isnull=False)
                        .order_by()
                        .values("country")
                        .annotate(n=Count("pk"))
                        .values_list("country", "n")
                    ),
                ),
                name,
            )
        countries = {}
        for country in Country.objects.filter(code__in=list(counts)).select_related("region"):
            for name in COUNTED:
                setattr(country, name, counts[country.code].get(name, 0))
            countries[country.code] = country
        return countries

    return remember(("countries-with-content", sees_drafts(user)), compute)


def sdgs_with_counts(user):
    """Every SDG, each with `project_count`: how many projects the user may see contribute to it."""

    def compute():
        counts = projects_per(user, "sdgs")
        sdgs = list(SDG.objects.order_by("number"))
        for sdg in sdgs:
            sdg.project_count = counts.get(sdg.number, 0)
        return sdgs

    return remember(("sdgs-with-counts", sees_drafts(user)), compute)


def projects_per(user, link):
    """{country code or goal number: how many projects the user may see work in it}, counted per
    slice of projects (`maps.remembered_count_by_country`): after an edit, one slice again."""
    drafts = sees_drafts(user)
    return maps.remembered_count_by_country(("visible", drafts), Project.objects.visible_to(user), link)


def grouped_by_region(countries):
    """[(region or None, [country, ...]), ...]: the ILO regions in their order, each with its
    countries in the page language's order of names; territories without a region last."""
    groups = {}
    for country in sorted_by_name(countries, lambda country: country.label):
        groups.setdefault(country.region, []).append(country)
    return sorted(
        groups.items(),
        key=lambda item: (item[0] is None, item[0].position if item[0] else 0, str(item[0] or "")),
    )


# Pages --------------------------------------------------------------------------------------------


def money_by_year(parts, projects, query):
    """The funding-by-year chart of `projects` (kept until content changes under `parts`), its bars
    leading to the project list filtered by `query` and the year. A project working in several
    countries, or towards several goals, counts whole in each: the chart says so."""
    chart = money.list_charts(money.remembered_funding(parts, projects), {}, query=query)[0]
    if chart is not None:
        chart.notes.append(
            gettext("A project working in several countries or towards several goals counts whole in each.")
        )
    return [chart]


class CountryListView(TemplateView):
    """The countries where the ILO's partners have recorded work, by ILO region."""

    template_name = "places/country_list.html"

    def get_context_data(self, **kwargs):
        countries = countries_with_content(self.request.user).values()
        return super().get_context_data(
            region_groups=grouped_by_region(countries), country_count=len(countries), **kwargs
        )


class CountryDetailView(TemplateView):
    """A country: its projects, events, donors and organisations, and its key figures."""

    template_name = "places/country_detail.html"
    projects_shown, events_shown, donors_shown, organisations_shown = 12, 6, 12, 12

    def get(self, request, *args, code, **kwargs):
        if code != code.upper():
            # One address per country: `/countries/np/` is `/countries/NP/`, for good.
            return redirect(reverse("country", kwargs={"code": code.upper()}), permanent=True)
        self.country = Country.objects.select_related("region").filter(code=code).first()
        if self.country is None:
            raise Http404("No country has this code.")
        if charts.wants_csv(request):
            return charts.csv_download(request, self.charts())
        return super().get(request, *args, code=code, **kwargs)

    def charts(self):
        """The country's money by year: its projects' budgets against disbursements."""
        user, code = self.request.user, self.country.code
        return money_by_year(
            ("country", code, sees_drafts(user)), self.projects(), QueryDict(f"country={code}")
        )

    def projects(self):
        return Project.objects.visible_to(self.request.user).for_country(self.country.code)

    def get_context_data(self, **kwargs):
        user, country = self.request.user, self.country
        projects = self.projects()
        events = Event.objects.visible_to(user).filter(country=country)
        donors = Donor.objects.visible_to(user).filter(country=country)
        organisations = Organisation.objects.visible_to(user).filter(country=country)

        def figures():
            return {
                **project_figures(("country", country.code, sees_drafts(user)), projects),
                "event_count": events.count(),
                "donor_count": donors.count(),
                "organisation_count": organisations.count(),
            }

        figures = remember(("country-page", country.code, sees_drafts(user)), figures)
        return super().get_context_data(
            country=country,
            figures=figures,
            has_content=any(figures[name] for name in COUNTED),
            projects=list(projects.for_listing(user).newest_first()[: self.projects_shown])
            if figures["project_count"]
            else [],
            events=list(events.for_listing().order_by("-start", "title")[: self.events_shown])
            if figures["event_count"]
            else [],
            donors=list(
                donors.select_related("country")
                .with_activity_counts(Project.objects.visible_to(user), Event.objects.visible_to(user))
                .order_by("name")[: self.donors_shown]
            )
            if figures["donor_count"]
            else [],
            organisations=list(organisations.for_listing(user).order_by("name")[: self.organisations_shown])
            if figures["organisation_count"]
            else [],
            # Unevaluated: the projects the reader may see there, for the money chart and the map
            # that will fill the template's `money` and `map` blocks.
            visible_projects=projects,
            charts=charts.prepared(self.request, self.charts),
            world_map=self.world_map(),
            structured_data=structured_data.country_data(self.request, country),
            **kwargs,
        )

    def world_map(self):
        """The country outlined on the world map and framed with its neighbours, each shaded by the
        projects the reader may see there (the same counts every country's page shares)."""
        figures = projects_per(self.request.user, "countries")
        return maps.world_map(figures, highlight=self.country.code, zoom=True)


class SDGListView(TemplateView):
    """The 17 goals, each with how many projects contribute to it."""

    template_name = "places/sdg_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(sdgs=sdgs_with_counts(self.request.user), **kwargs)


class SDGDetailView(TemplateView):
    """A goal: its official title, the projects contributing to it, where they work, who funds them,
    and their themes."""

    template_name = "places/sdg_detail.html"
    projects_shown, donors_shown = 12, 24

    def get(self, request, *args, number, **kwargs):
        if not 1 <= int(number) <= 17:
            raise Http404("There are 17 Sustainable Development Goals.")
        if number != str(int(number)):
            return redirect(reverse("sdg", kwargs={"number": int(number)}), permanent=True)  # 08 is 8
        self.sdg = SDG.objects.filter(number=number).first()
        if self.sdg is None:
            raise Http404("There are 17 Sustainable Development Goals.")
        if charts.wants_csv(request):
            return charts.csv_download(request, self.charts())
        return super().get(request, *args, number=number, **kwargs)

    def charts(self):
        """The goal's money by year: its projects' budgets against disbursements."""
        number, user = self.sdg.number, self.request.user
        return money_by_year(("sdg", number, sees_drafts(user)), self.projects(), QueryDict(f"sdg={number}"))

    def projects(self):
        return Project.objects.visible_to(self.request.user).for_sdg(self.sdg.number)

    def get_context_data(self, **kwargs):
        user, sdg = self.request.user, self.sdg
        projects = self.projects()
        parts = ("sdg", sdg.number, sees_drafts(user))

        def per(link):
            """{key: projects} of the goal's projects per linked row, counted per slice."""
            return maps.remembered_count_by_country(parts, projects, link)

        def counted(rows, counts):
            rows = list(rows)
            for row in rows:
                row.project_count = counts[row.pk]
            return rows

        def figures():
            # Which donors fund a goal's projects is a walk over thousands of links (43 ms at
            # 100,000 projects on PostgreSQL): counted per slice of projects, as the rest.
            donors = Donor.objects.visible_to(user).filter(pk__in=list(per("donors")))
            countries, themes = per("countries"), per("themes")
            return {
                **project_figures(parts, projects),
                "donor_count": donors.count(),
                "donors_shown": list(
                    donors.order_by("name").values_list("pk", flat=True)[: self.donors_shown]
                ),
                "countries": counted(
                    Country.objects.filter(code__in=list(countries)).select_related("region"), countries
                ),
                # The most projects first, then by name (sorted() keeps the database's order of names).
                "themes": sorted(
                    counted(Theme.objects.filter(pk__in=list(themes)).order_by("name"), themes),
                    key=lambda theme: -theme.project_count,
                ),
            }

        figures = remember(("sdg-page", sdg.number, sees_drafts(user)), figures)
        return super().get_context_data(
            sdg=sdg,
            figures=figures,
            countries=sorted_by_name(figures["countries"], lambda country: country.label),
            projects=list(projects.for_listing(user).newest_first()[: self.projects_shown])
            if figures["project_count"]
            else [],
            donors=list(
                Donor.objects.filter(pk__in=figures["donors_shown"])
                .select_related("country")
                .order_by("name")
            )
            if figures["donors_shown"]
            else [],
            visible_projects=projects,  # unevaluated, as on a country's page
            charts=charts.prepared(self.request, self.charts),
            world_map=maps.world_map(
                {country.code: country.project_count for country in figures["countries"]},
                link=maps.adding_to(QueryDict(f"sdg={sdg.number}"), reverse("projects:list")),
                title=_("Projects contributing to this goal, per country"),
            ),
            structured_data=structured_data.sdg_data(self.request, sdg),
            **kwargs,
        )


# Search -------------------------------------------------------------------------------------------


def places_named(query, user):
    """The country and SDG pages a search names, for a direct link above the results: a country
    whose name (in the page's language or in English) is the query, an SDG asked for by number
    ("SDG 8", "ODD 8") or whose title holds the query ("decent work"). Only pages with something
    the user may see; from the cached indexes, so no query when they are warm."""
    wanted = " ".join(sort_key(query).split())
    if not wanted:
        return []
    found = []
    for country in countries_with_content(user).values():
        if wanted in (sort_key(country.label), sort_key(country.name)):
            found.append({"label": country.label, "url": country.get_absolute_url(), "kind": "country"})
    words = wanted.split()
    asked = None
    if len(words) in (1, 2) and words[0].startswith(("sdg", "odd", "ods")):
        digits = "".join(words)[3:]
        asked = int(digits) if digits.isdigit() and len(digits) <= 2 else None
    for sdg in sdgs_with_counts(user):
        if not sdg.project_count:
            continue
        titles = {localized(sdg, name) for name in ("short_name", "name")}
        titles |= {getattr(sdg, name) for name in ("short_name", "name")}
        if sdg.number == asked or (
            len(wanted) >= SDG_QUERY_MIN and any(_holds_phrase(title, wanted) for title in titles)
        ):
            found.append({"label": str(sdg), "url": sdg.get_absolute_url(), "kind": "sdg"})
    return found


def _holds_phrase(title, phrase):
    """Whether `title` holds `phrase` (both as `sort_key` makes them) as whole words: "decent work"
    is in "Decent work and economic growth", "ring" is not in "Ensuring". Text written without
    spaces between words (Japanese) is matched anywhere."""
    title = sort_key(title)
    if not phrase.isascii() and " " not in title:
        return phrase in title
    words = " ".join("".join(char if char.isalnum() else " " for char in title).split())
    return f" {phrase} " in f" {words} "

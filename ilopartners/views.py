"""Site-wide pages (home, search) and the list page every resource shares."""

from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from django_filters.views import FilterView

from donors.filters import DonorFilter, OrganisationFilter
from donors.models import Contribution, Donor, Organisation
from events.filters import EventFilter
from events.models import Event
from ilopartners.caching import remember
from ilopartners.taxonomy.models import Country
from projects.filters import ProjectFilter
from projects.models import Project


class FilteredListView(FilterView):
    """A list page: the resource's FilterSet (the one its API list uses), facet counts, removable
    chips, sorting, pagination that keeps the filters, and a link to the same rows as CSV.

    A bad filter value never breaks the page: it is reported and ignored while the valid ones
    apply (`strict = False`); a bad page number gives the first or the last page.
    """

    strict = False
    paginate_by = 20
    api_path = ""  # the API list that serves the same query string as CSV
    form_fields = ()  # the filters shown in the form besides the search box, the facets and sorting
    page_title = ""
    noun, noun_plural = "result", "results"
    default_sort_label = "Default order"

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv" and self.api_path:
            return redirect(self.csv_url())
        return super().get(request, *args, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        # The number of results depends on the filters alone: counted once per change of content.
        paginator.count = remember(self.filterset.cache_parts("count"), queryset.count)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def csv_url(self):
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        query["format"] = "csv"
        return f"{self.api_path}?{query.urlencode()}"

    def canonical_query(self, page_obj):
        """The valid filters as given (not the sort order), and the page after the first."""
        query = QueryDict(mutable=True)
        filterset = self.filterset
        if filterset.is_bound:
            filterset.is_valid()
            for name, value in filterset.form.cleaned_data.items():
                if name != "sort" and value not in (None, "", [], ()):
                    query.setlist(name, sorted(self.request.GET.getlist(name)))
        if page_obj is not None and page_obj.number > 1:
            query[self.page_kwarg] = page_obj.number
        return query

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        form = filterset.form
        for name in self.form_fields:
            field = form.fields[name]
            if getattr(field, "choices", None):
                # A select offers "Any" rather than django-filter's "---------" for no choice.
                field.choices = [
                    ("", "Any") if value == "" else (value, label) for value, label in field.choices
                ]
        context.update(
            facet_groups=filterset.facet_groups(),
            active_filters=filterset.active_filters(),
            filter_errors=filterset.error_list(),
            search_field=form["q"],
            form_fields=[form[name] for name in self.form_fields],
            sort_choices=[choice for choice in form.fields["sort"].choices if choice[0]]
            if "sort" in form.fields
            else [],
            current_sort=self.request.GET.get("sort", ""),
            default_sort_label=self.default_sort_label,
            result_count=context["paginator"].count,
            page_title=self.page_title,
            noun=self.noun,
            noun_plural=self.noun_plural,
            csv_url=self.csv_url() if self.api_path else "",
            canonical_query=self.canonical_query(context["page_obj"]),
        )
        return context


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        # The key figures and featured donors add up whole tables: computed once per change of
        # content (`remember`), not on every visit.
        return super().get_context_data(**remember(("home",), self.figures), **kwargs)

    @staticmethod
    def figures():
        projects = Project.objects.published()
        events = Event.objects.published().for_listing()
        return {
            "donor_count": Donor.objects.published().count(),
            "ongoing_count": projects.ongoing().count(),
            "country_count": Country.objects.reached_by(projects).count(),
            "contributions_total": Contribution.objects.published().total_usd(),
            "featured_donors": list(
                Donor.objects.published()
                .featured()
                .select_related("country")
                .with_activity_counts(projects, Event.objects.published())
            ),
            "ongoing_projects": list(projects.ongoing().for_listing().newest_first()[:6]),
            "upcoming_events": list(events.upcoming().order_by("start")[:3]),
            "recent_events": list(events.past().order_by("-start")[:3]),
        }


class SearchView(TemplateView):
    """One box over donors, projects, events and organisations, through each resource's FilterSet."""

    template_name = "search.html"
    per_group = 5

    def groups(self, user):
        return [
            (
                "donors",
                "Donors",
                DonorFilter,
                Donor.objects.visible_to(user).select_related("country"),
                reverse("donors:list"),
            ),
            (
                "projects",
                "Projects",
                ProjectFilter,
                Project.objects.visible_to(user).for_listing().newest_first(),
                reverse("projects:list"),
            ),
            (
                "events",
                "Events",
                EventFilter,
                Event.objects.visible_to(user).for_listing(),
                reverse("events:list"),
            ),
            (
                "organisations",
                "Organisations",
                OrganisationFilter,
                Organisation.objects.visible_to(user).for_listing(),
                reverse("donors:organisations"),
            ),
        ]

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "")
        data = QueryDict(mutable=True)
        data["q"] = query
        groups, errors = [], []
        if query.strip():
            for name, label, filterset_class, queryset, list_url in self.groups(self.request.user):
                filterset = filterset_class(data, queryset=queryset, request=self.request)
                if not filterset.is_valid():
                    errors = filterset.error_list()
                    break
                rows = filterset.qs
                count, results = remember(
                    filterset.cache_parts("search", self.per_group),
                    lambda rows=rows: (rows.count(), list(rows[: self.per_group])),
                )
                groups.append(
                    {
                        "name": name,
                        "label": label,
                        "noun": label[:-1].lower(),
                        "count": count,
                        "results": results,
                        "list_url": f"{list_url}?{data.urlencode()}",
                        "card": f"includes/_{name[:-1]}_card.html",
                    }
                )
        return super().get_context_data(
            query=query,
            groups=groups,
            errors=errors,
            total=sum(group["count"] for group in groups),
            **kwargs,
        )

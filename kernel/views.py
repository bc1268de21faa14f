"""The list page every resource shares, and the admin's Markdown preview."""

from django.conf import settings
from django.http import JsonResponse, QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from kernel import markdown
from kernel.translation import active_language
from kernel.versioning import remembered_count


@never_cache
@require_POST
def markdown_preview(request):
    """The HTML a page will show for an editor's Markdown, rendered by the page's own renderer.

    For staff only, by POST with the CSRF token of the form being edited (the admin sends it in
    X-CSRFToken), and bounded as the field is: text longer than a Markdown field may hold is refused.
    """
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return JsonResponse({"error": "Sign in to the admin as staff to preview."}, status=403)
    text = request.POST.get("text", "")
    if len(text) > settings.TEXT_MAX_CHARS:
        return JsonResponse(
            {"error": f"The text is longer than the {settings.TEXT_MAX_CHARS:,} characters a field holds."},
            status=413,
        )
    return JsonResponse({"html": markdown.render(text)})


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
    # Every phrase that names the list's rows, whole: a noun alone cannot be translated (French and
    # Spanish agree the words around it in gender, Japanese counts differently). `counted` phrases
    # take the number of results as `%(count)s`.
    words = {
        "filter_heading": _("Filter results"),
        "search_label": _("Search results"),
        "none_match": _("No results match these filters"),
        "start_again": _("start again with all results"),
        "none_yet": _("No results published yet"),
    }
    counted = {
        "count": ngettext_lazy("%(count)s result", "%(count)s results", "count"),
        "skip": ngettext_lazy("Skip to the %(count)s result", "Skip to the %(count)s results", "count"),
        "download": ngettext_lazy(
            "Download this result as CSV", "Download these %(count)s results as CSV", "count"
        ),
    }
    # The sort word the list's own order equals ("-start"): the menu offers it once, as its first
    # option, rather than a "Newest first" beside "Start date (newest first)".
    default_sort = ""
    default_sort_label = _("Default order")

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv" and self.api_path:
            return redirect(self.csv_url())
        return super().get(request, *args, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        # The number of results depends on the filters alone: counted once per change of content.
        paginator.count = remembered_count(self.filterset.cache_parts("count"), queryset)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_default_sort(self):
        return self.default_sort

    def sort_menu(self, form):
        """(the default option's label, the other options, the option in force or "" for the default)."""
        field = form.fields.get("sort")
        choices = [choice for choice in field.choices if choice[0]] if field else []
        default = self.get_default_sort()
        labels = dict(choices)
        current = self.request.GET.get("sort", "")
        return (
            labels.get(default, self.default_sort_label),
            [choice for choice in choices if choice[0] != default],
            "" if current == default else current,
        )

    def csv_url(self):
        """The same rows from the API as CSV, in the page's language (the API's addresses have no
        language prefix, so the page names it: `lang=fr`)."""
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        query["format"] = "csv"
        query["lang"] = active_language()
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
                # A select offers "Any" rather than django-filter's "---------" for no choice, once:
                # django-filter's choice fields add their empty option themselves.
                if hasattr(field, "empty_label"):
                    field.empty_label = _("Any")
                field.choices = [(value, label) for value, label in field.choices if value != ""]
                if not hasattr(field, "empty_label"):
                    field.choices = [("", _("Any")), *field.choices]
        default_sort_label, sort_choices, current_sort = self.sort_menu(form)
        context.update(
            facet_groups=filterset.facet_groups(),
            active_filters=filterset.active_filters(),
            filter_errors=filterset.error_list(),
            search_field=form["q"],
            form_fields=[form[name] for name in self.form_fields],
            sort_choices=sort_choices,
            current_sort=current_sort,
            default_sort_label=default_sort_label,
            result_count=context["paginator"].count,
            page_title=self.page_title,
            words={
                **self.words,
                **{name: text % {"count": context["paginator"].count} for name, text in self.counted.items()},
            },
            csv_url=self.csv_url() if self.api_path else "",
            canonical_query=self.canonical_query(context["page_obj"]),
        )
        return context

"""The benchmark's floor: the project list and the API project list written the naive way.

A plain ListView and a DRF ListAPIView with a plain ModelSerializer, over the same published
projects, filtered by the same keys, in the same order and 20 to a page, but with no
select_related or prefetch_related: every card or row fetches its own countries, donors and
parent. Mounted at /bench/naive/ only when DJANGO_BENCH_NAIVE=1 (ilopartners/urls.py); never in
production.
"""

from pathlib import Path

from django.db.models import F
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.views.generic import ListView
from rest_framework import generics, serializers

from projects.models import Project

# Rendered by the site's own template engine (base.html, its tags) without adding an app for it.
LIST_TEMPLATE = engines["django"].from_string(
    (Path(__file__).parent / "templates" / "bench" / "project_list.html").read_text()
)


def naive_projects(query):
    """Published projects, newest first, filtered by `country` (ISO code) and `theme` (slug)."""
    projects = Project.objects.published().order_by(F("start_date").desc(nulls_last=True), "title")
    if query.get("country"):
        projects = projects.filter(countries__code=query["country"].upper())
    if query.get("theme"):
        projects = projects.filter(themes__slug=query["theme"])
    return projects


class NaiveProjectListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        return naive_projects(self.request.GET)

    def render_to_response(self, context, **response_kwargs):
        return HttpResponse(LIST_TEMPLATE.render(context, self.request), **response_kwargs)


class NaiveProjectSerializer(serializers.ModelSerializer):
    class Meta:
        model = Project
        fields = "__all__"


class NaiveProjectListAPIView(generics.ListAPIView):
    """Paginated by the API's default pagination (20 a page); no FilterSet, no ordering filter."""

    serializer_class = NaiveProjectSerializer
    filter_backends = []

    def get_queryset(self):
        return naive_projects(self.request.query_params)


urlpatterns = [
    path("projects/", NaiveProjectListView.as_view(), name="bench_naive_projects"),
    path("api/v1/projects/", NaiveProjectListAPIView.as_view(), name="bench_naive_api_projects"),
]

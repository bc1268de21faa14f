"""/api/v1/: the root, one list and one detail address per resource, the schema and its docs.

The project's URLs register each app's viewsets on a router and hand it here; the root lists what the
router holds, so a new resource appears in the root by being registered.
"""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView

from api import views


def api_urlpatterns(router):
    return [
        path("", views.RootView.as_view(router=router), name="root"),
        *router.urls,
        path("schema/", views.SchemaView.as_view(), name="schema"),
        path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
        # Last: any other address under /api/v1/ is a JSON 404.
        re_path(r"^.*$", views.not_found),
    ]

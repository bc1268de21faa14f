"""/api/v1/: the root, one list and one detail address per resource, the schema and its docs."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from donors.api import ContributionViewSet, DonorViewSet, OrganisationViewSet
from events.api import EventViewSet, PersonViewSet
from ilopartners.api import views
from ilopartners.taxonomy.api import CountryViewSet, RegionViewSet, SDGViewSet, ThemeViewSet
from projects.api import ProjectViewSet

app_name = "api"

router = SimpleRouter()
router.register("donors", DonorViewSet, basename="donor")
router.register("contributions", ContributionViewSet, basename="contribution")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("projects", ProjectViewSet, basename="project")
router.register("events", EventViewSet, basename="event")
router.register("people", PersonViewSet, basename="person")
router.register("countries", CountryViewSet, basename="country")
router.register("regions", RegionViewSet, basename="region")
router.register("themes", ThemeViewSet, basename="theme")
router.register("sdgs", SDGViewSet, basename="sdg")

urlpatterns = [
    path("", views.RootView.as_view(), name="root"),
    *router.urls,
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Last: any other address under /api/v1/ is a JSON 404.
    re_path(r"^.*$", views.not_found),
]

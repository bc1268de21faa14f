"""Root URLs: the public pages of each app, the API, the open-data feeds, the admin.

The public pages exist in every interface language (`i18n_patterns`): English at today's addresses,
unprefixed, and French, Spanish and Japanese under `/fr/`, `/es/`, `/ja/`. What is the same in every
language keeps one address: the admin, the API (it takes `?lang=`, api/language.py), the feeds, the
sitemap and robots.txt, the health check, source files, and the language switcher itself.
"""

import os

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps_views
from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from api.taxonomy import CountryViewSet, RegionViewSet, SDGViewSet, ThemeViewSet
from api.urls import api_urlpatterns
from api.views import not_found as api_not_found
from donors.api import ContributionViewSet, DonorViewSet
from events.api import EventViewSet
from events.feeds import EventFeed
from kernel.views import markdown_preview
from operations import health
from organisations.api import OrganisationViewSet, PersonViewSet
from portal import language, places, sources, views
from portal.sitemaps import SITEMAPS, robots_txt
from projects.api import BudgetViewSet, ExchangeRateViewSet, ProjectViewSet, TransactionViewSet
from projects.feeds import ProjectFeed

api = SimpleRouter()
api.register("donors", DonorViewSet, basename="donor")
api.register("contributions", ContributionViewSet, basename="contribution")
api.register("organisations", OrganisationViewSet, basename="organisation")
api.register("projects", ProjectViewSet, basename="project")
api.register("events", EventViewSet, basename="event")
api.register("people", PersonViewSet, basename="person")
api.register("countries", CountryViewSet, basename="country")
api.register("regions", RegionViewSet, basename="region")
api.register("themes", ThemeViewSet, basename="theme")
api.register("sdgs", SDGViewSet, basename="sdg")
api.register("transactions", TransactionViewSet, basename="transaction")
api.register("budgets", BudgetViewSet, basename="budget")
api.register("exchange-rates", ExchangeRateViewSet, basename="exchange-rate")

urlpatterns = [
    path("language/<str:code>/", language.switch_language, name="switch_language"),
    path("sources/<slug:slug>/file/", sources.source_file, name="source_file"),
    path("feeds/projects/", ProjectFeed(), name="feed_projects"),
    path("feeds/events/", EventFeed(), name="feed_events"),
    path(
        "sitemap.xml",
        sitemaps_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", health.healthz, name="healthz"),
    # The admin's live preview of Markdown (kernel.admin.MarkdownWidget): staff only, by POST.
    path("admin/markdown-preview/", markdown_preview, name="markdown_preview"),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_urlpatterns(api), "api"))),
    # Any other address under /api/ answers a JSON 404, never the site's HTML page.
    re_path(r"^api/", api_not_found),
]

# The pages people read, once per language.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("donors/organisations/", include("organisations.urls")),
    path("donors/", include("donors.urls")),
    path("projects/", include("projects.urls")),
    path("events/", include("events.urls")),
    path("countries/", places.CountryListView.as_view(), name="countries"),
    # Any case reaches the country; the view sends other cases to the capitals, for good.
    re_path(r"^countries/(?P<code>[A-Za-z]{2})/$", places.CountryDetailView.as_view(), name="country"),
    path("sdgs/", places.SDGListView.as_view(), name="sdgs"),
    re_path(r"^sdgs/(?P<number>[0-9]{1,2})/$", places.SDGDetailView.as_view(), name="sdg"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("sources/", sources.SourceListView.as_view(), name="sources"),
    path("sources/<slug:slug>/", sources.SourceDetailView.as_view(), name="source"),
    prefix_default_language=False,
)

if os.environ.get("DJANGO_BENCH_NAIVE") == "1":
    # The naive views `make bench` measures as its floor (docs/performance.md); never in production.
    urlpatterns.append(path("bench/naive/", include("bench.naive")))

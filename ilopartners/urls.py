"""Root URLs: the public pages of each app, the admin."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from ilopartners import health, views
from ilopartners.api.views import not_found as api_not_found
from ilopartners.feeds import EventFeed, ProjectFeed
from ilopartners.sitemaps import SITEMAPS, robots_txt

admin.site.site_header = "ILO Partners administration"
admin.site.site_title = "ILO Partners admin"
admin.site.index_title = "Curate donors, projects and events"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("donors/", include("donors.urls")),
    path("projects/", include("projects.urls")),
    path("events/", include("events.urls")),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feeds/projects/", ProjectFeed(), name="feed_projects"),
    path("feeds/events/", EventFeed(), name="feed_events"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("ilopartners.api.urls")),
    # Any other address under /api/ answers a JSON 404, never the site's HTML page.
    re_path(r"^api/", api_not_found),
]

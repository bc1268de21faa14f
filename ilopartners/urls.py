"""Root URLs: the public pages of each app, the admin."""

from django.contrib import admin
from django.urls import include, path

from ilopartners import views

admin.site.site_header = "ILO Partners administration"
admin.site.site_title = "ILO Partners admin"
admin.site.index_title = "Curate donors, projects and events"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("donors/", include("donors.urls")),
    path("projects/", include("projects.urls")),
    path("events/", include("events.urls")),
    path("admin/", admin.site.urls),
]

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("calendar.ics", views.event_calendar, name="calendar"),
    path("<slug:slug>.ics", views.EventCalendarView.as_view(), name="ical"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]

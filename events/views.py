"""Public pages for events: the filtered list, the event page and its calendar file."""

import datetime

import icalendar
from django.db.models import Prefetch
from django.http import HttpResponse
from django.views.generic import DetailView

from donors.models import Donor
from events.filters import EventFilter
from events.models import Event, Organiser, Speaker
from ilopartners.views import FilteredListView
from projects.models import Project


class EventListView(FilteredListView):
    filterset_class = EventFilter
    template_name = "events/event_list.html"
    api_path = "/api/v1/events/"
    form_fields = ("when", "year")
    default_sort_label = "Latest first"
    page_title = "Events"
    noun, noun_plural = "event", "events"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).for_listing()


class EventDetailView(DetailView):
    """The event in its own time zone, its programme in order, and the report written after it."""

    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        user = self.request.user
        return (
            Event.objects.visible_to(user)
            .select_related("country", "parent", "source")
            .prefetch_related(
                "themes",
                Prefetch("organisers", queryset=Organiser.objects.select_related("organisation")),
                Prefetch("speakers", queryset=Speaker.objects.select_related("person", "organisation")),
                Prefetch("projects", queryset=Project.objects.visible_to(user).for_listing()),
                Prefetch("donors", queryset=Donor.objects.visible_to(user)),
                Prefetch(
                    "side_events", queryset=Event.objects.visible_to(user).for_listing().order_by("start")
                ),
            )
        )


class EventCalendarView(DetailView):
    """One event as iCalendar (RFC 5545), for "add to calendar": timed events keep their own time
    zone (with its VTIMEZONE), events known to the day are all-day. Less precise dates (a month, a
    year) cannot be put in a calendar, so they have no file."""

    def get_queryset(self):
        return (
            Event.objects.visible_to(self.request.user)
            .filter(precision__in=["time", "day"])
            .select_related("country")
        )

    def render_to_response(self, context, **response_kwargs):
        event = self.object
        item = icalendar.Event()
        item.add("uid", f"event-{event.pk}@{self.request.get_host().split(':')[0]}")
        item.add("dtstamp", event.updated_at)
        item.add("summary", event.title)
        if event.has_time:
            item.add("dtstart", event.local_start)
            if event.end:
                item.add("dtend", event.local_end)
        else:
            first = event.local_start.date()
            last = event.local_end.date() if event.end else first
            item.add("dtstart", first)
            item.add("dtend", last + datetime.timedelta(days=1))
        location = ", ".join(part for part in (event.venue, event.city, str(event.country or "")) if part)
        if location:
            item.add("location", location)
        if event.summary:
            item.add("description", event.summary)
        item.add("url", self.request.build_absolute_uri(event.get_absolute_url()))
        item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//ILO Partners//Events//EN")
        calendar.add("version", "2.0")
        calendar.add_component(item)
        calendar.add_missing_timezones()
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
        return response

"""Public pages for events: the filtered list, the event page and its calendar file."""

from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from donors.models import Donor
from events import ical
from events.filters import EventFilter
from events.models import Event, Organiser, Speaker
from kernel import structured_data, visibility
from kernel.negotiation import PARAMETER, UnknownLanguage, requested_language
from kernel.views import FilteredListView
from organisations.models import Organisation
from projects.models import Project


class EventListView(FilteredListView):
    filterset_class = EventFilter
    template_name = "events/event_list.html"
    api_path = "/api/v1/events/"
    form_fields = ("when", "year")
    page_title = _("Events")
    words = {
        "filter_heading": _("Filter events"),
        "search_label": _("Search events"),
        "none_match": _("No events match these filters"),
        "start_again": _("start again with all events"),
        "none_yet": _("No events published yet"),
    }
    counted = {
        "count": ngettext_lazy("%(count)s event", "%(count)s events", "count"),
        "skip": ngettext_lazy("Skip to the %(count)s event", "Skip to the %(count)s events", "count"),
        "download": ngettext_lazy(
            "Download this event as CSV", "Download these %(count)s events as CSV", "count"
        ),
    }

    def get_default_sort(self):
        """Upcoming events read soonest first; the rest latest first (EventFilter.filter_when)."""
        return "start" if self.request.GET.get("when") == "upcoming" else "-start"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        for name in (self.page_kwarg, "sort", "format"):
            query.pop(name, None)
        address = self.request.get_host() + reverse("events:calendar")
        context["calendar_url"] = (
            f"webcal://{address}?{query.urlencode()}" if query else f"webcal://{address}"
        )
        return context


class EventDetailView(DetailView):
    """The event in its own time zone, its programme in order, and the report written after it."""

    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        user = self.request.user
        speakers = Speaker.objects.select_related("person").prefetch_related(
            visibility.prefetch("organisation", Organisation.objects.all(), user)
        )
        return (
            Event.objects.visible_to(user)
            .select_related("country", "source")
            .prefetch_related(
                "themes",
                visibility.prefetch("parent", Event.objects.all(), user),
                visibility.prefetch("organisers", Organiser.objects.select_related("organisation"), user),
                visibility.prefetch("speakers", speakers, user),
                visibility.prefetch("projects", Project.objects.all(), user),
                visibility.prefetch("donors", Donor.objects.all(), user),
                visibility.prefetch("side_events", Event.objects.for_listing().order_by("start"), user),
            )
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            structured_data=structured_data.event_data(self.request, self.object), **kwargs
        )


class EventCalendarView(DetailView):
    """One event as iCalendar (RFC 5545), for "add to calendar": timed events keep their own time
    zone (with its VTIMEZONE), events known to the day are all-day. Less precise dates (a month, a
    year) cannot be put in a calendar, so they have no file."""

    def get_queryset(self):
        return (
            Event.objects.visible_to(self.request.user)
            .filter(precision__in=ical.CALENDAR_PRECISIONS)
            .select_related("country")
        )

    def get(self, request, *args, **kwargs):
        view = super().get
        return in_calendar_language(request, lambda: view(request, *args, **kwargs))

    def render_to_response(self, context, **response_kwargs):
        event = self.object
        document = ical.calendar(
            [event], lambda item: self.request.build_absolute_uri(item.get_absolute_url())
        )
        response = HttpResponse(document.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
        return response


def in_calendar_language(request, respond):
    """A calendar file in the language of its address (`/fr/events/calendar.ics`), or the one
    `?lang=` names; an unknown `lang` is a plain-text 400 naming it."""
    try:
        language = requested_language(request, translation.get_language(), header=False)
    except UnknownLanguage as error:
        return HttpResponseBadRequest(f"{PARAMETER}: {error}", content_type="text/plain; charset=utf-8")
    with translation.override(language):
        response = respond()
    response["Content-Language"] = language
    return response


def event_calendar(request):
    """The published events the list's filters select, as one calendar to subscribe to."""
    return in_calendar_language(request, lambda: _event_calendar(request))


def _event_calendar(request):
    query = request.GET.copy()
    query.pop(PARAMETER, None)  # the calendar's language, not a filter
    filterset = EventFilter(
        query, queryset=Event.objects.published().select_related("country"), request=request
    )
    if not filterset.is_valid():
        errors = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items())
        message = gettext("Invalid filters: %(errors)s") % {"errors": errors}
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    events = filterset.qs.filter(precision__in=ical.CALENDAR_PRECISIONS)
    document = ical.calendar(
        events,
        lambda event: request.build_absolute_uri(event.get_absolute_url()),
        name=gettext("ILO Partners events"),
    )
    response = HttpResponse(document.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response

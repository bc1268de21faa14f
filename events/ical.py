"""Events as iCalendar (RFC 5545): one VEVENT per event, and the VCALENDAR that holds them.

Timed events keep their own time zone (DTSTART;TZID=Asia/Tokyo, with a VTIMEZONE for every zone
used); events known to the day are all-day (VALUE=DATE). Events known only to the month or the year
are left out: an all-day entry on the stored first day, or one spanning the month, would put a
date in people's calendars that the source never stated.

The text (SUMMARY, DESCRIPTION) is in the active language (the page's prefix, or `?lang=`: see
events.views), English standing in where the event has no translation, and each text property names
the language it is in (`SUMMARY;LANGUAGE=fr:…`, `DESCRIPTION;LANGUAGE=en:…` for a fallback; RFC 5545
section 3.2.10).
"""

import datetime

import icalendar

from kernel.translation import localized

CALENDAR_PRECISIONS = ("time", "day")
PRODID = "-//ILO Partners//Events//EN"


def event_uid(event):
    """Stable across hosts and edits, so a subscribed calendar updates the entry instead of adding one."""
    return f"event-{event.pk}@ilo-partners"


def event_component(event, url):
    """The event as a VEVENT; `url` is the absolute address of its page."""
    item = icalendar.Event()
    item.add("uid", event_uid(event))
    item.add("dtstamp", event.updated_at)
    title = localized(event, "title")
    item.add("summary", title, parameters={"LANGUAGE": title.language})
    if event.has_time:
        item.add("dtstart", event.local_start)
        if event.local_end:
            item.add("dtend", event.local_end)
    else:
        first = event.local_start.date()
        last = event.local_end.date() if event.local_end else first
        item.add("dtstart", first)
        item.add("dtend", last + datetime.timedelta(days=1))
    location = ", ".join(part for part in (event.venue, event.city, str(event.country or "")) if part)
    if location:
        item.add("location", location)
    summary = localized(event, "summary")
    if summary:
        item.add("description", summary, parameters={"LANGUAGE": summary.language})
    item.add("url", url)
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return item


def calendar(events, build_url, name=None):
    """A VCALENDAR of the events that have a day or a time, with a VTIMEZONE for each zone used.

    `build_url(event)` gives the absolute address of an event's page.
    """
    document = icalendar.Calendar()
    document.add("prodid", PRODID)
    document.add("version", "2.0")
    if name:
        document.add("x-wr-calname", name)
    for event in events:
        # An event whose start cannot be read in its zone (stored before dates were bounded) is left out.
        if event.precision in CALENDAR_PRECISIONS and event.local_start:
            document.add_component(event_component(event, build_url(event)))
    document.add_missing_timezones()
    return document

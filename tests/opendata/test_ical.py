"""Events as iCalendar: one event's file and the filtered calendar to subscribe to."""

import datetime
import zoneinfo

import icalendar
import pytest

from events.models import Event
from kernel.publishing import Status
from tests.factories import EventFactory, country

pytestmark = pytest.mark.django_db

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def calendar(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(document):
    return {str(item["summary"]): item for item in document.walk("VEVENT")}


@pytest.fixture
def tokyo_seminar():
    return EventFactory(
        title="Tokyo seminar",
        start=datetime.datetime(2024, 5, 14, 10, tzinfo=TOKYO),
        end=datetime.datetime(2024, 5, 14, 17, tzinfo=TOKYO),
        timezone="Asia/Tokyo",
        venue="UN House",
        city="Tokyo",
        country=country("JP"),
    )


def test_timed_event_keeps_its_zone_with_a_vtimezone(client, tokyo_seminar):
    document = calendar(client.get("/events/calendar.ics"))
    item = vevents(document)["Tokyo seminar"]
    assert item["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert item["DTSTART"].dt == datetime.datetime(2024, 5, 14, 10, tzinfo=TOKYO)
    assert [str(zone["TZID"]) for zone in document.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    assert str(item["UID"]) == f"event-{tokyo_seminar.pk}@ilo-partners"
    assert str(item["STATUS"]) == "CONFIRMED"
    assert str(item["URL"]) == f"http://testserver/events/{tokyo_seminar.slug}/"
    assert str(item["LOCATION"]) == "UN House, Tokyo, Japan"
    assert item["DTSTAMP"].dt == tokyo_seminar.updated_at.replace(microsecond=0)


def test_every_zone_used_has_its_vtimezone(client, tokyo_seminar):
    EventFactory(
        title="Geneva meeting",
        start=datetime.datetime(2024, 6, 3, 9, tzinfo=zoneinfo.ZoneInfo("Europe/Zurich")),
        timezone="Europe/Zurich",
    )
    document = calendar(client.get("/events/calendar.ics"))
    assert {str(zone["TZID"]) for zone in document.walk("VTIMEZONE")} == {"Asia/Tokyo", "Europe/Zurich"}


def test_day_precision_is_all_day_and_month_precision_is_left_out(client):
    EventFactory(
        title="Study tour",
        precision="day",
        start=datetime.datetime(2024, 5, 14, tzinfo=TOKYO),
        end=datetime.datetime(2024, 5, 16, tzinfo=TOKYO),
        timezone="Asia/Tokyo",
    )
    EventFactory(
        title="Sometime in May", precision="month", start=datetime.datetime(2024, 5, 1, tzinfo=TOKYO)
    )
    items = vevents(calendar(client.get("/events/calendar.ics")))
    assert set(items) == {"Study tour"}
    tour = items["Study tour"]
    assert tour["DTSTART"].params["VALUE"] == "DATE"
    assert tour["DTSTART"].dt == datetime.date(2024, 5, 14)
    assert tour["DTEND"].dt == datetime.date(2024, 5, 17)  # exclusive end: the 16th is included


def test_cancelled_event_is_cancelled_and_uid_stays(client, tokyo_seminar):
    first = vevents(calendar(client.get("/events/calendar.ics")))["Tokyo seminar"]["UID"]
    Event.objects.filter(pk=tokyo_seminar.pk).update(status=Event.Status.CANCELLED, title="Tokyo seminar")
    item = vevents(calendar(client.get("/events/calendar.ics")))["Tokyo seminar"]
    assert str(item["STATUS"]) == "CANCELLED"
    assert item["UID"] == first


def test_calendar_applies_the_list_filters_and_hides_drafts(client, tokyo_seminar):
    EventFactory(title="Nepal workshop", kind=Event.Kind.WORKSHOP, country=country("NP"))
    EventFactory(title="Draft", country=country("NP"), publication_status=Status.DRAFT)
    assert set(vevents(calendar(client.get("/events/calendar.ics?country=NP")))) == {"Nepal workshop"}
    assert set(vevents(calendar(client.get("/events/calendar.ics?kind=seminar")))) == {"Tokyo seminar"}


@pytest.mark.parametrize("query", ["year=abc", "country=ZZ", "when=tomorrow", "kind=party"])
def test_invalid_filters_are_a_plain_400(client, query):
    response = client.get(f"/events/calendar.ics?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")


def test_single_event_file_uses_the_same_vevent(client, tokyo_seminar):
    document = calendar(client.get(f"/events/{tokyo_seminar.slug}.ics"))
    (item,) = document.walk("VEVENT")
    assert str(item["UID"]) == f"event-{tokyo_seminar.pk}@ilo-partners"
    assert item["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert document.walk("VTIMEZONE")


def test_list_page_offers_a_webcal_link_with_the_filters(client, tokyo_seminar):
    response = client.get("/events/?country=JP&page=1")
    assert 'href="webcal://testserver/events/calendar.ics?country=JP"' in response.content.decode()

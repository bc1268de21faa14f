"""The public event pages: the filtered list, the event page in the event's own time zone with its
programme in order, and the calendar file behind "add to calendar"."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from kernel.publishing import Status
from tests.factories import (
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    OrganiserFactory,
    PersonFactory,
    ProjectFactory,
    SpeakerFactory,
    UserFactory,
    theme,
)

pytestmark = pytest.mark.django_db

LIST = reverse("events:list")
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def days(n):
    return timezone.now() + datetime.timedelta(days=n)


@pytest.fixture
def events():
    japan = DonorFactory(slug="japan", name="Japan")
    jasid = OrganisationFactory(slug="jasid", name="Japan Society for International Development")
    seminar = EventFactory(
        title="Decent Work and the SSE", kind=Event.Kind.SEMINAR, start=days(-400), country_id="JP"
    )
    seminar.themes.add(theme("social-solidarity-economy"))
    seminar.donors.add(japan)
    OrganiserFactory(event=seminar, organisation=jasid)
    workshop = EventFactory(
        title="Green jobs workshop", kind=Event.Kind.WORKSHOP, start=days(20), country_id="WS"
    )
    workshop.themes.add(theme("green-jobs"))
    EventFactory(title="Geneva conference", kind=Event.Kind.CONFERENCE, start=days(60), country_id="CH")
    EventFactory(
        title="Secret meeting",
        start=days(10),
        country_id="JP",
        publication_status=Status.DRAFT,
        published_at=None,
    )
    return seminar


def titles(response):
    return sorted(event.title for event in response.context["object_list"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Decent Work and the SSE", "Geneva conference", "Green jobs workshop"]),
        ("when=upcoming", ["Geneva conference", "Green jobs workshop"]),
        ("when=past", ["Decent Work and the SSE"]),
        ("kind=workshop", ["Green jobs workshop"]),
        ("kind=workshop&kind=conference", ["Geneva conference", "Green jobs workshop"]),
        ("country=JP", ["Decent Work and the SSE"]),
        ("theme=green-jobs", ["Green jobs workshop"]),
        ("organiser=jasid", ["Decent Work and the SSE"]),
        ("donor=japan", ["Decent Work and the SSE"]),
        ("q=geneva", ["Geneva conference"]),
        ("when=upcoming&country=CH", ["Geneva conference"]),
        ("when=past&country=CH", []),
    ],
)
def test_each_filter_alone_and_combined(client, events, query, expected):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_year_filter(client, events):
    year = days(-400).year
    response = client.get(f"{LIST}?year={year}")
    assert "Decent Work and the SSE" in titles(response)
    assert "Geneva conference" not in titles(response) or days(60).year == year


def test_drafts_never_show_and_do_not_count(client, events):
    response = client.get(f"{LIST}?country=JP")
    assert "Secret meeting" not in response.content.decode()
    kinds = {group.name: group for group in response.context["facet_groups"]}["country"]
    assert {option.value: option.count for option in kinds.options}["JP"] == 1


def test_facet_counts_apply_the_other_filters(client, events):
    response = client.get(f"{LIST}?when=upcoming")
    groups = {
        group.name: {o.value: o.count for o in group.options} for group in response.context["facet_groups"]
    }
    assert groups["kind"] == {"workshop": 1, "conference": 1}
    assert groups["country"] == {"WS": 1, "CH": 1}


def test_when_select_says_any_and_keeps_the_choice(client, events):
    html = client.get(f"{LIST}?when=past").content.decode()
    assert '<option value="">Any</option>' in html
    assert '<option value="past" selected>Past</option>' in html


@pytest.mark.parametrize("query", ["when=soon", "kind=<b>", "year=99999999999", "organiser=ZZ", "country=ZZ"])
def test_bad_values_are_reported_not_fatal(client, events, query):
    response = client.get(f"{LIST}?{query}&kind=workshop")
    assert response.status_code == 200
    assert response.context["filter_errors"]
    if not query.startswith("kind"):
        assert titles(response) == ["Green jobs workshop"]


def test_csv_link(client, events):
    response = client.get(f"{LIST}?when=upcoming")
    assert response.context["csv_url"] == "/api/v1/events/?when=upcoming&format=csv&lang=en"


# ------------------------------------------------------------------ the event page


@pytest.fixture
def timed_event():
    event = EventFactory(
        title="Tokyo seminar",
        start=datetime.datetime(2030, 12, 2, 13, 30, tzinfo=TOKYO),
        end=datetime.datetime(2030, 12, 2, 17, 0, tzinfo=TOKYO),
        timezone="Asia/Tokyo",
        venue="JTUC-RENGO Hall",
        city="Tokyo",
        country_id="JP",
        format=Event.Format.HYBRID,
        languages="English, Japanese",
        interpretation="English–Japanese simultaneous interpretation",
        attendance=100,
        attendance_qualifier="about",
        report="The seminar **gathered** about 100 participants.",
        report_title="ILO co-hosts the seminar",
        report_published_on=datetime.date(2030, 12, 14),
    )
    # created out of programme order: the page must follow `order`, not creation
    for name, role, order in [
        ("Closing", "closing-remarks", 3),
        ("Opening", "opening-remarks", 1),
        ("Middle", "presentation", 2),
    ]:
        person = PersonFactory(name=f"{name} Speaker", honorific="Ms.")
        SpeakerFactory(
            event=event, person=person, role=role, order=order, position=f"Position of {name} Speaker"
        )
    OrganiserFactory(
        event=event, organisation=OrganisationFactory(name="ILO Office for Japan"), role="co-host"
    )
    event.projects.add(ProjectFactory(title="SSE in Asia"))
    event.donors.add(DonorFactory(name="Republic of Korea"))
    return event


def test_event_page_shows_time_in_the_events_own_time_zone(client, timed_event):
    html = client.get(timed_event.get_absolute_url()).content.decode()
    assert "2 December 2030, 13:30–17:00 (Asia/Tokyo)" in html
    assert '<time datetime="2030-12-02T13:30:00+09:00">' in html
    assert "Asia/Tokyo (UTC+09:00)" in html


def test_event_page_shows_venue_format_languages_attendance(client, timed_event):
    html = client.get(timed_event.get_absolute_url()).content.decode()
    for text in [
        "JTUC-RENGO Hall",
        'Tokyo, <a href="/countries/JP/">Japan</a>',
        "Hybrid (in person and online)",
        "English, Japanese",
        "English–Japanese simultaneous interpretation",
        "About 100 participants",
    ]:
        assert text in html


def test_speakers_appear_in_programme_order_with_role_and_position(client, timed_event):
    html = client.get(timed_event.get_absolute_url()).content.decode()
    positions = [html.index(f"Ms. {name} Speaker") for name in ("Opening", "Middle", "Closing")]
    assert positions == sorted(positions)
    assert "Opening remarks" in html
    assert "Position of Opening Speaker" in html


def test_report_has_its_own_date(client, timed_event):
    html = client.get(timed_event.get_absolute_url()).content.decode()
    assert "ILO co-hosts the seminar" in html
    assert 'Report published <time datetime="2030-12-14">14 December 2030</time>' in html
    assert "<strong>gathered</strong>" in html


def test_event_page_lists_organisers_related_projects_and_donors(client, timed_event):
    html = client.get(timed_event.get_absolute_url()).content.decode()
    assert "ILO Office for Japan" in html
    assert "Co-host" in html
    assert "SSE in Asia" in html
    assert "Republic of Korea" in html


def test_add_to_calendar_links_to_the_ics_file(client, timed_event):
    html = client.get(timed_event.get_absolute_url()).content.decode()
    assert f'href="/events/{timed_event.slug}.ics"' in html


def test_calendar_file_keeps_the_time_zone(client, timed_event):
    response = client.get(reverse("events:ical", args=[timed_event.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert "BEGIN:VCALENDAR" in body
    assert "BEGIN:VTIMEZONE" in body
    assert "TZID:Asia/Tokyo" in body
    assert "DTSTART;TZID=Asia/Tokyo:20301202T133000" in body
    assert "DTEND;TZID=Asia/Tokyo:20301202T170000" in body
    assert "SUMMARY;LANGUAGE=en:Tokyo seminar" in body


def test_calendar_file_of_a_day_event_is_all_day(client):
    event = EventFactory(
        start=datetime.datetime(2022, 12, 2, tzinfo=TOKYO), timezone="Asia/Tokyo", precision="day"
    )
    body = client.get(reverse("events:ical", args=[event.slug])).content.decode()
    assert "DTSTART;VALUE=DATE:20221202" in body
    assert "DTEND;VALUE=DATE:20221203" in body


def test_an_event_known_only_to_the_month_has_no_calendar_file(client):
    event = EventFactory(precision="month")
    assert client.get(reverse("events:ical", args=[event.slug])).status_code == 404
    assert ".ics" not in client.get(event.get_absolute_url()).content.decode()


def test_draft_event_is_404_for_the_public_and_visible_to_staff(client):
    draft = EventFactory(publication_status=Status.DRAFT, published_at=None)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("events:ical", args=[draft.slug])).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert "Draft — not public" in client.get(draft.get_absolute_url()).content.decode()


# ------------------------------------------------------------------ from the seed


def test_seed_seminar_of_2_december_2022(client, seed):
    html = client.get(reverse("events:detail", args=["decent-work-sse-seminar-2022"])).content.decode()
    assert "2 December 2022" in html
    assert "Asia/Tokyo (UTC+09:00)" in html
    assert "JTUC-RENGO Hall" in html
    # the four speakers in programme order
    names = ["Shinichi Takasaki", "Simel Esim", "Yukari Nishino", "Koyu Furusawa"]
    positions = [html.index(name) for name in names]
    assert positions == sorted(positions)
    assert "Report published" in html
    assert "14 December 2022" in html
    assert "Pre-event of" in html


def test_seed_past_events_are_listed_as_past(client, seed):
    response = client.get(f"{LIST}?when=past&country=JP")
    slugs = {event.slug for event in response.context["object_list"]}
    assert "decent-work-sse-seminar-2022" in slugs
    assert "international-labour-conference-110th-session" not in slugs

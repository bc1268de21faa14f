"""/api/v1/events/ and /api/v1/people/."""

import datetime

import pytest
from django.utils import timezone

from events.models import Event, Organiser, Speaker
from kernel.publishing import Status
from organisations.models import Person
from tests.api.util import csv_rows, slugs
from tests.factories import (
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    OrganiserFactory,
    PersonFactory,
    SpeakerFactory,
    country,
    theme,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/events/"


@pytest.fixture
def events():
    japan = DonorFactory(slug="japan")
    jasid = OrganisationFactory(slug="jasid", name="JASID")
    seminar = EventFactory(
        slug="sse-seminar",
        title="Decent Work and the Social and Solidarity Economy",
        kind=Event.Kind.SEMINAR,
        start=datetime.datetime(2022, 12, 2, 4, 0, tzinfo=datetime.UTC),
        end=datetime.datetime(2022, 12, 2, 6, 0, tzinfo=datetime.UTC),
        timezone="Asia/Tokyo",
        city="Tokyo",
        country=country("JP"),
    )
    seminar.themes.add(theme("social-solidarity-economy"))
    seminar.donors.add(japan)
    OrganiserFactory(event=seminar, organisation=jasid, role=Organiser.Role.CO_HOST)
    upcoming = EventFactory(
        slug="study-tour",
        title="Study tour for cooperative leaders",
        kind=Event.Kind.STUDY_TOUR,
        start=timezone.now() + datetime.timedelta(days=40),
        country=country("KE"),
    )
    return {"seminar": seminar, "upcoming": upcoming}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"when": "upcoming"}, ["study-tour"]),
        ({"when": "past"}, ["sse-seminar"]),
        ({"kind": "seminar"}, ["sse-seminar"]),
        ({"country": "KE"}, ["study-tour"]),
        ({"theme": "social-solidarity-economy"}, ["sse-seminar"]),
        ({"organiser": "jasid"}, ["sse-seminar"]),
        ({"donor": "japan"}, ["sse-seminar"]),
        ({"year": "2022"}, ["sse-seminar"]),
        ({"q": "cooperative"}, ["study-tour"]),
    ],
)
def test_event_filters(api, events, query, expected):
    assert slugs(api.get(LIST, query)) == expected


@pytest.mark.parametrize("query", [{"when": "someday"}, {"kind": "party"}, {"organiser": "nobody"}])
def test_bad_event_filters_are_400s(api, events, query):
    response = api.get(LIST, query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_events_list_newest_first_and_sorted(api, events):
    assert slugs(api.get(LIST)) == ["study-tour", "sse-seminar"]
    assert slugs(api.get(LIST, {"sort": "start"})) == ["sse-seminar", "study-tour"]


def test_event_detail_has_organisers_and_speakers_in_order(api, events):
    seminar = events["seminar"]
    closing = PersonFactory(slug="ryuichi-tomizawa", name="Ryuichi Tomizawa", honorific="Mr.")
    opening = PersonFactory(slug="kazuhiko-tokuda", name="Kazuhiko Tokuda")
    SpeakerFactory(event=seminar, person=closing, role=Speaker.Role.CLOSING, order=2)
    SpeakerFactory(event=seminar, person=opening, role=Speaker.Role.OPENING, order=1, position="Director")
    body = api.get(f"{LIST}sse-seminar/").json()
    assert [(s["person"], s["role"], s["order"]) for s in body["speakers"]] == [
        ("kazuhiko-tokuda", "opening-remarks", 1),
        ("ryuichi-tomizawa", "closing-remarks", 2),
    ]
    assert body["speakers"][0]["position"] == "Director"
    assert body["speakers"][1]["links"]["person"] == "http://testserver/api/v1/people/ryuichi-tomizawa/"
    assert body["organisers"] == [
        {
            "organisation": "jasid",
            "role": "co-host",
            "role_label": "Co-host",
            "position": 1,  # given no place, the first organiser takes the first
            "links": {"organisation": "http://testserver/api/v1/organisations/jasid/"},
        }
    ]
    assert body["start"] == "2022-12-02T04:00:00Z"
    assert body["timezone"] == "Asia/Tokyo"
    assert body["country"] == "JP"
    assert body["themes"] == ["social-solidarity-economy"]
    assert body["donors"] == ["japan"]


def test_speakers_who_are_drafts_are_not_shown_to_anonymous_clients(api, editor_api, events):
    draft = PersonFactory(slug="unannounced", publication_status=Status.DRAFT, published_at=None)
    SpeakerFactory(event=events["seminar"], person=draft)
    assert api.get(f"{LIST}sse-seminar/").json()["speakers"] == []
    assert [s["person"] for s in editor_api.get(f"{LIST}sse-seminar/").json()["speakers"]] == ["unannounced"]


def test_event_csv(api, events):
    rows = csv_rows(api.get(LIST, {"format": "csv", "country": "JP"}))
    assert [(row["slug"], row["timezone"], row["themes"], row["donors"]) for row in rows] == [
        ("sse-seminar", "Asia/Tokyo", "social-solidarity-economy", "japan")
    ]


def new_event(**changes):
    payload = {
        "title": "Youth employment workshop",
        "slug": "youth-workshop",
        "kind": "workshop",
        "start": "2025-03-10T01:00:00Z",
        "end": "2025-03-10T08:00:00Z",
        "timezone": "Asia/Tokyo",
        "venue": "UN University",
        "city": "Tokyo",
        "country": "JP",
        "format": "hybrid",
        "themes": ["skills-and-employability"],
        "donors": ["japan"],
    }
    payload.update(changes)
    return payload


def test_an_event_as_the_product_describes_it(editor_api, events):
    response = editor_api.post(LIST, new_event(), format="json")
    assert response.status_code == 201, response.json()
    event = Event.objects.get(slug="youth-workshop")
    assert event.format == Event.Format.HYBRID
    assert event.country_id == "JP"
    assert event.start == datetime.datetime(2025, 3, 10, 1, 0, tzinfo=datetime.UTC)
    assert [t.slug for t in event.themes.all()] == ["skills-and-employability"]


def test_a_start_with_an_offset_is_stored_as_the_same_instant(editor_api, events):
    response = editor_api.post(LIST, new_event(start="2025-03-10T10:00:00+09:00", end=None), format="json")
    assert response.json()["start"] == "2025-03-10T01:00:00Z"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"end": "2025-03-09T00:00:00Z"}, "end"),
        ({"start": "10 March"}, "start"),
        ({"start": "0001-01-01T00:00:00+01:00"}, "start"),
        ({"format": "telepathy"}, "format"),
        ({"country": "XX"}, "country"),
        ({"attendance": -3}, "attendance"),
        ({"attendance": 10**12}, "attendance"),
        ({"online_url": "not a url"}, "online_url"),
        ({"parent": "sse-seminar-2"}, "parent"),
    ],
)
def test_invalid_events_are_400s_naming_the_field(editor_api, events, changes, field):
    response = editor_api.post(LIST, new_event(**changes), format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_organisers_and_speakers_are_written_with_the_event(editor_api, events):
    PersonFactory(slug="speaker-a")
    PersonFactory(slug="speaker-b")
    OrganisationFactory(slug="ilo-tokyo")
    response = editor_api.patch(
        f"{LIST}sse-seminar/",
        {
            "organisers": [
                {"organisation": "ilo-tokyo", "role": "host"},
                {"organisation": "jasid", "role": "co-host"},
            ],
            "speakers": [
                {"person": "speaker-b", "role": "opening-remarks"},
                {"person": "speaker-a", "role": "keynote", "organisation": "ilo-tokyo", "on_behalf": True},
            ],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert [(o["organisation"], o["position"]) for o in body["organisers"]] == [
        ("ilo-tokyo", 0),
        ("jasid", 1),
    ]
    assert [(s["person"], s["order"]) for s in body["speakers"]] == [("speaker-b", 0), ("speaker-a", 1)]
    assert Speaker.objects.get(person__slug="speaker-a").on_behalf is True


def test_a_speaker_twice_in_the_same_role_is_a_400(editor_api, events):
    PersonFactory(slug="speaker-a")
    twice = [{"person": "speaker-a", "role": "keynote"}, {"person": "speaker-a", "role": "keynote"}]
    response = editor_api.patch(f"{LIST}sse-seminar/", {"speakers": twice}, format="json")
    assert response.status_code == 400
    assert response.json()["speakers"][1] == {
        "non_field_errors": ["This person already has this role on the programme."]
    }


def test_an_organiser_twice_is_a_400(editor_api, events):
    twice = [{"organisation": "jasid", "role": "host"}, {"organisation": "jasid", "role": "co-host"}]
    response = editor_api.patch(f"{LIST}sse-seminar/", {"organisers": twice}, format="json")
    assert response.status_code == 400
    assert "organisers" in response.json()


def test_side_events_point_to_their_parent(api, events):
    EventFactory(slug="pre-event", parent=events["seminar"], parent_relation="pre-event")
    assert api.get(f"{LIST}sse-seminar/").json()["side_events"] == ["pre-event"]
    assert api.get(f"{LIST}pre-event/").json()["parent"] == "sse-seminar"


# People


def test_people_list_filter_and_detail(api, events):
    ilo = OrganisationFactory(slug="ilo-tokyo")
    PersonFactory(
        slug="tomizawa", name="Ryuichi Tomizawa", honorific="Mr.", position="Director", organisation=ilo
    )
    PersonFactory(slug="other", name="Someone Else")
    assert slugs(api.get("/api/v1/people/", {"organisation": "ilo-tokyo"})) == ["tomizawa"]
    assert slugs(api.get("/api/v1/people/", {"q": "director"})) == ["tomizawa"]
    body = api.get("/api/v1/people/tomizawa/").json()
    assert body["full_name"] == "Mr. Ryuichi Tomizawa"
    assert body["organisation"] == "ilo-tokyo"


def test_a_person_is_created_as_a_draft_by_an_editor(editor_api):
    response = editor_api.post(
        "/api/v1/people/",
        {"name": "Akiko Sakamoto", "slug": "akiko-sakamoto", "honorific": "Ms."},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["full_name"] == "Ms. Akiko Sakamoto"
    assert Person.objects.get(slug="akiko-sakamoto").publication_status == Status.DRAFT


def test_deleting_a_person_who_spoke_is_a_409(publisher_api, events):
    SpeakerFactory(event=events["seminar"], person=PersonFactory(slug="speaker"))
    response = publisher_api.delete("/api/v1/people/speaker/")
    assert response.status_code == 409
    assert Person.objects.filter(slug="speaker").exists()

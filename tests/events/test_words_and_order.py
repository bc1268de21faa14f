"""Words for people on the event list: upcoming events soonest first (past ones latest first) on the
page and in the API alike, a sort menu that states its direction once, and one "Any" option. The
seed's seminar page gives its programme once."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

LIST = reverse("events:list")


def days(n):
    return timezone.now() + datetime.timedelta(days=n)


@pytest.fixture
def events():
    EventFactory(title="In two months", start=days(60))
    EventFactory(title="Next week", start=days(7))
    EventFactory(title="Tomorrow", start=days(1))
    EventFactory(title="Last month", start=days(-30))
    EventFactory(title="Last year", start=days(-365))


def titles(response):
    return [event.title for event in response.context["object_list"]]


def test_upcoming_events_sort_soonest_first(client, events):
    assert titles(client.get(LIST, {"when": "upcoming"})) == ["Tomorrow", "Next week", "In two months"]


def test_past_events_sort_latest_first(client, events):
    assert titles(client.get(LIST, {"when": "past"})) == ["Last month", "Last year"]


def test_a_chosen_sort_still_wins(client, events):
    assert titles(client.get(LIST, {"when": "upcoming", "sort": "-start"}))[0] == "In two months"


def test_the_api_orders_upcoming_events_as_the_page_does(client, events):
    data = client.get("/api/v1/events/", {"when": "upcoming"}, HTTP_ACCEPT="application/json").json()
    assert [event["title"] for event in data["results"]] == ["Tomorrow", "Next week", "In two months"]


def test_the_sort_menu_names_the_default_order_once(client, events):
    html = client.get(LIST, {"when": "upcoming"}).content.decode()
    menu = re.search(r'<select id="sort".*?</select>', html, re.S).group()
    assert '<option value="" selected>Date (earliest first)</option>' in menu
    assert 'value="start"' not in menu
    labels = re.findall(r">([^<]+)</option>", menu)
    assert len(labels) == len(set(labels)) and "Latest first" not in labels
    html = client.get(LIST).content.decode()
    menu = re.search(r'<select id="sort".*?</select>', html, re.S).group()
    assert '<option value="" selected>Date (latest first)</option>' in menu


def test_when_offers_one_any(client, events):
    html = client.get(LIST).content.decode()
    menu = re.search(r'<select id="filter-when".*?</select>', html, re.S).group()
    assert re.findall(r">([^<]+)</option>", menu) == ["Any", "Upcoming", "Past"]
    assert "---------" not in html


def test_the_seed_seminar_gives_its_programme_once(client, seed):
    html = client.get("/events/decent-work-sse-seminar-2022/").content.decode()
    assert html.count(">Programme</h2>") == 1
    assert html.count('class="programme__item"') == 4
    # the report keeps its text; the description no longer lists the programme again
    assert "In his opening remarks, Mr. Shinichi Takasaki" in html
    assert "<strong>Opening remarks:</strong>" not in html
    assert html.count("Questions and answers") == 0

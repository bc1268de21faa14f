"""The open data in the language asked for: feeds (`?lang=`, Accept-Language), calendars (the
address's language or `?lang=`, with LANGUAGE parameters) and JSON-LD (the page's language)."""

import datetime
import json
import re
import zoneinfo

import feedparser
import icalendar
import pytest
from django.utils import timezone
from lxml import etree

from tests.factories import EventFactory, ProjectFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def projects():
    now = timezone.now()
    ProjectFactory(
        title="Decent work in Japan",
        title_fr="Travail décent au Japon",
        summary="A summary.",
        summary_fr="Un résumé.",
        published_at=now - datetime.timedelta(days=1),
    )
    ProjectFactory(
        title="Skills for youth", summary="Only in English.", published_at=now - datetime.timedelta(days=2)
    )


@pytest.fixture
def seminar():
    event = EventFactory(
        slug="tokyo-seminar",
        title="Tokyo seminar",
        title_ja="東京セミナー",
        title_fr="Séminaire de Tokyo",
        summary="A seminar on decent work.",
        summary_fr="Un séminaire sur le travail décent.",
        start=datetime.datetime(2024, 5, 14, 10, tzinfo=TOKYO),
        end=datetime.datetime(2024, 5, 14, 17, tzinfo=TOKYO),
        timezone="Asia/Tokyo",
    )
    SpeakerFactory(event=event, position="Director", position_fr="Directrice")
    return event


def atom(response):
    assert response.status_code == 200, response.content
    return etree.fromstring(response.content)


def test_a_french_feed_has_french_entries_with_english_standing_in_marked(client, projects):
    response = client.get("/feeds/projects/?lang=fr")
    root = atom(response)

    assert response["Content-Language"] == "fr"
    assert root.get(XML_LANG) == "fr"
    assert root.findtext(f"{ATOM}title") == "ILO Partners : projets"
    french, english = root.iterfind(f"{ATOM}entry")
    assert french.findtext(f"{ATOM}title") == "Travail décent au Japon"
    assert french.findtext(f"{ATOM}summary") == "Un résumé."
    assert french.get(XML_LANG) is None  # in the feed's language
    assert "/fr/projects/" in french.find(f"{ATOM}link").get("href")
    assert english.findtext(f"{ATOM}title") == "Skills for youth"
    assert english.get(XML_LANG) == "en"
    assert not feedparser.parse(response.content).bozo


def test_a_french_title_with_an_english_summary_marks_the_summary(client):
    ProjectFactory(title="Decent work", title_fr="Travail décent", summary="English only.")
    entry = atom(client.get("/feeds/projects/?lang=fr")).find(f"{ATOM}entry")
    assert entry.get(XML_LANG) is None
    assert entry.find(f"{ATOM}summary").get(XML_LANG) == "en"


def test_the_feed_follows_accept_language_and_lang_wins(client, seminar):
    root = atom(client.get("/feeds/events/", headers={"accept-language": "ja,en;q=0.5"}))
    assert root.get(XML_LANG) == "ja"
    assert root.find(f"{ATOM}entry").findtext(f"{ATOM}title") == "東京セミナー"
    response = client.get("/feeds/events/?lang=fr", headers={"accept-language": "ja"})
    assert atom(response).find(f"{ATOM}entry").findtext(f"{ATOM}title") == "Séminaire de Tokyo"
    assert "Accept-Language" in response["Vary"]


def test_english_stays_the_feed_without_a_language_asked(client, projects):
    root = atom(client.get("/feeds/projects/"))
    assert root.get(XML_LANG) == "en"
    assert [entry.findtext(f"{ATOM}title") for entry in root.iterfind(f"{ATOM}entry")] == [
        "Decent work in Japan",
        "Skills for youth",
    ]


@pytest.mark.parametrize(
    "url", ["/feeds/projects/?lang=xx", "/feeds/events/?lang=", "/events/calendar.ics?lang=de"]
)
def test_an_unknown_language_is_a_400_naming_lang(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.content.decode().startswith("lang: Unknown language")


def vevent(response):
    assert response.status_code == 200, response.content
    (item,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    return item


def test_a_japanese_calendar_says_the_language_of_each_text(client, seminar):
    response = client.get("/ja/events/calendar.ics")
    item = vevent(response)

    assert response["Content-Language"] == "ja"
    assert str(item["summary"]) == "東京セミナー"
    assert item["summary"].params["LANGUAGE"] == "ja"
    # No Japanese summary: the English one stands in, labelled as English.
    assert str(item["description"]) == "A seminar on decent work."
    assert item["description"].params["LANGUAGE"] == "en"
    assert str(item["url"]).endswith("/ja/events/tokyo-seminar/")
    body = response.content.decode()
    assert "SUMMARY;LANGUAGE=ja:東京セミナー" in body


def test_lang_names_the_language_of_an_event_file(client, seminar):
    item = vevent(client.get("/events/tokyo-seminar.ics?lang=fr"))
    assert (str(item["summary"]), item["summary"].params["LANGUAGE"]) == ("Séminaire de Tokyo", "fr")
    assert item["description"].params["LANGUAGE"] == "fr"
    english = vevent(client.get("/events/tokyo-seminar.ics"))
    assert (str(english["summary"]), english["summary"].params["LANGUAGE"]) == ("Tokyo seminar", "en")


def test_lang_is_not_taken_for_a_filter_of_the_calendar(client, seminar):
    item = vevent(client.get("/events/calendar.ics?lang=ja&year=2024"))
    assert str(item["summary"]) == "東京セミナー"


def structured_data(client, url):
    response = client.get(url)
    assert response.status_code == 200
    (payload,) = LD_JSON.findall(response.content.decode())
    return json.loads(payload)


def test_json_ld_on_a_french_page_is_in_french(client, seminar):
    data = structured_data(client, f"/fr/events/{seminar.slug}/")

    assert data["mainEntityOfPage"] == {
        "@type": "WebPage",
        "url": f"http://testserver/fr/events/{seminar.slug}/",
        "inLanguage": "fr",
    }
    assert data["name"] == "Séminaire de Tokyo"
    assert data["description"] == "Un séminaire sur le travail décent."
    assert data["performer"][0]["jobTitle"] == "Directrice"
    assert data["url"] == f"http://testserver/fr/events/{seminar.slug}/"


def test_json_ld_falls_back_to_english_and_says_the_pages_language(client):
    project = ProjectFactory(title="Skills for youth", title_ja="若者のスキル", summary="English only.")
    data = structured_data(client, f"/ja/projects/{project.slug}/")
    assert data["mainEntityOfPage"]["inLanguage"] == "ja"
    assert (data["name"], data["description"]) == ("若者のスキル", "English only.")
    english = structured_data(client, f"/projects/{project.slug}/")
    assert english["mainEntityOfPage"]["inLanguage"] == "en"
    assert english["name"] == "Skills for youth"


def test_the_response_cache_keeps_a_feed_per_language_asked(client, settings, projects):
    settings.RESPONSE_CACHE_SECONDS = 300
    french = client.get("/feeds/projects/", headers={"accept-language": "fr"})
    english = client.get("/feeds/projects/")
    assert (french["X-Cache"], english["X-Cache"]) == ("miss", "miss")
    again = client.get("/feeds/projects/", headers={"accept-language": "fr-CA"})
    assert again["X-Cache"] == "hit"
    assert atom(again).get(XML_LANG) == "fr"
    assert atom(client.get("/feeds/projects/")).get(XML_LANG) == "en"

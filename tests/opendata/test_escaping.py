"""Text is escaped exactly once on every output: `Fish & chips < "fresh" > 社会的連帯経済` reads the
same in a page, its meta and Open Graph descriptions, JSON-LD, the API's JSON and CSV, the Atom
feeds, iCalendar and the IATI file, and never as `&amp;amp;`."""

import csv
import io
import json

import feedparser
import icalendar
import lxml.etree
import lxml.html
import pytest

from tests.factories import EventFactory, ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]

TEXT = 'Fish & chips < "fresh" > 社会的連帯経済'
TITLE = 'Fish & "chips" <b>社会</b>'


@pytest.fixture
def records():
    project = ProjectFactory(slug="fish", title=TITLE, summary=TEXT, iati_identifier="XM-DAC-41302-FISH")
    event = EventFactory(slug="fish-fry", title=TITLE, summary=TEXT)
    return project, event


def never_twice(raw):
    assert (
        "&amp;amp;" not in raw and "&amp;lt;" not in raw and "&amp;quot;" not in raw and "&amp;#" not in raw
    )


@pytest.mark.parametrize("path", ["/projects/fish/", "/events/fish-fry/"])
def test_page_meta_open_graph_and_json_ld(client, records, path):
    raw = client.get(path).content.decode()
    never_twice(raw)
    page = lxml.html.fromstring(raw)
    assert page.xpath('string(//meta[@name="description"]/@content)') == TEXT
    assert page.xpath('string(//meta[@property="og:description"]/@content)') == TEXT
    assert page.xpath('string(//meta[@property="og:title"]/@content)') == TITLE
    assert TITLE in page.xpath("string(//h1)")
    [ld] = page.xpath('//script[@type="application/ld+json"]/text()')
    assert json.loads(ld)["description"] == TEXT


@pytest.mark.parametrize("path", ["/api/v1/projects/fish/", "/api/v1/events/fish-fry/"])
def test_api_json(client, records, path):
    body = client.get(path).json()
    assert body["title"] == TITLE
    assert body["summary"] == TEXT


@pytest.mark.parametrize("path", ["/api/v1/projects/?format=csv", "/api/v1/events/?format=csv"])
def test_api_csv(client, records, path):
    response = client.get(path)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    [row] = [row for row in csv.DictReader(io.StringIO(text)) if row["title"] == TITLE]
    assert row["summary"] == TEXT


@pytest.mark.parametrize("path", ["/feeds/projects/", "/feeds/events/"])
def test_atom_feeds(client, records, path):
    raw = client.get(path).content.decode()
    never_twice(raw)
    [entry] = feedparser.parse(raw).entries
    assert entry.title == TITLE
    assert TEXT in entry.summary


def test_icalendar(client, records):
    calendar = icalendar.Calendar.from_ical(client.get("/events/fish-fry.ics").content)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == TITLE
    assert str(event["DESCRIPTION"]).startswith(TEXT)


def test_iati_file(client, records):
    response = client.get("/api/v1/projects/?format=iati")
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    never_twice(raw.decode())
    tree = lxml.etree.fromstring(raw)
    titles = tree.xpath("//iati-activity/title/narrative/text()")
    assert TITLE in titles
    descriptions = tree.xpath("//iati-activity/description/narrative/text()")
    assert any(text.startswith(TEXT) for text in descriptions)

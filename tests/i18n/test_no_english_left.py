"""No English interface string is left on a page in another language: every public page, filled
with data from the factories, is read in French, Spanish and Japanese, and none of the catalogue's
strings that the language translates differently shows in English — neither as a text of the page
nor in an attribute a reader sees (`title`, `aria-label`, `placeholder`, `alt`, the description).

Record content is not interface: text inside an element whose `lang` is another language (a
record shown in English, the switcher's own names) is not read, and the records here are named so
that no name is also an interface string.
"""

import datetime
import re
from functools import cache

import lxml.html
import pytest
from django.utils import timezone

from operations.management.commands.messages import catalogue
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    OdaFigureFactory,
    OrganisationFactory,
    OrganiserFactory,
    ParticipantFactory,
    PersonFactory,
    PriorityAreaFactory,
    ProjectFactory,
    ResultFactory,
    SourceFactory,
    SpeakerFactory,
    country,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "es", "ja")
VISIBLE_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")
TAGS = re.compile(r"<[^>]+>")


@cache
def english_strings(language):
    """(whole strings, phrases) the language translates differently: a whole string must not be a
    text or an attribute of the page; a phrase (the words of a string around its placeholders,
    three words or more) must not appear in any text."""
    from babel.messages.pofile import read_po

    with open(catalogue(language), "rb") as po:
        messages = read_po(po)
    whole, phrases = set(), set()
    for message in messages:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            if msgid in strings or not any(character.isalpha() for character in msgid):
                continue
            if PLACEHOLDER.search(msgid) or "<" in msgid:
                for piece in PLACEHOLDER.split(TAGS.sub("%(tag)s", msgid)):
                    piece = (piece or "").strip(" ,.:;()“”")
                    if len(piece.split()) >= 3 and piece not in " ".join(strings):
                        phrases.add(piece)
            else:
                whole.add(msgid)
    return whole, phrases


def texts(html, language):
    """The page's texts and visible attributes in `language` (not those marked as another)."""

    def speaks(element):
        lang = next((e.get("lang") for e in element.iterancestors() if e.get("lang")), None)
        lang = element.get("lang") or lang
        return lang is None or lang.split("-")[0] == language

    found = []
    for element in html.iter():
        if not isinstance(element.tag, str):  # a comment
            continue
        parent = element.getparent()
        if element.tail and parent is not None and parent.tag not in ("script", "style") and speaks(parent):
            found.append(element.tail)
        if element.tag in ("script", "style") or not speaks(element):
            continue
        if element.text:
            found.append(element.text)
        found += [element.get(name) for name in VISIBLE_ATTRIBUTES if element.get(name)]
        if element.tag == "meta" and element.get("name") == "description":
            found.append(element.get("content") or "")
    return [" ".join(text.split()) for text in found if text.strip()]


def english_left(response, language):
    html = lxml.html.fromstring(response.content)
    assert html.get("lang") == language
    whole, phrases = english_strings(language)
    page_texts = texts(html, language)
    left = sorted({text for text in page_texts if text in whole or text.rstrip(":") in whole})
    everything = "\n".join(page_texts)
    left += sorted(phrase for phrase in phrases if phrase in everything)
    return left


@pytest.fixture
def content():
    """A little of everything a public page can show, named in words that are not interface strings."""
    source = SourceFactory(
        slug="aomori-report", title="Aomori 2019", publisher="Kanto", url="https://example.org/a"
    )
    donor = DonorFactory(
        name="Aomori",
        slug="aomori",
        featured=True,
        country=country("JP"),
        summary="Aomori aomori.",
        profile_as_of=datetime.date(2020, 5, 1),
        founding_member=True,
        conventions_fundamental=8,
        conventions_governance=4,
        conventions_technical=40,
        governing_body_seat="permanent",
        source=source,
    )
    ministry = OrganisationFactory(
        name="Kanto", slug="kanto", country=country("JP"), donor=donor, source=source
    )
    unit = OrganisationFactory(name="Kanto Sendai", slug="kanto-sendai", parent=ministry)
    ContributionFactory(donor=donor, channel=ministry, source=source)
    ContributionFactory(donor=donor, kind="in-kind", amount_usd=None, year_from=2018, year_to=2018)
    OdaFigureFactory(donor=donor, gni_percent="0.2")
    PriorityAreaFactory(donor=donor, name="Sakura")
    parent = ProjectFactory(title="Nagano", slug="nagano", kind="programme", donors=[donor], countries=["NP"])
    project = ProjectFactory(
        title="Nagano Hida",
        slug="nagano-hida",
        parent=parent,
        donors=[donor],
        countries=["NP", "JP"],
        themes=["green-jobs"],
        budget_usd="2500000.00",
        status_as_of=datetime.date(2016, 3, 1),
        source=source,
        iati_identifier="XM-DAC-41302-NH",
    )
    project.sdgs.set([8])
    ParticipantFactory(project=project, organisation=unit)
    ResultFactory(project=project, title="Hida", unit="Hida", country=country("NP"), year=2017)
    for number in range(22):
        ProjectFactory(title=f"Gifu {number}", slug=f"gifu-{number}", donors=[donor], countries=["NP"])
    event = EventFactory(
        title="Kobe",
        slug="kobe",
        city="Kobe",
        country=country("JP"),
        venue="Kobe",
        format="hybrid",
        online_url="https://example.org/kobe",
        languages="Nihongo",
        interpretation="Nihongo",
        attendance=120,
        audience="Kobe",
        report_title="",
        report="Kobe kobe.",
        report_published_on=datetime.date(2022, 12, 2),
        start=timezone.now() - datetime.timedelta(days=30),
        precision="day",
        source=source,
    )
    EventFactory(
        title="Kobe Nada", slug="kobe-nada", parent=event, parent_relation="Kobe", status="cancelled"
    )
    event.projects.set([project])
    event.donors.set([donor])
    OrganiserFactory(event=event, organisation=ministry)
    SpeakerFactory(event=event, person=PersonFactory(name="Sato"), organisation=ministry, on_behalf=True)
    return {"donor": donor, "project": project, "event": event, "organisation": ministry, "source": source}


PAGES = [
    "/",
    "/donors/",
    "/donors/?kind=member-state&featured=true&sort=-name",
    "/donors/aomori/",
    "/donors/aomori/fact-sheet/",
    "/projects/",
    "/projects/?country=NP&status=2&year=2016&sort=-start",
    "/projects/?country=NP&year=abc&sdg=x&featured=maybe",
    "/projects/?page=2",
    "/projects/?country=NO",
    "/projects/nagano/",
    "/projects/nagano-hida/",
    "/events/",
    "/events/?when=past&kind=seminar",
    "/events/kobe/",
    "/events/kobe-nada/",
    "/donors/organisations/",
    "/donors/organisations/?category=ministry",
    "/donors/organisations/kanto/",
    "/sources/",
    "/sources/aomori-report/",
    "/countries/",
    "/countries/NP/",
    "/countries/JP/",
    "/countries/NO/",
    "/sdgs/",
    "/sdgs/8/",
    "/sdgs/17/",
    "/search/",
    "/search/?q=Nagano",
    "/search/?q=Nepal",
    "/search/?q=zzqqxx",
    "/search/?q=a%00",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_english_interface_string_is_left_on_a_page(client, content, path):
    left = {}
    for language in LANGUAGES:
        response = client.get(f"/{language}{path}")
        assert response.status_code in (200, 400), path
        left[language] = english_left(response, language)
    assert left == {language: [] for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_error_pages_speak_the_language(client, content, language):
    missing = client.get(f"/{language}/projects/no-such-project/")
    assert missing.status_code == 404
    assert english_left(missing, language) == []
    refused = client.get(f"/{language}/projects/?q=a%00")
    assert refused.status_code == 400
    assert english_left(refused, language) == []
    assert "NUL" in refused.text


def test_the_check_finds_english_left_on_a_french_page(client, content, rf):
    """The same check on a page with English interface strings in it fails, naming them."""
    whole, phrases = english_strings("fr")
    assert "Apply filters" in whole
    assert "No projects match these filters" in whole
    assert any("most recent of" in phrase for phrase in phrases)

    class Page:
        content = (
            '<html lang="fr"><head><meta name="description" content="Key facts"></head><body>'
            "<h2>Apply filters</h2><p>Les 3 plus récents. The 3 most recent of 20 projects.</p>"
            '<nav aria-label="Breadcrumb"></nav><p lang="en">No projects match these filters</p>'
            "</body></html>"
        ).encode()

    assert english_left(Page, "fr") == ["Apply filters", "Breadcrumb", "Key facts", "most recent of"]

"""Stored XSS: hostile text written through the API and the admin stays inert wherever it is shown.

Each payload (mostly from the OWASP XSS filter evasion cheat sheet, plus CSV-formula, template,
CRLF, NUL, right-to-left-override and overlong strings) is written by staff into every free-text
field of a project, an event, a donor, an organisation and a contribution, the records are
published, and every public page, API rendering (JSON, CSV, browsable HTML), the event's iCalendar
file and the admin spreadsheet exports are checked by parsing them, not by searching for strings.
"""

import csv
import io
import json
import re
from dataclasses import dataclass

import icalendar
import lxml.html
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse
from rest_framework.test import APIClient

from donors.models import Contribution
from donors.resources import ContributionResource
from events.models import Event
from events.resources import EventResource
from kernel.roles import PUBLISHERS
from organisations.models import Organisation
from organisations.resources import OrganisationResource
from projects.models import Project
from projects.resources import ProjectResource
from tests.api.conftest import client_for
from tests.api.util import content, csv_rows
from tests.factories import UserFactory
from tests.security.hostile import (
    FIELDS,
    MODELS,
    NAME_FIELDS,
    PAYLOAD_IDS,
    PAYLOADS,
    WORD,
    make_records,
    refusals,
    value_for,
)
from tests.transactions import HeldTransaction

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_throttling")]

# The writes run in a module-scoped fixture, where pytest-django's `settings` fixture is not available.
UNTHROTTLED = {
    **settings.REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "10000/minute", "user": "10000/minute"},
}

DANGEROUS_URL = re.compile(r"^(javascript|vbscript|data|livescript):")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "object", "embed", "base", "applet"}


def write(client, resource, slug, payload):
    """PATCH every text field, check the refusals, then write what is allowed and publish."""
    url = f"/api/v1/{resource}/{slug}/"
    data = {field: value_for(field, payload) for field in FIELDS[resource]}
    refused = refusals(resource, payload)
    response = client.patch(url, data, format="json")
    if refused:
        assert response.status_code == 400, (resource, response.content[:500])
        assert set(response.json()) == refused, response.json()
        for field in refused & {"acronym", "short_name"}:
            data[field] = ""
        for field in refused - {"acronym", "short_name"}:
            data[field] = WORD if field in NAME_FIELDS else "refused"
    if resource != "contributions":
        data["publication_status"] = "published"
    response = client.patch(url, data, format="json")
    assert response.status_code == 200, (resource, response.json())
    stored = MODELS[resource].objects.get(slug=slug)
    for field in FIELDS[resource]:
        if field not in refused:
            # Stored as sent (DRF trims surrounding whitespace): sanitising is the output's job.
            assert getattr(stored, field) == value_for(field, payload).strip()


def parse(html):
    return lxml.html.document_fromstring(html)


def assert_inert_html(html, where):
    """No script carrying the payload, no event handler, no javascript: URL, no hostile style."""
    document = parse(html)
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        tag = element.tag.lower().rsplit("}", 1)[-1]
        assert tag not in FORBIDDEN_ELEMENTS, (where, lxml.html.tostring(element)[:200])
        if tag == "script":
            text = element.text_content()
            if (element.get("type") or "").lower() == "application/ld+json":
                json.loads(text)
            else:
                assert "alert" not in text and WORD not in text, (where, text[:200])
        if tag == "meta":
            assert (element.get("http-equiv") or "").lower() != "refresh", where
        for name, value in element.attrib.items():
            name = name.lower()
            assert not name.rsplit("}", 1)[-1].startswith("on"), (where, tag, name, value[:200])
            if name.rsplit("}", 1)[-1] in URL_ATTRIBUTES or name.endswith("href"):
                cleaned = "".join(ch for ch in value if ch > " " and ch != "\x7f").lower()
                assert not DANGEROUS_URL.match(cleaned), (where, tag, name, value[:200])
            if name == "style":
                lowered = value.lower()
                assert "javascript" not in lowered and "expression" not in lowered, (where, value)
                assert "alert" not in lowered, (where, value)
    # Template syntax is shown as written, never evaluated by a second template pass.
    assert f"{WORD} 49" not in document.text_content(), where


def assert_safe_cells(rows, where):
    for row in rows:
        for cell in row:
            if isinstance(cell, str) and cell:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or re.fullmatch(
                    r"-?\d+(\.\d+)?", cell
                ), (where, cell[:100])


# Every public page that shows the records: its URL name, the record it shows and its query string.
PAGES = [
    ("home", None, ""),
    ("search", None, f"?q={WORD}"),
    ("donors:list", None, ""),
    ("donors:detail", "donors", ""),
    ("donors:fact_sheet", "donors", ""),
    ("organisations:list", None, ""),
    ("organisations:detail", "organisations", ""),
    ("projects:list", None, ""),
    ("projects:list", None, f"?q={WORD}"),
    ("projects:detail", "projects", ""),
    ("events:list", None, ""),
    ("events:detail", "events", ""),
]
PAGE_IDS = [f"{name}{query}" for name, _, query in PAGES]
RESOURCES = ["donors", "organisations", "projects", "events", "contributions"]
EXPORTS = [
    (ProjectResource, Project),
    (EventResource, Event),
    (OrganisationResource, Organisation),
    (ContributionResource, Contribution),
]


def page_url(name, shows, query, records):
    """The page's address; a page not routed yet is skipped."""
    kwargs = {"slug": records[shows]} if shows else {}
    try:
        return reverse(name, kwargs=kwargs) + query
    except NoReverseMatch:
        pytest.skip(f"{name} is not routed")


def admin_form_data(client, url):
    """What the browser would send back from the admin change form, unchanged."""
    response = client.get(url)
    assert response.status_code == 200
    form = next(form for form in parse(response.content).forms if form.get("id", "").endswith("_form"))
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return data


def write_through_admin(client, project_slug, payload):
    project = Project.objects.get(slug=project_slug)
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = admin_form_data(client, url)
    data["description"] = [payload]
    data["_save"] = ["Save"]
    response = client.post(url, data)
    project.refresh_from_db()
    if "\x00" in payload:
        assert response.status_code == 200  # the form is shown again with its error
        assert "Null characters are not allowed." in response.content.decode()
        assert "\x00" not in project.description
    else:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert project.description == payload


@dataclass
class Written:
    payload: str
    records: dict
    publisher_api: APIClient


# Under `-n`, the tests of one payload run on one worker (pyproject.toml's `--dist loadgroup`), which
# writes the payload once.
WRITTEN_ONCE = [
    pytest.param(payload, id=name, marks=pytest.mark.xdist_group(f"xss-{name}"))
    for payload, name in zip(PAYLOADS, PAYLOAD_IDS, strict=True)
]


@pytest.fixture(scope="module", params=WRITTEN_ONCE)
def written(request, django_db_setup, django_db_blocker):
    """The payload written by staff through the API into every text field of each record, and
    through the admin into the project's description; the records published. Written once per
    payload, in a transaction held open for the surface tests of that payload (tests/transactions.py).
    A write that goes wrong fails the setup of every surface test of its payload."""
    payload = request.param
    held = HeldTransaction(django_db_blocker)
    held.open()
    try:
        with django_db_blocker.unblock(), override_settings(REST_FRAMEWORK=UNTHROTTLED):
            cache.clear()
            records = make_records()
            publisher = UserFactory(is_staff=True)
            publisher.groups.add(Group.objects.get(name=PUBLISHERS))
            publisher_api = client_for(publisher)
            for resource in RESOURCES:
                write(publisher_api, resource, records[resource], payload)
            admin = Client()
            admin.force_login(UserFactory(is_staff=True, is_superuser=True))
            write_through_admin(admin, records["projects"], payload)
            cache.clear()
        yield Written(payload, records, publisher_api)
    finally:
        held.close()


# The surfaces: each public page as anyone sees it, each API rendering, each admin spreadsheet export
# and the event's calendar file; one test per surface and payload.


@pytest.mark.parametrize(("name", "shows", "query"), PAGES, ids=PAGE_IDS)
def test_public_page_is_inert(client, written, name, shows, query):
    url = page_url(name, shows, query, written.records)
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/html")
    assert_inert_html(response.content.decode(), url)


def test_search_for_the_payload_is_inert(client, written):
    search = client.get(reverse("search"), {"q": written.payload[:200]})
    assert search.status_code in (200, 400)
    assert_inert_html(search.content.decode(), "search for the payload")


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("which", ["list", "detail"])
def test_api_json_is_served_as_json_never_sniffed_as_html(written, resource, which):
    list_url = f"/api/v1/{resource}/"
    url = list_url if which == "list" else f"{list_url}{written.records[resource]}/"
    response = written.publisher_api.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.get("X-Content-Type-Options") == "nosniff"
    json.loads(content(response))


@pytest.mark.parametrize("resource", RESOURCES)
def test_browsable_api_shows_the_json_as_escaped_text(client, written, resource):
    detail_url = f"/api/v1/{resource}/{written.records[resource]}/"
    browsable = client.get(detail_url, {"format": "api"})
    assert browsable.status_code == 200
    assert_inert_html(content(browsable), f"{detail_url}?format=api")


@pytest.mark.parametrize("resource", RESOURCES)
def test_api_csv_has_no_cell_a_spreadsheet_would_run_as_a_formula(written, resource):
    list_url = f"/api/v1/{resource}/"
    rows = csv_rows(written.publisher_api.get(list_url, {"format": "csv"}))
    assert rows
    assert_safe_cells((row.values() for row in rows), f"{list_url}?format=csv")


@pytest.mark.parametrize(
    ("resource_class", "model"), EXPORTS, ids=[resource_class.__name__ for resource_class, _ in EXPORTS]
)
def test_admin_spreadsheet_export_has_no_formula_cell(written, resource_class, model):
    dataset = resource_class().export(model.objects.all())
    assert_safe_cells(dataset, resource_class.__name__)
    assert_safe_cells(csv.reader(io.StringIO(dataset.csv)), f"{resource_class.__name__} CSV")


def test_calendar_file_holds_one_event_whatever_the_text(client, written):
    try:
        ical_url = reverse("events:ical", kwargs={"slug": written.records["events"]})
    except NoReverseMatch:  # pragma: no cover
        pytest.skip("events:ical is not routed")
    response = client.get(ical_url)
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert len(calendar.walk("VEVENT")) == 1
    assert calendar.walk("VEVENT")[0]["SUMMARY"].startswith(WORD)

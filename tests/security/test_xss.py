"""Stored XSS: hostile text written through the API and the admin stays inert wherever it is shown.

Each payload (mostly from the OWASP XSS filter evasion cheat sheet, plus CSV-formula, template,
CRLF, NUL, right-to-left-override and overlong strings) is written by staff into every free-text
field of a project, an event, a donor, an organisation and a contribution, the records are
published, and every public page, API rendering (JSON, CSV, browsable HTML), the event's iCalendar
file and the admin spreadsheet exports are checked by parsing them, not by searching for strings.
"""

import contextlib
import csv
import io
import json
import re

import icalendar
import lxml.html
import pytest
from django.urls import NoReverseMatch, reverse

from donors.models import Contribution, Donor
from donors.resources import ContributionResource
from events.models import Event
from events.resources import EventResource
from kernel.publishing import Status
from organisations.models import Organisation
from organisations.resources import OrganisationResource
from projects.models import Project
from projects.resources import ProjectResource
from tests.api.util import content, csv_rows
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_throttling")]

# The word every page search and list check looks for: records are titled "Zebra <payload>".
WORD = "Zebra"
LONG = ("<img src=x onerror=alert(1)>" * 400)[:10_000]
NUL = "a\x00<script>alert(1)</script>"

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<IMG SRC="javascript:alert(1);">',
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<svg/onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](jav&#x09;ascript:alert(1))",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "![x](javascript:alert(1))",
    "<iframe src=javascript:alert(1)></iframe>",
    "<body onload=alert(1)>",
    "<style>@import'javascript:alert(1)';</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width: expression(alert(1));">x</div>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<object data="javascript:alert(1)"></object>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<details open ontoggle=alert(1)>",
    "{{7*7}}${7*7}{% debug %}",
    '=HYPERLINK("https://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected",
    "\u202egnp.exe <script>alert(1)</script>",
    NUL,
    LONG,
]
PAYLOAD_IDS = [f"{index:02d}" for index in range(len(PAYLOADS))]

# Free-text fields written through the API, per resource.
FIELDS = {
    "projects": ["title", "acronym", "summary", "description"],
    "events": ["title", "summary", "description", "report", "report_title", "venue", "city", "audience"],
    "donors": ["name", "short_name", "summary", "profile", "governing_body_note"],
    "organisations": ["name", "acronym", "description", "address"],
    "contributions": ["description"],
}
MODELS = {
    "projects": Project,
    "events": Event,
    "donors": Donor,
    "organisations": Organisation,
    "contributions": Contribution,
}
NAME_FIELDS = {"title", "name", "report_title"}
DANGEROUS_URL = re.compile(r"^(javascript|vbscript|data|livescript):")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "object", "embed", "base", "applet"}


def value_for(field, payload):
    """Names start with the search word so lists and search find the record."""
    return f"{WORD} {payload}" if field in NAME_FIELDS else payload


def refusals(resource, payload):
    """The fields the API must refuse for this payload: NUL anywhere, length over the column's."""
    model = MODELS[resource]
    refused = set()
    for field in FIELDS[resource]:
        value = value_for(field, payload)
        limit = model._meta.get_field(field).max_length
        if "\x00" in value or (limit and len(value) > limit):
            refused.add(field)
    return refused


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


def page_urls(records):
    """Every public page that shows the records, by name; missing routes are skipped."""
    wanted = [
        ("home", {}, ""),
        ("search", {}, f"?q={WORD}"),
        ("donors:list", {}, ""),
        ("donors:detail", {"slug": records["donors"]}, ""),
        ("donors:fact_sheet", {"slug": records["donors"]}, ""),
        ("organisations:list", {}, ""),
        ("organisations:detail", {"slug": records["organisations"]}, ""),
        ("projects:list", {}, ""),
        ("projects:list", {}, f"?q={WORD}"),
        ("projects:detail", {"slug": records["projects"]}, ""),
        ("events:list", {}, ""),
        ("events:detail", {"slug": records["events"]}, ""),
    ]
    urls = []
    for name, kwargs, query in wanted:
        with contextlib.suppress(NoReverseMatch):  # a page not routed yet is skipped
            urls.append(reverse(name, kwargs=kwargs) + query)
    return urls


@pytest.fixture
def records():
    """One draft of each kind, linked so every page shows the others."""
    donor = DonorFactory(
        slug="hostile-donor", featured=True, publication_status=Status.DRAFT, published_at=None
    )
    organisation = OrganisationFactory(
        slug="hostile-organisation", donor=donor, publication_status=Status.DRAFT, published_at=None
    )
    project = ProjectFactory(
        slug="hostile-project", donors=[donor], publication_status=Status.DRAFT, published_at=None
    )
    event = EventFactory(slug="hostile-event", publication_status=Status.DRAFT, published_at=None)
    event.donors.add(donor)
    event.projects.add(project)
    contribution = ContributionFactory(donor=donor, channel=organisation)
    return {
        "donors": donor.slug,
        "organisations": organisation.slug,
        "projects": project.slug,
        "events": event.slug,
        "contributions": contribution.slug,
    }


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


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOAD_IDS)
def test_hostile_text_is_inert_everywhere_it_is_shown(client, publisher_api, superuser, records, payload):
    for resource in ("donors", "organisations", "projects", "events", "contributions"):
        write(publisher_api, resource, records[resource], payload)
    client.force_login(superuser)
    write_through_admin(client, records["projects"], payload)
    client.logout()

    # The public pages, as anyone sees them.
    for url in page_urls(records):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html")
        assert_inert_html(response.content.decode(), url)
    search = client.get(reverse("search"), {"q": payload[:200]})
    assert search.status_code in (200, 400)
    assert_inert_html(search.content.decode(), "search for the payload")

    for resource in ("donors", "organisations", "projects", "events", "contributions"):
        list_url = f"/api/v1/{resource}/"
        detail_url = f"{list_url}{records[resource]}/"
        # JSON: served as JSON, never sniffed as HTML.
        for url in (list_url, detail_url):
            response = publisher_api.get(url, HTTP_ACCEPT="application/json")
            assert response.status_code == 200
            assert response["Content-Type"].startswith("application/json")
            assert response.get("X-Content-Type-Options") == "nosniff"
            json.loads(content(response))
        # The browsable API shows the same JSON as escaped text.
        browsable = client.get(detail_url, {"format": "api"})
        assert browsable.status_code == 200
        assert_inert_html(content(browsable), f"{detail_url}?format=api")
        # CSV: no cell a spreadsheet would run as a formula.
        rows = csv_rows(publisher_api.get(list_url, {"format": "csv"}))
        assert rows
        assert_safe_cells((row.values() for row in rows), f"{list_url}?format=csv")

    # The admin spreadsheet exports.
    exports = [
        (ProjectResource, Project),
        (EventResource, Event),
        (OrganisationResource, Organisation),
        (ContributionResource, Contribution),
    ]
    for resource_class, model in exports:
        dataset = resource_class().export(model.objects.all())
        assert_safe_cells(dataset, resource_class.__name__)
        assert_safe_cells(csv.reader(io.StringIO(dataset.csv)), f"{resource_class.__name__} CSV")

    # The event's calendar file: one event, whatever the text holds.
    try:
        ical_url = reverse("events:ical", kwargs={"slug": records["events"]})
    except NoReverseMatch:  # pragma: no cover
        ical_url = None
    if ical_url:
        response = client.get(ical_url)
        assert response.status_code == 200
        calendar = icalendar.Calendar.from_ical(response.content)
        assert len(calendar.walk("VEVENT")) == 1
        assert calendar.walk("VEVENT")[0]["SUMMARY"].startswith(WORD)


def test_nul_and_overlong_values_are_refused_naming_the_field(publisher_api, records):
    """A NUL byte is refused in every text field; a value over the column's length in names."""
    for resource, fields in FIELDS.items():
        url = f"/api/v1/{resource}/{records[resource]}/"
        for field in fields:
            response = publisher_api.patch(url, {field: "a\x00b"}, format="json")
            assert response.status_code == 400, (resource, field)
            assert response.json() == {field: ["Null characters are not allowed."]}
            limit = MODELS[resource]._meta.get_field(field).max_length
            if limit:
                response = publisher_api.patch(url, {field: "x" * (limit + 1)}, format="json")
                assert response.status_code == 400, (resource, field)
                assert list(response.json()) == [field]
    response = publisher_api.post(
        "/api/v1/projects/",
        {"title": LONG, "slug": "long", "status": "2", "summary": "\x00"},
        format="json",
    )
    assert response.status_code == 400
    assert {"title", "summary"} <= set(response.json())
    assert not Project.objects.filter(slug="long").exists()

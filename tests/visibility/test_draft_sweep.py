"""The draft sweep: a draft at the far end of any relation never reaches the public, whole or by name.

Two worlds are built side by side. In each, published hosts (a project, an event, a donor, an
organisation, a person, a contribution) are related, through every relation the site shows, to
records named with a unique, greppable token: `DRAFTORG-participant-x7q` is a draft organisation
taking part in the host project; `PUBORG-participant-x7q` its published twin in the other world.
Every anonymous surface (pages, feeds, calendars, sitemaps, the API in JSON and CSV, the IATI files)
is fetched once for each world, as the public and as staff, and then:

- no anonymous surface names any draft (slug, name, title or IATI identifier), in any case;
- the surfaces that show a relation do show its published twin, so the first check is not vacuous;
- staff, who see drafts, see the draft where a staff-aware surface shows that relation.

Each test is one (relation, surface) pair, so a failure names both.
"""

import datetime
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from kernel.publishing import Status
from kernel.taxonomy.models import Country
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    OrganiserFactory,
    ParticipantFactory,
    PersonFactory,
    ProjectFactory,
    SpeakerFactory,
    UserFactory,
    country,
)

pytestmark = pytest.mark.django_db

TOKEN = "x7q"
WORLDS = ("draft", "pub")

# relation: (kind of record at the far end, what the relation is)
RELATIONS = {
    "participant": ("ORG", "an organisation taking part in the project"),
    "projectparent": ("PROJECT", "the fund or programme the project belongs to"),
    "projectchild": ("PROJECT", "a project under the host project"),
    "projectdonor": ("DONOR", "a donor the project counts under"),
    "projectevent": ("EVENT", "an event linked to the project"),
    "organiser": ("ORG", "an organisation organising the event"),
    "speaker": ("PERSON", "a person speaking at the event"),
    "speakerorg": ("ORG", "the organisation a (published) speaker spoke for"),
    "eventparent": ("EVENT", "the conference the event is a side event of"),
    "sideevent": ("EVENT", "a side event of the event"),
    "eventproject": ("PROJECT", "a project linked to the event"),
    "eventdonor": ("DONOR", "a donor linked to the event"),
    "channel": ("ORG", "the organisation a donor's contribution comes through"),
    "donorproject": ("PROJECT", "a project the donor funds"),
    "donorevent": ("EVENT", "an event linked to the donor"),
    "donororg": ("ORG", "an organisation counted under the donor"),
    "orgparent": ("ORG", "the body the organisation is part of"),
    "orgunit": ("ORG", "a unit of the organisation"),
    "orgdonor": ("DONOR", "the donor profile the organisation is counted under"),
    "orgproject": ("PROJECT", "a project the organisation takes part in"),
    "orgevent": ("EVENT", "an event the organisation organised"),
    "orgcontribution": ("DONOR", "the donor of a contribution the organisation channels"),
    "personorg": ("ORG", "the organisation a (published) person works for"),
}


def token(world, relation):
    """`DRAFTORG-participant-x7q`: the far end's name; its slug is the same in lower case."""
    return f"{world.upper()}{RELATIONS[relation][0]}-{relation}-{TOKEN}"


# The surfaces. `{project}` and the like are the hosts of the world being fetched; addresses
# without one are shared by both worlds. `staff` says whether staff see drafts there: feeds,
# calendars, the sitemap and the home page are public documents, the same for everyone.

SURFACES = {
    # Pages
    "home": ("/", False),
    "donor list": ("/donors/", True),
    "donor page": ("/donors/{donor}/", True),
    "donor fact sheet": ("/donors/{donor}/fact-sheet/", True),
    "organisation list": ("/donors/organisations/", True),
    "organisation page": ("/donors/organisations/{organisation}/", True),
    "project list": ("/projects/", True),
    "project list, searched": (f"/projects/?q={TOKEN}", True),
    "project page": ("/projects/{project}/", True),
    "event list": ("/events/", True),
    "event list, searched": (f"/events/?q={TOKEN}", True),
    "event page": ("/events/{event}/", True),
    "search, hosts": ("/search/?q=sweep", True),
    "search, far ends": (f"/search/?q={TOKEN}", True),
    # Feeds, calendars, crawlers
    "project feed": ("/feeds/projects/", False),
    "event feed": ("/feeds/events/", False),
    "event calendar": ("/events/calendar.ics", False),
    "event calendar file": ("/events/{event}.ics", True),
    "sitemap": ("/sitemap.xml", False),
    "sitemap pages": ("/sitemap-pages.xml", False),
    "sitemap donors": ("/sitemap-donors.xml", False),
    "sitemap organisations": ("/sitemap-organisations.xml", False),
    "sitemap projects": ("/sitemap-projects.xml", False),
    "sitemap events": ("/sitemap-events.xml", False),
    "robots": ("/robots.txt", False),
    # The API: every list in JSON and CSV, every detail, the IATI files
    "api donors": ("/api/v1/donors/?page_size=100", True),
    "api donors csv": ("/api/v1/donors/?format=csv", True),
    "api donor": ("/api/v1/donors/{donor}/", True),
    "api donor iati": ("/api/v1/donors/{donor}/?format=iati", True),
    "api contributions": ("/api/v1/contributions/?page_size=100", True),
    "api contributions csv": ("/api/v1/contributions/?format=csv", True),
    "api contribution": ("/api/v1/contributions/{contribution}/", True),
    "api organisations": ("/api/v1/organisations/?page_size=100", True),
    "api organisations csv": ("/api/v1/organisations/?format=csv", True),
    "api organisation": ("/api/v1/organisations/{organisation}/", True),
    "api projects": ("/api/v1/projects/?page_size=100", True),
    "api projects csv": ("/api/v1/projects/?format=csv", True),
    "api projects iati": ("/api/v1/projects/?format=iati", True),
    "api project": ("/api/v1/projects/{project}/", True),
    "api projects iati, searched": ("/api/v1/projects/?format=iati&q=sweep", True),
    "api events": ("/api/v1/events/?page_size=100", True),
    "api events csv": ("/api/v1/events/?format=csv", True),
    "api event": ("/api/v1/events/{event}/", True),
    "api people": ("/api/v1/people/?page_size=100", True),
    "api people csv": ("/api/v1/people/?format=csv", True),
    "api person": ("/api/v1/people/{person}/", True),
    # Reference data holds no publishing state, but it is an API list and detail like the others
    "api countries": ("/api/v1/countries/?page_size=100", True),
    "api countries csv": ("/api/v1/countries/?format=csv", True),
    "api country": ("/api/v1/countries/NP/", True),
    "api regions": ("/api/v1/regions/", True),
    "api regions csv": ("/api/v1/regions/?format=csv", True),
    "api region": ("/api/v1/regions/asia-pacific/", True),
    "api themes": ("/api/v1/themes/?page_size=100", True),
    "api themes csv": ("/api/v1/themes/?format=csv", True),
    "api theme": ("/api/v1/themes/informal-economy/", True),
    "api sdgs": ("/api/v1/sdgs/", True),
    "api sdgs csv": ("/api/v1/sdgs/?format=csv", True),
    "api sdg": ("/api/v1/sdgs/8/", True),
    # The browsable API: the same data as HTML, with the filter form and its options
    "api project, browsable": ("/api/v1/projects/{project}/?format=api", True),
    "api events, browsable": ("/api/v1/events/?format=api", True),
}

# Where each relation is shown: the published twin must appear there for the public, and the draft
# for staff where the surface is staff-aware. (A far end that is published also appears as itself
# on lists, feeds and the sitemap; those are not listed here, since they do not show the relation.)
SHOWN_ON = {
    "participant": [
        "project page",
        "api project",
        "api projects iati, searched",
        "api project, browsable",
        "donor page",
    ],
    "projectparent": [
        "project page",
        "project list",
        "home",
        "search, hosts",
        "api project",
        "api projects",
        "api projects csv",
        "api projects iati, searched",
    ],
    "projectchild": ["project page", "api project", "api projects iati, searched"],
    "projectdonor": [
        "project page",
        "project list",
        "home",
        "search, hosts",
        "api project",
        "api projects",
        "api projects csv",
        "api projects iati, searched",
    ],
    "projectevent": ["project page", "api project"],
    "organiser": ["event page", "api event"],
    "speaker": ["event page", "api event"],
    "speakerorg": ["event page", "api event"],
    "eventparent": ["event page", "api event", "api events", "api events csv", "api events, browsable"],
    "sideevent": ["event page", "api event"],
    "eventproject": ["event page", "api event", "api events", "api events csv"],
    "eventdonor": ["event page", "api event", "api events", "api events csv"],
    "channel": ["donor page", "api donor", "api contribution", "api contributions", "api contributions csv"],
    "donorproject": ["donor page", "donor fact sheet", "api donor"],
    "donorevent": ["donor page", "donor fact sheet", "api donor"],
    "donororg": ["donor page", "api donor", "api donor iati"],
    "orgparent": [
        "organisation page",
        "organisation list",
        "search, hosts",
        "api organisation",
        "api organisations",
        "api organisations csv",
    ],
    "orgunit": ["organisation page", "api organisation"],
    "orgdonor": ["organisation page", "api organisation", "api organisations", "api organisations csv"],
    "orgproject": ["organisation page"],
    "orgevent": ["organisation page"],
    "orgcontribution": ["organisation page"],
    "personorg": ["api person", "api people", "api people csv"],
}

# A cached response costs no query and hides nothing, but a throttled one is a 429: the sweep makes
# a few hundred requests.
UNTHROTTLED = {"anon": "100000/minute", "user": "100000/minute"}


# The worlds


def build(world):
    """Published hosts, each related through every relation to a record of the world's kind."""
    draft = world == "draft"
    suffix = f"sweep-{world}"

    def far(factory, relation, **fields):
        name = token(world, relation)
        kind = RELATIONS[relation][0]
        fields["title" if kind in ("PROJECT", "EVENT") else "name"] = name
        fields["slug"] = name.lower()
        if kind == "ORG":
            fields["iati_identifier"] = name
        if draft:
            fields.update(publication_status=Status.DRAFT, published_at=None)
        return factory(**fields)

    donor = DonorFactory(name=f"Sweep donor {world}", slug=f"donor-{suffix}", featured=True)
    organisation = OrganisationFactory(name=f"Sweep organisation {world}", slug=f"organisation-{suffix}")
    project = ProjectFactory(
        title=f"Sweep project {world}",
        slug=f"project-{suffix}",
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2099, 12, 31),
        countries=["NP"],
        donors=[donor],
    )
    event = EventFactory(
        title=f"Sweep event {world}",
        slug=f"event-{suffix}",
        start=timezone.now() + datetime.timedelta(days=1),
        country=country("JP"),
    )
    event.donors.add(donor)
    person = PersonFactory(name=f"Sweep person {world}", slug=f"person-{suffix}")
    SpeakerFactory(event=event, person=person)

    # The project's relations
    ParticipantFactory(project=project, organisation=far(OrganisationFactory, "participant"))
    project.parent = far(ProjectFactory, "projectparent")
    project.save()
    far(ProjectFactory, "projectchild", parent=project)
    project.donors.add(far(DonorFactory, "projectdonor"))
    far(EventFactory, "projectevent").projects.add(project)

    # The event's
    OrganiserFactory(event=event, organisation=far(OrganisationFactory, "organiser"))
    SpeakerFactory(event=event, person=far(PersonFactory, "speaker"))
    SpeakerFactory(
        event=event,
        person=PersonFactory(name=f"Sweep speaker {world}", slug=f"speaker-{suffix}"),
        organisation=far(OrganisationFactory, "speakerorg"),
        on_behalf=True,
    )
    event.parent = far(EventFactory, "eventparent")
    event.save()
    far(EventFactory, "sideevent", parent=event)
    event.projects.add(far(ProjectFactory, "eventproject"))
    event.donors.add(far(DonorFactory, "eventdonor"))

    # The donor's
    contribution = ContributionFactory(donor=donor, channel=far(OrganisationFactory, "channel"))
    far(ProjectFactory, "donorproject", donors=[donor])
    far(EventFactory, "donorevent").donors.add(donor)
    far(OrganisationFactory, "donororg", donor=donor)

    # The organisation's
    organisation.parent = far(OrganisationFactory, "orgparent")
    organisation.donor = far(DonorFactory, "orgdonor")
    organisation.save()
    far(OrganisationFactory, "orgunit", parent=organisation)
    ParticipantFactory(organisation=organisation, project=far(ProjectFactory, "orgproject"))
    OrganiserFactory(organisation=organisation, event=far(EventFactory, "orgevent"))
    ContributionFactory(
        donor=far(DonorFactory, "orgcontribution"), channel=organisation, year_from=2001, year_to=2002
    )

    # The person's
    person.organisation = far(OrganisationFactory, "personorg")
    person.save()

    return {
        "donor": donor.slug,
        "organisation": organisation.slug,
        "project": project.slug,
        "event": event.slug,
        "person": person.slug,
        "contribution": contribution.slug,
    }


def body(response):
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    text = raw.decode("utf-8")
    if response.get("Content-Type", "").startswith("text/calendar"):
        text = text.replace("\r\n ", "")  # unfold iCalendar's long lines
    return text


def fetch(client, url):
    cache.clear()
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return body(response).lower()


def ensure_reference_data():
    """Reference rows come from migrations; a transactional test earlier on this worker may have
    flushed them, so put them back for the duration."""
    if not Country.objects.exists():
        ContentType.objects.clear_cache()
        import_module("kernel.taxonomy.migrations.0002_reference_data").load(apps, None)


@pytest.fixture(scope="module")
def swept(django_db_setup, django_db_blocker):
    """Both worlds built once for the module; every surface fetched for each, as the public and as
    staff; then everything rolled back."""
    rest_framework = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": UNTHROTTLED}
    with (
        django_db_blocker.unblock(),
        override_settings(REST_FRAMEWORK=rest_framework),
        transaction.atomic(),
    ):
        ensure_reference_data()
        hosts = {world: build(world) for world in WORLDS}
        public, staff = Client(), Client()
        staff.force_login(UserFactory(is_staff=True))
        bodies = {}
        for who, client in (("public", public), ("staff", staff)):
            for world in WORLDS:
                for name, (url, _) in SURFACES.items():
                    bodies[who, world, name] = fetch(client, url.format(**hosts[world]))
        transaction.set_rollback(True)
    cache.clear()
    return SimpleNamespace(bodies=bodies, hosts=hosts)


def cases(pairs):
    return [pytest.param(relation, surface, id=f"{relation}-{surface}") for relation, surface in pairs]


@pytest.mark.parametrize(
    ("relation", "surface"), cases((relation, surface) for relation in RELATIONS for surface in SURFACES)
)
def test_the_public_never_sees_a_draft(swept, relation, surface):
    name = token("draft", relation)
    assert name.lower() not in swept.bodies["public", "draft", surface], (
        f"{surface} ({SURFACES[surface][0]}) names {name}, a draft: {RELATIONS[relation][1]}"
    )


@pytest.mark.parametrize(
    ("relation", "surface"),
    cases((relation, surface) for relation, shown in SHOWN_ON.items() for surface in shown),
)
def test_the_surface_shows_the_published_relation(swept, relation, surface):
    """The published twin is shown where the draft is not: the sweep looks where the relation is."""
    name = token("pub", relation)
    assert name.lower() in swept.bodies["public", "pub", surface], (
        f"{surface} does not show {name}: {RELATIONS[relation][1]}"
    )


@pytest.mark.parametrize(
    ("relation", "surface"),
    cases(
        (relation, surface)
        for relation, shown in SHOWN_ON.items()
        for surface in shown
        if SURFACES[surface][1]
    ),
)
def test_staff_see_the_draft(swept, relation, surface):
    name = token("draft", relation)
    assert name.lower() in swept.bodies["staff", "draft", surface], (
        f"{surface} does not show staff {name}, a draft: {RELATIONS[relation][1]}"
    )


def test_every_relation_is_shown_somewhere():
    assert set(SHOWN_ON) == set(RELATIONS)
    assert {surface for shown in SHOWN_ON.values() for surface in shown} <= set(SURFACES)

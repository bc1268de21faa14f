"""The addresses tests/perf/test_query_counts.py counts, what each must show once the data has grown,
and how a request is measured."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.perf.world import LARGE, SEARCH_WORD, SMALL

# Counting


@dataclass
class Measured:
    url: str
    response: object
    body: str
    queries: list

    @property
    def count(self):
        return len(self.queries)


def measure(client, url):
    """The response to a GET of `url` and the SQL it ran, streamed bodies included."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        raw = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, f"GET {url} answered {response.status_code}: {raw[:500]!r}"
    return Measured(url, response, raw.decode("utf-8"), [query["sql"] for query in captured.captured_queries])


def measure_or_fail(client, url):
    """A failure is kept for the address's own test to report, so one broken address does not
    hide the counts of the others."""
    try:
        return measure(client, url)
    except Exception as error:  # re-raised by the test of this address
        return error


def listing(measured):
    return "\n".join(f"  {number:>3}. {sql}" for number, sql in enumerate(measured.queries, 1))


def assert_bounded(small, large, slack=0):
    few, many = small.count, large.count
    assert abs(many - few) <= slack, (
        f"GET {large.url}: {few} queries with {SMALL} unit of data, {many} with {LARGE}"
        f" (a difference of at most {slack} allowed): a query runs once per row.\n"
        f"--- with {SMALL} unit:\n{listing(small)}\n--- with {LARGE} units:\n{listing(large)}"
    )


def assert_shows(measured, *texts):
    missing = [text for text in texts if text not in measured.body]
    assert not missing, f"GET {measured.url} does not show {missing}"


# What each address must show once the data has grown: the rows of the newest unit.


def shows_newest_projects(measured, world):
    assert_shows(measured, *(project.title for project in world.newest.projects))


def shows_newest_project_slugs(measured, world):
    assert_shows(measured, *(project.slug for project in world.newest.projects))


def shows_newest_events(measured, world):
    assert_shows(measured, *(event.title for event in world.newest.events))


def shows_newest_event_slugs(measured, world):
    assert_shows(measured, *(event.slug for event in world.newest.events))


def shows_newest_donor(measured, world):
    assert_shows(measured, world.newest.donor.name)


def shows_newest_donor_slug(measured, world):
    assert_shows(measured, world.newest.donor.slug)


def shows_newest_organisation(measured, world):
    assert_shows(measured, world.newest.organisation.name)


def shows_newest_organisation_slug(measured, world):
    assert_shows(measured, world.newest.organisation.slug)


def shows_newest_person_slug(measured, world):
    assert_shows(measured, world.newest.person.slug)


def shows_home(measured, world):
    assert_shows(measured, world.japan.name, world.newest.donor.name)


def shows_search(measured, world):
    total = measured.response.context["total"]
    visible = len(world.donors) + len(world.projects) + len(world.events) + len(world.organisations)
    if measured.response.wsgi_request.user.is_staff:
        visible += 2 * world.units  # each unit's draft project and draft event
    assert total == visible, f"search found {total} records, expected {visible}"
    assert_shows(measured, world.japan.name)


def shows_japan_profile(measured, world):
    assert_shows(
        measured,
        world.japan.name,
        world.newest.organisation.name,  # a channel of its contributions, and a partner
        *(project.title for project in world.newest.projects),
        world.newest.events[1].title,  # the upcoming one: the profile shows the latest events
    )


def shows_japan_record(measured, world):
    assert_shows(
        measured,
        '"slug":"japan"',
        world.newest.organisation.slug,
        *(project.slug for project in world.newest.projects),
        world.newest.events[0].slug,
    )


def shows_japan_iati(measured, world):
    assert_shows(measured, "<iati-organisations", f'value-date="{2000 + world.units}-01-01"')


def shows_ministry_page(measured, world):
    assert_shows(
        measured,
        world.ministry.name,
        world.newest.organisation.name,
        *(p.title for p in world.newest.projects),
    )


def shows_ministry_record(measured, world):
    assert_shows(measured, '"slug":"ministry"', world.newest.organisation.slug)


def shows_flagship_page(measured, world):
    assert_shows(
        measured, world.flagship.title, world.newest.projects[0].title, world.newest.organisation.name
    )


def shows_flagship_record(measured, world):
    assert_shows(measured, '"slug":"flagship"', world.newest.projects[0].slug, world.newest.organisation.slug)


def shows_seminar_page(measured, world):
    assert_shows(
        measured,
        world.seminar.title,
        world.newest.events[0].title,
        world.newest.person.name,
        world.newest.organisation.name,
    )


def shows_seminar_record(measured, world):
    assert_shows(
        measured,
        '"slug":"seminar"',
        world.newest.events[0].slug,
        world.newest.person.slug,
        world.newest.organisation.slug,
    )


def shows_seminar_ics(measured, world):
    assert_shows(measured, "BEGIN:VCALENDAR", f"SUMMARY;LANGUAGE=en:{world.seminar.title}")


def shows_calendar(measured, world):
    assert_shows(
        measured, "BEGIN:VCALENDAR", *(f"SUMMARY;LANGUAGE=en:{event.title}" for event in world.newest.events)
    )


def shows_sitemap_index(measured, world):
    assert_shows(measured, *(f"/sitemap-{section}.xml" for section in ("donors", "projects", "events")))


def shows_sitemap_projects(measured, world):
    assert_shows(measured, *(f"/projects/{project.slug}/" for project in world.newest.projects))


def shows_sitemap_events(measured, world):
    assert_shows(measured, *(f"/events/{event.slug}/" for event in world.newest.events))


def shows_iati_activities(measured, world):
    assert_shows(
        measured,
        "<iati-activities",
        *(f"-{project.slug}</iati-identifier>" for project in world.newest.projects),
    )


def shows_fixed(*texts):
    def check(measured, world):
        assert_shows(measured, *texts)

    return check


def shows_japan_fact_sheet(measured, world):
    assert_shows(
        measured,
        world.japan.name,
        *(project.title for project in world.newest.projects),
        world.newest.events[1].title,
    )


def shows_nepal(measured, world):
    assert_shows(measured, "Nepal", world.flagship.title)
    if world.units > 1:  # the last unit's projects work in Nepal too
        shows_newest_projects(measured, world)


def shows_sdg_3(measured, world):
    """SDG 3's page: Japan funds its projects, the second unit's donor too, in every unit's countries."""
    assert_shows(measured, "sdgs/3/", world.japan.name, world.donors[2].name, 'countries/KH/"')


def shows_newest_draft_project_title(measured, world):
    assert_shows(measured, world.newest.drafts[0].title)


def shows_newest_draft_project_slug(measured, world):
    assert_shows(measured, world.newest.drafts[0].slug)


def shows_newest_draft_event_title(measured, world):
    assert_shows(measured, world.newest.drafts[1].title)


def shows_newest_draft_event_slug(measured, world):
    assert_shows(measured, world.newest.drafts[1].slug)


# Every public page and every API list and detail, with what it must show once the data has grown.
ENDPOINTS = {
    # Public pages
    "home": ("/", shows_home),
    "donor list": ("/donors/", shows_newest_donor),
    "donor profile": ("/donors/japan/", shows_japan_profile),
    "donor fact sheet": ("/donors/japan/fact-sheet/", shows_japan_fact_sheet),
    "organisation list": ("/donors/organisations/", shows_newest_organisation),
    "organisation page": ("/donors/organisations/ministry/", shows_ministry_page),
    "project list": ("/projects/", shows_newest_projects),
    "project list, filtered": (
        "/projects/?country=NP&country=IN&theme=informal-economy&region=asia-pacific&donor=japan&q=solidarity",
        shows_fixed("Flagship fund"),
    ),
    "project page": ("/projects/flagship/", shows_flagship_page),
    "event list": ("/events/", shows_newest_events),
    "event list, filtered": (
        "/events/?donor=japan&theme=informal-economy&q=solidarity",
        shows_fixed("Solidarity seminar"),
    ),
    "event page": ("/events/seminar/", shows_seminar_page),
    "search": (f"/search/?q={SEARCH_WORD}", shows_search),
    "country list": ("/countries/", shows_fixed('countries/NP/"', 'countries/KH/"')),
    "country page": ("/countries/NP/", shows_nepal),
    "sdg list": ("/sdgs/", shows_fixed('sdgs/17/"')),
    "sdg page": ("/sdgs/3/", shows_sdg_3),
    "project feed": ("/feeds/projects/", shows_newest_projects),
    "event feed": ("/feeds/events/", shows_newest_events),
    "sitemap": ("/sitemap.xml", shows_sitemap_index),
    "sitemap projects": ("/sitemap-projects.xml", shows_sitemap_projects),
    "sitemap events": ("/sitemap-events.xml", shows_sitemap_events),
    "sitemap countries": ("/sitemap-countries.xml", shows_fixed("/countries/NP/", "/ja/countries/IN/")),
    "sitemap sdgs": ("/sitemap-sdgs.xml", shows_fixed("/sdgs/3/")),
    "event calendar": ("/events/calendar.ics", shows_calendar),
    "event calendar file": ("/events/seminar.ics", shows_seminar_ics),
    # API lists, details, and the open-data formats
    "api root": ("/api/v1/", shows_fixed('"projects"')),
    "api donors": ("/api/v1/donors/?page_size=100", shows_newest_donor_slug),
    "api donors csv": ("/api/v1/donors/?format=csv", shows_newest_donor_slug),
    "api donor": ("/api/v1/donors/japan/", shows_japan_record),
    "api donor iati": ("/api/v1/donors/japan/?format=iati", shows_japan_iati),
    "api contributions": ("/api/v1/contributions/?page_size=100", shows_newest_donor_slug),
    "api contributions csv": ("/api/v1/contributions/?format=csv", shows_newest_donor_slug),
    "api contribution": ("/api/v1/contributions/{contribution}/", shows_fixed('"donor":"japan"')),
    "api organisations": ("/api/v1/organisations/?page_size=100", shows_newest_organisation_slug),
    "api organisations csv": ("/api/v1/organisations/?format=csv", shows_newest_organisation_slug),
    "api organisation": ("/api/v1/organisations/ministry/", shows_ministry_record),
    "api projects": ("/api/v1/projects/?page_size=100", shows_newest_project_slugs),
    "api projects csv": ("/api/v1/projects/?format=csv", shows_newest_project_slugs),
    "api projects iati": ("/api/v1/projects/?format=iati", shows_iati_activities),
    "api project": ("/api/v1/projects/flagship/", shows_flagship_record),
    "api events": ("/api/v1/events/?page_size=100", shows_newest_event_slugs),
    "api events csv": ("/api/v1/events/?format=csv", shows_newest_event_slugs),
    "api event": ("/api/v1/events/seminar/", shows_seminar_record),
    "api people": ("/api/v1/people/?page_size=100", shows_newest_person_slug),
    "api people csv": ("/api/v1/people/?format=csv", shows_newest_person_slug),
    "api person": ("/api/v1/people/speaker/", shows_fixed('"slug":"speaker"', '"organisation":"ministry"')),
    "api countries": ("/api/v1/countries/?page_size=100", shows_fixed('"code":"AF"')),
    "api countries csv": ("/api/v1/countries/?format=csv", shows_fixed("NP,NPL,Nepal")),
    "api country": ("/api/v1/countries/NP/", shows_fixed('"code":"NP"')),
    "api regions": ("/api/v1/regions/", shows_fixed('"slug":"asia-pacific"')),
    "api regions csv": ("/api/v1/regions/?format=csv", shows_fixed("asia-pacific")),
    "api region": ("/api/v1/regions/asia-pacific/", shows_fixed('"slug":"asia-pacific"', '"NP"')),
    "api themes": ("/api/v1/themes/?page_size=100", shows_fixed('"slug":"informal-economy"')),
    "api themes csv": ("/api/v1/themes/?format=csv", shows_fixed("informal-economy")),
    "api theme": ("/api/v1/themes/informal-economy/", shows_fixed('"slug":"informal-economy"')),
    "api sdgs": ("/api/v1/sdgs/", shows_fixed('"number":8')),
    "api sdgs csv": ("/api/v1/sdgs/?format=csv", shows_fixed("Decent work")),
    "api sdg": ("/api/v1/sdgs/8/", shows_fixed('"number":8')),
    "api transactions": ("/api/v1/transactions/?page_size=100", shows_newest_project_slugs),
    "api transactions csv": ("/api/v1/transactions/?format=csv", shows_newest_project_slugs),
    "api transactions, filtered": (
        "/api/v1/transactions/?country=NP&donor=japan&year=2016&kind=3",
        shows_fixed('"project":"flagship"'),
    ),
    "api transaction": ("/api/v1/transactions/{transaction}/", shows_fixed('"project":"flagship"')),
    "api budgets": ("/api/v1/budgets/?page_size=100", shows_newest_project_slugs),
    "api budgets csv": ("/api/v1/budgets/?format=csv", shows_newest_project_slugs),
    "api exchange rates": ("/api/v1/exchange-rates/?page_size=100", shows_fixed('"currency":"EUR"')),
}

# The same pages in French, and API answers in French and in every language at once: a page's
# queries do not grow with the number of languages either (the translations are columns of the
# rows already read; a list's `.only()` that left them out would read them once per row).
ENDPOINTS.update(
    {
        f"{name} (fr)": (f"/fr{url}", check)
        for name, (url, check) in list(ENDPOINTS.items())
        if not url.startswith(("/api/", "/feeds/", "/sitemap"))
    }
)
ENDPOINTS.update(
    {
        "api projects (fr)": ("/api/v1/projects/?page_size=100&lang=fr", shows_newest_project_slugs),
        "api project (ja)": ("/api/v1/projects/flagship/?lang=ja", shows_flagship_record),
        "api events (es)": ("/api/v1/events/?page_size=100&lang=es", shows_newest_event_slugs),
        "api themes (fr)": (
            "/api/v1/themes/?page_size=100&lang=fr",
            shows_fixed('"slug":"informal-economy"'),
        ),
    }
)

# Staff see drafts (`visible_to(user)`): the addresses whose rows depend on the reader, and the
# draft each must show besides what the public sees.
STAFF_ENDPOINTS = {
    "donor list": None,
    "donor profile": shows_newest_draft_project_title,
    "donor fact sheet": shows_newest_draft_project_title,
    "organisation list": None,
    "organisation page": shows_newest_draft_project_title,
    "project list": shows_newest_draft_project_title,
    "project page": shows_newest_draft_project_title,
    "event list": shows_newest_draft_event_title,
    "event page": shows_newest_draft_event_title,
    "search": None,
    "country list": None,
    "country page": shows_newest_draft_project_title,
    "sdg page": None,
    "api donors": None,
    "api donor": shows_newest_draft_project_slug,
    "api contributions": None,
    "api organisations": None,
    "api organisation": None,
    "api projects": shows_newest_draft_project_slug,
    "api projects csv": shows_newest_draft_project_slug,
    "api projects iati": shows_newest_draft_project_slug,
    "api project": shows_newest_draft_project_slug,
    "api events": shows_newest_draft_event_slug,
    "api events csv": shows_newest_draft_event_slug,
    "api event": shows_newest_draft_event_slug,
    "api people": None,
    "api transactions": shows_newest_draft_project_slug,
    "api transactions csv": shows_newest_draft_project_slug,
    "api budgets": shows_newest_draft_project_slug,
}

# Allowed differences between the two counts, each with its reason.
SLACK = {
    # A project card's parent is prefetched as the reader may see it (kernel.visibility): one query
    # when a project on the page has a parent, none when none has (Django skips an empty IN). With
    # one unit of data the filtered page holds no child project; with five it does.
    "project list, filtered": 1,
    # The same on a country's page: with one unit of data Nepal holds only the flagship fund; with
    # five, projects under it too.
    "country page": 1,
}
# The same pages in French have the same slack, for the same reason.
SLACK.update({f"{name} (fr)": slack for name, slack in list(SLACK.items())})
# Staff see the same difference on a country's page (its drafts are under the fund as well).
SLACK["staff country page"] = 1


def measure_all(client, world, names):
    return {name: measure_or_fail(client, url_for(ENDPOINTS[name][0], world)) for name in names}


def url_for(template, world):
    return template.format(contribution=world.contribution.slug, transaction=world.transaction.pk)

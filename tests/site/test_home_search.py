"""Site-wide pages and promises: the home page's key figures, search over every kind of record, the
404 and 500 pages, what every page carries (title, description, canonical link, landmarks, one h1,
no inline script or style), and bad input that never breaks a list."""

import datetime
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import server_error

from donors.models import Contribution
from kernel.publishing import Status
from projects.models import Project
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.now() + datetime.timedelta(days=n)


# ------------------------------------------------------------------ home


@pytest.fixture
def content():
    japan = DonorFactory(name="Japan", featured=True)
    DonorFactory(name="Korea")
    hidden = DonorFactory(name="Hidden", featured=True, publication_status=Status.DRAFT, published_at=None)
    ContributionFactory(donor=japan, amount_usd="271000000", kind=Contribution.Kind.ASSESSED)
    ContributionFactory(donor=japan, amount_usd="31800000")
    ContributionFactory(donor=hidden, amount_usd="999000000")
    ProjectFactory(title="Fiji livelihoods", countries=["FJ"], donors=[japan])
    ProjectFactory(title="Nepal formalization", countries=["NP", "IN"], status=Project.Status.CLOSED)
    ProjectFactory(title="Bangladesh skills", countries=["BD", "IN"])
    ProjectFactory(
        title="Draft in Peru", countries=["PE"], publication_status=Status.DRAFT, published_at=None
    )
    EventFactory(title="Next seminar", start=days(10))
    EventFactory(title="Later conference", start=days(40))
    EventFactory(title="Last year's workshop", start=days(-300))
    EventFactory(title="Secret upcoming", start=days(5), publication_status=Status.DRAFT, published_at=None)


def test_home_key_figures_count_published_records_only(client, content):
    response = client.get("/")
    assert response.context["donor_count"] == 2
    assert response.context["ongoing_count"] == 2
    assert response.context["country_count"] == 4  # FJ, NP, IN, BD; not Peru
    # Two kinds of contribution: two figures, each with its kind and period, never one sum.
    totals = [(t.kind, t.amount_usd) for t in response.context["contribution_totals"]]
    assert sorted(totals) == [
        ("assessed", Decimal("271000000")),
        ("voluntary-earmarked", Decimal("31800000")),
    ]
    html = response.content.decode()
    assert "USD 302.8 million" not in html
    assert "USD 271 million</strong>, assessed" in html


def test_home_shows_featured_donors_ongoing_projects_and_events(client, content):
    html = client.get("/").content.decode()
    assert "Japan" in html
    assert "Hidden" not in html
    assert "Fiji livelihoods" in html
    assert "Bangladesh skills" in html
    assert "Nepal formalization" not in html  # closed
    assert "Draft in Peru" not in html
    upcoming = html.index('id="upcoming-heading"')
    recent = html.index('id="recent-heading"')
    assert upcoming < html.index("Next seminar") < html.index("Later conference") < recent
    assert recent < html.index("Last year&#x27;s workshop")
    assert "Secret upcoming" not in html


def test_home_from_the_seed(client, seed):
    response = client.get("/")
    assert response.context["donor_count"] == 2
    assert "USD 302.8 million" not in response.content.decode()
    assert "Decent Work and the Social and Solidarity Economy" in response.content.decode()


# ------------------------------------------------------------------ search


@pytest.fixture
def searchable():
    DonorFactory(name="Japan", slug="japan", summary="A founding member")
    ProjectFactory(title="Japan skills programme")
    for n in range(7):
        ProjectFactory(title=f"Informality project {n}")
    ProjectFactory(title="Informality draft", publication_status=Status.DRAFT, published_at=None)
    EventFactory(title="Informality seminar")
    OrganisationFactory(name="Japan International Cooperation Agency", acronym="JICA")


def test_search_groups_results_by_kind_with_counts(client, searchable):
    response = client.get(reverse("search"), {"q": "japan"})
    groups = {group["name"]: group for group in response.context["groups"]}
    assert groups["donors"]["count"] == 1
    assert groups["projects"]["count"] == 1
    assert groups["events"]["count"] == 0
    assert groups["organisations"]["count"] == 1
    html = response.content.decode()
    assert "Japan International Cooperation Agency" in html
    assert response.context["total"] == 3


def test_search_caps_each_group_and_links_to_the_filtered_list(client, searchable):
    response = client.get(reverse("search"), {"q": "informality"})
    projects = {group["name"]: group for group in response.context["groups"]}["projects"]
    assert projects["count"] == 7
    assert len(projects["results"]) == 5
    assert projects["list_url"] == "/projects/?q=informality"
    html = response.content.decode()
    assert 'href="/projects/?q=informality">See all 7 projects matching “informality” in the list</a>' in html
    assert "Informality draft" not in html


def test_search_for_nothing_explains(client, searchable):
    html = client.get(reverse("search"), {"q": "zzzz"}).content.decode()
    assert "Nothing matches “zzzz”" in html
    html = client.get(reverse("search")).content.decode()
    assert "every word must appear" in html


def test_search_refuses_bad_input_politely(client, searchable):
    response = client.get(reverse("search"), {"q": "x" * 300})
    assert response.status_code == 200
    assert "We could not search for that" in response.content.decode()


def test_a_nul_byte_is_refused_with_the_sites_own_page(client, searchable):
    response = client.get(reverse("search"), {"q": "a\x00b"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "q holds a NUL byte" in html
    assert 'href="/search/"' in html  # the same page without its query
    assert "\x00" not in html


def test_search_escapes_what_the_visitor_typed(client, searchable):
    html = client.get(reverse("search"), {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_search_from_the_seed(client, seed):
    response = client.get(reverse("search"), {"q": "informal"})
    groups = {group["name"]: group for group in response.context["groups"]}
    slugs = {project.slug for project in groups["projects"]["results"]}
    assert "way-out-of-informality" in slugs


# ------------------------------------------------------------------ error pages


def test_404_page_is_styled_and_helpful(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'action="/search/"' in html
    assert 'href="/static/css/site.css"' in html
    assert 'rel="canonical"' not in html


def test_500_page_needs_no_request_context_nor_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
        response = server_error(RequestFactory().get("/"))
    assert "<h1>Something went wrong</h1>" in html
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


# ------------------------------------------------------------------ what every page carries


SEED_PAGES = [
    "/",
    "/donors/",
    "/donors/japan/",
    "/donors/japan/fact-sheet/",
    "/donors/organisations/",
    "/donors/organisations/ilo/",
    "/projects/",
    "/projects/?country=NP&theme=informal-economy",
    "/projects/way-out-of-informality/",
    "/projects/social-safety-nets-fund/",
    "/events/",
    "/events/decent-work-sse-seminar-2022/",
    "/search/?q=japan",
    "/sources/",
    "/sources/japan-ilo-cooperation-2017/",
]


@pytest.mark.parametrize("url", SEED_PAGES)
def test_every_page_has_title_description_canonical_landmarks_one_h1_and_no_inline_code(client, seed, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1
    title = re.search(r"<title>(.+?)</title>", html, re.S).group(1).strip()
    assert "ILO Partners" in title and len(title) > len("ILO Partners · ")
    description = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    assert 50 <= len(description) <= 200
    assert re.search(r'<link rel="canonical" href="http://testserver/[^"]*">', html)
    for landmark in (
        '<header class="site-header">',
        '<nav class="site-nav" aria-label="Main">',
        '<main id="main"',
        "<footer",
    ):
        assert landmark in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<html lang="en">' in html
    # nothing a strict Content-Security-Policy would block, nothing from another host
    assert " style=" not in html
    assert "<style" not in html
    # Only scripts served by the site run; JSON-LD data blocks are data, which CSP does not govern.
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", html) == []
    assert " on" + "click=" not in html
    assert "//cdn" not in html


def test_canonical_of_a_list_keeps_page_and_meaningful_filters(client):
    ProjectFactory.create_batch(25, countries=["NP"])
    html = client.get("/projects/?page=2&country=NP&sort=title").content.decode()
    assert '<link rel="canonical" href="http://testserver/projects/?country=NP&amp;page=2">' in html


# ------------------------------------------------------------------ bad input never breaks a list


BAD_QUERIES = [
    "page=abc",
    "page=99999999999999999999",
    "year=99999999999",
    "country=ZZ",
    "country=%00",
    "q=%00",
    "theme=%00&donor=%00&organiser=%00&region=%00",
    "kind=%3Cscript%3E",
    "sort=%00",
    "when=%00",
    "sdg=-1",
    "featured=maybe",
    "category=%00&type=99",
    "q=" + "%F0%9F%98%80" * 50,
    "q=%ED%A0%80",  # a lone surrogate, not valid UTF-8
    "country=NP&country=NP&country=np",
]


@pytest.mark.parametrize("url", ["/donors/", "/projects/", "/events/", "/donors/organisations/", "/search/"])
@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_input_never_breaks_a_list(client, url, query):
    ProjectFactory(countries=["NP"])
    response = client.get(f"{url}?{query}")
    # A NUL byte anywhere in the query string is refused before any view (operations/limits.py).
    assert response.status_code == (400 if "%00" in query else 200)
    html = response.content.decode()
    assert "<script>" not in html.replace('<script src="', "")
    assert "\x00" not in html

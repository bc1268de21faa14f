"""The country and SDG pages beyond themselves: the sitemap, the site search, the API's links to
them, and their query counts."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from rest_framework.test import APIClient

from kernel.publishing import Status
from tests.factories import (
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
    country,
    sdg,
)

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def locations(client, url):
    root = etree.fromstring(client.get(url).content)
    return [item.findtext("s:loc", namespaces=NS) for item in root]


def test_the_sitemap_lists_countries_and_goals_with_public_content_in_every_language(client):
    nepal = ProjectFactory(countries=["NP"])
    nepal.sdgs.add(sdg(8))
    draft = ProjectFactory(countries=["TD"], publication_status=Status.DRAFT)
    draft.sdgs.add(sdg(3))
    EventFactory(country=country("KE"))
    index = locations(client, "/sitemap.xml")
    assert "http://testserver/sitemap-countries.xml" in index
    assert "http://testserver/sitemap-sdgs.xml" in index
    countries = locations(client, "/sitemap-countries.xml")
    for prefix in ("", "/fr", "/es", "/ja"):
        assert f"http://testserver{prefix}/countries/NP/" in countries
        assert f"http://testserver{prefix}/countries/KE/" in countries
    assert not any("/countries/TD/" in url for url in countries)
    assert len(countries) == 2 * 4
    goals = locations(client, "/sitemap-sdgs.xml")
    assert "http://testserver/sdgs/8/" in goals and "http://testserver/ja/sdgs/8/" in goals
    assert not any("/sdgs/3/" in url for url in goals)
    pages = locations(client, "/sitemap-pages.xml")
    assert "http://testserver/countries/" in pages and "http://testserver/fr/sdgs/" in pages


@pytest.fixture
def nepal_work():
    project = ProjectFactory(title="Informality study", countries=["NP"])
    project.sdgs.add(sdg(8))
    return project


@pytest.mark.parametrize(
    "query, link",
    [
        ("Nepal", "/countries/NP/"),
        ("nepal", "/countries/NP/"),
        ("decent work", "/sdgs/8/"),
        ("Decent Work", "/sdgs/8/"),
        ("SDG 8", "/sdgs/8/"),
        ("sdg8", "/sdgs/8/"),
    ],
)
def test_search_offers_the_country_or_goal_page_above_the_groups(client, nepal_work, query, link):
    response = client.get("/search/", {"q": query})
    assert [place["url"] for place in response.context["places"]] == [link]
    text = response.content.decode()
    assert f'href="{link}"' in text
    assert text.index(f'href="{link}"') < text.index("</main>")


@pytest.mark.parametrize(
    "language, query, link",
    [
        ("fr", "Népal", "/fr/countries/NP/"),
        ("fr", "travail décent", "/fr/sdgs/8/"),
        ("ja", "ネパール", "/ja/countries/NP/"),
    ],
)
def test_search_finds_the_page_by_its_name_in_the_page_language(client, nepal_work, language, query, link):
    response = client.get(f"/{language}/search/", {"q": query})
    assert [place["url"] for place in response.context["places"]] == [link]


@pytest.mark.parametrize("query", ["Norway", "work ing", "ring", "SDG 3", "Nep", "zzqq"])
def test_search_offers_no_page_where_nothing_is_recorded_or_nothing_is_named(client, nepal_work, query):
    assert client.get("/search/", {"q": query}).context["places"] == []


def test_search_does_not_name_a_country_only_a_draft_is_in(client):
    ProjectFactory(title="Secret", countries=["TD"], publication_status=Status.DRAFT)
    assert client.get("/search/", {"q": "Chad"}).context["places"] == []
    client.force_login(UserFactory(is_staff=True))
    assert [place["url"] for place in client.get("/search/", {"q": "Chad"}).context["places"]] == [
        "/countries/TD/"
    ]


def test_the_api_links_each_country_and_goal_to_its_page():
    api = APIClient()
    body = api.get("/api/v1/countries/NP/").json()
    assert body["links"]["page"] == "http://testserver/countries/NP/"
    french = api.get("/api/v1/countries/NP/", {"lang": "fr"}).json()
    assert french["links"]["page"] == "http://testserver/fr/countries/NP/"
    assert api.get("/api/v1/sdgs/8/").json()["links"]["page"] == "http://testserver/sdgs/8/"
    listed = api.get("/api/v1/sdgs/").json()["results"]
    assert [goal["links"]["page"] for goal in listed][:2] == [
        "http://testserver/sdgs/1/",
        "http://testserver/sdgs/2/",
    ]


def grow(count):
    for n in range(count):
        donor = DonorFactory(country=country("NP"))
        project = ProjectFactory(countries=["NP", "IN"], themes=["informal-economy"], donors=[donor])
        project.sdgs.add(sdg(8))
        if n % 2:
            project.parent = ProjectFactory(title=f"Parent {n}", countries=["NP"])
            project.save()
        ProjectFactory(countries=["NP"], publication_status=Status.DRAFT)
        EventFactory(country=country("NP"))
        OrganisationFactory(country=country("NP"), parent=OrganisationFactory())


def queries(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/countries/NP/", "/fr/countries/NP/", "/countries/", "/sdgs/8/", "/sdgs/"])
@pytest.mark.parametrize("staff", [False, True])
def test_the_pages_take_no_more_queries_for_more_rows(client, settings, path, staff):
    """No query per row: the same number of queries with 2 rows of each kind as with 12."""
    settings.SIMPLE_HISTORY_ENABLED = False
    settings.RESPONSE_CACHE_SECONDS = 0
    if staff:
        client.force_login(UserFactory(is_staff=True))
    grow(2)
    few = queries(client, path)
    grow(10)
    many = queries(client, path)
    assert few == many
    # The map (country names, projects per country) and the money by year (budgets, transactions):
    # each once per content change; both summed per slice of projects (kernel.versioning), with the
    # slices' tokens and the last slice read once per request.
    assert few <= 24

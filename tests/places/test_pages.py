"""The country and SDG pages and their indexes: what each shows, to whom, and at which address."""

import json
from decimal import Decimal

import lxml.html
import pytest
from django.test import Client

from kernel.publishing import Status
from projects.models import Project
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


@pytest.fixture
def nepal():
    """Published and draft records in Nepal, and a project elsewhere."""
    japan = DonorFactory(name="Japan", slug="japan", country=country("JP"))
    nepali_donor = DonorFactory(name="Nepal Trust", slug="nepal-trust", country=country("NP"))
    DonorFactory(name="Hidden Nepali donor", country=country("NP"), publication_status=Status.DRAFT)
    formalization = ProjectFactory(
        title="Formalization in Nepal",
        countries=["NP", "IN"],
        donors=[japan],
        budget_usd=Decimal("1000000"),
        themes=["informal-economy"],
    )
    formalization.sdgs.add(sdg(8))
    closed = ProjectFactory(
        title="Cooperatives in Nepal",
        countries=["NP"],
        status=Project.Status.CLOSED,
        budget_usd=Decimal("250000"),
    )
    closed.sdgs.add(sdg(8))
    draft = ProjectFactory(
        title="Secret Nepal plan",
        countries=["NP"],
        donors=[japan],
        budget_usd=Decimal("7000000"),
        publication_status=Status.DRAFT,
    )
    draft.sdgs.add(sdg(8))
    ProjectFactory(title="Skills in Kenya", countries=["KE"])
    EventFactory(title="Kathmandu workshop", country=country("NP"))
    EventFactory(title="Hidden Kathmandu meeting", country=country("NP"), publication_status=Status.DRAFT)
    OrganisationFactory(name="Nepal cooperative federation", country=country("NP"))
    OrganisationFactory(name="Hidden Nepali ministry", country=country("NP"), publication_status=Status.DRAFT)
    return {"japan": japan, "nepali_donor": nepali_donor, "draft": draft}


@pytest.fixture
def staff_client():
    staff = Client()
    staff.force_login(UserFactory(is_staff=True))
    return staff


def page(response):
    return lxml.html.fromstring(response.content)


def test_the_country_page_shows_what_is_recorded_there(client, nepal):
    response = client.get("/countries/NP/")
    assert response.status_code == 200
    text = response.content.decode()
    html = page(response)
    assert html.findtext(".//h1") == "Nepal"
    for shown in (
        "Formalization in Nepal",
        "Cooperatives in Nepal",
        "Kathmandu workshop",
        "Nepal Trust",
        "Nepal cooperative federation",
        "Asia and the Pacific",
    ):
        assert shown in text
    assert "Skills in Kenya" not in text
    figures = response.context["figures"]
    assert figures["project_count"] == 2
    assert figures["ongoing_count"] == 1
    assert figures["budget_total"] == Decimal("1250000")
    assert figures["budgeted_count"] == 2
    assert (figures["event_count"], figures["donor_count"], figures["organisation_count"]) == (1, 1, 1)
    links = [a.get("href") for a in html.iter("a")]
    assert "/projects/?country=NP" in links
    assert "/events/?country=NP" in links
    assert "/donors/organisations/?country=NP" in links
    assert "The sum of the budgets stated by 2 of these 2 projects" in text


def test_the_public_never_sees_a_draft_on_the_country_page_staff_do_marked(client, staff_client, nepal):
    public = client.get("/countries/NP/").content.decode()
    for hidden in (
        "Secret Nepal plan",
        "Hidden Kathmandu meeting",
        "Hidden Nepali donor",
        "Hidden Nepali ministry",
        "7,000,000",
        "8,250,000",
    ):
        assert hidden not in public
    response = staff_client.get("/countries/NP/")
    staff = response.content.decode()
    for draft in (
        "Secret Nepal plan",
        "Hidden Kathmandu meeting",
        "Hidden Nepali donor",
        "Hidden Nepali ministry",
    ):
        assert draft in staff
    assert "Draft — not public" in staff
    assert response.context["figures"]["project_count"] == 3
    assert response.context["figures"]["budget_total"] == Decimal("8250000")


@pytest.mark.parametrize("path", ["/countries/np/", "/countries/Np/", "/fr/countries/np/"])
def test_a_country_code_in_any_case_redirects_for_good_to_capitals(client, path):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == path.replace(path[-3:-1], "NP")


@pytest.mark.parametrize("path", ["/countries/ZZ/", "/countries/NPL/", "/countries/1A/", "/countries/zz/"])
def test_an_unknown_country_is_a_404_page(client, path):
    response = client.get(path)
    if response.status_code == 301:  # the case first, then the code
        response = client.get(response["Location"])
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_country_with_nothing_recorded_says_so_and_is_not_indexed(client, nepal):
    response = client.get("/countries/NO/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Nothing is recorded in Norway yet." in text
    assert '<meta name="robots" content="noindex">' in text


def test_a_country_page_with_only_drafts_is_empty_for_the_public(client, staff_client):
    ProjectFactory(title="Secret Chad plan", countries=["TD"], publication_status=Status.DRAFT)
    public = client.get("/countries/TD/")
    assert "Secret Chad plan" not in public.content.decode()
    assert public.context["has_content"] is False
    assert "TD" not in [
        c.code for _region, countries in client.get("/countries/").context["region_groups"] for c in countries
    ]


def test_the_country_index_lists_countries_with_content_by_region_with_counts(client, nepal):
    response = client.get("/countries/")
    groups = response.context["region_groups"]
    listed = {country.code: country for _region, countries in groups for country in countries}
    assert set(listed) == {"NP", "IN", "KE", "JP"}
    assert (listed["NP"].project_count, listed["NP"].event_count) == (2, 1)
    assert (listed["NP"].donor_count, listed["NP"].organisation_count) == (1, 1)
    assert [str(region) for region, _countries in groups] == ["Africa", "Asia and the Pacific"]
    assert [country.code for country in groups[1][1]] == ["IN", "JP", "NP"]
    assert 'href="/countries/NP/"' in response.content.decode()


def test_the_country_index_sorts_by_the_name_in_the_page_language(client, nepal):
    ProjectFactory(countries=["AE", "DZ"])
    groups = {
        str(region): countries for region, countries in client.get("/fr/countries/").context["region_groups"]
    }
    # Algeria is « Algérie » and Kenya « Kenya » in French: A before K, as in English; the names are French.
    assert [country.label for country in groups["Afrique"]] == ["Algérie", "Kenya"]


def test_the_sdg_page_shows_the_goal_and_the_projects_contributing(client, nepal):
    response = client.get("/sdgs/8/")
    assert response.status_code == 200
    text = response.content.decode()
    html = page(response)
    assert html.findtext(".//h1") == "Decent work and economic growth"
    assert "Promote sustained, inclusive and sustainable economic growth" in text
    assert "Formalization in Nepal" in text and "Cooperatives in Nepal" in text
    assert "Secret Nepal plan" not in text
    assert "Skills in Kenya" not in text
    assert [c.code for c in response.context["countries"]] == ["IN", "NP"]
    assert [theme.slug for theme in response.context["figures"]["themes"]] == ["informal-economy"]
    assert response.context["figures"]["donor_count"] == 1
    assert "/projects/?sdg=8" in [a.get("href") for a in html.iter("a")]
    assert 'href="/countries/NP/"' in text
    assert 'href="/donors/japan/"' in text


def test_staff_see_draft_projects_on_the_sdg_page(staff_client, nepal):
    response = staff_client.get("/sdgs/8/")
    assert "Secret Nepal plan" in response.content.decode()
    assert response.context["figures"]["project_count"] == 3


@pytest.mark.parametrize(
    "path", ["/sdgs/0/", "/sdgs/18/", "/sdgs/99/", "/sdgs/eight/", "/sdgs/8x/", "/sdgs/-1/"]
)
def test_a_goal_outside_1_to_17_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_a_goal_with_a_leading_zero_redirects(client):
    response = client.get("/sdgs/08/")
    assert (response.status_code, response["Location"]) == (301, "/sdgs/8/")


def test_the_sdg_index_lists_the_17_goals_with_public_counts(client, nepal):
    response = client.get("/sdgs/")
    sdgs = response.context["sdgs"]
    assert [goal.number for goal in sdgs] == list(range(1, 18))
    assert sdgs[7].project_count == 2
    assert 'href="/sdgs/17/"' in response.content.decode()


def test_pages_elsewhere_link_to_the_country_and_sdg_pages(client, nepal):
    project = Project.objects.get(title="Formalization in Nepal")
    text = client.get(project.get_absolute_url()).content.decode()
    assert 'href="/countries/NP/"' in text
    assert 'href="/sdgs/8/"' in text
    donor = client.get("/donors/nepal-trust/").content.decode()
    assert 'href="/countries/NP/"' in donor
    listing = client.get("/projects/").content.decode()
    assert 'href="/countries/IN/"' in listing


@pytest.mark.parametrize(
    "prefix, name, heading",
    [
        ("", "Nepal", "Projects in Nepal"),
        ("/fr", "Népal", "Projets dans le pays : Népal"),
        ("/es", "Nepal", "Proyectos en Nepal"),
        ("/ja", "ネパール", "ネパールのプロジェクト"),
    ],
)
def test_the_country_page_speaks_each_language(client, nepal, prefix, name, heading):
    response = client.get(f"{prefix}/countries/NP/")
    assert response.status_code == 200
    html = page(response)
    assert html.findtext(".//h1") == name
    assert heading in response.content.decode()
    alternates = {
        link.get("hreflang"): link.get("href") for link in html.findall(".//link[@rel='alternate']")
    }
    assert alternates["fr"] == "http://testserver/fr/countries/NP/"
    assert alternates["x-default"] == "http://testserver/countries/NP/"
    assert html.find(".//link[@rel='canonical']").get("href") == f"http://testserver{prefix}/countries/NP/"


@pytest.mark.parametrize(
    "prefix, title",
    [
        ("", "Decent work and economic growth"),
        ("/fr", "Travail décent et croissance économique"),
        ("/es", "Trabajo decente y crecimiento económico"),
        ("/ja", "働きがいも経済成長も"),
    ],
)
def test_the_sdg_page_speaks_each_language(client, nepal, prefix, title):
    response = client.get(f"{prefix}/sdgs/8/")
    assert response.status_code == 200
    assert page(response).findtext(".//h1") == title
    for path in ("/countries/", "/sdgs/"):
        assert client.get(f"{prefix}{path}").status_code == 200


def structured(response):
    scripts = page(response).findall(".//script[@type='application/ld+json']")
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def test_the_country_page_describes_a_schema_org_country(client, nepal):
    data = structured(client.get("/fr/countries/NP/"))
    assert data["@type"] == "Country"
    assert data["name"] == "Népal"
    assert data["alternateName"] == "Nepal"
    assert data["identifier"] == {"@type": "PropertyValue", "propertyID": "ISO 3166-1 alpha-2", "value": "NP"}
    assert data["url"] == "http://testserver/fr/countries/NP/"
    assert data["mainEntityOfPage"]["inLanguage"] == "fr"
    assert "sameAs" not in data


def test_the_sdg_page_is_a_collection_page_about_the_goal(client, nepal):
    data = structured(client.get("/sdgs/8/"))
    assert data["@type"] == "CollectionPage"
    assert data["url"] == "http://testserver/sdgs/8/"
    assert data["about"]["identifier"] == "SDG 8"
    assert data["about"]["sameAs"] == "https://sdgs.un.org/goals/goal8"


def test_a_project_s_areas_served_link_to_the_country_pages(client, nepal):
    project = Project.objects.get(title="Formalization in Nepal")
    data = structured(client.get(project.get_absolute_url()))
    assert {"@type": "Country", "name": "Nepal", "url": "http://testserver/countries/NP/"} in data[
        "areaServed"
    ]

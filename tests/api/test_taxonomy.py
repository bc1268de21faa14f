"""/api/v1/countries/, /regions/, /themes/ and /sdgs/: the reference taxonomy."""

import pytest

from kernel.taxonomy.models import SDG, Country, Theme
from tests.api.util import csv_rows, slugs
from tests.factories import OrganisationFactory, country

pytestmark = pytest.mark.django_db


def test_countries_by_iso_code_whatever_its_case(api):
    for code in ("NP", "np"):
        body = api.get(f"/api/v1/countries/{code}/").json()
        assert body == {
            "url": "http://testserver/api/v1/countries/NP/",
            "code": "NP",
            "alpha3": "NPL",
            "name": "Nepal",
            "name_label": "Nepal",
            "region": "asia-pacific",
            "links": {
                "page": "http://testserver/countries/NP/",
                "region": "http://testserver/api/v1/regions/asia-pacific/",
            },
        }


def test_every_country_is_listed_and_filtered_by_region(api):
    assert api.get("/api/v1/countries/").json()["count"] == Country.objects.count()
    codes = slugs(api.get("/api/v1/countries/", {"region": "arab-states", "page_size": 100}), key="code")
    assert "JO" in codes
    assert "NP" not in codes
    assert slugs(api.get("/api/v1/countries/", {"q": "nepal"}), key="code") == ["NP"]


def test_countries_as_csv(api):
    rows = csv_rows(api.get("/api/v1/countries/", {"format": "csv"}))
    assert len(rows) == Country.objects.count()
    assert {"code": "NP", "alpha3": "NPL", "name": "Nepal", "region": "asia-pacific"}.items() <= next(
        row for row in rows if row["code"] == "NP"
    ).items()


def test_regions_with_their_countries(api):
    assert slugs(api.get("/api/v1/regions/")) == [
        "africa",
        "americas",
        "arab-states",
        "asia-pacific",
        "europe-central-asia",
    ]
    body = api.get("/api/v1/regions/asia-pacific/").json()
    assert "NP" in body["countries"]
    assert "http://testserver/api/v1/countries/NP/" in body["links"]["countries"]


def test_themes_filtered_by_strategic_objective(api):
    themes = slugs(api.get("/api/v1/themes/", {"strategic_objective": "social-protection", "page_size": 100}))
    assert "social-protection" in themes
    assert "child-labour" not in themes
    body = api.get("/api/v1/themes/informal-economy/").json()
    assert body["dac_sector"].isdigit()
    assert body["links"]["page"] == "http://testserver/projects/?theme=informal-economy"


def test_sdgs_by_number(api):
    body = api.get("/api/v1/sdgs/8/").json()
    assert body["number"] == 8
    assert body["short_name"] == "Decent work and economic growth"
    assert api.get("/api/v1/sdgs/").json()["count"] == 17
    assert api.get("/api/v1/sdgs/99/").status_code == 404
    assert api.get("/api/v1/sdgs/123456789012345678901234567890/").status_code == 404


def test_an_editor_adds_a_theme(editor_api):
    response = editor_api.post(
        "/api/v1/themes/",
        {
            "slug": "care-economy",
            "name": "Care economy",
            "strategic_objective": "employment",
            "dac_sector": "16020",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Theme.objects.get(slug="care-economy").dac_sector == "16020"


def test_a_dac_sector_has_five_digits(editor_api):
    response = editor_api.patch("/api/v1/themes/informal-economy/", {"dac_sector": "160"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"dac_sector": ["Five digits: the OECD DAC purpose code, as in 16020."]}


def test_a_country_code_cannot_change(editor_api):
    response = editor_api.patch("/api/v1/countries/NP/", {"code": "XN"}, format="json")
    assert response.status_code == 400
    assert "code" in response.json()
    assert Country.objects.filter(code="NP").exists()
    response = editor_api.patch(
        "/api/v1/countries/NP/", {"name": "Federal Democratic Republic of Nepal"}, format="json"
    )
    assert response.status_code == 200
    assert country("NP").name == "Federal Democratic Republic of Nepal"


def test_an_sdg_number_is_1_to_17(editor_api):
    SDG.objects.filter(number=17).delete()
    response = editor_api.post("/api/v1/sdgs/", {"number": 18, "name": "x", "short_name": "x"}, format="json")
    assert response.status_code == 400
    assert "number" in response.json()


def test_editors_cannot_delete_reference_data(editor_api):
    assert editor_api.delete("/api/v1/sdgs/8/").status_code == 403
    assert SDG.objects.filter(number=8).exists()


def test_deleting_a_country_in_use_is_a_409(publisher_api):
    OrganisationFactory(country=country("JP"))
    response = publisher_api.delete("/api/v1/countries/JP/")
    assert response.status_code == 409
    assert Country.objects.filter(code="JP").exists()

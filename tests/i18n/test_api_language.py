"""The API's language: `?lang=` first, then `Accept-Language`, else English; `Content-Language`
on every answer, and an unknown `lang` is a 400 naming the parameter."""

import pytest

from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/",
    "/api/v1/projects/",
    "/api/v1/projects/nepal/",
    "/api/v1/donors/",
    "/api/v1/organisations/",
    "/api/v1/events/",
    "/api/v1/people/",
    "/api/v1/contributions/",
    "/api/v1/countries/",
    "/api/v1/regions/",
    "/api/v1/themes/",
    "/api/v1/sdgs/",
    "/api/v1/schema/",
]


@pytest.fixture(autouse=True)
def project():
    return ProjectFactory(slug="nepal", status=2)


@pytest.mark.parametrize("url", ENDPOINTS)
def test_every_endpoint_takes_lang_and_answers_content_language(client, url):
    assert client.get(url)["Content-Language"] == "en"
    for language in ("fr", "es", "ja"):
        sep = "&" if "?" in url else "?"
        response = client.get(f"{url}{sep}lang={language}")
        assert response.status_code == 200, url
        assert response["Content-Language"] == language
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=f"{language},en;q=0.5")
        assert response["Content-Language"] == language
        assert "Accept-Language" in response["Vary"]


def test_lang_wins_over_accept_language_and_takes_regional_forms(client):
    response = client.get("/api/v1/projects/?lang=ja", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Language"] == "ja"
    assert client.get("/api/v1/projects/?lang=FR-ca")["Content-Language"] == "fr"
    assert (
        client.get("/api/v1/projects/", HTTP_ACCEPT_LANGUAGE="de, es-419;q=0.7")["Content-Language"] == "es"
    )


@pytest.mark.parametrize("value", ["xx", "", "de", "all;", "../fr"])
def test_an_unknown_lang_is_a_400_naming_it(client, value):
    response = client.get("/api/v1/projects/", {"lang": value})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["lang"]
    assert "en, fr, es, ja" in body["lang"][0]


def test_an_unknown_lang_changes_nothing_on_a_write(admin_client):
    response = admin_client.post(
        "/api/v1/regions/?lang=xx", {"name": "Nowhere"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["lang"]


@pytest.mark.parametrize("value", ["all", "ALL", "All"])
def test_lang_all_names_every_language(client, value):
    response = client.get("/api/v1/projects/", {"lang": value})
    assert response.status_code == 200
    assert response["Content-Language"] == "en, fr, es, ja"


def test_the_schema_states_exactly_what_lang_takes(client):
    """Every value the schema's pattern allows is answered, every other one is a 400 (schemathesis
    checks both ways)."""
    import re

    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    (parameter,) = [
        p for p in schema["paths"]["/api/v1/projects/"]["get"]["parameters"] if p["name"] == "lang"
    ]
    assert "allowEmptyValue" not in parameter
    pattern = re.compile(parameter["schema"]["pattern"])
    for value in [
        "fr",
        "FR-ca",
        "es-419",
        "ja-JP-u-ca",
        "all",
        "ALL",
        "de",
        "",
        "all;",
        "fr-",
        "fr_CA",
        "frr",
    ]:
        status = client.get("/api/v1/projects/", {"lang": value}).status_code
        assert status == (200 if pattern.search(value) else 400), value

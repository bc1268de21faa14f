"""The API as a whole: its root, JSON errors everywhere, throttling, CORS, the schema and its docs."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kernel import versioning
from kernel.concurrency import etag_for, etag_for_rows, is_stale
from projects.models import Project
from tests.factories import DonorFactory, ProjectFactory

pytestmark = pytest.mark.django_db

RESOURCES = [
    "donors",
    "contributions",
    "organisations",
    "projects",
    "events",
    "people",
    "countries",
    "regions",
    "themes",
    "sdgs",
    "transactions",
    "budgets",
    "exchange-rates",
]


def test_root_lists_every_resource(api):
    response = api.get("/api/v1/")
    assert response.status_code == 200
    body = response.json()
    assert body["resources"] == {name: f"http://testserver/api/v1/{name}/" for name in RESOURCES}
    assert body["schema"] == "http://testserver/api/v1/schema/"
    assert body["docs"] == "http://testserver/api/v1/docs/"
    assert api.get("/api/v1/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing/",
        "/api/v1/projects/a/b/c/",
        "/api/",
        "/api/v2/projects/",
        "/api/v1/projects/bad%00slug/",
    ],
)
def test_unknown_addresses_under_api_are_json_404s(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_unknown_addresses_are_json_for_every_method(editor_api):
    response = editor_api.post("/api/v1/projects", {"title": "x"}, format="json")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("There is nothing at /api/v1/projects.")


def test_a_get_without_the_final_slash_is_redirected(api):
    response = api.get("/api/v1/projects", {"country": "NP"})
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/projects/?country=NP"


def test_a_method_a_resource_does_not_take_is_a_json_405(editor_api):
    response = editor_api.put("/api/v1/projects/", {}, format="json")
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "PUT" not allowed.'}
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("fmt", ["iati", "csv", "nonsense"])
def test_an_undeclared_method_is_a_405_whatever_the_format(api, fmt):
    """Not a 400 for a format only the methods the resource takes could send (schemathesis)."""
    response = api.generic("TRACE", f"/api/v1/regions/africa/?format={fmt}")
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "TRACE" not allowed.'}


def test_anonymous_clients_are_throttled_with_retry_after(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "5/minute"},
    }
    cache.clear()
    for _ in range(3):
        assert api.get("/api/v1/sdgs/").status_code == 200
    response = api.get("/api/v1/sdgs/")
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Request was throttled.")
    assert 0 < int(response["Retry-After"]) <= 60


def test_signed_in_staff_have_their_own_higher_rate(api, editor_api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "user": "5/minute"},
    }
    cache.clear()
    assert api.get("/api/v1/sdgs/").status_code == 200
    assert api.get("/api/v1/sdgs/").status_code == 429
    for _ in range(5):
        assert editor_api.get("/api/v1/sdgs/").status_code == 200
    assert editor_api.get("/api/v1/sdgs/").status_code == 429


def test_the_documented_default_rate(settings):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]  # overridden in tests
    from ilopartners import settings as site_settings

    assert site_settings.API_ANON_RATE == "120/minute"


def test_reads_are_open_to_other_sites(api):
    response = api.get("/api/v1/sdgs/", HTTP_ORIGIN="https://dashboard.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_other_sites_may_not_write(api):
    preflight = api.options(
        "/api/v1/projects/",
        HTTP_ORIGIN="https://dashboard.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_the_site_pages_get_no_cors_headers(api):
    response = api.get("/healthz", HTTP_ORIGIN="https://dashboard.example.org")
    assert "Access-Control-Allow-Origin" not in response


def test_the_schema_is_openapi_3_and_documents_what_operations_answer(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["ETag"]
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for name in RESOURCES:
        assert f"/api/v1/{name}/" in paths
    projects = paths["/api/v1/projects/"]
    assert set(projects["get"]["responses"]) == {"200", "304", "400", "404", "429"}
    ok = projects["get"]["responses"]["200"]["content"]
    assert set(ok) >= {"application/json", "text/csv"}
    assert ok["text/csv"]["schema"]["type"] == "string"
    assert set(projects["post"]["responses"]) == {"201", "400", "401", "403", "409", "413", "415", "429"}
    one = paths["/api/v1/projects/{slug}/"]
    assert set(one["patch"]["responses"]) == {
        "200",
        "400",
        "401",
        "403",
        "404",
        "409",
        "412",
        "413",
        "415",
        "429",
    }
    assert set(one["delete"]["responses"]) == {"204", "401", "403", "404", "409", "412", "429"}
    assert "Retry-After" in one["get"]["responses"]["429"]["headers"]
    assert "ETag" in one["get"]["responses"]["200"]["headers"]
    assert {p["name"] for p in one["patch"]["parameters"]} >= {"If-Match", "slug"}
    filters = {p["name"] for p in projects["get"]["parameters"]}
    assert filters >= {"q", "donor", "country", "region", "theme", "sdg", "status", "year", "sort"}
    assert filters >= {"page", "page_size", "format"}
    assert "ordering" not in filters  # one sort parameter: `sort`
    assert "security" not in projects["get"]  # anyone may read: no lock (tests/api/test_codes_and_dates.py)
    assert {} not in projects["post"]["security"]


def test_the_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_the_docs_are_served_by_the_site_not_a_cdn(api):
    response = api.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "https://" not in html and "http://" not in html
    script = api.get("/api/v1/docs/", {"script": ""})
    assert script["Content-Type"] == "application/javascript"
    assert '"validatorUrl": null' in script.content.decode()


def test_concurrency_versions():
    project = ProjectFactory()
    etag = etag_for(project)
    assert etag.startswith('"') and etag.endswith('"')
    assert not is_stale(project, etag)
    assert not is_stale(project, "*")
    assert not is_stale(project, "")
    assert is_stale(project, '"something-else"')
    assert is_stale(project, f"W/{etag}")
    project.title = "Changed"
    project.save()
    assert is_stale(project, etag)
    rows = etag_for_rows(Project.objects.all(), "salt")
    assert rows.startswith('W/"')
    assert etag_for_rows(Project.objects.all(), "salt") == rows
    ProjectFactory()
    assert etag_for_rows(Project.objects.all(), "salt") != rows


def test_a_throttle_can_be_turned_off(api, settings):
    """`DJANGO_API_ANON_RATE=none` (benchmarks, fuzzing from one address): no 429 however many."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }
    cache.clear()
    assert all(api.get("/api/v1/sdgs/").status_code == 200 for _ in range(30))


def test_a_change_note_that_is_not_text_is_a_400_naming_it(publisher_api):
    body = {"slug": "t", "name": "T", "change_note": 0}
    answer = publisher_api.post("/api/v1/themes/", body, format="json")
    assert answer.status_code == 400
    assert answer.json()["change_note"] == ["Expected a string, not a number."]


def test_a_lists_etag_follows_the_content_without_reading_its_rows():
    """A whole list's ETag (CSV, IATI XML) is the content version's: one query, not one over every
    row, and it changes with what the rows show too (a donor renamed), not only with the rows."""
    donor = DonorFactory(name="Japan")
    ProjectFactory.create_batch(3, donors=[donor])
    versioning.content_version()  # the first read since a change also looks for scheduled publications
    versioning._request_started()
    with CaptureQueriesContext(connection) as queries:
        first = etag_for_rows(Project.objects.all(), "salt")
    assert len(queries) == 1 and "projects_project" not in " ".join(query["sql"] for query in queries)
    versioning._request_started()
    assert etag_for_rows(Project.objects.all(), "salt") == first
    assert etag_for_rows(Project.objects.all(), "other salt") != first
    donor.name = "Japan (MOFA)"
    donor.save()
    versioning._request_started()
    assert etag_for_rows(Project.objects.all(), "salt") != first

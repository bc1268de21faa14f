"""What one request may ask of a worker: NUL bytes, body size and JSON depth are refused with an
answer that names the limit, before anything is changed."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.db import connection

from api.parsers import JSONParser, PayloadTooLarge
from projects.models import Project
from tests.api.conftest import client_for
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/projects/?q=a%00b",
        "/projects/?country=NP&country=%00",
        "/events/?when=%00",
        "/api/v1/projects/?q=%00",
        "/api/v1/donors/?sort=%00",
        "/admin/projects/project/?publication_status__exact=%00",
        "/admin/autocomplete/?term=%00&app_label=projects&model_name=project&field_name=parent",
    ],
)
def test_a_nul_byte_in_the_query_string_is_a_400(client, admin_client, path):
    for who in (client, admin_client):
        response = who.get(path)
        assert response.status_code == 400, (path, response.status_code)
        assert "NUL" in response.content.decode()


def test_api_nul_answer_is_json_naming_the_parameter(client):
    response = client.get("/api/v1/projects/?country=NP&q=a%00b")
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"q": ["q holds a NUL byte (%00), which no value may hold."]}


@pytest.fixture
def publisher_api(publisher):
    return client_for(publisher)


def test_an_api_body_over_the_limit_is_a_413_naming_it(publisher_api, settings):
    settings.API_MAX_BODY_BYTES = 10_000
    project = ProjectFactory(summary="Before")
    body = json.dumps({"summary": "x" * 20_000})
    response = publisher_api.patch(f"/api/v1/projects/{project.slug}/", body, content_type="application/json")
    assert response.status_code == 413
    assert "9 KB" not in response.json()["detail"] and "10000 bytes" in response.json()["detail"]
    project.refresh_from_db()
    assert project.summary == "Before"


def test_a_body_without_a_length_is_bounded_where_it_is_read(settings):
    """A streamed body has no Content-Length for the middleware to check: the parser reads at most
    one byte more than the limit and refuses, without reading the rest."""
    settings.API_MAX_BODY_BYTES = 10_000
    stream = io.BytesIO(json.dumps({"summary": "x" * 20_000}).encode())
    with pytest.raises(PayloadTooLarge, match="10000 bytes"):
        JSONParser().parse(stream, "application/json", {})
    assert stream.tell() == 10_001
    small = io.BytesIO(b'{"summary": "fits"}')
    assert JSONParser().parse(small, "application/json", {}) == {"summary": "fits"}


def test_an_upload_over_the_limit_is_a_413(admin_client, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    response = admin_client.post(
        "/admin/projects/project/import/", {"note": "x" * 5000}, CONTENT_LENGTH="5000"
    )
    assert response.status_code == 413
    assert "1 KB" in response.content.decode()


@pytest.mark.parametrize("depth", [33, 1000, 100_000])
def test_json_nested_too_deep_is_a_400_naming_the_limit(publisher_api, depth):
    project = ProjectFactory(summary="Before")
    body = "[" * depth + "]" * depth
    response = publisher_api.generic(
        "PATCH", f"/api/v1/projects/{project.slug}/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "32 levels" in response.json()["detail"]
    project.refresh_from_db()
    assert project.summary == "Before"


def test_json_within_the_depth_limit_is_read(publisher_api):
    project = ProjectFactory(summary="Before")
    response = publisher_api.patch(f"/api/v1/projects/{project.slug}/", {"summary": "After"}, format="json")
    assert response.status_code == 200
    assert Project.objects.get(pk=project.pk).summary == "After"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_the_production_server_sets_a_statement_timeout():
    """gunicorn.conf.py hands the workers DJANGO_DB_STATEMENT_TIMEOUT_MS; the settings turn it into
    the connection's statement_timeout."""
    env = {**os.environ, "DJANGO_DB_STATEMENT_TIMEOUT_MS": "1234", "DJANGO_DEBUG": "1"}
    db = connection.settings_dict
    env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    code = (
        "import django; django.setup();"
        "from django.db import connection;"
        "cursor = connection.cursor(); cursor.execute('SHOW statement_timeout'); print(cursor.fetchone()[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "ilopartners.settings"},
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] in ("1234ms", "1234")


def test_gunicorn_hands_its_workers_the_statement_timeout():
    from importlib.util import module_from_spec, spec_from_file_location

    spec = spec_from_file_location("gunicorn_conf", django_settings.BASE_DIR / "gunicorn.conf.py")
    conf = module_from_spec(spec)
    spec.loader.exec_module(conf)
    assert f"DJANGO_DB_STATEMENT_TIMEOUT_MS={conf.timeout * 1000}" in conf.raw_env

"""`/healthz`: 200 while the database answers, 503 when it does not, never cached, reachable over HTTP."""

from unittest import mock

import pytest
from django.db import OperationalError, connections

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_with_the_database_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_unreachable(client):
    connection = connections["default"]
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_is_not_redirected_to_https_so_a_load_balancer_can_probe_it(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/admin/login/").status_code == 301


def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405

"""No lost update under concurrency: of N saves of one version sent at the same moment, through the
admin or through the API with If-Match, exactly one wins and the others are told the record changed.

Real concurrent requests, each thread with its own database connection, on PostgreSQL (where rows
are locked); SQLite serializes write transactions by taking its write lock when they begin."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from projects.models import Project
from tests.factories import ProjectFactory, UserFactory
from tests.rules.forms import change_form_data

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are PostgreSQL's; run in CI's PostgreSQL pass"
    ),
]

SAVES = 6


def simultaneously(send):
    """Call `send(index)` from SAVES threads released together; returns the answers in order."""
    barrier = threading.Barrier(SAVES)

    def one(index):
        barrier.wait()
        try:
            return send(index)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=SAVES) as pool:
        return list(pool.map(one, range(SAVES)))


def test_simultaneous_admin_saves_of_one_version_let_exactly_one_win():
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    project = ProjectFactory(slug="contested", title="Before")
    url = f"/admin/projects/project/{project.pk}/change/"
    opener = Client()
    opener.force_login(admin)
    form = change_form_data(opener.get(url))

    def save(index):
        client = Client()
        client.force_login(admin)
        return client.post(url, {**form, "title": f"Edit {index}"})

    answers = simultaneously(save)
    codes = sorted(answer.status_code for answer in answers)
    assert codes == [200] * (SAVES - 1) + [302]
    refused = [answer for answer in answers if answer.status_code == 200]
    assert all("changed by someone else" in answer.content.decode() for answer in refused)
    winner = next(index for index, answer in enumerate(answers) if answer.status_code == 302)
    assert Project.objects.get(pk=project.pk).title == f"Edit {winner}"


def test_simultaneous_api_writes_with_one_if_match_let_exactly_one_win():
    publisher = UserFactory(username="api-admin", is_staff=True, is_superuser=True)
    token = Token.objects.create(user=publisher)
    ProjectFactory(slug="contested", title="Before")
    reader = APIClient()
    etag = reader.get("/api/v1/projects/contested/")["ETag"]

    def patch(index):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client.patch(
            "/api/v1/projects/contested/", {"title": f"Edit {index}"}, format="json", HTTP_IF_MATCH=etag
        )

    answers = simultaneously(patch)
    assert sorted(answer.status_code for answer in answers) == [200] + [412] * (SAVES - 1)
    winner = next(index for index, answer in enumerate(answers) if answer.status_code == 200)
    assert Project.objects.get(slug="contested").title == f"Edit {winner}"

"""The response cache: anonymous pages and API reads come from the cache, and every publish, edit
or delete is seen at once by the next request; staff are never served from it."""

import datetime
import os
import socket
import uuid

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kernel import versioning
from kernel.models import ContentVersion
from kernel.publishing import Status
from projects.models import Project
from tests.factories import EventFactory, ProjectFactory, country

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("response_cache_on")]


def get(client, url, **extra):
    """A response and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def titles(client, url="/api/v1/projects/"):
    return [row["title"] for row in client.get(url).json()["results"]]


@pytest.mark.parametrize(
    "url", ["/", "/projects/", "/projects/nepal-sse/", "/search/?q=nepal", "/feeds/projects/"]
)
def test_a_page_is_built_once_then_served_without_queries(client, project, url):
    first, built = get(client, url)
    second, cached = get(client, url)
    assert first.status_code == second.status_code == 200
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert built > 1
    assert cached == 1  # the content version, by primary key
    assert second.content == first.content


@pytest.mark.parametrize("url", ["/api/v1/projects/", "/api/v1/projects/nepal-sse/", "/api/v1/countries/NP/"])
def test_an_api_read_is_served_from_the_cache_after_throttling(client, project, url):
    first, built = get(client, url)
    second, cached = get(client, url)
    assert first.status_code == second.status_code == 200
    assert second.json() == first.json()
    assert second["ETag"] == first["ETag"]
    assert built > 1
    assert cached == 1  # the content version; the throttle's count is in the cache


def test_an_edit_is_seen_at_once(client, project):
    assert "Social and Solidarity Economy in Nepal" in client.get("/projects/").content.decode()
    project.title = "Cooperatives in Nepal"
    project.save()
    page = client.get("/projects/").content.decode()
    assert "Cooperatives in Nepal" in page
    assert "Social and Solidarity Economy in Nepal" not in page
    assert client.get("/api/v1/projects/nepal-sse/").json()["title"] == "Cooperatives in Nepal"


def test_a_publish_and_an_unpublish_are_seen_at_once(client, project):
    draft = ProjectFactory(
        slug="draft", title="Draft project", publication_status=Status.DRAFT, published_at=None
    )
    assert "Draft project" not in titles(client)
    assert client.get("/projects/draft/").status_code == 404
    Project.objects.filter(pk=draft.pk).publish()  # an update: no signal is sent
    assert "Draft project" in titles(client)
    assert client.get("/projects/draft/").status_code == 200
    Project.objects.filter(pk=draft.pk).unpublish()
    assert "Draft project" not in titles(client)
    assert client.get("/projects/draft/").status_code == 404


def test_a_delete_is_seen_at_once(client, project):
    assert client.get("/projects/nepal-sse/").status_code == 200
    assert titles(client) == ["Social and Solidarity Economy in Nepal"]
    project.delete()
    assert client.get("/projects/nepal-sse/").status_code == 404
    assert titles(client) == []


def test_a_relation_change_is_seen_at_once(client, project):
    assert titles(client, "/api/v1/projects/?country=FJ") == []
    project.countries.add(country("FJ"))
    assert titles(client, "/api/v1/projects/?country=FJ") == ["Social and Solidarity Economy in Nepal"]
    assert "Fiji" in client.get("/projects/nepal-sse/").content.decode()


def test_a_change_to_another_kind_of_record_is_seen_too(client, project):
    """A project's page lists its events: an event's change invalidates it."""
    client.get("/projects/nepal-sse/")
    event = EventFactory(slug="seminar", title="SSE seminar in Kathmandu")
    event.projects.add(project)
    assert "SSE seminar in Kathmandu" in client.get("/projects/nepal-sse/").content.decode()


def test_a_write_through_the_api_is_seen_at_once(client, project, publisher):
    token = Token.objects.create(user=publisher)
    staff = APIClient()
    staff.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert titles(client) == ["Social and Solidarity Economy in Nepal"]
    response = staff.patch("/api/v1/projects/nepal-sse/", {"title": "SSE in Nepal"}, format="json")
    assert response.status_code == 200, response.json()
    assert titles(client) == ["SSE in Nepal"]
    assert "SSE in Nepal" in client.get("/projects/").content.decode()


def test_a_record_published_for_a_later_time_appears_when_it_comes(client, project, monkeypatch):
    later = timezone.now() + datetime.timedelta(hours=1)
    ProjectFactory(slug="embargoed", title="Embargoed project", published_at=later)
    assert "Embargoed project" not in titles(client)
    assert "Embargoed project" not in titles(client)  # from the cache
    # The clock passes the publication time; nothing is written.
    monkeypatch.setattr(timezone, "now", lambda: later + datetime.timedelta(seconds=1))
    assert "Embargoed project" in titles(client)


def test_staff_are_never_served_from_the_cache(client, admin_client, project):
    ProjectFactory(slug="draft", title="Draft project", publication_status=Status.DRAFT, published_at=None)
    client.get("/projects/")
    client.get("/projects/")
    for _ in range(2):
        response = admin_client.get("/api/v1/projects/")
        assert "Draft project" in [row["title"] for row in response.json()["results"]]
    page = admin_client.get("/projects/")
    assert "X-Cache" not in page


def test_pages_answer_conditional_gets(client, project):
    first = client.get("/projects/nepal-sse/")
    assert first.has_header("ETag")
    again = client.get("/projects/nepal-sse/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    project.title = "Changed"
    project.save()
    changed = client.get("/projects/nepal-sse/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_responses_differ_by_host_and_format(client, project, settings):
    """A cached answer holds absolute links and is one rendering: another host or format is another
    entry."""
    settings.ALLOWED_HOSTS = ["testserver", "example.org"]
    here = client.get("/api/v1/projects/nepal-sse/").json()["url"]
    there = client.get("/api/v1/projects/nepal-sse/", HTTP_HOST="example.org").json()["url"]
    assert here.startswith("http://testserver/")
    assert there.startswith("http://example.org/")
    csv = client.get("/api/v1/projects/?format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert client.get("/api/v1/projects/")["Content-Type"] == "application/json"


def test_errors_are_not_cached(client, project):
    assert client.get("/projects/missing/").status_code == 404
    ProjectFactory(slug="missing", title="Now here")
    assert client.get("/projects/missing/").status_code == 200


def test_the_cache_can_be_turned_off(client, project, settings):
    settings.RESPONSE_CACHE_SECONDS = 0
    first, built = get(client, "/projects/")
    second, again = get(client, "/projects/")
    assert "X-Cache" not in second
    # Built again: only the counts computed from content (facets, the number of results) are kept.
    assert again > 1
    assert second.content == first.content


def test_the_version_changes_with_the_content_in_one_transaction(project):
    """The version is a row in the database: every process and server reads the same one, and a
    write that rolls back leaves it as it was."""
    before = versioning.content_version()
    assert ContentVersion.objects.get().token == before
    with pytest.raises(RuntimeError), transaction.atomic():
        project.title = "Never saved"
        project.save()
        assert versioning.content_version() != before
        raise RuntimeError
    versioning._forget_version()  # as the next request does
    assert versioning.content_version() == before
    project.save()
    assert versioning.content_version() != before


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "operations.cache.ResilientRedisCache",  # as production has it
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }


def test_with_redis_responses_are_shared_and_invalidated(client, project, settings):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    settings.CACHES = redis_cache("redis://127.0.0.1:6379/13")
    assert client.get("/projects/")["X-Cache"] == "miss"
    assert client.get("/projects/")["X-Cache"] == "hit"
    project.title = "Changed under Redis"
    project.save()
    response = client.get("/projects/")
    assert response["X-Cache"] == "miss"
    assert "Changed under Redis" in response.content.decode()


def test_with_redis_down_pages_and_the_api_still_answer(client, project, settings):
    settings.CACHES = redis_cache("redis://127.0.0.1:1/0")  # nothing listens there
    for _ in range(2):
        page = client.get("/projects/")
        assert page.status_code == 200
        assert "Social and Solidarity Economy in Nepal" in page.content.decode()
        assert (
            client.get("/api/v1/projects/nepal-sse/").json()["title"]
            == "Social and Solidarity Economy in Nepal"
        )

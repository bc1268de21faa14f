"""A cached page is served before the rest of the middleware runs, exactly as it was first sent
(security headers, CSP, language, ETag), and only to a request the rest of the stack could not
have answered differently: no session, no credentials, no first-visit redirect."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import country

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("response_cache_on")]

TITLE_IN_CSV = "Social and Solidarity Economy in Nepal"
BROWSER = {"HTTP_ACCEPT": "text/html", "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64)"}
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Vary",
    "ETag",
)


def get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


@pytest.mark.parametrize("url", ["/projects/", "/fr/projects/nepal-sse/", "/feeds/projects/"])
def test_a_hit_is_the_page_as_first_sent_with_every_header(client, project, url):
    first = client.get(url, **BROWSER)
    hit, queries = get(client, url, **BROWSER)
    assert (first["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert queries == 1  # the content version
    assert hit.content == first.content
    for name in KEPT_HEADERS:
        assert hit.get(name) == first.get(name), name
    assert hit["X-Request-Id"] != first["X-Request-Id"]  # each request its own id
    assert not hit.cookies


@pytest.mark.parametrize("url", ["/projects/", "/api/v1/projects/", "/api/v1/projects/nepal-sse/?lang=fr"])
def test_a_hit_runs_no_middleware_below_the_cache(client, project, monkeypatch, url):
    client.get(url)
    ran = []
    from django.contrib.sessions import middleware as sessions

    real = sessions.SessionMiddleware.process_request
    monkeypatch.setattr(
        sessions.SessionMiddleware,
        "process_request",
        lambda self, request: ran.append(request.path) or real(self, request),
    )
    assert client.get(url)["X-Cache"] == "hit"
    assert ran == []


def test_a_conditional_get_of_a_cached_page_is_answered_from_the_cache(client, project):
    first = client.get("/projects/nepal-sse/")
    again, queries = get(client, "/projects/nepal-sse/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and queries == 1
    assert again["ETag"] == first["ETag"]


def test_a_request_with_a_session_or_credentials_goes_through_the_whole_stack(client, project):
    client.get("/projects/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    with_session = client.get("/projects/")
    assert with_session.status_code == 200 and "X-Cache" not in with_session
    del client.cookies[settings.SESSION_COOKIE_NAME]
    with_credentials = client.get("/projects/", HTTP_AUTHORIZATION="Token abc")
    assert "X-Cache" not in with_credentials
    assert client.get("/projects/")["X-Cache"] == "hit"


def test_a_signed_in_readers_page_is_never_kept(admin_client, client, project):
    staff_page = admin_client.get("/projects/")
    assert staff_page.status_code == 200 and "X-Cache" not in staff_page
    assert client.get("/projects/")["X-Cache"] == "miss"


def test_a_browser_that_would_be_redirected_is_redirected_whatever_is_kept(client, project):
    assert client.get("/projects/", **BROWSER)["X-Cache"] == "miss"
    chosen = client.get("/projects/", HTTP_ACCEPT_LANGUAGE="ja", **BROWSER)
    assert chosen.status_code == 302 and chosen["Location"] == "/ja/projects/"
    # A language chosen with the switcher wins, English included: the kept English page.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/projects/", HTTP_ACCEPT_LANGUAGE="ja", **BROWSER)["X-Cache"] == "hit"


def test_a_head_request_is_answered_from_the_kept_page(client, project):
    client.get("/projects/")
    head = client.head("/projects/")
    assert head.status_code == 200 and head["X-Cache"] == "hit"


@pytest.mark.parametrize("url", ["/api/v1/projects/", "/api/v1/projects/nepal-sse/?lang=fr"])
def test_a_cached_api_answer_is_the_json_first_sent_rendered_once(client, project, url, monkeypatch):
    from rest_framework.renderers import JSONRenderer

    rendered = []
    real = JSONRenderer.render
    monkeypatch.setattr(
        JSONRenderer,
        "render",
        lambda self, *args, **kwargs: rendered.append(1) or real(self, *args, **kwargs),
    )
    first = client.get(url)
    assert len(rendered) == 1
    hit, queries = get(client, url)
    assert len(rendered) == 1 and queries == 1  # nothing rendered; the content version read
    assert hit.content == first.content
    for name in ("Content-Type", "Content-Language", "ETag", "Vary", "Allow"):
        assert hit.get(name) == first.get(name), name
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_browsable_api_is_still_rendered_for_each_request(client, project):
    first = client.get("/api/v1/projects/", HTTP_ACCEPT="text/html")
    again = client.get("/api/v1/projects/", HTTP_ACCEPT="text/html")
    assert first.status_code == again.status_code == 200
    assert first["Content-Type"].startswith("text/html") and again["Content-Type"].startswith("text/html")


def test_a_kept_api_list_is_found_before_its_filters_are_read(client, project, monkeypatch):
    """A hit builds no queryset and reads no filter (they were valid when the answer was kept);
    a filter that is not valid is refused each time, never kept."""
    from projects.api import ProjectViewSet

    project.countries.add(country("NP"))
    url = "/api/v1/projects/?country=NP&status=2"
    first = client.get(url)
    assert first.status_code == 200 and first.json()["count"] == 1

    built = []
    real = ProjectViewSet.get_queryset
    monkeypatch.setattr(ProjectViewSet, "get_queryset", lambda self: built.append(1) or real(self))
    hit, queries = get(client, url)
    assert (hit.content, hit.status_code) == (first.content, 200)
    assert built == [] and queries == 1  # the content version only

    for _ in range(2):
        refused, queries = get(client, "/api/v1/projects/?country=XX")
        assert refused.status_code == 400 and "country" in refused.json()
        assert queries > 1


def test_an_api_answer_is_kept_per_format_language_and_origin(client, project):
    url = "/api/v1/projects/nepal-sse/"
    english = client.get(url)
    assert english["Content-Language"] == "en" and "Access-Control-Allow-Origin" not in english
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert french["X-Cache"] == "miss" and french["Content-Language"] == "fr"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="fr")["X-Cache"] == "hit"
    assert client.get(url)["Content-Language"] == "en"
    elsewhere = client.get(url, HTTP_ORIGIN="https://example.org")
    assert elsewhere["X-Cache"] == "miss" and elsewhere["Access-Control-Allow-Origin"] == "*"
    again = client.get(url, HTTP_ORIGIN="https://example.org")
    assert again["X-Cache"] == "hit" and again["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get(url)
    as_html = client.get(url, HTTP_ACCEPT="text/html")
    assert as_html["Content-Type"].startswith("text/html")
    assert client.get(url)["Content-Type"] == "application/json"


def test_a_kept_api_answer_still_counts_against_the_clients_rate(client, project, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "10000/minute"},
    }
    answers = [client.get("/api/v1/projects/") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert [answer.get("X-Cache") for answer in answers[:3]] == ["miss", "hit", "hit"]
    assert "Retry-After" in answers[3]
    # Another client (address) has its own count, and is served from the cache.
    other = client.get("/api/v1/projects/", REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200 and other["X-Cache"] == "hit"


def test_a_head_never_leaves_an_empty_answer_for_a_get(client, project):
    """The API answers a CSV HEAD without a body: a GET after it gets every row, and is not kept
    (it streams)."""
    url = "/api/v1/projects/?format=csv"
    assert client.head(url).status_code == 200
    body = b"".join(client.get(url).streaming_content).decode()
    assert TITLE_IN_CSV in body
    assert client.head("/api/v1/projects/").status_code == 200
    listed = client.get("/api/v1/projects/")
    assert listed["X-Cache"] == "miss" and listed.json()["count"] == 1


def test_an_api_read_with_credentials_goes_through_the_whole_stack(client, project):
    client.get("/api/v1/projects/")
    assert client.get("/api/v1/projects/")["X-Cache"] == "hit"
    refused = client.get("/api/v1/projects/", HTTP_AUTHORIZATION="Token not-a-token")
    assert refused.status_code == 401 and "X-Cache" not in refused

"""With Redis down the site answers from its own memory and the database: one warning per outage, no
attempt on Redis per call until the retry interval has passed, and it recovers by itself when Redis is
back."""

import logging
import time
import uuid

import pytest
from django.core.cache import caches

from operations import cache as resilient
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(settings, redis_server, monkeypatch):
    settings.CACHES = {
        "default": {
            "BACKEND": "operations.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{redis_server.port}/0",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    settings.RESPONSE_CACHE_SECONDS = 300
    monkeypatch.setattr(resilient, "_down_until", 0.0)
    resilient.outage_cache.clear()
    yield caches["default"]
    monkeypatch.setattr(resilient, "_down_until", 0.0)
    resilient.outage_cache.clear()


def test_an_outage_costs_one_warning_and_no_retry_until_the_interval(
    client, redis_cache, redis_server, caplog, monkeypatch
):
    ProjectFactory(title="Built from the database")
    assert client.get("/projects/")["X-Cache"] == "miss"
    assert client.get("/projects/")["X-Cache"] == "hit"

    redis_server.stop()
    attempts = []
    real_get = resilient.RedisCache.get
    monkeypatch.setattr(
        resilient.RedisCache, "get", lambda self, *a, **k: attempts.append(1) or real_get(self, *a, **k)
    )
    with caplog.at_level(logging.WARNING, logger="operations.cache"):
        for _ in range(5):
            page = client.get("/projects/")
            assert page.status_code == 200
            assert "Built from the database" in page.content.decode()
            assert client.get("/api/v1/projects/").status_code == 200
    warnings = [record for record in caplog.records if record.name == "operations.cache"]
    assert len(warnings) == 1
    assert "cannot be reached" in warnings[0].getMessage()
    assert len(attempts) == 1  # the first call found Redis down; the rest did not try it
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]

    # Redis is back, and the retry interval has passed: the cache is used again, by itself.
    redis_server.start()
    monkeypatch.setattr(resilient, "_down_until", time.monotonic() - 1)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="operations.cache"):
        assert client.get("/projects/")["X-Cache"] == "miss"
        assert client.get("/projects/")["X-Cache"] == "hit"
    assert any("reachable again" in record.getMessage() for record in caplog.records)


def test_a_down_cache_answers_from_the_process_memory_until_redis_returns(redis_cache, redis_server):
    redis_cache.set("kept", 1)
    redis_server.stop()
    assert redis_cache.get("kept") is None  # what Redis holds is out of reach
    assert redis_cache.get("kept", "fallback") == "fallback"
    assert redis_cache.get_many(["a", "b"]) == {}
    assert resilient.is_down()
    # Meanwhile the process keeps what it computes, as a local-memory cache would.
    assert redis_cache.add("new", 1) is True
    assert redis_cache.incr("new") == 2  # a throttle counts per process
    redis_cache.set("x", 1)
    assert redis_cache.get("x") == 1

    redis_server.start()
    resilient._down_until = time.monotonic() - 1
    assert redis_cache.get("x") is None  # Redis again; the outage's memory is given back
    assert not resilient.is_down()
    assert resilient.outage_cache.get("x") is None


def test_pages_kept_during_an_outage_are_never_stale(client, redis_cache, redis_server):
    project = ProjectFactory(title="Before the change")
    redis_server.stop()
    assert "Before the change" in client.get("/projects/").content.decode()
    assert client.get("/projects/")["X-Cache"] == "hit"  # from the process's memory

    project.title = "After the change"
    project.save()  # renews the content version, in the database

    page = client.get("/projects/")
    assert page["X-Cache"] == "miss"
    assert "After the change" in page.content.decode()

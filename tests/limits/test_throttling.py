"""Throttles count atomically in the shared cache: concurrent requests are never admitted beyond
the rate, whether the cache is this process's memory or Redis shared by every server."""

import os
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import caches
from django.test import RequestFactory, override_settings
from rest_framework.request import Request

from api.throttling import AnonymousThrottle

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except Exception:
        return False
    return True


def admitted(rate, attempts, workers):
    """How many of `attempts` requests from one address, `workers` at a time, a fresh throttle lets in."""
    factory = RequestFactory()

    def one(_):
        request = Request(factory.get("/api/v1/sdgs/", REMOTE_ADDR="203.0.113.9"))
        throttle = AnonymousThrottle()
        throttle.rate = rate
        throttle.num_requests, throttle.duration = throttle.parse_rate(rate)
        return throttle.allow_request(request, view=None)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return sum(pool.map(one, range(attempts)))


@pytest.mark.parametrize("backend", ["locmem", "redis"])
def test_concurrent_requests_are_never_admitted_beyond_the_rate(backend):
    if backend == "redis":
        if not redis_reachable():
            if os.environ.get("CI"):
                pytest.fail(f"Redis is not reachable at {REDIS_URL}")
            pytest.skip("Redis is not running")
        cache_settings = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            }
        }
    else:
        cache_settings = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    original = AnonymousThrottle.cache
    with override_settings(CACHES=cache_settings):
        caches["default"].clear()
        AnonymousThrottle.cache = caches["default"]
        try:
            assert admitted("120/minute", attempts=400, workers=32) == 120
        finally:
            caches["default"].clear()
            AnonymousThrottle.cache = original


def test_a_new_window_starts_a_new_count(monkeypatch):
    factory = RequestFactory()
    throttle = AnonymousThrottle()
    throttle.rate = "2/minute"
    throttle.num_requests, throttle.duration = throttle.parse_rate("2/minute")
    clock = [600.0]
    monkeypatch.setattr(throttle, "timer", lambda: clock[0])
    request = Request(factory.get("/", REMOTE_ADDR="203.0.113.10"))
    assert [throttle.allow_request(request, None) for _ in range(3)] == [True, True, False]
    assert throttle.wait() == 60.0
    clock[0] = 659.0
    assert throttle.wait() == 1.0
    clock[0] = 660.0
    assert throttle.allow_request(request, None) is True

"""Redis as the cache, with an outage served quietly from the process's own memory.

django-redis can ignore a connection error, but it then tries Redis again on every call (a page
makes several) and logs a traceback each time: with Redis down, every request waited on the network
and wrote about five tracebacks. Here the first failure marks Redis down for this process for
`RETRY_SECONDS` (`DJANGO_CACHE_RETRY_SECONDS`, 30 by default): until then every call goes at once to
a small cache in this process's memory (Django's local-memory cache, `OUTAGE_ENTRIES` entries), one
warning is logged, and the next call after the interval tries Redis again, so the site recovers by
itself and the memory is given back.

So an outage costs what a cache per process costs, not every page built from nothing (facet counts
recomputed on every request halved the site's rate). Nothing is stale meanwhile: what the site keeps
is keyed by the content version, which lives in the database (kernel/versioning.py), not here; a
throttle counts per process while Redis is down.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger("operations.cache")

FAILURES = (ConnectionInterrupted, RedisError, OSError)
# What each call answers while Redis is down: what it answers when nothing is stored.
MISSES = {
    "get": None,
    "get_many": {},
    "set": False,
    "set_many": [],
    "add": False,
    "incr": None,
    "decr": None,
    "delete": False,
    "delete_many": 0,
    "has_key": False,
    "touch": False,
    "clear": None,
    "ttl": None,
}

_lock = threading.Lock()
_down_until = 0.0  # per process: every thread's cache object shares it
OUTAGE_ENTRIES = 1000
# Where this process keeps what it caches while Redis is down (thread-safe, shared by its threads).
outage_cache = LocMemCache("ilopartners-redis-outage", {"OPTIONS": {"MAX_ENTRIES": OUTAGE_ENTRIES}})


def retry_seconds():
    return getattr(settings, "CACHE_RETRY_SECONDS", 30)


def is_down():
    return time.monotonic() < _down_until


def _mark_down(error):
    global _down_until
    with _lock:
        first = not is_down()
        _down_until = time.monotonic() + retry_seconds()
    if first:
        logger.warning(
            "The cache (Redis) cannot be reached (%s): pages are built afresh without it; retrying in %s s.",
            error,
            retry_seconds(),
        )


def _mark_up():
    global _down_until
    if _down_until:
        with _lock:
            was_down, _down_until = bool(_down_until), 0.0
        if was_down:
            outage_cache.clear()
            logger.warning("The cache (Redis) is reachable again.")


def _resilient(name):
    miss = MISSES[name]

    def meanwhile(*args, **kwargs):
        """The call, answered by this process's memory while Redis is down."""
        if hasattr(LocMemCache, name):
            return getattr(outage_cache, name)(*args, **kwargs)
        return miss  # what only Redis answers (ttl)

    def call(self, *args, **kwargs):
        if is_down():
            return meanwhile(*args, **kwargs)
        try:
            answer = getattr(RedisCache, name)(self, *args, **kwargs)
        except FAILURES as error:
            _mark_down(error)
            return meanwhile(*args, **kwargs)
        if _down_until:
            _mark_up()
        return answer

    call.__name__ = name
    return call


class ResilientRedisCache(RedisCache):
    """django-redis's cache whose outages cost one warning, not a wait and a traceback per call."""

    def __init__(self, server, params):
        options = {**params.get("OPTIONS", {}), "IGNORE_EXCEPTIONS": False}
        super().__init__(server, {**params, "OPTIONS": options})


for _name in MISSES:
    setattr(ResilientRedisCache, _name, _resilient(_name))

"""A copy of the content version in Redis, so that a cached answer is served without asking the
database (kernel/versioning.py keeps the version itself, in the database, the source of truth).

Every request that may be answered from the cache first reads the content version: one database
round trip (two on PostgreSQL, with Django's connection health check) that cost a cached answer
about a third of its rate. With `CONTENT_VERSION_COPY_URL` set (the site's Redis, when it has one),
readers first read the copy, and trust it only while it is *clean*.

The copy is one string, `serial|state|token|next change`: `serial` is the version row's own
counter, which every renewal raises in the writing transaction (one more, and at least the time in
microseconds, so that it never goes back, not even in a database made anew by a restore), so two
copies are ordered. `state` is `clean` or `dirty`.

- A writer, once it has renewed the row (serial `s`, before its transaction commits), marks the copy
  `dirty` with `s`, and again once it has committed (`mark_dirty`).
- A reader that finds the copy clean (and the next scheduled publication not yet due) uses its
  token. Otherwise it reads the row, and if it read it outside any transaction (so committed, never
  its own write) and the row is checked (its next change known), puts it back clean
  (`publish`).
- Both replace the copy only if its serial is not newer than theirs (one Lua script, atomically). So a
  reader that read the row before a writer committed can never put the old token back over the
  writer's mark, and whichever order writers and readers reach Redis in, the copy ends with the
  newest committed version or dirty.

A transaction that renewed the version and then rolled back leaves the copy dirty with a serial the
row never reached: readers ask the database (as without the copy) until the next renewal, whose
serial is higher, or until the mark expires (`DIRTY_SECONDS`). A process that cannot reach Redis
reads the database. A writer that cannot reach Redis to mark the copy logs an error; readers that can
may then use the old version for at most `CLEAN_SECONDS`, the longest a clean copy is kept.
"""

import hashlib
import logging
import threading
import time

import redis
from django.conf import settings
from django.utils import timezone
from redis.exceptions import RedisError

# Any of these means: ask the database.
FAILURES = (RedisError, OSError)

logger = logging.getLogger("kernel.version_copy")

# The copy's key names the database it describes (its engine, host, port and name, as every server
# of a site names it), so that two sites, or a site and its benchmark, sharing one Redis never read
# each other's version.
KEY_PREFIX = "ilopartners:content-version"
# A clean copy is read again from the database at least this often (see the module for why).
CLEAN_SECONDS = 60
# A dirty mark left by a transaction that rolled back heals after this long.
DIRTY_SECONDS = 10 * 60

# Replace the copy (KEYS[1]) with ARGV[2] for ARGV[3] seconds, unless its serial is newer than
# ARGV[1]: 1 if replaced.
REPLACE = """
local current = redis.call('GET', KEYS[1])
if current then
  local serial = tonumber(string.match(current, '^(%d+)|'))
  if serial and serial > tonumber(ARGV[1]) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[3]))
return 1
"""

_lock = threading.Lock()
_state = {"url": None, "client": None, "replace": None, "down_until": 0.0}


def _url():
    return getattr(settings, "CONTENT_VERSION_COPY_URL", "")


def enabled():
    return bool(_url())


def key():
    alias = getattr(settings, "CONTENT_VERSION_COPY_DATABASE", "default")
    database = settings.DATABASES.get(alias, {})
    named = "|".join(str(database.get(part, "")) for part in ("ENGINE", "HOST", "PORT", "NAME"))
    return f"{KEY_PREFIX}:{hashlib.sha256(named.encode()).hexdigest()[:16]}"


def _client(force=False):
    """(client, script) for the configured Redis, made once per process and URL; None when the copy
    is off, or Redis was unreachable less than `CACHE_RETRY_SECONDS` ago (unless `force`)."""
    url = _url()
    if not url or (not force and time.monotonic() < _state["down_until"]):
        return None
    if _state["url"] != url:
        with _lock:
            client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
            _state.update(url=url, client=client, replace=client.register_script(REPLACE), down_until=0.0)
    return _state["client"], _state["replace"]


def _down(error, doing):
    first = time.monotonic() >= _state["down_until"]
    _state["down_until"] = time.monotonic() + getattr(settings, "CACHE_RETRY_SECONDS", 30)
    if first:
        logger.warning(
            "The content version's copy in Redis cannot be %s (%s): reading the database.", doing, error
        )


def forget_client():
    """Drop the client (a test changed the URL, or Redis was restarted)."""
    with _lock:
        _state.update(url=None, client=None, replace=None, down_until=0.0)


def read():
    """The copied token, or None when the database must be asked: no copy, a dirty one, one whose next
    scheduled publication has fallen due, or Redis unreachable."""
    found = _client()
    if found is None:
        return None
    client, _replace = found
    try:
        raw = client.get(key())
    except FAILURES as error:
        _down(error, "read")
        return None
    if raw is None:
        return None
    try:
        _serial, state, token, next_change = raw.decode().split("|")
    except ValueError:
        return None
    if state != "clean" or not token:
        return None
    if next_change and timezone.now().timestamp() >= float(next_change):
        return None
    return token


def _replace(serial, value, seconds, doing):
    # A writer tries even while this process thinks Redis is down: readers elsewhere may reach it.
    found = _client(force=doing == "marked")
    if found is None:
        return False
    _redis, replace = found
    try:
        return bool(replace(keys=[key()], args=[serial, value, seconds]))
    except FAILURES as error:
        if doing == "marked":
            logger.error(
                "The content version's copy in Redis could not be marked changed (%s): readers that reach "
                "Redis may use the previous version for up to %s s.",
                error,
                CLEAN_SECONDS,
            )
        _down(error, doing)
        return False


def mark_dirty(serial):
    """A writer renewed the version to `serial` (before and after its commit)."""
    if enabled():
        _replace(serial, f"{serial}|dirty||", DIRTY_SECONDS, "marked")


def publish(serial, token, next_change):
    """A reader read the committed, checked row: the copy clean, unless a newer serial is there."""
    if not enabled():
        return
    moment = "" if next_change is None else repr(next_change.timestamp())
    _replace(serial, f"{serial}|clean|{token}|{moment}", CLEAN_SECONDS, "written")

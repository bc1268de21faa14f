"""The cache: Redis when REDIS_URL is set, local memory otherwise; the response cache's lifetime."""

import os

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down: pages are built afresh and throttles stop counting, with one warning, and
            # Redis is tried again after CACHE_RETRY_SECONDS (operations/cache.py), not a 500.
            "BACKEND": "operations.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ilopartners",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
else:
    # Room for the sums kept per slice of projects (kernel.versioning): a hundred slices at 100,000
    # projects, each with its facet counts and funding sums per filter combination. Django's default
    # of 300 entries dropped a third of them whenever one more came in.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("DJANGO_CACHE_MAX_ENTRIES", "50000"))},
        }
    }

# A copy of the content version in Redis, so a cached answer needs no database round trip; the
# database stays the source of truth (kernel/version_copy.py). Off without Redis, or with
# DJANGO_CONTENT_VERSION_COPY=0.
CONTENT_VERSION_COPY_URL = REDIS_URL if os.environ.get("DJANGO_CONTENT_VERSION_COPY", "1") != "0" else ""

CACHE_RETRY_SECONDS = int(os.environ.get("DJANGO_CACHE_RETRY_SECONDS", "30"))

# How long an anonymous page or API response may be served from the cache. Any change to content
# invalidates every cached response at once (operations/caching.py), so this bounds only what
# changes with the clock alone ("upcoming" events). 0 turns the response cache off.
RESPONSE_CACHE_SECONDS = int(os.environ.get("DJANGO_RESPONSE_CACHE_SECONDS", "300"))

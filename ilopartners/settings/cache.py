"""The cache: Redis when REDIS_URL is set, local memory otherwise; the response cache's lifetime."""

import os

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ilopartners",
            # Redis down: pages are built afresh and throttles stop counting (logged), not a 500.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# How long an anonymous page or API response may be served from the cache. Any change to content
# invalidates every cached response at once (operations/caching.py), so this bounds only what
# changes with the clock alone ("upcoming" events). 0 turns the response cache off.
RESPONSE_CACHE_SECONDS = int(os.environ.get("DJANGO_RESPONSE_CACHE_SECONDS", "300"))

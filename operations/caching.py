"""Response caching for anonymous readers that is never stale.

Every cached response (a public page, an API list or record) is stored under a key that holds the
content version (`kernel/versioning.py`), which every change to content renews in its own
transaction: the entries made under an old version are never read again and age out.

One version for all content, rather than one per page: a donor profile shows its projects and
events, a project list shows donor and country facets, the home page shows everything, so nearly
every write touches nearly every page. Writes are rare (staff curation), reads are many.

The responses themselves are in the cache: Redis when `REDIS_URL` is set (shared by every process
and server), local memory otherwise (one per process, still never stale, as the key says).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from kernel.negotiation import UnknownLanguage, requested_language
from kernel.versioning import content_version

# Addresses the same in every language whose view reads the language asked for itself (`?lang=`,
# `Accept-Language`: kernel.feeds), after this middleware has chosen the key.
NEGOTIATED_PREFIXES = ("/feeds/",)


def timeout():
    return getattr(settings, "RESPONSE_CACHE_SECONDS", 0)


def response_key(request, variant=""):
    """The cache key of a GET answered the same to every anonymous reader, or None when the
    response must not come from the cache (staff, a write, caching off)."""
    if timeout() <= 0 or request.method not in ("GET", "HEAD"):
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return None
    # The absolute URL: responses hold links with the scheme and host they were asked on. And the
    # language the response is made in (operations/i18n.py): the address decides it for pages, but
    # the API also takes `Accept-Language`, so a French answer is never served to an English reader.
    raw = f"{request.build_absolute_uri()}\n{get_language()}\n{variant}".encode()
    return f"response:{content_version()}:{hashlib.sha256(raw).hexdigest()}"


def asked_language(request):
    """For a feed, the language it will answer in, which the key must hold: the language active
    here is the address's, English for every feed whatever its reader asked for."""
    if not request.path.startswith(NEGOTIATED_PREFIXES):
        return ""
    try:
        return requested_language(request)
    except UnknownLanguage:
        return ""  # a 400, never cached


class AnonymousPageCacheMiddleware:
    """Serve public pages to anonymous visitors from the cache (see the module).

    Not the admin (staff only), the API (cached in its viewsets, after throttling), or the health
    check (it must ask the database). Only complete 200 responses that set no cookie are kept.
    """

    skip_prefixes = ("/admin/", "/api/", "/healthz", "/static/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(self.skip_prefixes):
            return self.get_response(request)
        key = response_key(request, asked_language(request))
        if key is None:
            return self.get_response(request)
        response = cache.get(key)
        if response is not None:
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, response, timeout())
            response["X-Cache"] = "miss"
        return response

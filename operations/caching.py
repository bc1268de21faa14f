"""Response caching for anonymous readers that is never stale.

Every cached response (a public page, an API list or record) is stored under a key that holds the
content version (`kernel/versioning.py`), which every change to content renews in its own
transaction: the entries made under an old version are never read again and age out.

One version for all content, rather than one per page: a donor profile shows its projects and
events, a project list shows donor and country facets, the home page shows everything, so nearly
every write touches nearly every page. Writes are rare (staff curation), reads are many.

The responses themselves are in the cache: Redis when `REDIS_URL` is set (shared by every process
and server), local memory otherwise (one per process, still never stale, as the key says).

A page is served from the cache near the top of the middleware stack, before sessions, languages,
authentication and the rest run: a hit costs the content version and one cache read, then the
stored bytes and headers go out as they were first sent (security headers, CSP, ETag and all);
with Redis, the content version is read from its copy there (kernel/version_copy.py), so a hit asks
no database at all. That
is only for a request the rest of the stack could not answer differently: a GET or HEAD carrying no
session cookie and no credentials (so no signed-in reader), that no first-visit redirect would send
to another language. The page's language is its address's, as Django's LocaleMiddleware decides.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language

from kernel.negotiation import UnknownLanguage, requested_language
from kernel.versioning import content_version
from operations.compression import accepted_encoding
from operations.i18n import address_language, redirect_to
from operations.routers import signed_out

# Addresses the same in every language whose view reads the language asked for itself (`?lang=`,
# `Accept-Language`: kernel.feeds), after this middleware has chosen the key.
NEGOTIATED_PREFIXES = ("/feeds/",)


def timeout():
    return getattr(settings, "RESPONSE_CACHE_SECONDS", 0)


def response_key(request, variant="", language=None):
    """The cache key of a GET answered the same to every anonymous reader, or None when the
    response must not come from the cache (staff, a write, caching off). `language`: the one the
    response is made in, by default the active one."""
    if timeout() <= 0 or request.method not in ("GET", "HEAD"):
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return None
    # The absolute URL: responses hold links with the scheme and host they were asked on. And the
    # language the response is made in (operations/i18n.py): the address decides it for pages, but
    # the API also takes `Accept-Language`, so a French answer is never served to an English reader.
    raw = f"{request.build_absolute_uri()}\n{language or get_language()}\n{variant}".encode()
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

    Not the admin (staff only), the API (api/caching.py serves its answers the same way, counted
    against the client's rate), or the health check (it must ask the database). Only complete 200
    responses to a GET by an anonymous reader that set no cookie are kept, with the headers the
    middleware below this one gave them.
    """

    skip_prefixes = ("/admin/", "/api/", "/healthz", "/static/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.key(request)
        if key is None:
            return self.get_response(request)
        kept = cache.get(key)
        if kept is not None and self.admits(request):
            return self.replay(request, *kept)
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            # A HEAD's answer may have no body (the API's CSV): only a GET's is kept, for both.
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (user is not None and user.is_authenticated)
        ):
            cache.set(key, (response.content, list(response.items())), timeout())
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def anonymous_read(request):
        """A GET or HEAD with no session cookie and no credentials: the rest of the stack would see
        an anonymous reader."""
        return request.method in ("GET", "HEAD") and signed_out(request)

    def key(self, request):
        """The page's key, or None when the rest of the stack must answer (see the module)."""
        if request.path_info.startswith(self.skip_prefixes):
            return None
        if not self.anonymous_read(request) or redirect_to(request):
            return None
        variant = f"{accepted_encoding(request)}\n{asked_language(request)}"
        return response_key(request, variant, language=address_language(request))

    def admits(self, request):
        """Whether a kept answer may be served to this request (an API client within its rate)."""
        return True

    @staticmethod
    def replay(request, content, headers):
        """The kept page as first sent, or 304 when the reader already holds it (its ETag)."""
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = "hit"
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(
            request, etag=response.get("ETag"), last_modified=last_modified, response=response
        )

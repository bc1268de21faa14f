"""Response caching for anonymous readers that is never stale.

Every cached response (a public page, an API list or record) is stored under a key that holds the
*content version*, a random token kept in the cache. Any change to content bumps the version at
once: a save or delete of any model of the content apps (signals), a change to a many-to-many
relation, a publish or unpublish (`PublishableQuerySet.publish`, which updates without signals),
an import or restore. The entries made under the old version are never read again and age out.

One version for all content, rather than one per page: a donor profile shows its projects and
events, a project list shows donor and country facets, the home page shows everything, so nearly
every write touches nearly every page. Writes are rare (staff curation), reads are many.

The version is bumped twice per write: at once, so a later read in the same request or test sees
the change, and again when the transaction commits, so a read that ran between the first bump and
the commit (and saw the old rows) cannot leave its page under the new version.

A record published for a future time becomes visible without any write; the version remembers
the next such time and renews itself when it passes. Pages that depend on the clock alone (an
event moving from "upcoming" to "past") are at most `RESPONSE_CACHE_SECONDS` old.

The cache is Redis when `REDIS_URL` is set, so several application servers share one version and
a publish on one is seen on all; local memory otherwise (one process).
"""

import hashlib
import time
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "content-version"
CONTENT_APPS = ("donors", "projects", "events", "taxonomy")


def timeout():
    return getattr(settings, "RESPONSE_CACHE_SECONDS", 0)


def next_scheduled_publication():
    """When the next record published for a future time becomes visible (a Unix time), or None."""
    from django.utils import timezone

    from ilopartners.publishing import Publishable, Status

    now = timezone.now()
    times = [
        model.objects.filter(publication_status=Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    times = [moment for moment in times if moment is not None]
    return min(times).timestamp() if times else None


def content_version():
    state = cache.get(VERSION_KEY)
    if state is None or (state["until"] is not None and time.time() >= state["until"]):
        state = {"token": uuid.uuid4().hex, "until": next_scheduled_publication()}
        cache.set(VERSION_KEY, state, None)
    return state["token"]


def bump_content_version():
    """Content changed: every cached response is out of date, now and again at commit."""
    cache.delete(VERSION_KEY)
    transaction.on_commit(lambda: cache.delete(VERSION_KEY))


def content_changed(sender, **kwargs):
    """Signal receiver (post_save, post_delete, m2m_changed) for every model."""
    if sender._meta.app_label in CONTENT_APPS:
        bump_content_version()


def response_key(request, variant=""):
    """The cache key of a GET answered the same to every anonymous reader, or None when the
    response must not come from the cache (staff, a write, caching off)."""
    if timeout() <= 0 or request.method not in ("GET", "HEAD"):
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return None
    # The absolute URL: responses hold links with the scheme and host they were asked on.
    raw = f"{request.build_absolute_uri()}\n{variant}".encode()
    return f"response:{content_version()}:{hashlib.sha256(raw).hexdigest()}"


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
        key = response_key(request)
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

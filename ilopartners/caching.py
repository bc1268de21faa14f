"""Response caching for anonymous readers that is never stale.

Every cached response (a public page, an API list or record) is stored under a key that holds the
*content version*, a random token in a one-row table (`ContentVersion`). Any change to content
renews the token in the same transaction: a save or delete of any model of the content apps
(signals), a change to a many-to-many relation, any `update()` of a publishable queryset (publish,
unpublish), a demo-data build, a restore. The entries made under the old token are never read
again and age out.

The token lives in the database rather than in the cache so that it commits with the content:
every worker process and every server reads the same version whichever cache backend each has, and
no reader can pair the new version with the old rows. Reading it is one primary-key query per
request, against the tens a page takes to build.

One version for all content, rather than one per page: a donor profile shows its projects and
events, a project list shows donor and country facets, the home page shows everything, so nearly
every write touches nearly every page. Writes are rare (staff curation), reads are many.

A record published for a future time becomes visible without any write: the version remembers
when the next such time is and renews itself when it passes. Pages that depend on the clock alone
(an event moving from "upcoming" to "past") are at most `RESPONSE_CACHE_SECONDS` old.

The responses themselves are in the cache: Redis when `REDIS_URL` is set (shared by every process
and server), local memory otherwise (one per process, still never stale, as the key says).
"""

import hashlib
import threading
import uuid

from django.apps import apps as global_apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_started
from django.db import IntegrityError, transaction
from django.utils import timezone

CONTENT_APPS = ("donors", "projects", "events", "taxonomy")
ROW = 1
# Counts computed from content (facets, result counts) are kept this long at most; any change to
# content replaces them at once, like cached responses. What moves with the clock alone (an event
# becoming past) is at most this old.
COMPUTED_SECONDS = 5 * 60

# The version read once per request (and per thread): a request asks for it several times.
_memo = threading.local()


def _forget_version(**kwargs):
    _memo.token = None


request_started.connect(_forget_version, dispatch_uid="ilopartners.caching.forget_version")


def timeout():
    return getattr(settings, "RESPONSE_CACHE_SECONDS", 0)


def _versions():
    from ilopartners.models import ContentVersion

    return ContentVersion.objects.filter(pk=ROW)


def next_scheduled_publication():
    """When the next record published for a future time becomes visible, or None (one query)."""
    from django.db.models import Subquery

    from ilopartners.publishing import Publishable, Status

    now = timezone.now()
    firsts = {
        f"next_{index}": Subquery(
            model.objects.filter(publication_status=Status.PUBLISHED, published_at__gt=now)
            .order_by("published_at")
            .values("published_at")[:1]
        )
        for index, model in enumerate(global_apps.get_models())
        if issubclass(model, Publishable)
    }
    row = _versions().annotate(**firsts).values(*firsts).first() or {}
    times = [moment for moment in row.values() if moment is not None]
    return min(times) if times else None


def bump_content_version():
    """Content changed: a new token, in the caller's transaction."""
    token = uuid.uuid4().hex
    _forget_version()
    if not _versions().update(token=token, next_change=None, checked=False):
        from ilopartners.models import ContentVersion

        try:
            with transaction.atomic():
                ContentVersion.objects.create(pk=ROW, token=token)
        except IntegrityError:  # made meanwhile by another request
            _versions().update(token=token, next_change=None, checked=False)
    return token


def content_version():
    token = getattr(_memo, "token", None)
    if token is None:
        token = _memo.token = _read_version()
    return token


def _read_version():
    row = _versions().values_list("token", "next_change", "checked").first()
    if row is None:
        return bump_content_version()
    token, next_change, checked = row
    if not checked:
        # First read since a change: find when the next scheduled publication falls due.
        _versions().filter(token=token).update(next_change=next_scheduled_publication(), checked=True)
    elif next_change is not None and timezone.now() >= next_change:
        return bump_content_version()  # a record published for this moment is now visible
    return token


def remember(parts, compute):
    """A value computed from content (a facet's counts, a list's size), kept in the cache until the
    content changes: computed once per change and filter combination, not on every request."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"computed:{content_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, COMPUTED_SECONDS)
    return value


def content_changed(sender, **kwargs):
    """Signal receiver (post_save, post_delete, m2m_changed) for every model."""
    # Not the historical models a data migration works with: the table may not exist yet.
    if sender._meta.app_label in CONTENT_APPS and sender._meta.apps is global_apps:
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

"""A read replica for anonymous reads, when `DATABASE_REPLICA_URL` is set (docs/scaling.md).

Only what an anonymous visitor reads goes to the replica: a GET or HEAD that carries no session
cookie and no `Authorization` header (`ReplicaReadsMiddleware` marks it). Everything else reads
and writes the primary: staff, so they always see their own changes at once; every write and the
reads in its transaction; management commands, imports and migrations.

A replica lags its primary a little. The cache's content version is a row of the same database
(operations/caching.py), read on the replica too (this middleware runs before the caches read it),
so a reader on the replica pairs the version with the rows of the same moment: it may see a change
a moment later than staff do, never a page cached under a newer version than its rows. The
version's copy in Redis is then the replica's (`CONTENT_VERSION_COPY_DATABASE`), put there only by
readers of the replica.
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_replica_allowed = ContextVar("replica_allowed", default=False)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def replica_allowed():
    return _replica_allowed.get()


def replica_configured():
    return REPLICA in settings.DATABASES


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if replica_allowed() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def signed_out(request):
    """No session cookie and no credentials: whatever runs below, the request is an anonymous
    reader's. What the replica may answer and what the caches may serve both start from this."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "HTTP_AUTHORIZATION" not in request.META


class ReplicaReadsMiddleware:
    """Lets an anonymous, read-only request read from the replica (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        anonymous_read = request.method in SAFE_METHODS and signed_out(request)
        token = _replica_allowed.set(anonymous_read and replica_configured())
        try:
            return self.get_response(request)
        finally:
            _replica_allowed.reset(token)

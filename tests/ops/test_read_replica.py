"""The read replica router: only anonymous reads go to the replica; staff, writes and everything
outside a request use the primary."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from operations import routers
from projects.models import Project
from tests.ops.conftest import site_python

ROUTER = routers.PrimaryReplicaRouter()


def database_read_during(request, configured=True, monkeypatch=None):
    monkeypatch.setattr(routers, "replica_configured", lambda: configured)
    seen = {}

    def view(request):
        seen["read"] = ROUTER.db_for_read(Project)
        seen["write"] = ROUTER.db_for_write(Project)
        return HttpResponse()

    routers.ReplicaReadsMiddleware(view)(request)
    return seen


def test_an_anonymous_read_uses_the_replica_and_writes_the_primary(monkeypatch):
    seen = database_read_during(RequestFactory().get("/projects/"), monkeypatch=monkeypatch)
    assert seen == {"read": "replica", "write": "default"}


@pytest.mark.parametrize(
    "request_",
    [
        RequestFactory().get("/projects/", HTTP_COOKIE="sessionid=abc"),
        RequestFactory().get("/api/v1/projects/", HTTP_AUTHORIZATION="Token abc"),
        RequestFactory().post("/api/v1/projects/"),
        RequestFactory().patch("/api/v1/projects/x/"),
    ],
    ids=["session", "token", "post", "patch"],
)
def test_staff_and_writes_read_the_primary(request_, monkeypatch):
    assert database_read_during(request_, monkeypatch=monkeypatch)["read"] == "default"


def test_without_a_replica_everything_uses_the_primary(monkeypatch):
    seen = database_read_during(RequestFactory().get("/projects/"), configured=False, monkeypatch=monkeypatch)
    assert seen["read"] == "default"


def test_outside_a_request_reads_use_the_primary():
    """Management commands, imports and migrations never read a lagging copy."""
    assert ROUTER.db_for_read(Project) == "default"
    assert ROUTER.allow_migrate("replica", "projects") is False
    assert ROUTER.allow_migrate("default", "projects") is True


def test_the_setting_adds_the_replica_and_the_router():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['replica']['HOST'], settings.DATABASES['replica']['TEST']['MIRROR'], "
        "settings.DATABASE_ROUTERS, settings.CONTENT_VERSION_COPY_DATABASE)"
    )
    output = site_python(
        code,
        DATABASE_URL="postgres://app@primary.internal:5432/ilopartners",
        DATABASE_REPLICA_URL="postgres://app@replica.internal:5432/ilopartners",
    )
    assert "replica.internal default ['operations.routers.PrimaryReplicaRouter'] replica" in output


def test_the_caches_read_the_content_version_where_the_rows_are(settings):
    """The page and API caches read the content version before the views read rows: the replica
    must already be chosen, or a page built from the replica's lagging rows would be kept under the
    primary's newer version."""
    order = settings.MIDDLEWARE
    replica = order.index("operations.routers.ReplicaReadsMiddleware")
    assert replica < order.index("operations.caching.AnonymousPageCacheMiddleware")
    assert replica < order.index("api.caching.AnonymousAPICacheMiddleware")

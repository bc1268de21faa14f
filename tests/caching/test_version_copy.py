"""The content version's copy in Redis (kernel/version_copy.py): a cached answer asks no database,
and no answer is ever stale: every kind of change is seen by the next request, a reader that read
the row before a writer committed cannot put the old version back, a rolled-back renewal and an
unreachable Redis leave readers to the database.

Transactional: the copy is read and written only outside a transaction, as requests run on the
site (inside a test's transaction every read would go to the database)."""

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kernel import version_copy, versioning
from kernel.models import ContentVersion
from kernel.publishing import Status
from projects.models import Project
from tests.factories import ProjectFactory, country

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("response_cache_on")]

TITLE = "Social and Solidarity Economy in Nepal"


@pytest.fixture
def copy(redis_server, settings):
    settings.CONTENT_VERSION_COPY_URL = f"redis://127.0.0.1:{redis_server.port}/0"
    version_copy.forget_client()
    yield redis_server
    version_copy.forget_client()


def get(client, url, **extra):
    """A response and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def warm(client, url):
    """`url` kept and its next answer a hit that asked no database."""
    client.get(url)
    hit, queries = get(client, url)
    assert hit["X-Cache"] == "hit"
    assert queries == 0
    return hit


def stored():
    return ContentVersion.objects.get(pk=versioning.ROW)


@pytest.mark.parametrize(
    "url", ["/projects/", "/fr/projects/nepal-sse/", "/api/v1/projects/", "/api/v1/projects/nepal-sse/"]
)
def test_a_cached_answer_asks_no_database(client, copy, project, url):
    first = client.get(url)
    hit = warm(client, url)
    assert hit.content == first.content


def test_without_redis_the_database_is_asked(client, project, settings):
    settings.CONTENT_VERSION_COPY_URL = ""
    version_copy.forget_client()
    client.get("/projects/")
    hit, queries = get(client, "/projects/")
    assert hit["X-Cache"] == "hit" and queries == 1


def test_a_reader_of_another_database_neither_uses_nor_fills_the_copy(client, copy, project, settings):
    """With a replica, the copy is the replica's: a reader of the primary (staff, or here every
    reader, since the tests have no replica) reads its version from the database."""
    settings.CONTENT_VERSION_COPY_DATABASE = "replica"
    client.get("/projects/")
    hit, queries = get(client, "/projects/")
    assert hit["X-Cache"] == "hit" and queries == 1
    assert version_copy.read() is None


def edit(project):
    project.title = "Cooperatives in Nepal"
    project.save()


def edit_in_a_transaction(project):
    with transaction.atomic():
        project.title = "Cooperatives in Nepal"
        project.save()
        ProjectFactory(slug="another", title="Another project")


def unpublish(project):
    project.publication_status = Status.DRAFT
    project.save()


def delete(project):
    project.delete()


def relate(project):
    project.countries.add(country("NP"))


def bulk_update(project):
    Project.objects.filter(pk=project.pk).update(title="Cooperatives in Nepal")


CHANGES = {
    edit: lambda page: "Cooperatives in Nepal" in page and TITLE not in page,
    edit_in_a_transaction: lambda page: "Cooperatives in Nepal" in page and "Another project" in page,
    unpublish: lambda page: TITLE not in page,
    delete: lambda page: TITLE not in page,
    relate: lambda page: "Nepal" in page,
}


@pytest.mark.parametrize("change", list(CHANGES), ids=[change.__name__ for change in CHANGES])
def test_every_change_is_seen_by_the_next_request(client, copy, project, change):
    warm(client, "/projects/")
    warm(client, "/api/v1/projects/")
    change(project)
    page = client.get("/projects/")
    assert page["X-Cache"] == "miss"
    assert CHANGES[change](page.content.decode())
    api = client.get("/api/v1/projects/")
    assert api["X-Cache"] == "miss"
    assert CHANGES[change](api.content.decode())
    # Once read again, hits ask no database again.
    warm(client, "/projects/")


def test_a_relation_change_is_seen_in_the_api(client, copy, project):
    url = "/api/v1/projects/?country=NP"
    warm(client, url)
    assert client.get(url).json()["count"] == 0
    project.countries.add(country("NP"))
    assert client.get(url).json()["count"] == 1


def test_a_record_published_for_a_later_time_appears_when_it_comes(client, copy, project, monkeypatch):
    later = timezone.now() + datetime.timedelta(hours=1)
    ProjectFactory(slug="embargoed", title="Embargoed project", published_at=later)
    assert "Embargoed project" not in warm(client, "/projects/").content.decode()
    # The clock passes the publication time; nothing is written.
    monkeypatch.setattr(timezone, "now", lambda: later + datetime.timedelta(seconds=1))
    assert "Embargoed project" in client.get("/projects/").content.decode()


def test_a_reader_that_read_before_a_commit_cannot_put_the_old_version_back(client, copy, project):
    """A writer renews the version in a transaction held open in another thread; a reader meanwhile
    reads the committed (old) row and tries to put it back clean: the writer's mark stays, and once
    the writer commits the next reader reads the new version."""
    client.get("/projects/")
    old = versioning.content_version()
    assert version_copy.read() == old
    renewed, release, done = threading.Event(), threading.Event(), threading.Event()

    def writer():
        try:
            with transaction.atomic():
                edit(Project.objects.get(pk=project.pk))
                renewed.set()
                release.wait(10)
        finally:
            connection.close()
            done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    assert renewed.wait(10)
    versioning.start_afresh()
    # The reader: the copy is marked, so it reads the row, which is still the old one.
    assert version_copy.read() is None
    assert versioning.content_version() == old
    assert version_copy.read() is None  # not put back over the writer's mark
    page = client.get("/projects/").content.decode()
    assert TITLE in page
    release.set()
    assert done.wait(10)
    thread.join()
    versioning.start_afresh()
    new = versioning.content_version()
    assert new != old and version_copy.read() == new
    page = client.get("/projects/")
    assert page["X-Cache"] == "miss" and "Cooperatives in Nepal" in page.content.decode()


def test_an_older_serial_never_replaces_a_newer_one(copy):
    version_copy.mark_dirty(7)
    version_copy.publish(6, "old", None)
    assert version_copy.read() is None
    version_copy.publish(7, "new", None)
    assert version_copy.read() == "new"
    version_copy.mark_dirty(6)  # a late mark of an older renewal
    assert version_copy.read() == "new"
    version_copy.mark_dirty(8)
    assert version_copy.read() is None


def test_a_rolled_back_renewal_leaves_readers_to_the_database(client, copy, project):
    warm(client, "/projects/")
    before = stored()
    with pytest.raises(RuntimeError), transaction.atomic():
        edit(Project.objects.get(pk=project.pk))
        raise RuntimeError("undone")
    assert stored().token == before.token
    page, queries = get(client, "/projects/")
    assert TITLE in page.content.decode() and queries >= 1  # the database, not the copy
    # The next renewal that commits has a higher serial than the rolled-back one, and heals the copy.
    edit(Project.objects.get(pk=project.pk))
    assert stored().serial > before.serial
    assert "Cooperatives in Nepal" in client.get("/projects/").content.decode()
    warm(client, "/projects/")


def test_with_redis_unreachable_readers_and_writers_use_the_database(client, project, settings, caplog):
    settings.CONTENT_VERSION_COPY_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    version_copy.forget_client()
    assert TITLE in client.get("/projects/").content.decode()
    edit(project)
    assert "Cooperatives in Nepal" in client.get("/projects/").content.decode()
    assert "could not be marked changed" in caplog.text
    version_copy.forget_client()


def test_a_redis_restart_loses_the_copy_and_nothing_else(client, copy, project):
    warm(client, "/projects/")
    copy.stop()
    edit(project)
    copy.start()  # empty: Redis keeps nothing on disk here
    version_copy.forget_client()
    page = client.get("/projects/")
    assert "Cooperatives in Nepal" in page.content.decode()
    warm(client, "/projects/")


def test_a_database_made_anew_is_not_hidden_by_the_copy_of_the_one_before(client, copy, project):
    """A restore or a flush makes the version's row anew: its serial must still be higher than the
    copy's, or the copy of the database before would be read for a minute."""
    warm(client, "/projects/")
    old = versioning.content_version()
    ContentVersion.objects.all().delete()
    versioning.bump_content_version()
    assert version_copy.read() is None
    versioning.start_afresh()
    assert versioning.content_version() != old
    assert version_copy.read() == versioning.content_version()


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_the_copy_is_kept_per_database(settings):
    """Two sites (or a site and its benchmark) sharing one Redis never read each other's version."""
    first = version_copy.key()
    settings.DATABASES = {"default": {**settings.DATABASES["default"], "NAME": "another"}}
    assert version_copy.key() != first

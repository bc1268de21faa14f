"""Shared pytest fixtures: the seed loaded once per session, a fast password hasher, users in each
staff role."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from kernel import versioning
from kernel.roles import EDITORS, PUBLISHERS
from tests.factories import UserFactory
from tests.redis_server import redis_server  # noqa: F401 (a fixture, for every test area)
from tests.transactions import HeldTransaction


def pytest_configure(config):
    """The interface catalogues compiled (as `make test` does) when a .mo is missing or older than
    its .po; once, by the controlling process, before any worker starts."""
    if not hasattr(config, "workerinput"):
        from operations.management.commands.messages import compile_catalogues

        compile_catalogues()


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English: a request in another language leaves it active in the thread,
    as Django does between requests (each request activates its own)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: responses cached and throttle counts kept during another
    test, over another test's rows, must not answer this one; nor may the content version and the
    slices' tokens read in another test (each request forgets them; a test is not one)."""
    cache.clear()
    versioning.start_afresh()


@pytest.fixture
def uncached(settings):
    """The response cache off: for tests that count the queries a response takes to build."""
    settings.RESPONSE_CACHE_SECONDS = 0


@pytest.fixture
def django_assert_num_queries(uncached, django_assert_num_queries):
    """Counting queries measures building a response, so never from the cache."""
    return django_assert_num_queries


@pytest.fixture
def django_assert_max_num_queries(uncached, django_assert_max_num_queries):
    return django_assert_max_num_queries


@pytest.fixture
def no_throttling(settings):
    """Throttle counts live in the cache: they start from zero, at rates no test reaches."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "10000/minute", "user": "10000/minute"},
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _staff_in(group_name):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return _staff_in(EDITORS)


@pytest.fixture
def publisher(db):
    return _staff_in(PUBLISHERS)


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


# The seed: loaded once per run, read by the tests that ask for it.


class HeldSeed:
    """The seed fixture, loaded in a transaction that stays open while the tests that ask for it run
    (tests/transactions.py) and rolled back before any other test.

    Most tests build their own rows with the seed's slugs, or count rows, so the seed cannot sit under
    every test; the tests that read it are collected together and, under `-n`, sent to one worker
    (below), so a run loads it once. A transactional test cannot share it: its live server reads
    committed rows only, and its flush would empty it; such a test loads the seed itself
    (tests/browser's `seeded`). A flush by a transactional test that ran earlier does no harm: the
    seed is loaded after it, onto the reference data post_migrate put back (kernel/taxonomy/apps.py).
    """

    held = None

    def load(self, blocker):
        self.held = HeldTransaction(blocker)
        self.held.open()
        with blocker.unblock():
            call_command("loaddata", "seed", verbosity=0)

    def reload(self):
        """Load it again for a test that reads it after one that did not (rare: see the ordering)."""
        if self.held is not None and not self.held.is_open:
            self.load(self.held.blocker)

    def unload(self):
        if self.held is not None:
            self.held.close()


HELD_SEED = HeldSeed()


@pytest.fixture(scope="session")
def seed(django_db_setup, django_db_blocker):
    """The content of fixtures/seed.json, for a non-transactional database test to read."""
    HELD_SEED.load(django_db_blocker)
    yield
    HELD_SEED.unload()


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
        or (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """The tests that read the seed run one after the other, so that one load serves them all: after
    the other database tests (pytest-django sorts by that kind afterwards, keeping this order within
    each kind), and under `-n` on one worker (pyproject.toml's `--dist loadgroup`; marked before
    pytest-xdist reads the marks, hence tryfirst)."""
    items.sort(key=lambda item: "seed" in item.fixturenames)
    for item in items:
        if "seed" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("seed"))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before the test's own fixtures: the seed is there for the tests that read it, gone for others."""
    if "seed" not in item.fixturenames:
        HELD_SEED.unload()
        return
    if _is_transactional(item):
        pytest.fail("A transactional test cannot use the `seed` fixture: load the seed in the test.")
    HELD_SEED.reload()

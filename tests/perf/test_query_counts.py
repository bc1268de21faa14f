"""No query in a loop, on any page or API address: each answers with the same number of SQL
queries for a small dataset as for one five times larger, with more related rows per row.

Issue 7 asks for a bounded number of queries at 100,000 projects; a count that does not move when
the rows grow is the test of that which runs on every CI run. The dataset is built once for the
module (building it per address would cost minutes on PostgreSQL): every address is requested
with one unit of data, the data grows to five units, every address is requested again, and the
whole is rolled back. Each test then compares the two counts of one address; a failure prints the
queries of both requests, so the one that repeats is easy to spot.
"""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings

from kernel.taxonomy.models import Country
from tests.factories import UserFactory
from tests.perf.addresses import ENDPOINTS, SLACK, STAFF_ENDPOINTS, assert_bounded, measure_all
from tests.perf.world import LARGE, SMALL, build_world, grow

# Every test asks for the database, so that pytest-django sets up the test database for the
# module-scoped fixture even when only these tests run. Under `-n` they all run on one worker
# (pyproject.toml's `--dist loadgroup`), which builds the dataset once.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("every-address")]


# A cached response costs no query and a throttled one is a 429: neither may be counted. (The
# requests run in a module-scoped fixture, where pytest-django's function-scoped `settings`
# fixture is not available, hence `override_settings`; the cache is also cleared before each
# request.)
COUNTING_SETTINGS = {
    "RESPONSE_CACHE_SECONDS": 0,
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
}
# No page reads the history of a record; not writing it makes the data quicker to build.
WITHOUT_HISTORY = override_settings(SIMPLE_HISTORY_ENABLED=False)
UNTHROTTLED = {"anon": "100000/minute", "user": "100000/minute"}


def ensure_reference_data():
    """Reference rows come from migrations; a transactional test earlier on this worker may have
    flushed them (as tests/conftest.py explains), so put them back for the duration."""
    if not Country.objects.exists():
        ContentType.objects.clear_cache()
        import_module("kernel.taxonomy.migrations.0002_reference_data").load(apps, None)


@pytest.fixture(scope="module")
def counted(django_db_setup, django_db_blocker):
    """Every address requested with one unit of data and again with five, anonymously and as
    staff; the data is rolled back before the tests compare the counts."""
    rest_framework = {**settings.REST_FRAMEWORK}
    rest_framework["DEFAULT_THROTTLE_RATES"] = UNTHROTTLED
    with (
        django_db_blocker.unblock(),
        override_settings(**COUNTING_SETTINGS, REST_FRAMEWORK=rest_framework),
        transaction.atomic(),
    ):
        ensure_reference_data()
        public, staff = Client(), Client()
        staff.force_login(UserFactory(is_staff=True))
        with WITHOUT_HISTORY:
            world = build_world()
        small = measure_all(public, world, ENDPOINTS)
        staff_small = measure_all(staff, world, STAFF_ENDPOINTS)
        with WITHOUT_HISTORY:
            grow(world, LARGE - SMALL)
        large = measure_all(public, world, ENDPOINTS)
        staff_large = measure_all(staff, world, STAFF_ENDPOINTS)
        transaction.set_rollback(True)
    cache.clear()
    return SimpleNamespace(world=world, public=(small, large), staff=(staff_small, staff_large))


def compare(name, small, large, check, world, slack):
    for measured in (small, large):
        if isinstance(measured, BaseException):
            raise measured
    check(large, world)
    assert_bounded(small, large, slack)


def cases(names):
    return [pytest.param(name, id=name) for name in names]


@pytest.mark.parametrize("name", cases(ENDPOINTS))
def test_queries_do_not_grow_with_rows(counted, name):
    small, large = (measured[name] for measured in counted.public)
    compare(name, small, large, ENDPOINTS[name][1], counted.world, SLACK.get(name, 0))


@pytest.mark.parametrize("name", cases(STAFF_ENDPOINTS))
def test_staff_queries_do_not_grow_with_rows(counted, name):
    small, large = (measured[name] for measured in counted.staff)

    def check(measured, world):
        ENDPOINTS[name][1](measured, world)
        if STAFF_ENDPOINTS[name]:
            STAFF_ENDPOINTS[name](measured, world)

    compare(name, small, large, check, counted.world, SLACK.get(f"staff {name}", 0))

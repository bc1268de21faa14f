"""Shared pytest fixtures: a fast password hasher, users in each staff role."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from kernel.roles import EDITORS, PUBLISHERS
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: responses cached and throttle counts kept during another
    test, over another test's rows, must not answer this one."""
    cache.clear()


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

"""Shared pytest fixtures: a fast password hasher, users in each staff role."""

import pytest
from django.contrib.auth.models import Group

from ilopartners.roles import EDITORS, PUBLISHERS
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Reference data comes from migrations; a transactional test's flush can remove it for the
    tests that follow on the same worker, so put it back when it is missing."""
    marker = request.node.get_closest_marker("django_db")
    uses_db = marker is not None or {"db", "transactional_db"} & set(request.fixturenames)
    if not uses_db:
        return
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from importlib import import_module

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from ilopartners.roles import ensure_staff_groups
    from ilopartners.taxonomy.models import Country

    if not Country.objects.exists():
        # After a flush, cached content types point at rows that no longer exist.
        ContentType.objects.clear_cache()
        import_module("ilopartners.taxonomy.migrations.0002_reference_data").load(apps, None)
        ensure_staff_groups()
    elif not Group.objects.filter(name=EDITORS, permissions__isnull=False).exists():
        ContentType.objects.clear_cache()
        ensure_staff_groups()


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

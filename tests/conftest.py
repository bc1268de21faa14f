"""Shared pytest fixtures: a fast password hasher, users in each staff role."""

import pytest
from django.contrib.auth.models import Group

from ilopartners.roles import EDITORS, PUBLISHERS
from tests.factories import UserFactory


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

"""Fixtures for the API tests: an API client, clients signed in with a token, throttles out of the way."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _no_throttling_between_tests(no_throttling):
    """Each test starts with throttle counts at zero, at rates no test reaches (tests/conftest.py).

    The throttling tests set their own low rates.
    """


@pytest.fixture
def api():
    """An anonymous client."""
    return APIClient()


def client_for(user):
    client = APIClient()
    token = Token.objects.create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def editor_api(editor):
    return client_for(editor)


@pytest.fixture
def publisher_api(publisher):
    return client_for(publisher)

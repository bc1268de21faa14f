"""Fixtures for the API tests: an API client, clients signed in with a token, throttles out of the way."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _no_throttling_between_tests(settings):
    """Throttle counts live in the cache: each test starts from zero, at rates no test reaches.

    The throttling tests set their own low rates.
    """
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "10000/minute", "user": "10000/minute"},
    }
    cache.clear()
    yield
    cache.clear()


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

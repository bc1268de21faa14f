"""API clients signed in with a token, and throttles out of the way, for the rule tests."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "10000/minute", "user": "10000/minute"},
    }


def api_client_for(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def editor_api(editor):
    return api_client_for(editor)


@pytest.fixture
def publisher_api(publisher):
    return api_client_for(publisher)

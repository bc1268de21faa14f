"""Fixtures for the security tests: the API clients of tests/api, and throttles out of the way."""

import pytest
from django.core.cache import cache

from tests.api.conftest import api, client_for, editor_api, publisher_api  # noqa: F401


@pytest.fixture
def no_throttling(settings):
    """As tests/api does: throttle counts start from zero, at rates no test reaches."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "10000/minute", "user": "10000/minute"},
    }
    cache.clear()
    yield
    cache.clear()

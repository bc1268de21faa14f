"""Fixtures for the query counts: the API clients of tests/api, and throttles out of the way."""

import pytest

from tests.api.conftest import api, client_for, editor_api  # noqa: F401


@pytest.fixture(autouse=True)
def _unthrottled(no_throttling):
    """As in tests/api: no request counted here may be a 429."""

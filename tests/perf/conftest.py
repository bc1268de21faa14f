"""Fixtures for the query counts: the API clients of tests/api, throttles out of the way, history off."""

import pytest

from tests.api.conftest import api, client_for, editor_api  # noqa: F401


@pytest.fixture(autouse=True)
def _unthrottled(no_throttling):
    """As in tests/api: no request counted here may be a 429."""


@pytest.fixture
def without_history(settings):
    """No page or API answer reads the history of a record; not writing it makes the rows that the
    counts grow quicker to build."""
    settings.SIMPLE_HISTORY_ENABLED = False

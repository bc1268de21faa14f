from contextlib import contextmanager

import pytest
from django.db import transaction

from tests.factories import ProjectFactory

TITLE = "Social and Solidarity Economy in Nepal"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a block as the site runs a transaction, its on-commit callbacks included (inside a test
    the outer transaction never commits)."""

    @contextmanager
    def run():
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            yield

    return run


@pytest.fixture
def response_cache_on(settings):
    """Anonymous answers kept (the suite's settings keep none), and a rate no test run reaches."""
    settings.RESPONSE_CACHE_SECONDS = 300
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "10000/minute", "user": "10000/minute"},
    }


@pytest.fixture
def project():
    """One published project, its title in the pages and answers the caches keep."""
    return ProjectFactory(slug="nepal-sse", title=TITLE)

from contextlib import contextmanager

import pytest
from django.db import transaction


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a block as the site runs a transaction, its on-commit callbacks included (inside a test
    the outer transaction never commits)."""

    @contextmanager
    def run():
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            yield

    return run

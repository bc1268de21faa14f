"""The seed content, for the IATI tests that read it."""

import pytest
from django.core.management import call_command


@pytest.fixture
def seed(db):
    call_command("loaddata", "seed", verbosity=0)

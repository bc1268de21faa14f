"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright's own browser download cannot run here, so the system Chromium is launched by path. Without
it the tests are skipped on a laptop, and fail in CI (CI=true), where a missing browser is a bug.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

# Playwright's sync API runs an event loop in the test thread; Django refuses database access from a
# thread with a running loop unless told that this is safe, which it is in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The site's Content-Security-Policy forbids inline scripts, and so the injected axe-core too.
    return {**browser_context_args, "bypass_csp": True, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def seeded(live_server):
    """The seed content, committed so that the live server's thread sees it. Tests using it are marked
    `django_db(transaction=True)`; the flush after each one empties the database and sends
    post_migrate, which puts back the content types, permissions, staff groups and reference data.

    Loaded without history, which no public page shows: its records are most of the load's time, and
    these tests load the seed once each (tests/conftest.py's `seed` cannot serve a live server)."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        call_command("loaddata", "seed", verbosity=0)
    return live_server.url

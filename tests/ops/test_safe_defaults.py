"""Settings are safe by default (issue 10, item 8): with DJANGO_DEBUG unset the site is not in debug
mode, so a deployment that forgets DJANGO_DEBUG=0 neither starts without a secret key nor shows its
URL patterns on a 404. Each case starts a fresh Python, since settings are read from the environment
once (the test settings turn DEBUG on for the suite, as `make run` does)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

# Django's test client in a process with the environment's settings: DEBUG, and a 404's body.
PROBE = r"""
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings, setup_test_environment
setup_test_environment()
# Pages link static files by their hashed names, which need `collectstatic`: not run here.
plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
# Under /static/, as the response cache (which reads the content version) leaves it alone.
response = Client().get("/static/no-such-file.css", secure=True)
print(settings.DEBUG)
print(response.status_code)
print("Using the URLconf" in response.content.decode())
"""


def run(args, **values):
    """A fresh Python with none of the DJANGO_ variables of this one (DJANGO_DEBUG unset), and `values`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_")) and key != "DATABASE_URL"
    }
    env.update(DJANGO_SETTINGS_MODULE="ilopartners.settings", DATABASE_URL="sqlite://:memory:", **values)
    assert "DJANGO_DEBUG" not in env
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_without_a_secret_key_manage_py_refuses_to_start_and_names_it():
    result = run(["manage.py", "check"])
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "System check identified" not in result.stdout


def test_with_a_secret_key_and_djangodebug_unset_debug_is_off():
    result = run(["-c", PROBE], DJANGO_SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr
    debug, status, shows_urlconf = result.stdout.split()[-3:]
    assert debug == "False"
    assert status == "404"
    assert shows_urlconf == "False"

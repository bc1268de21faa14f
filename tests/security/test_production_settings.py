"""Production settings (DJANGO_DEBUG=0): `check --deploy` is clean, and every response carries the
security headers. Each case starts a fresh Python, since settings are read from the environment once."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

# One production probe for the module: under `-n` its tests run on one worker (pyproject.toml's
# `--dist loadgroup`).
pytestmark = pytest.mark.xdist_group("production-settings")

# Requests made in a production-mode process through Django's test client; prints what came back.
PROBE = r"""
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings, setup_test_environment
setup_test_environment()
# Pages link static files by their hashed names, which need `collectstatic`: not run here.
plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
settings.ALLOWED_HOSTS = ["example.org"]
client = Client(HTTP_HOST="example.org")
def seen(response):
    cookies = {
        name: {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"])}
        for name, morsel in response.cookies.items()
    }
    return {"status": response.status_code, "headers": dict(response.headers), "cookies": cookies}
print(json.dumps({
    "plain_http_page": seen(client.get("/admin/login/")),
    "plain_http_healthz": seen(client.get("/healthz")),
    "proxied_https_page": seen(client.get("/admin/login/", HTTP_X_FORWARDED_PROTO="https")),
    "settings": {
        name: getattr(settings, name)
        for name in ("SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE", "DEBUG")
    },
}))
"""


def production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_")) and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="example.org",
        DJANGO_SETTINGS_MODULE="ilopartners.settings",
        # Nothing here needs stored data; an in-memory database keeps the probe self-contained.
        DATABASE_URL="sqlite://:memory:",
    )
    env.update(extra)
    return env


def run(args, **env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def probe(**env):
    result = run(["-c", PROBE], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr


def test_check_deploy_reports_no_issue_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["manage.py", "check"], DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.fixture(scope="module")
def production():
    seen, stderr = probe()
    return {**seen, "log": stderr}


def test_plain_http_is_redirected_to_https(production):
    response = production["plain_http_page"]
    assert response["status"] == 301
    assert response["headers"]["Location"] == "https://example.org/admin/login/"


def test_healthz_answers_over_plain_http(production):
    assert production["plain_http_healthz"]["status"] == 200


def test_https_responses_carry_hsts_and_the_security_headers(production):
    headers = production["proxied_https_page"]["headers"]
    assert production["proxied_https_page"]["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_cookies_are_secure_and_http_only(production):
    assert production["proxied_https_page"]["cookies"]["csrftoken"] == {"secure": True, "httponly": True}
    assert production["settings"]["SESSION_COOKIE_SECURE"] is True
    assert production["settings"]["SESSION_COOKIE_HTTPONLY"] is True
    assert production["settings"]["DEBUG"] is False


def test_production_logs_are_one_json_object_a_line_with_the_request_id(production):
    lines = [json.loads(line) for line in production["log"].splitlines() if line.strip()]
    requests = [line for line in lines if line["logger"] == "ilopartners.request"]
    assert {line["path"] for line in requests} == {"/admin/login/", "/healthz"}
    for line in requests:
        assert len(line["request_id"]) == 32
        assert {"time", "level", "message", "method", "status", "duration_ms"} <= set(line)


def test_https_can_be_switched_off_for_a_production_run_on_plain_loopback():
    seen, _ = probe(DJANGO_HTTPS="0")
    response = seen["plain_http_page"]
    assert response["status"] == 200
    assert "Strict-Transport-Security" not in response["headers"]
    assert response["cookies"]["csrftoken"]["secure"] is False
    assert seen["settings"]["SESSION_COOKIE_SECURE"] is False
    assert "Content-Security-Policy" in response["headers"]

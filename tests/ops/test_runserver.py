"""What `make run` and `make serve` serve: the development server (Python's wsgiref) and gunicorn,
each started for real, answer every kind of response the test client does, including a 201 with a
Location header (wsgiref refuses a header value that is a str subclass, which gunicorn accepts)."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

# One server of each kind for the module: under `-n` its tests run on one worker (pyproject.toml's
# `--dist loadgroup`).
pytestmark = pytest.mark.xdist_group("runserver")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )


@pytest.fixture(scope="module", params=["runserver", "gunicorn"])
def runserver(request, tmp_path_factory):
    """A running server of each kind (`make run`'s and `make serve`'s) over its own seeded database,
    with a superuser's token."""
    database = tmp_path_factory.mktemp(request.param) / "db.sqlite3"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{database}", DJANGO_SETTINGS_MODULE="ilopartners.settings"
    )
    manage("migrate", "--noinput", "-v0", env=env)
    manage("load_seed", "-v0", env=env)
    token = secrets.token_hex(20)
    manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; from rest_framework.authtoken.models import Token;"
        "user = User.objects.create_superuser('api-admin', 'a@example.org', 'x');"
        f"Token.objects.create(user=user, key='{token}')",
        env=env,
    )
    port = free_port()
    if request.param == "runserver":
        command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    else:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), "--config", "gunicorn.conf.py", "ilopartners.wsgi:application"]
        env.update(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1")
    server = subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.terminate()
        raise AssertionError(f"{request.param} did not answer")
    yield base, token
    server.terminate()
    server.wait(timeout=10)


def request(url, method="GET", body=None, token=None):
    headers = {}
    if body is not None:
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    data = json.dumps(body).encode() if body is not None else None
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, data, headers, method=method), timeout=10
        ) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.parametrize(
    ("resource", "body"),
    [
        (
            "donors",
            {"name": "Runserver donor", "slug": "runserver-donor", "kind": "member-state", "country": "FR"},
        ),
        ("projects", {"title": "Runserver project", "slug": "runserver-project", "countries": ["NP"]}),
        (
            "events",
            {
                "title": "Runserver event",
                "slug": "runserver-event",
                "kind": "seminar",
                "start": "2026-12-01T09:00:00Z",
                "timezone": "Asia/Tokyo",
                "format": "in-person",
            },
        ),
        (
            "contributions",
            {"donor": "japan", "kind": "assessed", "year_from": 2020, "year_to": 2021, "amount_usd": "10.00"},
        ),
    ],
)
def test_a_create_answers_201_with_its_location(runserver, resource, body):
    base, token = runserver
    status, headers, content = request(f"{base}/api/v1/{resource}/", "POST", body, token)
    assert status == 201, content
    assert headers["Location"].startswith(f"{base}/api/v1/{resource}/")
    assert request(headers["Location"], token=token)[0] == 200


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/projects/",
        "/donors/japan/",
        "/events/calendar.ics",
        "/feeds/events/",
        "/api/v1/projects/?format=csv",
        "/sitemap.xml",
        "/nothing-here/",
    ],
)
def test_pages_and_exports_answer(runserver, path):
    base, _ = runserver
    status, _, _ = request(f"{base}{path}")
    assert status == (404 if path == "/nothing-here/" else 200)

"""Redis stopped and started again under a running production server (gunicorn, DEBUG off): pages keep
answering from the database with one warning logged, not a traceback per request, and the server goes
back to its cache by itself when Redis returns (tests/limits/test_cache_outage.py tests the same in
process)."""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.redis_server import free_port

BASE_DIR = Path(__file__).resolve().parents[2]
RETRY_SECONDS = 2
RENAME = (
    "from projects.models import Project; p = Project.objects.published().first(); "
    "p.title = 'Fish & chips'; p.save()"
)


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers.get("X-Cache", "")


def wait_for(url):
    for _ in range(300):
        try:
            return get(url)
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer")


def log_records(path):
    records = []
    for line in path.read_text().splitlines():
        if line.strip():
            records.append(json.loads(line))  # every line JSON, the outage's included
    return records


@pytest.fixture
def site(tmp_path, redis_server):
    """A migrated SQLite database with the seed, served by gunicorn (one worker) with Redis as the cache."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SETTINGS_MODULE="ilopartners.settings",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_CACHE_RETRY_SECONDS=str(RETRY_SECONDS),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=f"redis://127.0.0.1:{redis_server.port}/0",
    )
    for command in (["migrate", "--noinput"], ["load_seed"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=BASE_DIR, env=env, check=True, capture_output=True
        )
    port = free_port()
    log = tmp_path / "server.log"
    env.update(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(gunicorn), "--config", "gunicorn.conf.py", "ilopartners.wsgi:application"],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/healthz")
        yield base, log, env
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


@pytest.mark.xdist_group("gunicorn-redis")
def test_redis_stopped_and_started_again_under_a_running_server(site, redis_server):
    base, log, environment = site
    paths = ["/", "/projects/", "/donors/japan/", "/api/v1/projects/"]
    for path in paths:
        assert get(base + path)[0] == 200
    status, cache = get(base + "/")
    assert (status, cache) == (200, "hit")

    redis_server.stop()
    started = time.monotonic()
    down = [get(base + path) for _ in range(5) for path in paths]
    intervals = 1 + int((time.monotonic() - started) // RETRY_SECONDS)
    assert {status for status, _ in down} == {200}

    records = log_records(log)
    unreachable = [record for record in records if "cannot be reached" in record.get("message", "")]
    # One warning per retry interval (Redis is tried again once per interval), not one per call.
    assert 1 <= len(unreachable) <= intervals, (len(unreachable), intervals)
    assert unreachable[0]["level"] == "WARNING"
    assert not [record for record in records if record.get("level") in ("ERROR", "CRITICAL")]
    assert "Traceback" not in log.read_text()

    # What the worker keeps in its memory meanwhile is never stale: a change made elsewhere (another
    # process) is seen at once.
    assert "Fish &amp; chips" not in urllib.request.urlopen(base + "/projects/", timeout=30).read().decode()
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", RENAME],
        cwd=BASE_DIR,
        env=environment,
        check=True,
        capture_output=True,
    )
    assert "Fish &amp; chips" in urllib.request.urlopen(base + "/projects/", timeout=30).read().decode()

    redis_server.start()  # the same port again
    time.sleep(RETRY_SECONDS + 0.5)
    assert get(base + "/")[0] == 200
    for _ in range(50):
        status, cache = get(base + "/")
        if cache == "hit":
            break
        time.sleep(0.1)
    assert (status, cache) == (200, "hit")  # back on the cache, with no restart
    assert any("reachable again" in record.get("message", "") for record in log_records(log))

"""Two application servers behind one PostgreSQL and one Redis (docs/scaling.md): each is a production
gunicorn over loopback, with the read-replica router on; a change made through one is seen on the
other at once, cached pages included, and a staff session opened on one is valid on the other.

Runs in the PostgreSQL pass of the suite (DATABASE_URL=postgres://…), in its own database and its own
Redis database. Outside CI it is skipped when PostgreSQL or Redis is not running; in CI (CI=true)
that is a failure.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
DATABASE = "ilopartners_two_servers"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/14"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="runs in the PostgreSQL pass (DATABASE_URL=postgres://…)",
    ),
    # One worker under -n: the module's servers share one database, which its fixture drops and
    # makes anew; two workers each running the fixture would drop it under each other.
    pytest.mark.xdist_group("two-servers"),
]


def reachable(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    for name, port in (("PostgreSQL", 5432), ("Redis", 6379)):
        if not reachable(port):
            message = f"{name} is not running on 127.0.0.1:{port}"
            if IN_CI:
                pytest.fail(message)
            pytest.skip(message)
    import psycopg
    import redis

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    redis.Redis.from_url(REDIS_URL).flushdb()
    work = tmp_path_factory.mktemp("two-servers")
    env = {
        **os.environ,
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        # The replica alias names the primary itself (there is no streaming replication here), so
        # anonymous reads take the replica's path through the router as they would in production.
        "DATABASE_REPLICA_URL": f"{POSTGRES}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": "two-servers-test-secret-key-not-used-anywhere-else-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_RESPONSE_CACHE_SECONDS": "300",
    }

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, capture_output=True
        )

    manage("migrate", "--noinput")
    manage("load_seed")
    manage("collectstatic", "--noinput")
    manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User; from kernel.roles import PUBLISHERS; "
        "u = User.objects.create_user('publisher', password='two-servers-pass', is_staff=True); "
        "u.groups.add(Group.objects.get(name=PUBLISHERS))",
    )
    yield env
    redis.Redis.from_url(REDIS_URL).flushdb()
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


@pytest.fixture(scope="module")
def servers(environment, tmp_path_factory):
    """Two gunicorn instances, each with its own workers, sharing the database and the cache."""
    processes, urls = [], []
    log_dir = tmp_path_factory.mktemp("logs")
    for index in range(2):
        port = free_port()
        log = (log_dir / f"server-{index}.log").open("w")
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--config",
                    "gunicorn.conf.py",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "ilopartners.wsgi:application",
                ],
                cwd=BASE_DIR,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 60
    for url in urls:
        while True:
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    logs = "\n".join(path.read_text() for path in log_dir.iterdir())
                    pytest.fail(f"the servers did not start:\n{logs}")
                time.sleep(0.3)
    yield urls
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        process.wait(timeout=30)


def fetch(url, opener=None):
    response = (opener or urllib.request.build_opener()).open(url, timeout=30)
    return response.status, response.headers, response.read().decode()


def staff_opener(base):
    """A browser's session: the admin login form, with its CSRF token, on one server."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/admin/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urlencode({"username": "publisher", "password": "two-servers-pass", "csrfmiddlewaretoken": token})
    request = urllib.request.Request(
        f"{base}/admin/login/?next=/admin/", data=form.encode(), headers={"Referer": f"{base}/admin/login/"}
    )
    assert opener.open(request, timeout=30).status == 200
    return opener, jar


def api_write(opener, jar, base, method, path, payload):
    csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    request = urllib.request.Request(
        f"{base}{path}",
        data=json.dumps(payload).encode(),
        method=method,
        headers={"Content-Type": "application/json", "X-CSRFToken": csrf, "Referer": f"{base}/"},
    )
    try:
        response = opener.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        pytest.fail(f"{method} {path}: {error.code} {error.read().decode()}")
    return json.loads(response.read().decode())


def test_a_change_on_one_server_is_seen_on_the_other_at_once(servers):
    one, two = servers
    project = json.loads(fetch(f"{two}/api/v1/projects/?page_size=1")[2])["results"][0]
    slug, title = project["slug"], project["title"]
    page = f"{two}/projects/{slug}/"
    # The second server serves the page, then serves it again from the shared cache.
    assert fetch(page)[1]["X-Cache"] == "miss"
    status, headers, body = fetch(page)
    assert (status, headers["X-Cache"]) == (200, "hit")
    assert title in body

    # A publisher signs in on the first server; the same session is valid on the second.
    opener, jar = staff_opener(one)
    assert fetch(f"{two}/admin/", opener)[0] == 200

    # An edit through the first server's API is on the second server's page at once.
    api_write(opener, jar, one, "PATCH", f"/api/v1/projects/{slug}/", {"title": "Edited on server one"})
    status, headers, body = fetch(page)
    assert headers["X-Cache"] == "miss"
    assert "Edited on server one" in body

    # An unpublish through the first server hides the record on the second at once.
    api_write(opener, jar, one, "PATCH", f"/api/v1/projects/{slug}/", {"publication_status": "draft"})
    with pytest.raises(urllib.error.HTTPError) as gone:
        fetch(page)
    assert gone.value.code == 404
    listed = json.loads(fetch(f"{two}/api/v1/projects/?page_size=100")[2])["results"]
    assert slug not in {row["slug"] for row in listed}

    # And publishing it again brings it back there.
    api_write(opener, jar, one, "PATCH", f"/api/v1/projects/{slug}/", {"publication_status": "published"})
    assert "Edited on server one" in fetch(page)[2]


def test_static_files_are_fingerprinted_compressed_and_cached_for_ever(servers):
    """`make serve`'s static files: WhiteNoise serves the collected, hashed names, compressed, with
    far-future cache headers (a new build has new names, so nothing stale is ever kept)."""
    page = fetch(f"{servers[0]}/")[2]
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)
    assert css, "the page links the fingerprinted stylesheet"
    request = urllib.request.Request(f"{servers[0]}{css.group(1)}", headers={"Accept-Encoding": "gzip"})
    response = urllib.request.build_opener().open(request, timeout=30)
    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    cache_control = response.headers["Cache-Control"]
    assert "immutable" in cache_control
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= 365 * 24 * 60 * 60

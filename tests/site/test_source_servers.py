"""The download of a source's PDF under both servers: `make run`'s development server and gunicorn
in production mode (`make serve`), each from the folder `DJANGO_SOURCE_FILES_DIR` names; and what
each server sends a reader that accepts gzip: pages, API answers and static files compressed, a PDF
as it is."""

import gzip
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"

# One pair of servers for the module: under `-n` its tests run on one worker.
pytestmark = pytest.mark.xdist_group("source-servers")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    work = tmp_path_factory.mktemp("source-servers")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="ilopartners.settings",
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        DJANGO_SOURCE_FILES_DIR=str(work / "sources"),
        DJANGO_STATIC_ROOT=str(work / "static"),
        DJANGO_SECRET_KEY="source-servers-test-secret-key-not-used-anywhere-else-0123456789",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_HTTPS="0",
        DJANGO_LOG_LEVEL="WARNING",
    )

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env={**env, "DJANGO_DEBUG": "1"},
            check=True,
            capture_output=True,
        )

    manage("migrate", "--noinput", "-v0")
    # As `make serve` does: production pages (the 404) need the static files' manifest.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env={**env, "DJANGO_DEBUG": "0"},
        check=True,
        capture_output=True,
    )
    manage(
        "shell",
        "-c",
        "from django.core.files.base import ContentFile; from kernel.taxonomy.models import Source; "
        "s = Source(slug='brochure', title='Brochure', kind='brochure'); "
        f"s.file.save('x.pdf', ContentFile({PDF!r})); "
        # Cited by a published record: the public sees a source a public record cites.
        "from donors.models import Donor; "
        "Donor.objects.create(slug='japan', name='Japan', kind='member-state', source=s, "
        "publication_status='published')",
    )
    return env, work


def start(command, env, log):
    return subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_for(base, process, log_path):
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # answering, if not healthy in every respect
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail(f"the server did not start:\n{log_path.read_text()}")
            time.sleep(0.3)


@pytest.fixture(scope="module", params=["runserver", "gunicorn"])
def server(request, environment):
    env, work = environment
    port = free_port()
    if request.param == "runserver":
        command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
        env = {**env, "DJANGO_DEBUG": "1"}
    else:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "ilopartners.wsgi:application",
        ]
        env = {**env, "DJANGO_DEBUG": "0"}
    log_path = work / f"{request.param}.log"
    with log_path.open("w") as log:
        process = start(command, env, log)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(base, process, log_path)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_the_server_serves_the_pdf_as_a_download(server):
    with urllib.request.urlopen(f"{server}/sources/brochure/file/", timeout=30) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.headers["Content-Disposition"] == 'attachment; filename="brochure.pdf"'
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.read() == PDF


def test_the_folder_itself_is_not_served(server, environment):
    _, work = environment
    (name,) = [path.name for path in (work / "sources").iterdir()]
    for path in (f"/media/{name}", f"/media/sources/{name}", f"/sources/{name}"):
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(f"{server}{path}", timeout=30)
        assert error.value.code == 404


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return response.headers, body


@pytest.mark.parametrize(
    ("path", "text"),
    [("/donors/japan/", b"Japan"), ("/api/v1/donors/", b'"slug":"japan"'), ("/feeds/projects/", b"<feed")],
)
def test_a_text_answer_is_compressed_for_a_reader_that_accepts_gzip(server, path, text):
    for kept in ("miss", "hit"):  # made, then served as kept
        headers, body = fetch(f"{server}{path}")
        assert (headers["X-Cache"], headers["Content-Encoding"]) == (kept, "gzip")
        assert "Accept-Encoding" in headers["Vary"]
        assert text in body


def test_a_static_file_is_sent_whole_compressed_or_not(server, request):
    with urllib.request.urlopen(f"{server}/", timeout=30) as response:
        (stylesheet,) = set(re.findall(r'href="(/static/css/site[^"]*\.css)"', response.read().decode()))
    headers, body = fetch(f"{server}{stylesheet}")
    # WhiteNoise sends the copy collectstatic compressed; the development server the file itself.
    production = request.node.callspec.params["server"] == "gunicorn"
    assert headers.get("Content-Encoding") == ("gzip" if production else None)
    assert b"body" in body and not body.startswith(b"\x1f\x8b")  # compressed once, not twice


def test_a_pdf_is_sent_as_it_is(server):
    headers, body = fetch(f"{server}/sources/brochure/file/")
    assert "Content-Encoding" not in headers
    assert headers["Content-Length"] == str(len(PDF))
    assert body == PDF

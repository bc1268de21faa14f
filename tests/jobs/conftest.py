"""A real task worker (`manage.py db_worker`) in a process of its own, on the test's database."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from operations.models import ImportJob

ROOT = Path(__file__).resolve().parents[2]


def database_url():
    """The test database as DATABASE_URL: a file on SQLite (tests/settings.py), or PostgreSQL's."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_environment(**extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ilopartners.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url(),
        "DJANGO_IMPORT_UPLOAD_DIR": str(settings.IMPORT_UPLOAD_DIR),
        **extra,
    }


WORKER = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"]


@pytest.fixture
def upload_dir(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    return settings.IMPORT_UPLOAD_DIR


@pytest.fixture
def start_worker(upload_dir):
    """Start `manage.py db_worker` against the test database; stopped after the test."""
    started = []

    def start():
        process = subprocess.Popen(
            WORKER, cwd=ROOT, env=worker_environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        started.append(process)
        return process

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for_job(job, *, seconds=180, watch=None):
    """Poll the job until it has finished; `watch(job)` is called at every poll. Returns the job."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if watch is not None:
            watch(job)
        if job.state in (ImportJob.State.DONE, ImportJob.State.FAILED):
            return job
        time.sleep(0.05)
    raise AssertionError(f"the job did not finish in {seconds} s: {job.state}, {job.done}/{job.total}")

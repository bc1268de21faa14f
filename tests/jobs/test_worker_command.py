"""`make run` and `make serve` start the task worker beside the web server, through
scripts/with-worker.sh, and it stops when the server stops."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from operations.models import ImportJob
from tests.factories import UserFactory
from tests.jobs.conftest import ROOT, wait_for_job, worker_environment

# A stand-in for the web server: it waits for the job to be done by the worker, then stops.
SERVER = """
import time, django
django.setup()
from operations.models import ImportJob
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    if ImportJob.objects.get(pk={pk}).state in ("done", "failed"):
        raise SystemExit(0)
    time.sleep(0.1)
raise SystemExit(1)
"""


def processes_marked(marker):
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("target", ["run", "serve"])
def test_the_make_recipes_run_the_server_through_the_worker_script(target):
    recipe = subprocess.run(
        ["make", "-n", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SECRET_KEY": "x"},
    ).stdout
    server = "manage.py runserver" if target == "run" else "gunicorn --config gunicorn.conf.py"
    (line,) = [line for line in recipe.splitlines() if server in line]
    assert "scripts/with-worker.sh .venv/bin/python" in line


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="finds the worker through /proc")
def test_the_worker_script_runs_queued_jobs_and_stops_the_worker_with_the_server(upload_dir):
    job = ImportJob.objects.create(
        kind=ImportJob.Kind.IATI, user=UserFactory(is_staff=True), file_name="a.xml"
    )
    from projects.tasks import import_iati_file

    import_iati_file.enqueue(job_id=job.pk, upload="not-a-signed-claim", strict=False, publish=False)
    marker = f"ILOP_WORKER_TEST={uuid.uuid4().hex}"
    name, value = marker.split("=")

    finished = subprocess.run(
        ["scripts/with-worker.sh", sys.executable, sys.executable, "-c", SERVER.format(pk=job.pk)],
        cwd=ROOT,
        env=worker_environment(**{name: value}),
        capture_output=True,
        text=True,
        timeout=150,
    )

    assert finished.returncode == 0, finished.stdout + finished.stderr
    job = wait_for_job(job, seconds=1)
    # The worker ran the job: it could not read the upload, so the job failed, saying why.
    assert job.state == "failed" and "names a file this server did not store" in job.summary
    assert processes_marked(marker) == []  # the worker stopped with the "server"

"""A job that will never finish does not stay "running" or "queued" for ever: a worker killed under
it, a worker elsewhere gone silent, or a job no worker took is marked failed with the reason, and the
upload it held is removed. An upload waiting in the queue outlives IMPORT_UPLOAD_MAX_AGE."""

import datetime
import os
import signal
import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from donors.models import Contribution
from kernel.uploads import ImportUploadStorage, held_dir, remove_abandoned_uploads
from operations.jobs import as_uploader, reap_stopped_jobs, run_job
from operations.models import ImportJob, worker_host, worker_name
from tests.factories import DonorFactory, UserFactory
from tests.jobs.conftest import ROOT, WORKER, wait_for_job, worker_environment
from tests.jobs.test_spreadsheet_jobs import contributions_csv, preview_and_confirm

pytestmark = pytest.mark.django_db


def dead_pid():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def held_upload(user, content=b"slug\n"):
    """An upload handed to a job, as the admin hands it: its claim."""
    storage = ImportUploadStorage(read_mode="rb")
    with as_uploader(user.pk):
        storage.save(content)
        return storage.hold()


def running_job(user, *, worker, heartbeat_at, upload=""):
    now = timezone.now()
    return ImportJob.objects.create(
        kind=ImportJob.Kind.SPREADSHEET,
        user=user,
        state=ImportJob.State.RUNNING,
        worker=worker,
        started_at=now - datetime.timedelta(hours=1),
        heartbeat_at=heartbeat_at,
        upload=upload,
        total=10,
    )


@pytest.fixture
def user(upload_dir):
    return UserFactory(is_staff=True, is_superuser=True)


def test_a_job_whose_worker_on_this_server_died_is_marked_failed_and_its_upload_removed(user):
    claim = held_upload(user)
    job = running_job(user, worker=f"{worker_host()}:{dead_pid()}", heartbeat_at=timezone.now(), upload=claim)
    assert [path.name for path in held_dir().iterdir()]

    assert reap_stopped_jobs() == 1

    job.refresh_from_db()
    assert job.state == "failed" and job.finished_at is not None
    assert job.summary.startswith("The worker running this import stopped")
    assert "nothing was imported" in job.summary
    assert not list(held_dir().iterdir())


def test_a_live_worker_on_this_server_is_never_reaped_even_when_its_heartbeat_is_held_up(user):
    # On SQLite the import's own write transaction can hold the heartbeat up for long.
    old = timezone.now() - datetime.timedelta(days=1)
    job = running_job(user, worker=worker_name(), heartbeat_at=old)

    assert reap_stopped_jobs() == 0
    job.refresh_from_db()
    assert job.state == "running"


def test_a_worker_on_another_server_is_judged_by_its_heartbeat(user, settings):
    settings.JOB_STALE_SECONDS = 600
    now = timezone.now()
    silent = running_job(user, worker="elsewhere:1", heartbeat_at=now - datetime.timedelta(seconds=601))
    beating = running_job(user, worker="elsewhere:2", heartbeat_at=now - datetime.timedelta(seconds=30))

    assert reap_stopped_jobs() == 1

    silent.refresh_from_db()
    beating.refresh_from_db()
    assert (silent.state, beating.state) == ("failed", "running")
    assert "elsewhere:1" in silent.summary


def test_a_job_no_worker_took_in_time_fails(user, settings):
    settings.JOB_QUEUE_MAX_SECONDS = 3600
    claim = held_upload(user)
    forgotten = ImportJob.objects.create(
        kind="iati", user=user, upload=claim, created_at=timezone.now() - datetime.timedelta(seconds=3601)
    )
    waiting = ImportJob.objects.create(kind="iati", user=user, created_at=timezone.now())

    assert reap_stopped_jobs() == 1

    forgotten.refresh_from_db()
    waiting.refresh_from_db()
    assert forgotten.state == "failed" and forgotten.summary.startswith("No worker took this import")
    assert waiting.state == "queued"
    assert not list(held_dir().iterdir())


def test_the_job_pages_show_a_stopped_job_as_failed(client, user):
    job = running_job(user, worker=f"{worker_host()}:{dead_pid()}", heartbeat_at=timezone.now())
    client.force_login(user)

    listing = client.get(reverse("admin:operations_importjob_changelist")).content.decode()

    job.refresh_from_db()
    assert job.state == "failed"
    assert "failed" in listing
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The worker running this import stopped" in page and 'http-equiv="refresh"' not in page


def test_the_command_reaps_too(user, capsys):
    running_job(user, worker=f"{worker_host()}:{dead_pid()}", heartbeat_at=timezone.now())
    call_command("reap_stopped_jobs")
    assert "Marked 1 stopped import job(s) failed." in capsys.readouterr().out


def test_a_worker_claims_a_job_once(user):
    job = ImportJob.objects.create(kind="iati", user=user)
    ran = []
    run_job(job.pk, lambda job: (ran.append(job.worker), job.finish(summary="ok")))
    assert run_job(job.pk, lambda job: ran.append("again")) == "done"
    assert ran == [worker_name()]


@pytest.mark.django_db(transaction=True)  # the heartbeat writes on a connection of its own
def test_the_heartbeat_is_written_while_the_job_runs(user, settings):
    settings.JOB_HEARTBEAT_SECONDS = 0.05
    job = ImportJob.objects.create(kind="iati", user=user)
    beats = []

    def work(job):
        first = ImportJob.objects.get(pk=job.pk).heartbeat_at
        time.sleep(0.5)
        beats.append((first, ImportJob.objects.get(pk=job.pk).heartbeat_at))
        job.finish(summary="ok")

    run_job(job.pk, work)
    first, later = beats[0]
    assert later > first


def test_a_held_upload_is_not_swept_as_abandoned_and_outlives_the_claims_age(user, settings):
    claim = held_upload(user, b"kept")
    settings.IMPORT_UPLOAD_MAX_AGE = 1

    assert remove_abandoned_uploads(now=time.time() + 10_000) == 0
    time.sleep(1.1)
    with as_uploader(user.pk):
        assert ImportUploadStorage(name=claim, held=True, read_mode="rb").read() == b"kept"


def test_a_held_claim_is_not_an_ordinary_one_and_the_other_way_round(user):
    claim = held_upload(user)
    other = UserFactory(is_staff=True)
    with as_uploader(user.pk), pytest.raises(Exception, match="did not store"):
        ImportUploadStorage(name=claim, read_mode="rb").read()
    with as_uploader(other.pk), pytest.raises(Exception, match="another user"):
        ImportUploadStorage(name=claim, held=True, read_mode="rb").read()


@pytest.mark.django_db(transaction=True)
def test_a_job_queued_longer_than_the_upload_age_still_imports(client, settings, upload_dir):
    settings.IMPORT_BACKGROUND_ROWS = 20
    DonorFactory(slug="japan")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert preview_and_confirm(client, contributions_csv(30)).status_code == 302
    time.sleep(1.5)  # the queue waits longer than an upload may, for the worker below

    worker = subprocess.Popen(
        WORKER, cwd=ROOT, env=worker_environment(DJANGO_IMPORT_UPLOAD_MAX_AGE="1"), stdout=subprocess.DEVNULL
    )
    try:
        job = wait_for_job(ImportJob.objects.get())
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    assert job.state == "done", job.summary
    assert Contribution.objects.count() == 30
    assert not [path for path in upload_dir.rglob("*") if path.is_file()]


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_job_leaves_a_failed_job_and_nothing_imported(client, settings, start_worker):
    settings.IMPORT_BACKGROUND_ROWS = 20
    DonorFactory(slug="japan")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert preview_and_confirm(client, contributions_csv(3000)).status_code == 302
    job = ImportJob.objects.get()

    worker = start_worker()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state == "running" and job.done > 0:
            break
        time.sleep(0.02)
    assert job.state == "running", job.summary
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)

    listing = client.get(reverse("admin:operations_importjob_changelist")).content.decode()

    job.refresh_from_db()
    assert job.state == "failed", job.summary
    assert job.summary.startswith("The worker running this import stopped") and "failed" in listing
    assert not Contribution.objects.exists()
    assert not list(held_dir().iterdir())

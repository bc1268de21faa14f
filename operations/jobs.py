"""Running an import as a background job: the job record kept up to date, as the user who started it.

A task (django-tasks, run by `manage.py db_worker`) calls `run_job(job_id, work)`; `work(job)` does
the import and ends the job with `job.finish()` or `job.fail()`. Anything it did not expect fails the
job with a one-line reason (and is raised again, so the task's own record keeps the traceback).

A job whose worker is killed (or whose server goes away) cannot end itself: while it runs, a thread
writes a heartbeat every JOB_HEARTBEAT_SECONDS, and `reap_stopped_jobs()` marks failed what
`ImportJob.objects.stopped()` finds (a dead worker on this server, a silent one elsewhere, a job no
worker took), removing the upload it held. Its import ran in one transaction, which the database
rolled back when the worker's connection went: the failure says that nothing was imported. The
reaper runs when a worker starts (scripts/with-worker.sh) and whenever staff open the job pages.
"""

import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from kernel import versioning
from kernel.uploads import discard_held, uploader
from operations.models import ImportJob

logger = logging.getLogger(__name__)


@contextmanager
def as_uploader(user_id):
    """Read and remove uploads as this user (kernel/uploads.py), as their request would."""
    token = uploader.set(user_id)
    try:
        yield
    finally:
        uploader.reset(token)


class Heartbeat(threading.Thread):
    """Writes the job's heartbeat every JOB_HEARTBEAT_SECONDS until stopped, on a connection of its
    own; a write that cannot be made now (SQLite busy with the import's transaction) is skipped."""

    def __init__(self, job):
        super().__init__(name=f"import-job-{job.pk}-heartbeat", daemon=True)
        self.job, self.stopping = job, threading.Event()

    def run(self):
        try:
            while not self.stopping.wait(settings.JOB_HEARTBEAT_SECONDS):
                try:
                    self.job.beat()
                except DatabaseError as error:
                    logger.debug("Import job %s: heartbeat skipped (%s).", self.job.pk, error)
        finally:
            connection.close()

    def stop(self):
        self.stopping.set()
        self.join()


def run_job(job_id, work):
    versioning.start_afresh()  # the worker's thread outlives a job: no content version from the last
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if not job.claim():
        job.refresh_from_db()
        logger.warning("Import job %s is %s already; not run again.", job.pk, job.state)
        return job.state
    heartbeat = Heartbeat(job)
    heartbeat.start()
    try:
        with as_uploader(job.user_id):
            work(job)
    except Exception as error:
        job.fail(summary=f"The import stopped on an unexpected error; nothing was imported. ({error})")
        raise
    finally:
        heartbeat.stop()
    return job.state


def reap_stopped_jobs(now=None):
    """Mark failed the jobs that will never finish (see the module); returns how many."""
    reaped = 0
    for job in ImportJob.objects.stopped(now).only("pk", "state", "upload", "worker"):
        if job.state == ImportJob.State.QUEUED:
            summary = "No worker took this import in time; nothing was imported. Upload the file again."
        else:
            summary = (
                f"The worker running this import stopped ({job.worker or 'unknown'}); its transaction was "
                "rolled back and nothing was imported. Upload the file again."
            )
        # Only if the job is still as it was found: a worker finishing it meanwhile wins.
        changed = ImportJob.objects.filter(pk=job.pk, state=job.state).update(
            state=ImportJob.State.FAILED, summary=summary, finished_at=now or timezone.now()
        )
        if changed:
            reaped += 1
            discard_held(job.upload)
            logger.warning("Import job %s marked failed: %s", job.pk, summary)
    return reaped


class JobProgress:
    """An `advance()` progress (as kernel/progress.py's) that writes a job's count, committed at once:
    every `every` steps and at the end, with a line saying what is being done."""

    def __init__(self, job, *, noun, every=25):
        self.job, self.noun, self.every = job, noun, every
        self.pending = 0

    def advance(self, count=1):
        self.pending += count
        if self.pending >= self.every or self.job.done + self.pending >= self.job.total:
            self.flush()

    def flush(self):
        done = min(self.job.done + self.pending, self.job.total)
        if done >= self.job.total:
            summary = f"Checked {self.job.total:,} {self.noun}; writing them in one transaction."
        else:
            summary = f"Checked {done:,} of {self.job.total:,} {self.noun}."
        self.job.advance(self.pending, summary=summary)
        self.pending = 0

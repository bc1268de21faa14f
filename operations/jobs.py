"""Running an import as a background job: the job record kept up to date, as the user who started it.

A task (django-tasks, run by `manage.py db_worker`) calls `run_job(job_id, work)`; `work(job)` does
the import and ends the job with `job.finish()` or `job.fail()`. Anything it did not expect fails the
job with a one-line reason (and is raised again, so the task's own record keeps the traceback).
"""

import logging
from contextlib import contextmanager

from kernel.uploads import uploader
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


def run_job(job_id, work):
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.state != ImportJob.State.QUEUED:
        logger.warning("Import job %s is %s already; not run again.", job.pk, job.state)
        return job.state
    try:
        with as_uploader(job.user_id):
            work(job)
    except Exception as error:
        job.fail(summary=f"The import stopped on an unexpected error; nothing was imported. ({error})")
        raise
    return job.state


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

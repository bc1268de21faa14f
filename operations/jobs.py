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

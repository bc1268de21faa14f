"""Background jobs (django-tasks): queued in the database itself, run by `manage.py db_worker`.

The database backend needs nothing beside the database the site already has, so it works alike on
SQLite and PostgreSQL, and any number of workers, on any number of servers, can share one queue
(on PostgreSQL each claims a task with a row lock, SELECT … FOR UPDATE SKIP LOCKED).
`make run` and `make serve` start a worker beside the web server (scripts/with-worker.sh).
"""

import os

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
    }
}

# A spreadsheet import with more rows than this runs as a background job (operations/imports.py)
# instead of in the confirmation's request; smaller ones are imported at once.
IMPORT_BACKGROUND_ROWS = int(os.environ.get("DJANGO_IMPORT_BACKGROUND_ROWS", 500))

# A running job's worker writes a heartbeat this often. A job is marked failed ("the worker stopped")
# when its worker on this server is gone, or when a worker on another server has sent no heartbeat
# for JOB_STALE_SECONDS; a job no worker took within JOB_QUEUE_MAX_SECONDS fails too
# (operations/jobs.py, `manage.py reap_stopped_jobs`).
JOB_HEARTBEAT_SECONDS = int(os.environ.get("DJANGO_JOB_HEARTBEAT_SECONDS", 30))
JOB_STALE_SECONDS = int(os.environ.get("DJANGO_JOB_STALE_SECONDS", 10 * 60))
JOB_QUEUE_MAX_SECONDS = int(os.environ.get("DJANGO_JOB_QUEUE_MAX_SECONDS", 24 * 60 * 60))

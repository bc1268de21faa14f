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

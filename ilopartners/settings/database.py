"""The database: SQLite by default, PostgreSQL from DATABASE_URL, an optional read replica."""

import os

import dj_database_url

from ilopartners.settings.environment import BASE_DIR

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a writer commits; the timeout waits out short write locks. The
    # connection is kept between requests like PostgreSQL's: opening one reads the whole schema
    # again (3 ms here), three times what a page served from the cache costs otherwise.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
# The longest a single statement may run on PostgreSQL, in milliseconds: set by the production server
# (gunicorn.conf.py) so that no request holds a worker and a connection for ever; commands (migrate,
# demo data, restore) run without it. 0 or unset: no limit.
STATEMENT_TIMEOUT_MS = int(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT_MS") or 0)
if STATEMENT_TIMEOUT_MS and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"
# A PostgreSQL read replica for anonymous reads (operations/routers.py, docs/scaling.md).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    # Tests run against the primary only; the replica alias reads the same test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["operations.routers.PrimaryReplicaRouter"]

# The database whose content version the copy in Redis describes (kernel/version_copy.py): the one
# anonymous readers read, so that a version from the copy is never newer than the rows they read.
CONTENT_VERSION_COPY_DATABASE = "replica" if "replica" in DATABASES else "default"

"""gunicorn settings for `make serve`, sized to the machine; every value can be overridden by env."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: each request is short and mostly database time; two per core plus one keeps the
# cores busy while one worker waits on the database.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# The longest request line gunicorn accepts (its default is 4094): a list filtered by many repeated
# keys (`country=NP&country=FJ&…`) has a long URL. Longer ones get gunicorn's own 400 page.
limit_request_line = 8190
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
preload_app = True
# No statement may hold a worker's connection longer than the worker may take (docs/operations.md).
raw_env = [
    f"DJANGO_DB_STATEMENT_TIMEOUT_MS={os.environ.get('DJANGO_DB_STATEMENT_TIMEOUT_MS', timeout * 1000)}"
]
# The request-id middleware already logs every request as one structured line.
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
# gunicorn's own lines (booting, a worker's exit, WORKER TIMEOUT) in the site's JSON, so that every
# line of the log is one JSON object (docs/operations.md); plain text when the site logs text.
if os.environ.get("DJANGO_LOG_FORMAT", "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "operations.logging.JsonFormatter"}},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
        },
        "root": {"level": "INFO", "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }
# Behind a TLS-terminating proxy, trust its X-Forwarded-* headers (comma-separated addresses).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


# The site loaded in the master (preload_app, ilopartners/wsgi.py) is out of the garbage collector's
# reach in the workers: a worker's first full collection otherwise walked every object the master
# had loaded, writing to each one's header, so the memory pages the workers shared with the master
# were copied into each worker one by one. That cost each new worker a pause of up to half a second
# under load (a static file's p99 was 0.4-0.6 s in a fresh server's first seconds, `make bench`) and
# its share of memory. As Python's documentation for gc.freeze() advises: collect once, then freeze
# before every fork (a worker started later, to replace one, too).
def when_ready(server):
    gc.collect()
    gc.freeze()


def pre_fork(server, worker):
    gc.freeze()

"""Logs: JSON lines in production, plain text in development, each with its request id."""

import logging
import os

from ilopartners.settings.base import DEBUG

# Logs go to standard output: one JSON object a line in production (or with DJANGO_LOG_FORMAT=json),
# plain text in development. Every line carries the id of the request it was written in.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "operations.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "operations.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per request; in development runserver already prints one.
        "ilopartners.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}
if LOG_FORMAT == "json":
    # Python warnings become log lines too, rather than bare text among the JSON.
    logging.captureWarnings(True)

"""Structured logs: one JSON object a line in production, with the request id on every line."""

import datetime
import json
import logging

from operations.middleware import current_request_id

# Attributes every LogRecord has; anything else on a record came from `extra=`.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}
# Objects passed in `extra` by Django that say nothing a log reader needs, or are not text.
SKIPPED_EXTRAS = {"request", "server_time"}


class RequestIdFilter(logging.Filter):
    """Stamps each record with the id of the request it was logged in ("" outside requests)."""

    def filter(self, record):
        if not getattr(record, "request_id", ""):
            # django.request logs a response after the middleware has let go of the request, but
            # passes the request along.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", "") or current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, request_id, then the record's extras (method, path, status…)."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "")
            or getattr(getattr(record, "request", None), "request_id", "")
            or current_request_id(),
        }
        for key, value in vars(record).items():
            if key in STANDARD_ATTRIBUTES or key in SKIPPED_EXTRAS or key.startswith("_"):
                continue
            entry[key] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)

"""Request ids for log lines, one log line per request, and the client address behind a proxy."""

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.conf import settings

request_id_var = ContextVar("request_id", default="")

REQUEST_ID_HEADER = "X-Request-ID"
# A caller's (or the proxy's) id is kept only when it is a plain token: anything else could forge or
# break log lines.
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,200}$")

request_logger = logging.getLogger("ilopartners.request")


def current_request_id():
    """The id of the request being handled in this thread or task, or "" outside a request."""
    return request_id_var.get()


class RequestIdMiddleware:
    """Gives each request an id (the caller's X-Request-ID when sane), echoes it, logs the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if SANE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For entry our own proxies added.

    With DJANGO_TRUSTED_PROXIES=N (the number of proxies in front of the site, each appending the
    address it saw), the N-th address from the right is the client; entries further left were sent by
    the client and are not trusted. Used by django-axes to count login failures per address.
    """
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")

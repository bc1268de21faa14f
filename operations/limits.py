"""What one request may ask of a worker, refused before any view runs.

- A NUL byte anywhere in the query string is a 400: no database stores it, and PostgreSQL refuses
  it with an error that would otherwise surface as a 500 (an admin filter, an autocomplete term).
- A body larger than its limit is a 413 naming the limit: `API_MAX_BODY_BYTES` for the API,
  `UPLOAD_MAX_BYTES` for everything else (the admin's forms and spreadsheet uploads). A body sent
  without a Content-Length is bounded the same way where it is read (`api/parsers.py`; Django's
  own DATA_UPLOAD_MAX_MEMORY_SIZE for forms).

The limits are settings (docs/operations.md lists them and their environment variables).
"""

from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _


def address_language(request):
    """The language of the address (`/fr/…`), English when it has no prefix."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def _refusal(request, status, message, field="detail", language=None):
    language = language or address_language(request)
    if request.path.startswith("/api/"):
        # The API's error shape: {"parameter": ["message"]}, or {"detail": "message"}.
        return JsonResponse({field: message if field == "detail" else [message]}, status=status)
    # Refused before LocaleMiddleware runs: the page speaks the language of its address (`/fr/…`).
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    context = {"status": status, "message": message, "path": request.path, "prefix": prefix}
    with translation.override(language):
        page = render_to_string("400.html", context)
    return HttpResponse(page, status=status)


def nul_parameter(query):
    """The name of the first query parameter holding a NUL byte (in its name or value), or None."""
    for name, value in parse_qsl(query, keep_blank_values=True):
        if "\x00" in name or "\x00" in value:
            return name.replace("\x00", "") or "query"
    return "query" if "\x00" in query or "%00" in query else None


def body_limit(request):
    """The largest body, in bytes, this request may send."""
    if request.path.startswith("/api/"):
        return settings.API_MAX_BODY_BYTES
    return settings.UPLOAD_MAX_BYTES


def describe_bytes(count):
    if count >= 1024 * 1024 and count % (1024 * 1024) == 0:
        return f"{count // (1024 * 1024)} MB"
    if count >= 1024 and count % 1024 == 0:
        return f"{count // 1024} KB"
    return f"{count} bytes"


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            name = nul_parameter(query)
            with translation.override(address_language(request)):
                message = _("%(name)s holds a NUL byte (%%00), which no value may hold.") % {"name": name}
            return _refusal(request, 400, message, name)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            with translation.override(address_language(request)):
                message = _("The Content-Length header is not a number.")
            return _refusal(request, 400, message)
        limit = body_limit(request)
        if length > limit:
            with translation.override(address_language(request)):
                message = _("The request body is %(size)s; at most %(limit)s is accepted.") % {
                    "size": describe_bytes(length),
                    "limit": describe_bytes(limit),
                }
            return _refusal(request, 413, message)
        return self.get_response(request)

"""Every API error is JSON naming what is at fault, never an HTML page and never a bare 500.

Validation errors are `{"field": ["message", ...]}` (`non_field_errors` for the record as a whole);
every other error is `{"detail": "message"}`. Database refusals that validation cannot foresee (a
record others still refer to, a duplicate created at the same moment) are 409 Conflict.
"""

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger("api")


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The change conflicts with what is stored."
    default_code = "conflict"


def _referring(error):
    """ "2 projects, 1 event" for the records that block a deletion."""
    counts = {}
    for obj in error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects:
        name = obj._meta.verbose_name_plural
        counts[name] = counts.get(name, 0) + 1
    return ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))


def translate(exc):
    """The API exception for a Django or database error a view let through, or None."""
    if isinstance(exc, (ProtectedError, RestrictedError)):
        return Conflict(f"Other records still refer to this one ({_referring(exc)}): change them first.")
    if isinstance(exc, IntegrityError):
        return Conflict("The change conflicts with what is stored (a duplicate, or a missing record).")
    if isinstance(exc, DataError):
        return exceptions.ValidationError(
            {serializers.api_settings.NON_FIELD_ERRORS_KEY: ["A value was refused by the database."]}
        )
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(serializers.as_serializer_error(exc))
    return None


def exception_handler(exc, context):
    response = drf_exception_handler(translate(exc) or exc, context)
    if response is not None:
        return response
    request = context.get("request")
    logger.error(
        "Internal Server Error: %s",
        getattr(request, "path", ""),
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"status_code": 500},
    )
    return Response(
        {"detail": "Something went wrong on our side; it has been logged."},
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )

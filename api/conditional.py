"""Conditional requests: an ETag on every GET, 304 for a current `If-None-Match`, 412 for a stale
`If-Match` on PUT, PATCH and DELETE.

A record's ETag is its version (`kernel.concurrency.etag_for`), the one `If-Match` is checked
against; a JSON list's is a hash of the page sent; a CSV list's is a weak tag over the versions of
all the rows it holds.
"""

import hashlib

from django.http import HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from kernel.concurrency import is_stale


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The record has changed since you read it (If-Match does not name its current ETag): "
        "read it again, then reapply your change."
    )
    default_code = "precondition_failed"


def _opaque(tag):
    return tag.removeprefix("W/")


def is_not_modified(request, etag):
    """Whether `If-None-Match` names this ETag (weak comparison, as RFC 9110 asks), or is `*`."""
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    tags = parse_etags(header)
    return tags == ["*"] or _opaque(etag) in {_opaque(tag) for tag in tags}


def not_modified(etag):
    response = HttpResponseNotModified()
    response["ETag"] = etag
    patch_vary_headers(response, ["Accept", "Authorization"])
    return response


def check_if_match(request, obj):
    """Raise 412 when the request's `If-Match` names another version of the record."""
    if is_stale(obj, request.headers.get("If-Match")):
        raise PreconditionFailed()


def content_etag(content, media_type=""):
    digest = hashlib.sha256(media_type.encode() + b"\x00" + content).hexdigest()[:32]
    return f'"{digest}"'


class ConditionalGetMixin:
    """For an APIView: a 200 GET without an ETag of its own gets one from its rendered body, and a
    request whose `If-None-Match` names it gets a 304 instead."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # What a client sees depends on who it is (staff see drafts).
        patch_vary_headers(response, ["Authorization"])
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == status.HTTP_200_OK
            and not response.streaming
            and not response.has_header("ETag")
        ):
            if isinstance(response, Response):
                response.render()
            response["ETag"] = content_etag(response.content, response.get("Content-Type", ""))
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == status.HTTP_200_OK
            and response.has_header("ETag")
            and is_not_modified(request, response["ETag"])
        ):
            return not_modified(response["ETag"])
        return response

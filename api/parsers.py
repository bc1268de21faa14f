"""Request bodies are JSON, bounded in size and depth; text the database could not store is refused
as a 400, not a 500.

The body's size is checked before it is read in full (`API_MAX_BODY_BYTES`, a 413 naming it; the
Content-Length fast path is `operations/limits.py`); its nesting depth after parsing
(`API_MAX_JSON_DEPTH`, a 400 naming it), and a body nested so deep that Python's parser gives up
is the same 400, not a 500.
"""

from django.conf import settings
from rest_framework import parsers, status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.utils import json

from operations.limits import describe_bytes


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"


def depth_of(data):
    """How deeply lists and objects nest in parsed JSON (a scalar is 0), without recursion."""
    deepest = 0
    stack = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            stack.extend((value, depth + 1) for value in item.values())
            deepest = max(deepest, depth + 1)
        elif isinstance(item, list):
            stack.extend((value, depth + 1) for value in item)
            deepest = max(deepest, depth + 1)
    return deepest


def _strings(data):
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing lone UTF-16 surrogates (`"\\ud800"`), which are not text."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_BODY_BYTES
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise PayloadTooLarge(
                f"The request body is larger than {describe_bytes(limit)}, the most accepted."
            )
        depth_limit = settings.API_MAX_JSON_DEPTH
        depth_error = f"JSON nested more than {depth_limit} levels deep is not accepted."
        try:
            text = body.decode((parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET)
            data = json.loads(text, parse_constant=json.strict_constant if self.strict else None)
        except RecursionError:
            raise ParseError(depth_error) from None
        except (ValueError, UnicodeDecodeError) as error:
            raise ParseError(f"JSON parse error - {error}") from None
        if depth_of(data) > depth_limit:
            raise ParseError(depth_error)
        for text in _strings(data):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise ParseError(
                    "JSON parse error - the body holds a lone surrogate, which is not text."
                ) from None
        return data

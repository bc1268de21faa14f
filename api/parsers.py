"""Request bodies are JSON; text the database could not store is refused as a 400, not a 500."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError


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
        data = super().parse(stream, media_type, parser_context)
        for text in _strings(data):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise ParseError(
                    "JSON parse error - the body holds a lone surrogate, which is not text."
                ) from None
        return data

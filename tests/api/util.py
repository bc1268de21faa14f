"""Small helpers for the API tests."""

import csv
import io


def content(response):
    """The body of a response, streamed or not, as text."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8")


def csv_rows(response):
    """The CSV body as a list of dicts, after checking the byte-order mark spreadsheets need."""
    text = content(response)
    assert text.startswith("\ufeff"), "CSV must start with a UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(text[1:])))


def slugs(response, key="slug"):
    return [row[key] for row in response.json()["results"]]

"""Text answers are gzip'd for readers that accept it, and the caches keep each encoding apart: a
reader that did not ask for gzip never gets it from the cache, nor a gzip reader a plain answer."""

import csv
import gzip
import io

import pytest

from operations.compression import compressible

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("response_cache_on")]

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def encoding(response):
    return response.get("Content-Encoding", "")


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/projects/", b"Social and Solidarity Economy in Nepal"),
        ("/fr/projects/nepal-sse/", b"Social and Solidarity Economy in Nepal"),
        ("/api/v1/projects/", b'"slug":"nepal-sse"'),
        ("/feeds/projects/", b"<feed"),
    ],
)
def test_each_encoding_is_kept_apart_and_served_as_asked(client, project, url, text):
    compressed = client.get(url, **GZIP)
    assert (compressed["X-Cache"], encoding(compressed)) == ("miss", "gzip")
    assert text in gzip.decompress(compressed.content)
    assert "Accept-Encoding" in compressed["Vary"]
    assert int(compressed["Content-Length"]) == len(compressed.content)

    plain = client.get(url)
    assert (plain["X-Cache"], encoding(plain)) == ("miss", "")
    assert text in plain.content and "Accept-Encoding" in plain["Vary"]

    again = client.get(url, **GZIP)
    assert (again["X-Cache"], encoding(again)) == ("hit", "gzip")
    assert again.content == compressed.content
    plain_again = client.get(url)
    assert (plain_again["X-Cache"], encoding(plain_again)) == ("hit", "")
    assert plain_again.content == plain.content


def test_a_compressed_answer_is_much_smaller(client, project):
    plain = client.get("/projects/")
    compressed = client.get("/projects/", **GZIP)
    assert len(compressed.content) * 2 < len(plain.content)


def test_a_kept_compressed_page_answers_a_conditional_get(client, project):
    first = client.get("/projects/nepal-sse/", **GZIP)
    assert first["ETag"].startswith('W/"')  # a compressed body: the same entity, not the same bytes
    again = client.get("/projects/nepal-sse/", HTTP_IF_NONE_MATCH=first["ETag"], **GZIP)
    assert again.status_code == 304


def test_a_streamed_export_is_compressed_as_it_streams(client, project):
    response = client.get("/api/v1/projects/?format=csv", **GZIP)
    assert response.streaming and encoding(response) == "gzip"
    assert "Content-Length" not in response
    rows = list(csv.DictReader(io.StringIO(gzip.decompress(b"".join(response.streaming_content)).decode())))
    assert [row["slug"] for row in rows] == ["nepal-sse"]


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("text/html; charset=utf-8", True),
        ("text/csv; charset=utf-8", True),
        ("text/calendar; charset=utf-8", True),
        ("application/json", True),
        ("application/problem+json", True),
        ("application/atom+xml; charset=utf-8", True),
        ("application/xml", True),
        ("image/svg+xml", True),
        ("application/vnd.oai.openapi; charset=utf-8", True),
        ("application/pdf", False),
        ("image/png", False),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
        ("", False),
    ],
)
def test_only_text_is_compressed(content_type, expected):
    assert compressible(content_type) is expected

"""Request ids and structured logs: every response and log line carry the id of the request."""

import json
import logging
import sys

import pytest

from operations.logging import JsonFormatter, RequestIdFilter
from operations.middleware import current_request_id

pytestmark = pytest.mark.django_db


def test_a_request_gets_an_id_in_its_response(client):
    response = client.get("/healthz")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    assert request_id != client.get("/healthz")["X-Request-ID"]


def test_a_sane_incoming_request_id_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-4f1c.2_a"})
    assert response["X-Request-ID"] == "lb-4f1c.2_a"


@pytest.mark.parametrize(
    "incoming",
    ["", "has space", 'quote"injection', "x" * 201, "new\nline", "\u202etxt.exe", "semi;colon"],
)
def test_an_unsafe_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_each_request_is_logged_with_method_path_status_duration_and_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="ilopartners.request"):
        response = client.get("/healthz", headers={"X-Request-ID": "probe-1"})
    [record] = [record for record in caplog.records if record.name == "ilopartners.request"]
    assert (record.method, record.path, record.status) == ("GET", "/healthz", 200)
    assert record.duration_ms >= 0
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "probe-1" == response["X-Request-ID"]
    assert line["message"] == "GET /healthz 200"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/healthz", 200)
    assert {"time", "level", "logger", "duration_ms"} <= set(line)


def test_the_request_id_is_forgotten_after_the_request(client):
    client.get("/healthz")
    assert current_request_id() == ""


def test_json_formatter_writes_one_object_a_line_with_the_exception():
    logger = logging.getLogger("tests.json")
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        record = logger.makeRecord(
            "tests.json", logging.ERROR, __file__, 1, "failed: %s", ("x",), sys.exc_info()
        )
    RequestIdFilter().filter(record)
    text = JsonFormatter().format(record)
    assert "\n" not in text
    line = json.loads(text)
    assert line["level"] == "ERROR"
    assert line["logger"] == "tests.json"
    assert line["message"] == "failed: x"
    assert line["request_id"] == ""
    assert "ValueError: bad" in line["exception"]


def test_djangos_own_request_log_carries_the_request_id(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/no-such-page/", headers={"X-Request-ID": "probe-404"})
    [record] = [record for record in caplog.records if record.name == "django.request"]
    assert json.loads(JsonFormatter().format(record))["request_id"] == "probe-404"

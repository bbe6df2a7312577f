"""One JSON log line per request: method, path, status, duration, user and request id."""

import io
import json
import logging
import sys

import pytest
from django.db import OperationalError, connection

from chargesites.logs import JsonFormatter, request_id


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "chargesites.requests"]


@pytest.fixture
def caplog(caplog):
    caplog.set_level(logging.INFO, logger="chargesites.requests")
    return caplog


def test_it_logs_one_line_per_request(client, db, caplog):
    response = client.get("/locations/", {"q": "alice@example.com"})

    [line] = request_lines(caplog)
    assert (line.method, line.path, line.status, line.user) == (
        "GET",
        "/locations/",
        200,
        "anonymous",
    )
    assert isinstance(line.duration_ms, float)
    assert line.duration_ms >= 0
    assert line.getMessage().startswith("GET /locations/ 200 ")
    assert "alice@example.com" not in line.getMessage(), "query strings are not logged"
    assert response["X-Request-ID"] == request_id_of(line)


def request_id_of(record):
    return json.loads(JsonFormatter().format(record))["request_id"]


def test_it_names_the_logged_in_user(alice_client, alice, caplog):
    alice_client.get("/dashboard/")

    [line] = request_lines(caplog)
    assert line.user == str(alice.pk)


def test_it_reads_no_session_just_to_log_it(alice_client, caplog, django_assert_num_queries):
    # /health/ never reads the session: its one query is its own SELECT 1, and the line
    # says "not looked up" (null) rather than load the session and the user to name them.
    with django_assert_num_queries(1):
        alice_client.get("/health/")

    [line] = request_lines(caplog)
    assert line.user is None


def test_it_keeps_a_proxy_s_request_id_and_replaces_a_strange_one(client, db):
    kept = client.get("/health/", headers={"X-Request-ID": "lb-7f3a9c1e-0001"})
    replaced = client.get("/health/", headers={"X-Request-ID": "<script>\nbad"})

    assert kept["X-Request-ID"] == "lb-7f3a9c1e-0001"
    assert replaced["X-Request-ID"] != "<script>\nbad"
    assert len(replaced["X-Request-ID"]) == 32


@pytest.fixture
def json_lines():
    """What the console shows: each record formatted as it is written."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_django_s_own_lines_carry_the_request_id(client, db, json_lines):
    response = client.get("/locations/999999/")

    lines = json_lines()
    not_found = next(line for line in lines if line["logger"] == "django.request")
    ours = next(line for line in lines if line["logger"] == "chargesites.requests")
    assert response.status_code == 404
    assert not_found["request_id"] == ours["request_id"] == response["X-Request-ID"]


def test_so_does_the_line_django_writes_after_the_middleware(client, db, json_lines):
    # A 5xx the view returns (not raises) is logged by Django once the middleware is done.
    def refuse(execute, sql, params, many, context):
        raise OperationalError("database unreachable")

    with connection.execute_wrapper(refuse):
        response = client.get("/health/")

    unavailable = next(line for line in json_lines() if line["logger"] == "django.request")
    assert response.status_code == 503
    assert unavailable["request_id"] == response["X-Request-ID"]


def test_each_line_is_one_json_object_with_the_request_id():
    record = logging.LogRecord("ports", logging.ERROR, __file__, 1, "Port %s failed", (7,), None)
    record.port = 7
    record.request = object()  # Django attaches the request itself; it is left out
    token = request_id.set("abc123def456")
    try:
        line = JsonFormatter().format(record)
    finally:
        request_id.reset(token)

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Port 7 failed"
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "ports"
    assert entry["port"] == 7
    assert entry["request_id"] == "abc123def456"
    assert "request" not in entry


def test_a_traceback_stays_inside_its_line():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())

    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: boom" in entry["exception"]

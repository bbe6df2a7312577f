"""When a service goes away: Redis down, the database connection dropped mid-request.

Redis down: pages are served from the database and the outage is logged once per
interval. The database dropped: that request gets the 500 page at once, and the next
request of the same process works again.
"""

import logging
import time

import pytest
from django.core.cache import cache, caches
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections
from django.test import RequestFactory
from redis.exceptions import ConnectionError as RedisConnectionError

from chargesites import cache as fallback
from tests.factories import PASSWORD
from tests.services import closed_port


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "chargesites.cache.FallbackRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def cache_warnings(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "chargesites.cache"]


def test_with_redis_down_search_location_page_and_login_still_answer(
    client, port, alice, redis_down, caplog
):
    site = port.station.site
    started = time.monotonic()

    by_words = client.get("/locations/", {"q": "Maple"})
    near_a_zip = client.get("/locations/", {"near": site.zip_code})
    page = client.get(f"/locations/{site.pk}/")
    login_page = client.get("/accounts/login/")
    logged_in = client.post("/accounts/login/", {"username": alice.email, "password": PASSWORD})
    dashboard = client.get("/dashboard/")

    assert by_words.status_code == 200
    assert "Maple Street Market" in by_words.text
    assert near_a_zip.status_code == 200
    assert "Maple Street Market" in near_a_zip.text
    assert page.status_code == 200
    assert "Maple Street Market" in page.text
    assert login_page.status_code == 200
    assert logged_in.status_code == 302
    assert dashboard.status_code == 200
    assert time.monotonic() - started < 10
    [warning] = cache_warnings(caplog)
    assert "unreachable" in warning
    assert "serving from the database" in warning


class FlakyRedis:
    """Stands in for Django's Redis client: answers from a dict, or fails like a dead server."""

    def __init__(self):
        self.data = {}
        self.down = False
        self.cleared = 0

    def _check(self):
        if self.down:
            raise RedisConnectionError(
                "Error 111 connecting to 127.0.0.1:6379. Connection refused."
            )

    def get(self, key, default):
        self._check()
        return self.data.get(key, default)

    def set(self, key, value, timeout):
        self._check()
        self.data[key] = value

    def delete(self, key):
        self._check()
        return self.data.pop(key, None) is not None

    def incr(self, key, delta):
        self._check()
        if key not in self.data:
            raise ValueError(f"Key {key!r} not found.")
        self.data[key] += delta
        return self.data[key]

    def clear(self):
        self._check()
        self.cleared += 1
        self.data.clear()
        return True


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def flaky(settings, monkeypatch):
    location = f"redis://:s3cret@127.0.0.1:{closed_port()}/3"
    settings.CACHES = {
        "default": {"BACKEND": "chargesites.cache.FallbackRedisCache", "LOCATION": location}
    }
    clock = Clock()
    monkeypatch.setattr(fallback.time, "monotonic", clock)
    redis = FlakyRedis()
    caches["default"]._cache = redis
    return redis, clock


def test_it_logs_an_outage_once_per_interval_and_its_end(flaky, caplog):
    redis, clock = flaky
    cache.set("answer", 42)
    redis.down = True

    misses = [cache.get("answer", "miss") for _ in range(50)]
    clock.now += fallback.FallbackRedisCache.retry_after
    misses += [cache.get("answer", "miss") for _ in range(50)]

    assert misses == ["miss"] * 100
    first, second = cache_warnings(caplog)
    assert "unreachable (ConnectionError" in first
    assert "unreachable for 10 s" in second
    assert "s3cret" not in caplog.text

    redis.down = False
    clock.now += fallback.FallbackRedisCache.retry_after
    assert cache.get("answer") == 42
    back = cache_warnings(caplog)[-1]
    assert back.startswith("Cache redis://127.0.0.1:")
    assert back.endswith("/3 reachable again after 20 s")


def test_it_leaves_redis_alone_between_tries(flaky):
    redis, clock = flaky
    redis.down = True
    cache.get("answer")
    calls = []
    redis.get = lambda key, default: calls.append(key)

    for _ in range(20):
        cache.get("answer")

    assert calls == []


def test_a_delete_missed_during_an_outage_clears_the_cache_when_redis_is_back(flaky, caplog):
    redis, clock = flaky
    cache.set("partner-token", "valid")
    redis.down = True

    cache.delete("partner-token")  # revoked while Redis was down: the old value stays there
    redis.down = False
    clock.now += fallback.FallbackRedisCache.retry_after

    assert cache.get("partner-token") is None
    assert redis.cleared == 1
    assert "missed deletes" in caplog.text


def test_an_outage_without_missed_deletes_keeps_the_cache(flaky):
    redis, clock = flaky
    cache.set("answer", 42)
    redis.down = True
    cache.get("answer")
    cache.set("other", 1)
    redis.down = False
    clock.now += fallback.FallbackRedisCache.retry_after

    assert cache.get("answer") == 42
    assert redis.cleared == 0


def test_errors_that_are_not_redis_s_still_raise(flaky):
    with pytest.raises(ValueError):
        cache.incr("no-such-key")


def _kill_connection_once():
    """An execute wrapper: before the first query it runs, the database drops the connection."""
    killed = []

    def kill(execute, sql, params, many, context):
        if not killed:
            killed.append(sql)
            if connection.vendor == "postgresql":
                # From another session, as a database restart or a proxy timeout would.
                pid = connection.connection.info.backend_pid
                other = connections.create_connection("default")
                try:
                    with other.cursor() as cursor:
                        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
                finally:
                    other.close()
            else:
                connection.connection.close()
        return execute(sql, params, many, context)

    return kill


def serve(handler, path):
    """One request through Django's WSGI handler, as gunicorn serves it (signals included)."""
    environ = RequestFactory().get(path).environ
    status = []
    response = handler(environ, lambda line, headers: status.append(int(line.split()[0])))
    body = b"".join(response)
    response.close()  # the server's close(): request_finished, when Django tidies connections
    return status[0], body.decode()


@pytest.mark.django_db(transaction=True)
def test_a_connection_dropped_mid_request_fails_that_request_and_the_next_one_recovers(
    port, caplog
):
    site = port.station.site
    handler = WSGIHandler()
    url = f"/locations/{site.pk}/"
    assert serve(handler, url)[0] == 200

    started = time.monotonic()
    with connection.execute_wrapper(_kill_connection_once()):
        status, body = serve(handler, url)
    elapsed = time.monotonic() - started

    assert status == 500
    assert "<html" in body.lower()  # our 500 page, not a traceback
    assert "Traceback" not in body
    assert elapsed < 5
    assert any(r.levelno == logging.ERROR and r.name == "django.request" for r in caplog.records)

    status, body = serve(handler, url)
    assert status == 200
    assert "Maple Street Market" in body

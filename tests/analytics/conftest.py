"""Counting needs Redis: each test gets the real server under a key prefix of its own,
so tests running side by side (and other apps' tests) never see each other's counts.

Each pytest-xdist worker has a database of its own too: the tests' cache.clear() empties
a whole Redis database, and would empty another worker's counts in the middle of a test."""

import os
import socket
import uuid

import pytest
import redis

from tests.browser.conftest import browser  # noqa: F401 - Chromium, for the page's browser test

_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
# Databases 6-9: no other test, bench or `make run` uses them (those use 0 and 11-15).
REDIS_URL = f"redis://127.0.0.1:6379/{6 + _WORKER % 4}"


def _redis_is_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture
def counting_redis(settings):
    if not _redis_is_up():
        pytest.skip("no Redis server at 127.0.0.1:6379: counting needs Redis")
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "chargesites.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    client = redis.Redis.from_url(REDIS_URL)
    yield client
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()

"""The shared Redis cache, which steps aside when Redis is unreachable.

Everything we cache can be computed again from the database, so an unreachable Redis
costs speed, never a page: reads miss, writes are skipped, and the caller goes to the
database as it does on any miss.
"""

import logging
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


@dataclass
class _Outage:
    """What this process knows about one Redis server; shared by all its threads."""

    next_try: float = 0.0
    down_since: float | None = None
    last_warning: float = 0.0
    # A delete or incr skipped while Redis was down may have left a stale value there.
    missed_invalidation: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


_outages: dict[tuple[str, ...], _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(servers: tuple[str, ...]) -> _Outage:
    # Django builds one cache object per thread; the outage is the process's to remember.
    with _outages_lock:
        return _outages.setdefault(servers, _Outage())


def _where(server: str) -> str:
    # Host, port and database only: a Redis URL may carry a password.
    parts = urlsplit(server)
    return f"{parts.scheme}://{parts.hostname}:{parts.port or 6379}{parts.path}"


class FallbackRedisCache(RedisCache):
    """Django's Redis cache that answers "miss" while Redis is unreachable.

    - Reads return their default, writes are skipped (`add`, `touch`, `delete` say False).
    - After a failure Redis is left alone for `retry_after` seconds; one request then tries
      again. One warning is logged per failed try, one line when Redis answers again.
    - A `delete`, `delete_many`, `incr`, `decr` or `clear` skipped during the outage may
      have left a stale value in Redis (a revoked token, an old search version), so the
      first call that reaches Redis again clears it before anything else.
    - `incr` and `decr` return None while Redis is down.
    """

    retry_after = 10.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._outage = _outage_for(tuple(self._servers))
        self._where = ", ".join(_where(server) for server in self._servers)

    def _call(self, operation, fallback, *args, invalidates=False, **kwargs):
        outage = self._outage
        now = time.monotonic()
        with outage.lock:
            trying = now >= outage.next_try
            if trying and outage.down_since is not None:
                # This request probes; the others keep missing until it is done.
                outage.next_try = now + self.retry_after
            if not trying and invalidates:
                outage.missed_invalidation = True
        if not trying:
            return fallback
        try:
            if outage.missed_invalidation:
                super().clear()
                outage.missed_invalidation = False
                logger.warning("Cache %s cleared: it missed deletes during an outage", self._where)
            result = operation(*args, **kwargs)
        except RedisError as error:
            self._failed(error, invalidates)
            return fallback
        if outage.down_since is not None:
            self._recovered()
        return result

    def _failed(self, error, invalidates):
        outage = self._outage
        now = time.monotonic()
        with outage.lock:
            if invalidates:
                outage.missed_invalidation = True
            first = outage.down_since is None
            if first:
                outage.down_since = now
            outage.next_try = now + self.retry_after
            if not first and now - outage.last_warning < self.retry_after:
                return  # another thread failed at the same moment and said so
            outage.last_warning = now
            down_for = now - outage.down_since
        logger.warning(
            "Cache %s unreachable%s (%s: %s); serving from the database, next try in %g s",
            self._where,
            "" if first else f" for {down_for:.0f} s",
            type(error).__name__,
            error,
            self.retry_after,
        )

    def _recovered(self):
        outage = self._outage
        with outage.lock:
            if outage.down_since is None:
                return
            down_for = time.monotonic() - outage.down_since
            outage.down_since = None
            outage.next_try = 0.0
        logger.warning("Cache %s reachable again after %.0f s", self._where, down_for)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version, invalidates=True)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        return self._call(super().incr, None, key, delta, version, invalidates=True)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that were not stored.
        return self._call(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, None, keys, version, invalidates=True)

    def clear(self):
        return self._call(super().clear, False, invalidates=True)

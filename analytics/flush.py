"""Move the counts from Redis to DailyCount, exactly once.

1. Claim (one Lua script, atomic in Redis): each waiting day's live hash is renamed to a
   batch of its own and the batch listed in BATCHES. An increment after the rename starts
   a new live hash, which the next flush claims: nothing is counted in two batches.
2. Add each batch in one database transaction that also records its key (FlushedBatch,
   unique). A batch seen again (a flush ran twice or alongside this one, or Redis was down
   when its delete was due) fails on that key and adds nothing.
3. Delete the batch from Redis. Until then it stays there, so a database error or an
   unreachable Redis loses nothing: the next flush adds it (or finds it added).
"""

import logging
import uuid
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from redis.exceptions import RedisError

from analytics import counting
from analytics.models import DailyCount, FlushedBatch, Kind
from sites.models import Site

logger = logging.getLogger(__name__)

# Batches are deleted within a flush or two; a month of keys is far more than enough.
KEEP_BATCH_KEYS = timedelta(days=30)

_CLAIM = """
local batches = {}
for _, day in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local live = ARGV[1] .. day
  if redis.call('EXISTS', live) == 1 then
    local batch = ARGV[2] .. day .. ':' .. ARGV[3]
    redis.call('RENAME', live, batch)
    redis.call('SADD', KEYS[2], batch)
  end
  redis.call('SREM', KEYS[1], day)
end
return redis.call('SMEMBERS', KEYS[2])
"""


def flush() -> int:
    """Add every waiting count to DailyCount; the number of batches added. Redis errors
    propagate (the task fails and its result says why); counts stay in Redis."""
    client, key = counting.redis_and_key()
    if client is None:
        return 0
    batches = client.eval(
        _CLAIM,
        2,
        key(counting.DAYS),
        key(counting.BATCHES),
        key(counting.LIVE),
        key(counting.BATCH),
        uuid.uuid4().hex,
    )
    added = 0
    for batch in sorted(b.decode() if isinstance(b, bytes) else b for b in batches):
        counts = client.hgetall(batch)
        if _add(batch, key(counting.BATCH), counts):
            added += 1
        pipe = client.pipeline(transaction=True)
        pipe.delete(batch)
        pipe.srem(key(counting.BATCHES), batch)
        pipe.execute()
    FlushedBatch.objects.filter(flushed_at__lt=timezone.now() - KEEP_BATCH_KEYS).delete()
    return added


def _add(batch: str, prefix: str, counts: dict) -> bool:
    day = batch.removeprefix(prefix).split(":")[0]
    rows = []
    for field, value in counts.items():
        site, kind = (field.decode() if isinstance(field, bytes) else field).split(":")
        if kind in Kind.values:
            rows.append((int(site), kind, int(value)))
    try:
        with transaction.atomic():
            FlushedBatch.objects.create(key=batch)
            # A location deleted since it was counted has nowhere to keep its count.
            existing = set(
                Site.objects.filter(pk__in={r[0] for r in rows}).values_list("pk", flat=True)
            )
            _upsert(day, [row for row in rows if row[0] in existing])
    except IntegrityError:
        logger.info("Analytics: batch %s was already added; deleting it", batch)
        return False
    return True


def _upsert(day: str, rows):
    """count = count + new, in one statement: two flushes adding to the same row at once
    both land (PostgreSQL and SQLite both read ON CONFLICT ... DO UPDATE)."""
    if not rows:
        return
    table = connection.ops.quote_name(DailyCount._meta.db_table)
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    params = [value for site, kind, n in rows for value in (site, day, kind, n)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (site_id, day, kind, count) VALUES {values} "
            "ON CONFLICT (site_id, day, kind) DO UPDATE "
            f"SET count = {table}.count + excluded.count",
            params,
        )


def safely() -> int | None:
    """flush(), with an unreachable Redis logged rather than raised (management command)."""
    try:
        return flush()
    except (RedisError, OSError) as error:
        logger.warning(
            "Analytics: flush put off, Redis unreachable (%s: %s)", type(error).__name__, error
        )
        return None

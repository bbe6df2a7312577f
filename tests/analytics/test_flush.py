"""The worker's flush makes the counts exact: N counted -> N in DailyCount, however often
it runs, alongside another, or after Redis or the database failed half-way."""

import threading
from datetime import UTC, date, datetime

import pytest
from django.db import DatabaseError, connection

from analytics import counting, flush, tasks
from analytics.models import DailyCount, FlushedBatch, Kind

pytestmark = pytest.mark.django_db


def total(site, kind=Kind.VIEW) -> int:
    return sum(DailyCount.objects.filter(site=site, kind=kind).values_list("count", flat=True))


def test_it_moves_every_count_exactly(counting_redis, site):
    for _ in range(25):
        counting.count(Kind.VIEW, [site.pk])
    counting.count(Kind.SEARCH, [site.pk, site.pk])  # one page shows a location once
    assert flush.flush() == 1
    assert total(site) == 25
    assert total(site, Kind.SEARCH) == 1
    row = DailyCount.objects.get(site=site, kind=Kind.VIEW)
    assert row.day == datetime.now(UTC).date()


def test_it_adds_to_what_an_earlier_flush_wrote(counting_redis, site):
    counting.count(Kind.VIEW, [site.pk])
    flush.flush()
    counting.count(Kind.VIEW, [site.pk])
    counting.count(Kind.VIEW, [site.pk])
    flush.flush()
    assert total(site) == 3
    assert DailyCount.objects.count() == 1


def test_running_it_twice_adds_nothing_twice(counting_redis, site):
    for _ in range(3):
        counting.count(Kind.VIEW, [site.pk])
    flush.flush()
    assert flush.flush() == 0
    assert total(site) == 3


def test_a_batch_met_again_after_a_failed_delete_is_not_added_again(
    counting_redis, site, monkeypatch
):
    for _ in range(4):
        counting.count(Kind.VIEW, [site.pk])
    # Redis goes away between the database's commit and the batch's delete.
    real_pipeline = counting_redis.__class__.pipeline

    def failing_pipeline(self, *args, **kwargs):
        pipe = real_pipeline(self, *args, **kwargs)
        pipe.execute = lambda *a, **k: (_ for _ in ()).throw(ConnectionError("gone"))
        return pipe

    monkeypatch.setattr(counting_redis.__class__, "pipeline", failing_pipeline)
    with pytest.raises(ConnectionError):
        flush.flush()
    monkeypatch.undo()
    assert total(site) == 4
    assert flush.flush() == 0  # the batch is there again, and known: deleted, not added
    assert total(site) == 4
    assert not counting_redis.keys("*analytics:batch*")


def test_a_database_error_loses_nothing(counting_redis, site, monkeypatch):
    for _ in range(5):
        counting.count(Kind.VIEW, [site.pk])

    def broken(day, rows):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(flush, "_upsert", broken)
    with pytest.raises(DatabaseError):
        flush.flush()
    monkeypatch.undo()
    assert not FlushedBatch.objects.exists()
    counting.count(Kind.VIEW, [site.pk])  # counted meanwhile: a new live hash
    assert flush.flush() == 2
    assert total(site) == 6


def test_it_keeps_days_apart(counting_redis, site, monkeypatch):
    monkeypatch.setattr(counting, "today", lambda: "2026-11-28")
    counting.count(Kind.VIEW, [site.pk])
    monkeypatch.setattr(counting, "today", lambda: "2026-11-29")
    counting.count(Kind.VIEW, [site.pk])
    counting.count(Kind.VIEW, [site.pk])
    flush.flush()
    days = dict(DailyCount.objects.values_list("day", "count"))
    assert days == {date(2026, 11, 28): 1, date(2026, 11, 29): 2}


def test_it_drops_the_counts_of_a_location_deleted_since(counting_redis, site, alice):
    from tests.factories import SiteFactory

    gone = SiteFactory(owner=alice)
    counting.count(Kind.VIEW, [site.pk, gone.pk])
    gone.delete()
    assert flush.flush() == 1
    assert total(site) == 1
    assert DailyCount.objects.count() == 1


def test_the_task_flushes(counting_redis, site):
    counting.count(Kind.VIEW, [site.pk])
    result = tasks.flush_counts.enqueue()  # the tests' backend runs it at once
    assert result.return_value == 1
    assert total(site) == 1


def test_it_does_nothing_without_redis(site):
    counting.count(Kind.VIEW, [site.pk])  # the local-memory cache: not counted
    assert flush.flush() == 0


@pytest.mark.django_db(transaction=True)
def test_two_flushes_at_once_count_each_view_once(counting_redis, site):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: two flushes cannot overlap there")
    for _ in range(200):
        counting.count(Kind.VIEW, [site.pk])
    errors = []

    def run():
        try:
            flush.flush()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for _ in range(100):
        counting.count(Kind.VIEW, [site.pk])
    for thread in threads:
        thread.join()
    flush.flush()
    assert errors == []
    assert total(site) == 300


def test_the_worker_keeps_the_flush_going(transactional_db, counting_redis, site, settings):
    """With the database backend each run queues the next; the owner's page starts the
    chain when none is waiting, and never queues a second one."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from tests.services import DATABASE_TASKS, run_worker

    settings.TASKS = DATABASE_TASKS
    waiting = DBTaskResult.objects.filter(
        task_path=tasks.flush_counts.module_path, status=TaskResultStatus.READY
    )
    tasks.ensure_scheduled()
    tasks.ensure_scheduled()
    assert waiting.count() == 1
    counting.count(Kind.VIEW, [site.pk])
    run_worker()  # runs the one due now; the next is a minute away
    assert total(site) == 1
    assert waiting.count() == 1
    assert waiting.get().run_after > datetime.now(UTC)

"""/health/ reports the database, the cache and the task worker: 200 when all is well, else 503."""

from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from chargesites.health import WORKER_LATE_AFTER, heartbeat
from chargesites.mail import send_mail_task
from tests.services import DATABASE_TASKS, closed_port, run_worker


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def test_it_answers_200_when_all_is_well(client, db):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "failing": [],
        "checks": {
            "database": {"ok": True},
            "cache": {"ok": True},
            "worker": {"ok": True, "backend": "ImmediateBackend"},
        },
    }
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_head_and_refuses_post(client, db):
    assert client.head("/health/").status_code == 200
    assert client.post("/health/").status_code == 405


def test_it_shows_the_worker_s_heartbeat(client, transactional_db, database_tasks):
    first = client.get("/health/")
    assert first.status_code == 200
    assert first.json()["checks"]["worker"]["last_heartbeat_s_ago"] is None
    assert DBTaskResult.objects.get(task_path=heartbeat.module_path).status == "READY"

    run_worker()
    second = client.get("/health/").json()["checks"]["worker"]

    assert second["ok"] is True
    assert 0 <= second["last_heartbeat_s_ago"] < 5
    assert second["oldest_task_waiting_s"] == 0
    assert DBTaskResult.objects.filter(task_path=heartbeat.module_path).count() == 2


def test_it_keeps_one_heartbeat_queued_however_often_it_is_asked(
    client, transactional_db, database_tasks
):
    for _ in range(3):
        client.get("/health/")

    assert DBTaskResult.objects.filter(task_path=heartbeat.module_path).count() == 1


def test_heartbeats_clean_up_after_themselves(transactional_db, database_tasks):
    heartbeat.enqueue()
    run_worker()
    DBTaskResult.objects.update(finished_at=timezone.now() - timedelta(hours=2))
    heartbeat.enqueue()

    run_worker()

    [kept] = DBTaskResult.objects.all()
    assert kept.finished_at > timezone.now() - timedelta(minutes=1)


def test_it_answers_503_naming_the_worker_when_tasks_wait_too_long(
    client, transactional_db, database_tasks
):
    send_mail_task.enqueue("Hello", "Body", ["a@example.com"])
    DBTaskResult.objects.update(
        enqueued_at=timezone.now() - WORKER_LATE_AFTER - timedelta(seconds=1)
    )

    response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["failing"] == ["worker"]
    assert body["checks"]["worker"]["ok"] is False
    assert body["checks"]["worker"]["oldest_task_waiting_s"] > WORKER_LATE_AFTER.total_seconds()


def test_a_retry_waiting_for_its_time_is_not_late(client, transactional_db, database_tasks):
    later = send_mail_task.using(run_after=timezone.now() + timedelta(hours=1))
    later.enqueue("Hello", "Body", ["a@example.com"])
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=3))

    assert client.get("/health/").status_code == 200


def test_it_answers_503_naming_the_cache_when_redis_is_down(client, db, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "chargesites.cache.FallbackRedisCache",
            "LOCATION": f"redis://:s3cret-password@127.0.0.1:{closed_port()}/0",
        }
    }

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]
    assert response.json()["checks"]["cache"] == {"ok": False, "error": "unreachable"}
    assert "s3cret" not in response.content.decode()
    assert "s3cret" not in caplog.text


def test_it_answers_503_naming_the_database_when_it_is_unreachable(client, db):
    def refuse(execute, sql, params, many, context):
        raise OperationalError('connection to server at "db.internal" failed: password=hunter2')

    with connection.execute_wrapper(refuse):
        response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert "database" in body["failing"]
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert "hunter2" not in response.content.decode()
    assert "db.internal" not in response.content.decode()


def test_it_is_served_over_plain_http_for_load_balancers(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/health/").status_code == 200
    assert client.get("/locations/").status_code == 301

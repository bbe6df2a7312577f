"""Mail goes out through a task: a request never fails because the mail server does.

A small view of this module's own stands for any view that changes data and tells someone
by mail (chargesites.mail.send_mail_on_commit), so the contract is tested apart from the
features that use it.
"""

import contextlib
import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.http import HttpResponse
from django.tasks import TaskResultStatus
from django.tasks.backends.immediate import ImmediateBackend
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_tasks_db.models import DBTaskResult

from chargesites.mail import RETRY_DELAYS, send_mail_on_commit, send_mail_task
from sites.models import Site
from tests.services import DATABASE_TASKS, run_worker

ATTEMPTS = len(RETRY_DELAYS) + 1


@require_POST
def rename_and_tell(request, pk):
    site = Site.objects.get(pk=pk)
    site.name = request.POST["name"]
    site.save(update_fields=["name"])
    send_mail_on_commit(f"Renamed to {site.name}", "See the dashboard.", [site.owner.email])
    return HttpResponse("renamed")


urlpatterns = [path("rename/<int:pk>/", rename_and_tell)]


class Rollback(Exception):
    pass


class DownMailer(BaseEmailBackend):
    """A mail server that refuses every connection."""

    attempts = 0

    def send_messages(self, messages):
        DownMailer.attempts += 1
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture
def mail_server_down(settings):
    DownMailer.attempts = 0
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DownMailer"}}


def mail_results():
    return DBTaskResult.objects.filter(task_path=send_mail_task.module_path).order_by("enqueued_at")


@pytest.mark.urls(__name__)
def test_it_mails_once_the_request_commits(client, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/rename/{site.pk}/", {"name": "Elm Street Garage"})

    assert response.status_code == 200
    [sent] = mail.outbox
    assert sent.subject == "Renamed to Elm Street Garage"
    assert sent.to == ["alice@example.com"]


def test_it_makes_the_subject_a_single_line(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail_on_commit("Maple St\r\nBcc: victim@example.com\n", "Body", ["a@example.com"])

    [sent] = mail.outbox
    headers = sent.message()
    assert headers["Subject"] == "Maple St Bcc: victim@example.com"
    assert headers["Bcc"] is None


def test_it_sends_nothing_for_a_transaction_rolled_back(db, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        contextlib.suppress(Rollback),
        transaction.atomic(),
    ):
        send_mail_on_commit("Never", "Body", ["a@example.com"])
        raise Rollback

    assert mail.outbox == []


@pytest.mark.urls(__name__)
def test_it_answers_the_request_when_the_mail_cannot_even_be_queued(
    client, site, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def queue_down(*args, **kwargs):
        raise ConnectionError("task queue unreachable")

    monkeypatch.setattr(ImmediateBackend, "enqueue", queue_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/rename/{site.pk}/", {"name": "Elm Street Garage"})

    assert response.status_code == 200
    site.refresh_from_db()
    assert site.name == "Elm Street Garage"
    assert "task queue unreachable" in caplog.text


def test_it_tries_a_bounded_number_of_times_then_logs_an_error(
    db, mail_server_down, caplog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail_on_commit("Port flagged", "Body", ["owner@example.com"])

    assert DownMailer.attempts == ATTEMPTS
    warnings = [r for r in caplog.records if r.name == "chargesites.mail"]
    assert [r.levelno for r in warnings] == [logging.WARNING] * (ATTEMPTS - 1) + [logging.ERROR]
    assert f"gave up after {ATTEMPTS} attempts" in warnings[-1].getMessage()


@pytest.mark.urls(__name__)
def test_with_the_mail_server_down_the_request_succeeds_and_the_worker_retries_later(
    transactional_db, settings, client, site, mail_server_down, caplog
):
    settings.TASKS = DATABASE_TASKS

    response = client.post(f"/rename/{site.pk}/", {"name": "Elm Street Garage"})

    assert response.status_code == 200
    site.refresh_from_db()
    assert site.name == "Elm Street Garage"
    [queued] = mail_results()
    assert queued.status == TaskResultStatus.READY
    assert DownMailer.attempts == 0, "the request itself never talks to the mail server"

    run_worker()

    first, retry = mail_results()
    assert first.status == TaskResultStatus.FAILED
    assert "ConnectionRefusedError" in first.traceback
    assert retry.status == TaskResultStatus.READY
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    wait = retry.run_after - timezone.now()
    assert RETRY_DELAYS[0] - timedelta(seconds=30) < wait <= RETRY_DELAYS[0]
    assert "failed on attempt 1 of 4" in caplog.text


@pytest.mark.urls(__name__)
def test_after_the_last_attempt_the_mail_stays_in_the_task_results(
    transactional_db, settings, client, site, mail_server_down, caplog
):
    settings.TASKS = DATABASE_TASKS
    client.post(f"/rename/{site.pk}/", {"name": "Elm Street Garage"})

    for _ in range(ATTEMPTS + 1):
        # Time passes: every deferred retry is due.
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
            run_after=timezone.now() - timedelta(seconds=1)
        )
        run_worker()

    results = list(mail_results())
    assert DownMailer.attempts == ATTEMPTS
    assert [r.status for r in results] == [TaskResultStatus.FAILED] * ATTEMPTS
    last = results[-1].args_kwargs
    assert last["args"] == [
        "Renamed to Elm Street Garage",
        "See the dashboard.",
        [site.owner.email],
    ]
    assert f"gave up after {ATTEMPTS} attempts" in caplog.text


@pytest.mark.urls(__name__)
def test_the_worker_sends_the_mail_when_the_server_answers(
    transactional_db, settings, client, site
):
    settings.TASKS = DATABASE_TASKS
    client.post(f"/rename/{site.pk}/", {"name": "Elm Street Garage"})
    assert mail.outbox == []

    run_worker()

    [sent] = mail.outbox
    assert sent.subject == "Renamed to Elm Street Garage"
    [done] = mail_results()
    assert done.status == TaskResultStatus.SUCCESSFUL

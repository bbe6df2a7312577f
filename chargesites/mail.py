"""Outgoing mail, sent by the task worker so that no request waits on the mail server."""

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

# Waits before the second, third and fourth attempt; after the fourth the mail is given up.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1))


def single_line(subject: str) -> str:
    """A subject with its line breaks (CR, LF and the like) turned into single spaces."""
    return " ".join(subject.split())


@task
def send_mail_task(
    subject: str,
    body: str,
    to: list[str],
    *,
    html_body: str = "",
    from_email: str | None = None,
    mailer: str = "default",
    attempt: int = 1,
) -> int:
    """Send one email through the `MAILERS` setting; on failure try again later, then give up.

    Arguments must be JSON-serialisable (they are stored with the queued task). The subject
    is made single-line here, so a location name holding CR/LF cannot break a header.
    `from_email` defaults to DEFAULT_FROM_EMAIL, `mailer` names an entry of MAILERS.

    When the mailer raises, the same mail is enqueued again after `RETRY_DELAYS[attempt - 1]`
    (at once on a backend that cannot defer), a warning is logged and the attempt itself
    fails, so its error stays on its task result. After `len(RETRY_DELAYS) + 1` attempts an
    error is logged and nothing is enqueued: the mail and its error stay in the task results
    (Django admin, "Task results") for support staff to read. `attempt` is for the retries.

    Prefer `send_mail_on_commit()`; call `send_mail_task.enqueue(...)` yourself only from a
    `transaction.on_commit` callback, so no mail goes out for a transaction rolled back.
    """
    message = EmailMultiAlternatives(
        subject=single_line(subject), body=body, from_email=from_email, to=to
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    try:
        return message.send(using=mailer)
    except Exception as error:
        failure = error
    # Out of the except block: a backend that runs the retry at once does not chain it here.
    if attempt > len(RETRY_DELAYS):
        logger.error(
            "Mail %r gave up after %d attempts (%s: %s)",
            message.subject,
            attempt,
            type(failure).__name__,
            failure,
        )
        raise failure
    logger.warning(
        "Mail %r failed on attempt %d of %d (%s: %s); trying again in %s",
        message.subject,
        attempt,
        len(RETRY_DELAYS) + 1,
        type(failure).__name__,
        failure,
        RETRY_DELAYS[attempt - 1],
    )
    _retry(message.subject, body, to, html_body, from_email, mailer, attempt)
    raise failure


def _retry(subject, body, to, html_body, from_email, mailer, attempt):
    later = send_mail_task
    if send_mail_task.get_backend().supports_defer:
        later = send_mail_task.using(run_after=timezone.now() + RETRY_DELAYS[attempt - 1])
    later.enqueue(
        subject,
        body,
        to,
        html_body=html_body,
        from_email=from_email,
        mailer=mailer,
        attempt=attempt + 1,
    )


def send_mail_on_commit(
    subject: str,
    body: str,
    to: list[str],
    *,
    html_body: str = "",
    from_email: str | None = None,
    mailer: str = "default",
) -> None:
    """Enqueue `send_mail_task` once the current transaction commits (at once outside one).

    The request never touches the mail server: sending, retrying and giving up happen in
    the task worker. If even the enqueue fails (the database just went away), it is logged
    and the request still succeeds. In tests tasks run at once (tests/conftest.py); run the
    request inside `django_capture_on_commit_callbacks(execute=True)` to see the mail.
    """
    transaction.on_commit(
        lambda: send_mail_task.enqueue(
            subject, body, to, html_body=html_body, from_email=from_email, mailer=mailer
        ),
        robust=True,
    )

"""The worker's side: flush the counts every FLUSH_EVERY, each run queueing the next.

Nothing in this repository runs tasks on a clock, so the flush keeps its own: each run,
done or failed, queues the next one (on a backend that can defer). ensure_scheduled()
starts the chain where it is missing: the owner's analytics page calls it, and so can
anything else that looks at the worker (/health/ does the same for its heartbeat).
"""

from datetime import timedelta

from django.tasks import TaskResultStatus, task, task_backends
from django.utils import timezone
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from analytics import flush

FLUSH_EVERY = timedelta(minutes=1)
KEEP_RESULTS = timedelta(hours=1)  # a run a minute: the task results must not pile up


@task
def flush_counts() -> int:
    try:
        return flush.flush()
    finally:
        _queue_next()
        _forget_old_runs()


def _queue_next():
    backend = flush_counts.get_backend()
    if backend.supports_defer:
        flush_counts.using(run_after=timezone.now() + FLUSH_EVERY).enqueue()


def _forget_old_runs():
    backend = flush_counts.get_backend()
    if isinstance(backend, DatabaseBackend):
        DBTaskResult.objects.filter(
            task_path=flush_counts.module_path,
            status=TaskResultStatus.SUCCESSFUL,
            finished_at__lt=timezone.now() - KEEP_RESULTS,
        ).delete()


def ensure_scheduled() -> None:
    """Queue a flush unless one is waiting already (with the database task backend)."""
    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        return  # tasks run in this process (tests): there is no worker to keep busy
    waiting = DBTaskResult.objects.filter(
        backend_name=backend.alias,
        task_path=flush_counts.module_path,
        status=TaskResultStatus.READY,
    )
    if not waiting.exists():
        flush_counts.enqueue()

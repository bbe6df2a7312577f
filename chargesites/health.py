"""/health/: can this app server reach its database and cache, and is the task worker keeping up?

The worker's pulse is a `heartbeat` task: each look at /health/ makes sure one is queued, a
running worker finishes it within seconds, and a task that waited longer than
WORKER_LATE_AFTER means no worker is taking tasks. The answer names no host, URL or error
text, only which part fails and the error's class; the details go to the log.
"""

import logging
import uuid
from datetime import timedelta

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Max, Min, Q
from django.http import JsonResponse
from django.tasks import TaskResultStatus, task, task_backends
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from analytics.tasks import ensure_scheduled

logger = logging.getLogger(__name__)

WORKER_LATE_AFTER = timedelta(minutes=2)
KEEP_HEARTBEATS = timedelta(hours=1)


@task
def heartbeat() -> None:
    """Proves a worker takes tasks; it also removes the heartbeats of more than an hour ago."""
    DBTaskResult.objects.filter(
        task_path=heartbeat.module_path,
        status=TaskResultStatus.SUCCESSFUL,
        finished_at__lt=timezone.now() - KEEP_HEARTBEATS,
    ).delete()


@transaction.non_atomic_requests
@require_safe
@never_cache
def health(request):
    checks = {"database": _database(), "cache": _cache(), "worker": _worker()}
    failing = [name for name, check in checks.items() if not check["ok"]]
    return JsonResponse(
        {"status": "failing" if failing else "ok", "failing": failing, "checks": checks},
        status=503 if failing else 200,
    )


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("Health: database unreachable (%s: %s)", type(error).__name__, error)
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True}


def _cache():
    # A fresh key that expires by itself: the cache may be shared by many app servers.
    key = f"health:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        ok = cache.get(key) == "ok"
    except Exception as error:  # any backend, any failure: the answer is "not ok"
        logger.warning("Health: cache failed (%s: %s)", type(error).__name__, error)
        return {"ok": False, "error": type(error).__name__}
    # FallbackRedisCache hides an unreachable Redis as a miss (and logs it).
    return {"ok": True} if ok else {"ok": False, "error": "unreachable"}


def _worker():
    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        # Tasks run inside the web process (tests): there is no worker to wait for.
        return {"ok": True, "backend": type(backend).__name__}
    now = timezone.now()
    tasks = DBTaskResult.objects.filter(backend_name=backend.alias)
    try:
        if not tasks.filter(
            task_path=heartbeat.module_path, status=TaskResultStatus.READY
        ).exists():
            heartbeat.enqueue()
        # The counts' flush queues its own next run; this restarts the chain if it broke.
        ensure_scheduled()
        waiting = tasks.filter(status=TaskResultStatus.READY).aggregate(
            queued=Min("enqueued_at", filter=Q(run_after=get_date_max())),
            due=Min("run_after", filter=Q(run_after__lte=now)),
        )
        beat = tasks.filter(
            task_path=heartbeat.module_path, status=TaskResultStatus.SUCCESSFUL
        ).aggregate(last=Max("finished_at"))["last"]
    except DatabaseError as error:
        logger.warning("Health: task queue unreadable (%s: %s)", type(error).__name__, error)
        return {"ok": False, "error": type(error).__name__}
    oldest = min((at for at in waiting.values() if at is not None), default=None)
    waited = max((now - oldest).total_seconds(), 0.0) if oldest else 0.0
    return {
        "ok": waited < WORKER_LATE_AFTER.total_seconds(),
        "oldest_task_waiting_s": round(waited, 1),
        "last_heartbeat_s_ago": round((now - beat).total_seconds(), 1) if beat else None,
    }

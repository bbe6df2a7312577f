"""Stand-ins for the services around the app in failure tests: a port nobody listens on,
and the task worker run in the test's own process."""

import socket

from django_tasks_db.management.commands.db_worker import Worker

# The tasks backend `make run` uses, for tests that need queued rows and a real worker.
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def closed_port() -> int:
    """A local port nobody listens on: connections to it are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_worker():
    """The worker of `manage.py db_worker`, run until no task is due (its --batch mode)."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()

"""Requests that arrive at the same moment, for the tests that prove rules hold under races.

They need PostgreSQL: SQLite has no row locks, and its test database is one connection.
"""

import threading
import time

import pytest
from django.db import connection

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no row locks and its test database is one connection",
)


def race(action, threads: int) -> list:
    """Run action(i) in several threads released at the same moment; return what each got."""
    barrier = threading.Barrier(threads, timeout=10)
    outcomes = [None] * threads

    def run(i):
        try:
            barrier.wait()
            outcomes[i] = action(i)
        except Exception as error:  # reported in the assertion, not lost in the thread
            outcomes[i] = repr(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not any(worker.is_alive() for worker in workers)
    return outcomes


def slow_down_saves(monkeypatch, *models, seconds=0.2):
    """Pause the racing threads between their checks and their insert, as a slow request
    would: without the pause a missing lock could go unnoticed whenever one thread happened
    to run a few milliseconds behind the other."""
    for model in models:

        def slow(self, *args, _save=model.save, **kwargs):
            if threading.current_thread() is not threading.main_thread():
                time.sleep(seconds)
            return _save(self, *args, **kwargs)

        monkeypatch.setattr(model, "save", slow)

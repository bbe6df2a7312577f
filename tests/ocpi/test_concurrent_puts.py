"""A network sends its first PUT of a location or an EVSE several times at once (retries,
parallel workers): one creates it, the others get the usual envelope, never a 500."""

import threading
import time

import pytest
from django.db import connection

from ocpi.models import OcpiConnector, OcpiEvse, OcpiLocation
from ports.models import Port
from sites.models import Site
from stations.models import Station
from tests.ocpi.network import ago, envelope, evse, location

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks and its test database is one connection",
    ),
]

THREADS = 4


@pytest.fixture(autouse=True)
def slow_saves(monkeypatch):
    """Pause the racing threads between their look-up and their insert, as a slow request
    would: without the pause one thread may happen to finish before the next one looks."""
    for model in (Site, Station):

        def slow(self, *args, _save=model.save, **kwargs):
            if threading.current_thread() is not threading.main_thread():
                time.sleep(0.2)
            return _save(self, *args, **kwargs)

        monkeypatch.setattr(model, "save", slow)


def race(send) -> list:
    """send() in several threads released at once; each one's envelope (or what went wrong)."""
    barrier = threading.Barrier(THREADS, timeout=10)
    outcomes = [None] * THREADS

    def run(i):
        try:
            barrier.wait()
            outcomes[i] = envelope(send())["status_message"]
        except Exception as error:  # reported in the assertion, not lost in the thread
            outcomes[i] = repr(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    assert not any(worker.is_alive() for worker in workers)
    return outcomes


def one_applied(outcomes):
    assert sorted(outcomes) == ["Success"] + ["Success: not newer than what we hold, unchanged"] * (
        THREADS - 1
    ), outcomes


def test_it_creates_a_location_once_from_simultaneous_first_puts(network):
    at = ago(minutes=1)
    body = location(last_updated=at, evses=[evse("1", last_updated=at)])
    one_applied(race(lambda: network.put(body, "ALB1")))
    assert OcpiLocation.objects.count() == Site.objects.count() == 1
    assert OcpiEvse.objects.count() == Station.objects.count() == 1
    assert OcpiConnector.objects.count() == Port.objects.count() == 1


def test_it_creates_an_evse_once_from_simultaneous_first_puts(network):
    envelope(network.put(location(last_updated=ago(minutes=5)), "ALB1"))
    body = evse("1", last_updated=ago(minutes=1))
    one_applied(race(lambda: network.put(body, "ALB1", "1")))
    assert OcpiEvse.objects.count() == Station.objects.count() == 1
    assert OcpiConnector.objects.count() == Port.objects.count() == 1


def test_it_applies_the_newest_of_simultaneous_first_puts(network):
    """Different moments: whichever order they arrive in, the newest one stands."""
    moments = [ago(minutes=minutes) for minutes in range(1, THREADS + 1)]
    bodies = iter([location(last_updated=at, name=f"Garage {at}") for at in moments])
    lock = threading.Lock()

    def send():
        with lock:
            body = next(bodies)
        return network.put(body, "ALB1")

    outcomes = race(send)
    assert all(outcome.startswith("Success") for outcome in outcomes), outcomes
    assert Site.objects.get().name == f"Garage {moments[0]}"

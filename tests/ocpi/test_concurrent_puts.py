"""A network sends its first PUT of a location or an EVSE several times at once (retries,
parallel workers): one creates it, the others get the usual envelope, never a 500."""

import threading

import pytest

from ocpi.models import OcpiConnector, OcpiEvse, OcpiLocation
from ports.models import Port
from sites.models import Site
from stations.models import Station
from tests.ocpi.network import ago, envelope, evse, location
from tests.threads import postgresql_only, slow_down_saves
from tests.threads import race as threads_race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    postgresql_only,
]

THREADS = 4


@pytest.fixture(autouse=True)
def slow_saves(monkeypatch):
    slow_down_saves(monkeypatch, Site, Station)


def race(send) -> list:
    """send() in several threads released at once; each one's envelope (or what went wrong)."""
    return threads_race(lambda i: envelope(send())["status_message"], THREADS)


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

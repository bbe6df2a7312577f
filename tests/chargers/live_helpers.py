"""What the tests of chargers.live share: a charger with mapped ports, both paths, and the
reports and statuses they compare."""

import pytest

from chargers import live
from tests.chargers.factories import ChargerConnectorFactory, ChargerFactory
from tests.factories import PortFactory, StationFactory


@pytest.fixture
def fast(request, monkeypatch):
    """Both paths: the one-statement one (PostgreSQL) and the ORM one every database has."""
    if request.param == "orm":
        monkeypatch.setattr(live, "_fast", lambda: False)
    elif not live._fast():
        pytest.skip("the one-statement path is PostgreSQL's")
    return request.param


def both_paths(test):
    """Run the test on each path (a module using it imports the `fast` fixture too)."""
    test = pytest.mark.usefixtures("fast")(test)
    return pytest.mark.parametrize("fast", ["orm", "one statement"], indirect=True)(test)


def charger_with_ports(count=2, **charger_fields):
    """A charger whose connectors 1..count are mapped to its station's ports."""
    station = StationFactory()
    ports = [PortFactory(station=station) for _ in range(count)]
    charger = ChargerFactory(station=station, **charger_fields)
    for number, port in enumerate(ports, start=1):
        ChargerConnectorFactory(charger=charger, connector_id=number, port=port)
    return charger, ports


def report(charger, connector, status, **more):
    """A StatusNotification as live.status_many takes it."""
    return {"charger": charger.pk, "connector": connector, "status": status, **more}


def live_statuses(ports):
    for port in ports:
        port.refresh_from_db()
    return [port.live_status for port in ports]

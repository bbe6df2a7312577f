"""A search filtered by connector counts and powers only the matching ports: "1 CHAdeMO
port available of 1 · up to 50 kW", not the location's 8 ports or its 350 kW CCS."""

import pytest
from django.utils import timezone

from ports.models import Position
from ports.vocabulary import ConnectorType, PortStatus
from tests.factories import PortFactory, SiteFactory, StationFactory, dc_port
from tests.search.pages import URL, names, result, text

pytestmark = pytest.mark.django_db
NAME = "Thruway Plaza"


@pytest.fixture
def plaza(alice):
    """Four 350 kW CCS ports, two 7.2 kW J1772 ports and one 50 kW CHAdeMO port."""
    site = SiteFactory(owner=alice, name=NAME)
    station = StationFactory(site=site, name="Fast chargers")
    for _ in range(4):
        dc_port(station, ConnectorType.CCS, "350")
    dc_port(station, ConnectorType.CHADEMO, "50")
    level2 = StationFactory(site=site, name="Level 2")
    PortFactory.create_batch(2, station=level2)
    return site


def shown(client, **params) -> str:
    return text(result(client.get(URL, {"q": "thruway", **params}), NAME))


def test_it_counts_every_port_without_a_connector_filter(client, plaza):
    assert "7 ports available of 7 · up to 350 kW" in shown(client)


def test_it_counts_and_powers_only_the_asked_connector(client, plaza):
    assert "4 CCS ports available of 4 · up to 350 kW" in shown(client, connector="ccs")
    assert "1 CHAdeMO port available of 1 · up to 50 kW" in shown(client, connector="chademo")
    assert "2 J1772 ports available of 2 · up to 7.2 kW" in shown(client, connector="j1772")


def test_it_counts_an_out_of_service_chademo_port_as_none_available(client, plaza):
    chademo = plaza.stations.get(name="Fast chargers").ports.get(connector_type="chademo")
    chademo.status = PortStatus.OUT_OF_SERVICE
    chademo.save()
    assert "0 CHAdeMO ports available of 1 · up to 50 kW" in shown(client, connector="chademo")
    assert NAME not in names(client.get(URL, {"connector": "chademo", "available": "on"}))
    # The CCS ports still work: the location is still available for a CCS driver.
    assert NAME in names(client.get(URL, {"connector": "ccs", "available": "on"}))


def one_car_at_a_time(plaza):
    """The fast chargers' CHAdeMO port and first CCS port share one position."""
    station = plaza.stations.get(name="Fast chargers")
    position = Position.objects.create(station=station)
    ccs = station.ports.filter(connector_type="ccs").first()
    chademo = station.ports.get(connector_type="chademo")
    station.ports.filter(pk__in=[ccs.pk, chademo.pk]).update(position=position)
    ccs.refresh_from_db()
    ccs.save()  # refreshes the listing
    return ccs


def test_it_counts_a_position_with_two_connectors_once(client, plaza):
    one_car_at_a_time(plaza)
    assert "6 ports available of 6" in shown(client)
    # Each connector still finds it, and counts the shared position as one of its own.
    assert "4 CCS ports available of 4" in shown(client, connector="ccs")
    assert "1 CHAdeMO port available of 1" in shown(client, connector="chademo")
    # Four positions hold a CCS or a CHAdeMO port: the shared one counts once.
    assert "4 ports available of 4" in shown(client, connector=["ccs", "chademo"])


def test_it_counts_a_position_busy_when_one_of_its_ports_is_in_use(client, plaza):
    ccs = one_car_at_a_time(plaza)
    ccs.live_status, ccs.live_status_at = "in_use", timezone.now()
    ccs.save()
    # A car on the CCS cable: the CHAdeMO cable of the same position cannot charge.
    assert "0 CHAdeMO ports available of 1" in shown(client, connector="chademo")
    assert "3 CCS ports available of 4" in shown(client, connector="ccs")

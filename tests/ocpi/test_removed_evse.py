"""An EVSE its network reports REMOVED leaves the drivers' pages and search, and nothing
is deleted: OCPI never deletes, and the history stays."""

import pytest

from ocpi.models import OcpiConnector, OcpiEvse
from ports.models import Port
from search.models import Listing, refresh_stale
from sites.models import Site
from stations.models import Station
from tests.live.pages import found, port_items, public_page
from tests.ocpi.network import ago, connector, envelope, evse, location

pytestmark = pytest.mark.django_db


def positions_listed(site) -> int:
    """What the location's count says (EVSE 1's two connectors are one position), once
    rows marked stale are recomputed, as they are before every search."""
    refresh_stale()
    return Listing.objects.get(site=site).ports_total


@pytest.fixture
def garage(network):
    at = ago(minutes=30)
    evses = [
        evse("1", last_updated=at, connectors=[connector("1"), connector("2")]),
        evse("2", last_updated=at),
    ]
    envelope(network.put(location(last_updated=at, evses=evses), "ALB1"))
    return Site.objects.get()


def remove(network, uid):
    envelope(network.patch({"status": "REMOVED", "last_updated": ago(minutes=1)}, "ALB1", uid))


def test_it_hides_the_removed_evses_ports_from_the_public_page(client, network, garage):
    assert len(port_items(public_page(client, garage))) == 3
    assert positions_listed(garage) == 2
    remove(network, "1")
    page = public_page(client, garage)
    assert positions_listed(garage) == 1
    assert len(port_items(page)) == 1
    assert "EVSE US*CPT*E2" in page


def test_it_hides_the_removed_evses_ports_from_search(client, network, garage):
    assert "Riverfront Garage" in found(client, q="riverfront")
    remove(network, "1")
    assert "Riverfront Garage" in found(client, q="riverfront")
    assert positions_listed(garage) == 1
    remove(network, "2")
    assert found(client, q="riverfront") == {}


def test_it_deletes_nothing(network, garage):
    remove(network, "1")
    assert Station.objects.count() == 2
    assert Port.objects.count() == 3
    assert (OcpiEvse.objects.count(), OcpiConnector.objects.count()) == (2, 3)
    assert set(Port.objects.filter(network_removed=True).values_list("label", flat=True)) == {
        "Connector 1",
        "Connector 2",
    }


def test_it_shows_the_evse_again_when_its_network_brings_it_back(client, network, garage):
    remove(network, "1")
    envelope(network.patch({"status": "AVAILABLE", "last_updated": ago(seconds=10)}, "ALB1", "1"))
    assert len(port_items(public_page(client, garage))) == 3
    assert positions_listed(garage) == 2

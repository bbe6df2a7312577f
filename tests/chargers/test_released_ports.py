"""A port no connector speaks for any more stops reading what the charger last said."""

import pytest

from chargers import live
from chargers.models import Charger
from chargers.vocabulary import LIVE_SOURCE
from ports.models import StatusChange
from ports.vocabulary import LiveStatus
from tests.chargers.factories import ChargerFactory
from tests.conftest import logged_in
from tests.factories import PortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def charging(alice):
    charger = ChargerFactory(station__site__owner=alice)
    first = PortFactory(station=charger.station, label="Port 1")
    second = PortFactory(station=charger.station, label="Port 2")
    live.connected(charger.pk)
    live.status(charger.pk, 1, "Charging")
    live.status(charger.pk, 2, "Available")
    first.refresh_from_db()
    assert (first.live_status, first.live_source) == (LiveStatus.IN_USE, LIVE_SOURCE)
    return charger, first, second


def test_it_forgets_the_ports_of_a_removed_charger(alice, charging):
    charger, first, second = charging
    response = logged_in(alice).post(f"/dashboard/chargers/{charger.pk}/remove/")
    assert response.status_code == 302
    assert not Charger.objects.filter(pk=charger.pk).exists()
    for port in (first, second):
        port.refresh_from_db()
        assert port.live_status == LiveStatus.UNKNOWN
    assert StatusChange.objects.filter(port=first, new=LiveStatus.UNKNOWN).exists()


def test_it_forgets_a_port_taken_off_its_connector_and_keeps_a_swap(charging):
    charger, first, second = charging
    live.released([], None)  # nothing to let go: nothing changes
    first.refresh_from_db()
    assert first.live_status == LiveStatus.IN_USE
    live.released([first.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.live_status == LiveStatus.UNKNOWN
    assert second.live_status == LiveStatus.AVAILABLE


def test_it_leaves_a_network_reported_port_alone(charging):
    charger, first, _ = charging
    first.live_source = "ChargePoint"
    first.save(update_fields=["live_source"])
    live.released([first.pk])
    first.refresh_from_db()
    assert first.live_status == LiveStatus.IN_USE


def test_it_forgets_a_port_the_owner_unmaps_and_keeps_swapped_ones(alice, charging):
    charger, first, second = charging
    client = logged_in(alice)
    url = f"/dashboard/chargers/{charger.pk}/connectors/"
    client.post(url, {"connector_1": str(second.pk), "connector_2": str(first.pk)})
    first.refresh_from_db()
    assert first.live_status != LiveStatus.UNKNOWN  # swapped: still spoken for
    client.post(url, {"connector_1": "", "connector_2": str(first.pk)})
    second.refresh_from_db()
    assert second.live_status == LiveStatus.UNKNOWN

"""Available now: at least one matching port is operational and vouched for (by its
owner, or a fresh network report). Out of service ports don't count as available, and
unclaimed listings nobody reports on (Pine Hills, Troy Riverfront, Buffalo) are listed,
never available."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from ports.vocabulary import LiveStatus
from tests.factories import PortFactory
from tests.search.pages import URL, names, result, text

pytestmark = pytest.mark.django_db


def test_it_leaves_out_locations_with_no_port_available(client, chargers):
    # Latham's CCS port is out of service but its J1772 works; every other claimed
    # location has one working.
    response = client.get(URL, {"available": "on"})
    assert set(names(response)) == {
        "Albany Capitol Garage",
        "Hampton Inn Albany",
        "Latham Farms",
        "Troy Music Hall",
        "Bennington Station",
        "Proctors Schenectady",
    }


def test_it_needs_an_available_port_of_the_chosen_connector(client, chargers):
    # Latham Farms has a CCS port, but it is out of service.
    response = client.get(URL, {"connector": "ccs", "available": "on"})
    assert set(names(response)) == {"Albany Capitol Garage"}
    assert "Latham Farms" in names(client.get(URL, {"connector": "ccs"}))


def test_it_needs_the_available_port_to_have_the_power(client, chargers):
    response = client.get(URL, {"connector": "ccs", "min_kw": "150", "available": "on"})
    assert set(names(response)) == {"Albany Capitol Garage"}
    # Without a connector: the most powerful available port must have the power.
    response = client.get(URL, {"min_kw": "150", "available": "on"})
    assert set(names(response)) == {"Albany Capitol Garage", "Troy Music Hall"}


def test_it_leaves_out_a_location_whose_every_port_is_out_of_service(client, chargers):
    latham = chargers["Latham Farms"].stations.get().ports.get(status="operational")
    latham.status = "out_of_service"
    latham.save()
    assert "Latham Farms" not in names(client.get(URL, {"available": "on"}))
    response = client.get(URL, {"q": "latham"})
    assert names(response) == ["Latham Farms"]
    assert "0 ports available of 2" in text(result(response, "Latham Farms"))


def test_it_never_calls_an_unclaimed_listing_available(client, chargers):
    response = client.get(URL, {"q": "buffalo"})
    assert "2 CCS ports" not in text(result(response, "Buffalo Canalside"))
    assert "2 ports listed · no live status" in text(result(response, "Buffalo Canalside"))
    assert "available" not in text(result(response, "Buffalo Canalside"))


def test_it_keeps_the_box_ticked_on_the_page(client, chargers):
    response = client.get(URL, {"available": "on"})
    assert 'name="available" id="id_available" checked' in response.text
    response = client.get(URL)
    assert 'name="available" id="id_available">' in response.text


def test_it_counts_a_port_a_network_reports_in_use_as_unavailable_for_15_minutes(client, chargers):
    reported = timezone.now()
    PortFactory(
        station=chargers["Bennington Station"].stations.get(),
        live_status=LiveStatus.IN_USE,
        live_status_at=reported,
    )
    response = client.get(URL, {"q": "bennington"})
    assert "1 port available of 2" in text(result(response, "Bennington Station"))
    with mock.patch("django.utils.timezone.now", return_value=reported + timedelta(minutes=16)):
        response = client.get(URL, {"q": "bennington"})
    # The report is stale: the port counts as available again at the next search.
    assert "2 ports available of 2" in text(result(response, "Bennington Station"))


def test_it_leaves_out_a_location_whose_only_port_is_reported_in_use(client, chargers):
    port = chargers["Proctors Schenectady"].stations.get().ports.get()
    port.live_status = LiveStatus.IN_USE
    port.live_status_at = timezone.now()
    port.save()
    assert "Proctors Schenectady" not in names(client.get(URL, {"available": "on"}))
    assert "Proctors Schenectady" in names(client.get(URL, {"connector": "j1772"}))

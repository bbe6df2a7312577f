"""Available now: at least one matching port is operational. Out of service ports
don't count as available."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from ports.vocabulary import LiveStatus
from tests.factories import PortFactory
from tests.search.pages import URL, names, result, text

pytestmark = pytest.mark.django_db


def test_it_leaves_out_locations_with_no_port_available(client, chargers):
    # Latham's CCS port is out of service but its J1772 works; everything else has one working.
    response = client.get(URL, {"available": "on"})
    assert set(names(response)) == {
        "Albany Capitol Garage",
        "Pine Hills Library",
        "Hampton Inn Albany",
        "Troy Riverfront Garage",
        "Latham Farms",
        "Troy Music Hall",
        "Buffalo Canalside",
        "Bennington Station",
        "Proctors Schenectady",
    }


def test_it_needs_an_available_port_of_the_chosen_connector(client, chargers):
    # Latham Farms has a CCS port, but it is out of service.
    response = client.get(URL, {"connector": "ccs", "available": "on"})
    assert set(names(response)) == {
        "Albany Capitol Garage",
        "Troy Riverfront Garage",
        "Buffalo Canalside",
    }
    assert "Latham Farms" in names(client.get(URL, {"connector": "ccs"}))


def test_it_needs_the_available_port_to_have_the_power(client, chargers):
    response = client.get(URL, {"connector": "ccs", "min_kw": "150", "available": "on"})
    assert set(names(response)) == {"Albany Capitol Garage", "Buffalo Canalside"}
    # Without a connector: the most powerful available port must have the power.
    response = client.get(URL, {"min_kw": "150", "available": "on"})
    assert set(names(response)) == {
        "Albany Capitol Garage",
        "Troy Riverfront Garage",
        "Troy Music Hall",
        "Buffalo Canalside",
    }


def test_it_leaves_out_a_location_whose_every_port_is_out_of_service(client, chargers):
    pine_hills = chargers["Pine Hills Library"].stations.get().ports.get(status="operational")
    pine_hills.status = "out_of_service"
    pine_hills.save()
    assert "Pine Hills Library" not in names(client.get(URL, {"available": "on"}))
    response = client.get(URL, {"q": "pine hills"})
    assert names(response) == ["Pine Hills Library"]
    assert "0 ports available of 2" in text(result(response, "Pine Hills Library"))


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

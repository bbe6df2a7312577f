"""What each result shows: name, address, distance near a place, connector icons,
"N ports available" of M, max power, and "Owner-managed" when claimed."""

import pytest
from django.urls import reverse

from tests.search.pages import URL, icons, result, text

pytestmark = pytest.mark.django_db


def test_it_shows_a_claimed_location_in_full(client, chargers):
    response = client.get(URL, {"near": "12207", "radius": 5})
    item = result(response, "Albany Capitol Garage")
    assert text(item) == (
        "Albany Capitol Garage "
        "20 Eagle Street, Albany, NY 12207 · 0.0 mi "
        "2 ports available of 2 · up to 150 kW · Owner-managed"
    )
    assert icons(item) == ["J1772", "CCS"]


def test_it_links_the_name_to_the_location_page(client, chargers):
    site = chargers["Albany Capitol Garage"]
    item = result(client.get(URL, {"q": "capitol"}), "Albany Capitol Garage")
    assert f'<a href="{reverse("sites:public", args=[site.pk])}">' in item


def test_it_shows_an_unclaimed_location_without_owner_managed(client, chargers):
    item = result(client.get(URL, {"near": "12207", "radius": 5}), "Pine Hills Library")
    assert text(item) == (
        "Pine Hills Library "
        "517 Western Avenue, Albany, NY 12203 · 1.7 mi "
        "2 ports listed · no live status · up to 7.2 kW"
    )
    assert "Owner-managed" not in item
    assert icons(item) == ["J1772"]


def test_it_shows_every_connector_of_the_location(client, chargers):
    response = client.get(URL, {"q": "troy"})
    assert icons(result(response, "Troy Riverfront Garage")) == ["CCS", "CHAdeMO"]
    assert icons(result(response, "Troy Music Hall")) == ["Tesla (NACS)"]
    assert icons(result(response, "Latham Farms")) == ["J1772", "CCS"]


def test_it_shows_power_as_drivers_read_it(client, chargers):
    response = client.get(URL, {"q": "albany"})
    assert "up to 11.5 kW" in text(result(response, "Hampton Inn Albany"))
    assert "up to 150 kW" in text(result(response, "Albany Capitol Garage"))
    assert "up to 350 kW" in text(result(client.get(URL, {"q": "buffalo"}), "Buffalo Canalside"))


def test_it_does_not_count_out_of_service_ports_as_available(client, chargers):
    item = result(client.get(URL, {"q": "latham"}), "Latham Farms")
    assert "1 port available of 2" in text(item)
    assert '<span class="available"><strong>' in item


def test_it_marks_a_location_with_none_available(client, chargers):
    port = chargers["Bennington Station"].stations.get().ports.get()
    port.status = "out_of_service"
    port.save()
    item = result(client.get(URL, {"q": "bennington"}), "Bennington Station")
    assert "0 ports available of 1" in text(item)
    assert '<span class="unavailable"><strong>0 ports available</strong>' in item


def test_it_shows_no_distance_without_a_place(client, chargers):
    item = result(client.get(URL, {"q": "capitol"}), "Albany Capitol Garage")
    assert text(item) == (
        "Albany Capitol Garage "
        "20 Eagle Street, Albany, NY 12207 "
        "2 ports available of 2 · up to 150 kW · Owner-managed"
    )


def test_it_gives_the_map_each_result(client, chargers):
    site = chargers["Albany Capitol Garage"]
    response = client.get(URL, {"q": "capitol"})
    assert response.context["map_points"] == [
        {
            "id": site.pk,
            "name": "Albany Capitol Garage",
            "lat": 42.6526,
            "lng": -73.7562,
            "summary": "2 ports available of 2",
            "tone": "available",
            "url": reverse("sites:public", args=[site.pk]),
        }
    ]
    assert 'id="map-points"' in response.text

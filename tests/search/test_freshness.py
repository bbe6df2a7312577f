"""Fresh after every change: what an owner does shows at the drivers' next search."""

import pytest
from django.urls import reverse

from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.conftest import HTMX
from tests.search.pages import URL, names, result, text

pytestmark = pytest.mark.django_db

GARAGE = "Albany Capitol Garage"  # alice's: CCS 150 kW and J1772 7.2 kW, both operational
CCS_NOW = {"connector": "ccs", "available": "on"}


@pytest.fixture
def garage(chargers):
    return chargers[GARAGE]


@pytest.fixture
def ccs_port(garage):
    return garage.stations.get().ports.get(connector_type=ConnectorType.CCS)


def shown(client, name, **params) -> str:
    return text(result(client.get(URL, params), name))


def test_it_shows_a_port_marked_out_of_service(client, alice_client, garage, ccs_port):
    assert GARAGE in names(client.get(URL, CCS_NOW))
    response = alice_client.post(
        reverse("ports:status", args=[ccs_port.pk]), {"status": PortStatus.OUT_OF_SERVICE}
    )
    assert response.status_code == 302
    assert "1 port available of 2" in shown(client, GARAGE, q="capitol")
    assert GARAGE not in names(client.get(URL, CCS_NOW))
    assert GARAGE in names(client.get(URL, {"connector": "ccs"}))  # still listed


def test_it_shows_a_port_marked_out_of_service_through_htmx(client, alice_client, ccs_port):
    alice_client.post(
        reverse("ports:status", args=[ccs_port.pk]),
        {"status": PortStatus.OUT_OF_SERVICE},
        headers=HTMX,
    )
    assert GARAGE not in names(client.get(URL, {**CCS_NOW, "min_kw": "150"}))


def test_it_shows_a_port_back_in_service(client, alice_client, ccs_port):
    status = reverse("ports:status", args=[ccs_port.pk])
    alice_client.post(status, {"status": PortStatus.OUT_OF_SERVICE})
    alice_client.post(status, {"status": PortStatus.OPERATIONAL})
    assert "2 ports available of 2" in shown(client, GARAGE, q="capitol")
    assert GARAGE in names(client.get(URL, CCS_NOW))


def test_it_shows_a_port_added(client, alice_client, garage):
    station = garage.stations.get()
    assert GARAGE not in names(client.get(URL, {"connector": "chademo"}))
    response = alice_client.post(
        reverse("ports:add", args=[station.pk]),
        {
            "connector_type": ConnectorType.CHADEMO,
            "power_type": PowerType.DC_FAST,
            "max_power_kw": "400",
            "status": PortStatus.OPERATIONAL,
            "label": "CHAdeMO bay",
            "notes": "",
        },
    )
    assert response.status_code == 302
    assert GARAGE in names(client.get(URL, {"connector": "chademo", "min_kw": "400"}))
    assert "3 ports available of 3 · up to 400 kW" in shown(client, GARAGE, q="capitol")


def test_it_shows_a_port_deleted(client, alice_client, ccs_port):
    response = alice_client.post(reverse("ports:delete", args=[ccs_port.pk]))
    assert response.status_code == 302
    assert GARAGE not in names(client.get(URL, {"connector": "ccs"}))
    assert "1 port available of 1 · up to 7.2 kW" in shown(client, GARAGE, q="capitol")


def test_it_shows_a_port_edited(client, alice_client, ccs_port):
    response = alice_client.post(
        reverse("ports:edit", args=[ccs_port.pk]),
        {
            "connector_type": ConnectorType.CCS,
            "power_type": PowerType.DC_FAST,
            "max_power_kw": "62.5",
            "voltage": "",
            "amperage": "",
            "status": PortStatus.OPERATIONAL,
            "label": ccs_port.label,
            "notes": "",
            "expected_repair_date": "",
        },
    )
    assert response.status_code == 302
    assert GARAGE not in names(client.get(URL, {"connector": "ccs", "min_kw": "150"}))
    assert "up to 62.5 kW" in shown(client, GARAGE, q="capitol")


def test_it_shows_a_port_decommissioned(client, ccs_port):
    ccs_port.status = PortStatus.DECOMMISSIONED
    ccs_port.save()
    assert GARAGE not in names(client.get(URL, {"connector": "ccs"}))
    assert "1 port available of 1" in shown(client, GARAGE, q="capitol")


def station_form(station, **changes):
    data = {
        "name": station.name,
        "manufacturer": station.manufacturer,
        "model": station.model,
        "network": station.network,
        "is_published": "on",
    }
    return {key: value for key, value in {**data, **changes}.items() if value is not None}


def test_it_hides_a_station_unpublished_and_shows_it_republished(client, alice_client, garage):
    station = garage.stations.get()
    edit = reverse("stations:edit", args=[station.pk])
    response = alice_client.post(edit, station_form(station, is_published=None))
    assert response.status_code == 302
    assert names(client.get(URL, {"q": "capitol"})) == []
    assert GARAGE not in names(client.get(URL, {"near": "12207", "radius": 5}))
    alice_client.post(edit, station_form(station))
    assert names(client.get(URL, {"q": "capitol"})) == [GARAGE]


def test_it_shows_a_station_moved_to_another_network(client, alice_client, garage):
    station = garage.stations.get()
    alice_client.post(
        reverse("stations:edit", args=[station.pk]), station_form(station, network="EV Connect")
    )
    assert names(client.get(URL, {"network": "EV Connect"})) == [GARAGE]
    assert GARAGE not in names(client.get(URL, {"network": "ChargePoint"}))


def site_form(site, **changes):
    data = {
        "name": site.name,
        "street_address": site.street_address,
        "city": site.city,
        "state": site.state,
        "zip_code": site.zip_code,
        "latitude": str(site.latitude),
        "longitude": str(site.longitude),
    }
    return {**data, **changes}


def test_it_shows_a_location_renamed(client, alice_client, garage):
    response = alice_client.post(
        reverse("sites:edit", args=[garage.pk]), site_form(garage, name="Riverside Garage")
    )
    assert response.status_code == 302
    assert names(client.get(URL, {"q": "riverside"})) == ["Riverside Garage"]
    assert names(client.get(URL, {"q": "capitol"})) == []


def test_it_corrects_typos_with_the_new_name(client, alice_client, garage):
    # The typo vocabulary was read before the rename; it must not be stale after.
    assert "showing results for" not in client.get(URL, {"q": "riversde"}).text
    alice_client.post(
        reverse("sites:edit", args=[garage.pk]), site_form(garage, name="Riverside Garage")
    )
    response = client.get(URL, {"q": "riversde"})
    assert names(response) == ["Riverside Garage"]
    assert "showing results for “riverside”" in text(response.text)


def test_it_finds_a_location_near_its_new_zip_code(client, alice_client, garage):
    # "We know no chargers near 12208" is remembered; the move must make it forgotten.
    assert "We know no chargers near “12208”" in client.get(URL, {"near": "12208"}).text
    alice_client.post(
        reverse("sites:edit", args=[garage.pk]),
        site_form(garage, zip_code="12208", latitude="42.6600", longitude="-73.8000"),
    )
    response = client.get(URL, {"near": "12208", "radius": 5})
    assert names(response)[0] == GARAGE
    assert "· 0.0 mi" in text(result(response, GARAGE))

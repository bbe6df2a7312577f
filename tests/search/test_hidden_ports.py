"""Decommissioned ports and draft stations do not exist for drivers
("Port not showing in search": check it is published and not out of service)."""

import pytest

from ports.vocabulary import ConnectorType
from tests.factories import PortFactory, StationFactory
from tests.search.conftest import DECOMMISSIONED, OUT_OF_SERVICE, add_location, port
from tests.search.pages import URL, names, result, text

pytestmark = pytest.mark.django_db

J1772, CCS = ConnectorType.J1772, ConnectorType.CCS


def test_it_hides_a_location_whose_ports_are_all_decommissioned(client, chargers):
    assert "Albany Old Depot" not in names(client.get(URL))
    assert names(client.get(URL, {"q": "old depot"})) == []


def test_it_hides_a_location_whose_only_station_is_a_draft(client, chargers):
    assert "Albany Draft Diner" not in names(client.get(URL))
    assert names(client.get(URL, {"q": "draft diner"})) == []


def test_it_hides_them_near_a_place_and_on_the_map(client, chargers):
    # Both are within a mile of ZIP 12207.
    for params in [{"near": "12207", "radius": 5}, {"bbox": "-73.80,42.64,-73.74,42.67"}]:
        found = names(client.get(URL, params))
        assert "Albany Old Depot" not in found
        assert "Albany Draft Diner" not in found


def test_it_counts_no_decommissioned_port_or_draft_station_port(client, db):
    site = add_location(
        "Corning Preserve",
        ports=[port(J1772, "7.2"), port(CCS, "350", DECOMMISSIONED), port(J1772, "7.2")],
    )
    draft = StationFactory(site=site, is_published=False)
    PortFactory(station=draft, connector_type=CCS, power_type="dc_fast", max_power_kw=400)
    item = result(client.get(URL, {"q": "corning"}), "Corning Preserve")
    assert "2 ports available of 2 · up to 7.2 kW" in text(item)
    assert names(client.get(URL, {"q": "corning", "connector": "ccs"})) == []
    assert names(client.get(URL, {"q": "corning", "min_kw": "50"})) == []


def test_it_counts_an_out_of_service_port_as_listed(client, db):
    add_location("Corning Preserve", ports=[port(CCS, "150", OUT_OF_SERVICE)])
    item = result(client.get(URL, {"q": "corning"}), "Corning Preserve")
    assert "0 ports available of 1 · up to 150 kW" in text(item)

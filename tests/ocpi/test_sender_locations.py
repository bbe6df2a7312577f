"""Our listings go out as OCPI Locations: every published station of every claimed
location, connectors and power in OCPI's words; nothing a driver could not see.
(How ports group into EVSEs: test_sender_positions.py.)"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ports.models import Port
from ports.vocabulary import ConnectorType, LiveStatus, PortStatus, PowerType
from tests.factories import PortFactory, SiteFactory, StationFactory
from tests.ocpi.network import ago, envelope, evse, location

pytestmark = pytest.mark.django_db

LIST = reverse("ocpi:our_locations")


def dc(connector, kw, **fields):
    return {
        "connector_type": connector,
        "power_type": PowerType.DC_FAST,
        "max_power_kw": Decimal(kw),
        **fields,
    }


@pytest.fixture
def garage(site, station):
    """Alice's Maple Street Market: one published station with four kinds of port."""
    PortFactory(station=station, label="J1772")  # AC Level 2, 7.2 kW
    PortFactory(station=station, label="CCS", **dc(ConnectorType.CCS, "150"))
    PortFactory(station=station, label="CHAdeMO", **dc(ConnectorType.CHADEMO, "50"))
    PortFactory(
        station=station,
        label="Tesla",
        connector_type=ConnectorType.TESLA,
        max_power_kw=Decimal("11.5"),
        voltage=240,
        amperage=48,
    )
    return site


def connectors_of(data) -> dict:
    return {c["id"]: c for e in data["evses"] for c in e["connectors"]}


def port_id(label):
    return str(Port.objects.get(label=label).pk)


def evse_of(data, label) -> dict:
    uid = f"C{port_id(label)}"
    return next(evse for evse in data["evses"] if evse["uid"] == uid)


def test_it_sends_a_claimed_location_with_its_station(network, garage, station):
    body = envelope(network.get_ours(LIST))
    [data] = body["data"]
    assert data["id"] == str(garage.pk)
    assert (data["country_code"], data["party_id"]) == ("US", "CHS")
    assert data["publish"] is True
    assert (data["name"], data["address"], data["city"]) == (
        "Maple Street Market",
        "1 Main Street",
        "Albany",
    )
    assert (data["postal_code"], data["state"], data["country"]) == ("12207", "NY", "USA")
    assert data["coordinates"] == {"latitude": "42.651200", "longitude": "-73.754900"}
    # Four ports, none sharing a position: four EVSEs of one connector each.
    assert [e["uid"] for e in data["evses"]] == [
        f"C{port_id(label)}" for label in ("J1772", "CCS", "CHAdeMO", "Tesla")
    ]
    assert {e["status"] for e in data["evses"]} == {"AVAILABLE"}
    assert [len(e["connectors"]) for e in data["evses"]] == [1, 1, 1, 1]


@pytest.mark.parametrize(
    "label, standard, power_type, watts",
    [
        ("J1772", "IEC_62196_T1", "AC_2_PHASE_SPLIT", 7200),
        ("CCS", "IEC_62196_T1_COMBO", "DC", 150000),
        ("CHAdeMO", "CHADEMO", "DC", 50000),
        ("Tesla", "TESLA_S", "AC_2_PHASE_SPLIT", 11500),
    ],
)
def test_it_maps_each_connector_to_ocpi(network, garage, label, standard, power_type, watts):
    [data] = envelope(network.get_ours(LIST))["data"]
    sent = connectors_of(data)[port_id(label)]
    assert (sent["standard"], sent["power_type"], sent["max_electric_power"]) == (
        standard,
        power_type,
        watts,
    )
    assert isinstance(sent["max_voltage"], int)
    assert isinstance(sent["max_amperage"], int)


def test_it_sends_the_ports_own_volts_and_amps(network, garage):
    [data] = envelope(network.get_ours(LIST))["data"]
    tesla = connectors_of(data)[port_id("Tesla")]
    assert (tesla["max_voltage"], tesla["max_amperage"]) == (240, 48)


def test_it_never_sends_an_unclaimed_location(network, garage):
    unclaimed = SiteFactory(owner=None, name="Unclaimed Diner")
    PortFactory(station=StationFactory(site=unclaimed))
    at = ago(minutes=5)
    network.put(location(last_updated=at, evses=[evse("1", last_updated=at)]), "ALB1")
    ids = [data["id"] for data in envelope(network.get_ours(LIST))["data"]]
    assert ids == [str(garage.pk)]
    response = network.get_ours(reverse("ocpi:our_location", args=[unclaimed.pk]))
    envelope(response, status=404, code=2003)


def test_it_never_sends_a_draft_station(network, garage, station):
    draft = StationFactory(site=garage, name="Draft", is_published=False)
    hidden = PortFactory(station=draft)
    [data] = envelope(network.get_ours(LIST))["data"]
    assert {e["uid"] for e in data["evses"]} == {
        f"C{pk}" for pk in Port.objects.exclude(pk=hidden.pk).values_list("pk", flat=True)
    }
    response = network.get_ours(reverse("ocpi:our_evse", args=[garage.pk, f"C{hidden.pk}"]))
    envelope(response, status=404, code=2003)


def test_it_never_sends_a_location_with_only_draft_stations(network, alice):
    site = SiteFactory(owner=alice)
    PortFactory(station=StationFactory(site=site, is_published=False))
    assert envelope(network.get_ours(LIST))["data"] == []


def test_it_never_sends_a_decommissioned_port(network, garage, station):
    gone = PortFactory(station=station, label="Gone", status=PortStatus.DECOMMISSIONED)
    [data] = envelope(network.get_ours(LIST))["data"]
    assert str(gone.pk) not in connectors_of(data)
    url = reverse("ocpi:our_connector", args=[garage.pk, f"C{gone.pk}", gone.pk])
    envelope(network.get_ours(url), status=404, code=2003)


def test_it_sends_one_location_one_evse_one_connector(network, garage, station):
    url = reverse("ocpi:our_location", args=[garage.pk])
    assert envelope(network.get_ours(url))["data"]["id"] == str(garage.pk)
    uid = f"C{port_id('CCS')}"
    url = reverse("ocpi:our_evse", args=[garage.pk, uid])
    assert envelope(network.get_ours(url))["data"]["uid"] == uid
    url = reverse("ocpi:our_connector", args=[garage.pk, uid, port_id("CCS")])
    sent = envelope(network.get_ours(url))["data"]
    assert (sent["standard"], sent["max_electric_power"]) == ("IEC_62196_T1_COMBO", 150000)


@pytest.mark.parametrize("location_id", ["999999", "abc", "99999999999999999999999"])
def test_it_answers_2003_for_a_location_it_does_not_send(network, garage, location_id):
    url = reverse("ocpi:our_location", args=[location_id])
    envelope(network.get_ours(url), status=404, code=2003)


def test_it_reports_an_evse_charging_while_the_report_is_fresh(network, garage):
    Port.objects.filter(label="CCS").update(
        live_status=LiveStatus.IN_USE, live_status_at=timezone.now() - timedelta(minutes=3)
    )
    [data] = envelope(network.get_ours(LIST))["data"]
    assert evse_of(data, "CCS")["status"] == "CHARGING"
    assert evse_of(data, "CHAdeMO")["status"] == "AVAILABLE"
    Port.objects.filter(label="CCS").update(live_status_at=timezone.now() - timedelta(minutes=16))
    [data] = envelope(network.get_ours(LIST))["data"]
    assert evse_of(data, "CCS")["status"] == "AVAILABLE"


def test_it_reports_an_evse_whose_ports_are_all_out_of_service(network, alice):
    site = SiteFactory(owner=alice)
    PortFactory(station=StationFactory(site=site), status=PortStatus.OUT_OF_SERVICE)
    [data] = envelope(network.get_ours(LIST))["data"]
    assert data["evses"][0]["status"] == "INOPERATIVE"

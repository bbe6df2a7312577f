"""A network's PUT of a location we do not know creates it, unclaimed; after that the
network reports status, and never overwrites what a claiming owner keeps."""

from datetime import datetime
from decimal import Decimal

import pytest

from ocpi.models import OcpiConnector, OcpiEvse, OcpiLocation
from ports.models import Port
from ports.vocabulary import ConnectorType, LiveStatus, PortStatus, PowerType
from sites.models import Origin, Site
from stations.models import Station
from tests.factories import UserFactory
from tests.ocpi.network import ago, connector, envelope, evse, location, row_counts

pytestmark = pytest.mark.django_db


def two_evses(last_updated):
    return [
        evse(
            "1",
            "AVAILABLE",
            last_updated=last_updated,
            connectors=[
                connector("1"),
                connector(
                    "2",
                    standard="IEC_62196_T1_COMBO",
                    power_type="DC",
                    max_voltage=500,
                    max_amperage=300,
                    max_electric_power=150000,
                ),
            ],
        ),
        evse("2", "CHARGING", last_updated=last_updated),
    ]


def test_it_creates_an_unclaimed_location_with_stations_and_ports(network):
    at = ago(minutes=2)
    response = network.put(location(last_updated=at, evses=two_evses(at)), "ALB1")
    envelope(response)
    site = Site.objects.get()
    assert (site.name, site.street_address, site.city, site.state, site.zip_code) == (
        "Riverfront Garage",
        "20 Eagle Street",
        "Albany",
        "NY",
        "12207",
    )
    assert (site.latitude, site.longitude) == (Decimal("42.652600"), Decimal("-73.756200"))
    assert site.origin == Origin.OCPI
    assert site.owner is None
    stations = list(Station.objects.order_by("pk"))
    assert [s.name for s in stations] == ["EVSE US*CPT*E1", "EVSE US*CPT*E2"]
    assert all(s.site == site and s.is_published and s.network == "Capital Power" for s in stations)
    j1772, ccs, second = Port.objects.order_by("pk")
    assert (j1772.connector_type, j1772.power_type, j1772.max_power_kw) == (
        ConnectorType.J1772,
        PowerType.AC_LEVEL_2,
        Decimal("7.20"),
    )
    assert (j1772.voltage, j1772.amperage) == (240, 30)
    assert (ccs.connector_type, ccs.power_type, ccs.max_power_kw) == (
        ConnectorType.CCS,
        PowerType.DC_FAST,
        Decimal("150.00"),
    )
    assert second.station == stations[1]
    # The owner's status is the owner's: a network does not set it.
    assert {p.status for p in (j1772, ccs, second)} == {PortStatus.OPERATIONAL}


def test_it_keeps_each_ports_live_status_with_its_time_and_source(network):
    at = ago(minutes=2)
    network.put(location(last_updated=at, evses=two_evses(at)), "ALB1")
    j1772, ccs, second = Port.objects.order_by("pk")
    assert [p.live_status for p in (j1772, ccs, second)] == [
        LiveStatus.AVAILABLE,
        LiveStatus.AVAILABLE,
        LiveStatus.IN_USE,
    ]
    assert {p.live_status_at for p in (j1772, ccs, second)} == {datetime.fromisoformat(at)}
    assert {p.live_source for p in (j1772, ccs, second)} == {"Capital Power"}


def test_it_links_the_networks_objects_to_ours(network):
    at = ago(minutes=2)
    network.put(location(last_updated=at, evses=two_evses(at)), "ALB1")
    ocpi_location = OcpiLocation.objects.get()
    assert (ocpi_location.partner, ocpi_location.location_id) == (network.partner, "ALB1")
    assert ocpi_location.site == Site.objects.get()
    assert sorted(OcpiEvse.objects.values_list("uid", "status")) == [
        ("1", "AVAILABLE"),
        ("2", "CHARGING"),
    ]
    assert OcpiConnector.objects.count() == 3


def test_it_answers_a_get_with_what_was_pushed(network):
    at = ago(minutes=2)
    body = location(last_updated=at, evses=two_evses(at), parking_type="PARKING_GARAGE")
    network.put(body, "ALB1")
    data = envelope(network.get("ALB1"))["data"]
    assert data["name"] == "Riverfront Garage"
    assert data["parking_type"] == "PARKING_GARAGE"
    assert [e["uid"] for e in data["evses"]] == ["1", "2"]
    assert [c["id"] for c in data["evses"][0]["connectors"]] == ["1", "2"]
    evse_data = envelope(network.get("ALB1", "2"))["data"]
    assert (evse_data["uid"], evse_data["status"]) == ("2", "CHARGING")
    connector_data = envelope(network.get("ALB1", "1", "2"))["data"]
    assert connector_data["standard"] == "IEC_62196_T1_COMBO"


@pytest.mark.parametrize(
    "path",
    [("NOPE",), ("ALB1", "9"), ("ALB1", "1", "9")],
    ids=["location", "evse", "connector"],
)
def test_it_answers_2003_for_what_it_does_not_know(network, path):
    at = ago(minutes=2)
    network.put(location(last_updated=at, evses=two_evses(at)), "ALB1")
    envelope(network.get(*path), status=404, code=2003)
    before = row_counts()
    patch = {"last_updated": ago(minutes=1)}
    envelope(network.patch(patch, *path), status=404, code=2003)
    assert row_counts() == before


def test_it_refuses_a_body_whose_id_is_not_the_urls(network):
    before = row_counts()
    response = network.put(location("OTHER", last_updated=ago(minutes=1)), "ALB1")
    envelope(response, status=400, code=2001)
    assert row_counts() == before


def test_it_refuses_a_us_location_without_its_state(network):
    body = location(last_updated=ago(minutes=1), evses=[evse("1", last_updated=ago(minutes=1))])
    del body["state"]
    before = row_counts()
    response = network.put(body, "ALB1")
    assert "state" in envelope(response, status=400, code=2001)["status_message"]
    assert row_counts() == before


def test_it_updates_the_location_it_created_while_unclaimed(network):
    network.put(location(last_updated=ago(minutes=5)), "ALB1")
    envelope(network.put(location(last_updated=ago(minutes=1), name="Eagle St Garage"), "ALB1"))
    assert Site.objects.get().name == "Eagle St Garage"


def test_it_leaves_a_claimed_locations_data_to_its_owner(network):
    network.put(location(last_updated=ago(minutes=5)), "ALB1")
    Site.objects.update(owner=UserFactory(), name="Alice's Garage")
    response = network.put(location(last_updated=ago(minutes=1), name="Eagle St Garage"), "ALB1")
    envelope(response)
    assert Site.objects.get().name == "Alice's Garage"
    patch = {"name": "Patched Name", "last_updated": ago(seconds=30)}
    envelope(network.patch(patch, "ALB1"))
    assert Site.objects.get().name == "Alice's Garage"


def test_it_keeps_the_owners_operational_status_when_the_network_reports(network):
    at = ago(minutes=5)
    network.put(location(last_updated=at, evses=[evse("1", last_updated=at)]), "ALB1")
    port = Port.objects.get()
    port.status = PortStatus.OUT_OF_SERVICE
    port.save()
    envelope(network.patch({"status": "AVAILABLE", "last_updated": ago(minutes=1)}, "ALB1", "1"))
    port.refresh_from_db()
    assert port.status == PortStatus.OUT_OF_SERVICE
    assert port.live_status == LiveStatus.AVAILABLE
    envelope(network.patch({"status": "OUTOFORDER", "last_updated": ago(seconds=30)}, "ALB1", "1"))
    port.refresh_from_db()
    assert (port.status, port.live_status) == (PortStatus.OUT_OF_SERVICE, LiveStatus.OUT_OF_ORDER)


def test_it_adds_an_evse_pushed_on_its_own(network):
    network.put(location(last_updated=ago(minutes=5)), "ALB1")
    response = network.put(evse("7", "RESERVED", last_updated=ago(minutes=1)), "ALB1", "7")
    envelope(response)
    port = Port.objects.get()
    assert port.station.name == "EVSE US*CPT*E7"
    assert port.live_status == LiveStatus.RESERVED


def test_it_adds_a_connector_pushed_on_its_own(network):
    at = ago(minutes=5)
    network.put(location(last_updated=at, evses=[evse("1", last_updated=at)]), "ALB1")
    body = connector("2", standard="CHADEMO", power_type="DC", max_electric_power=50000)
    body.update(max_voltage=500, max_amperage=100, last_updated=ago(minutes=1))
    envelope(network.put(body, "ALB1", "1", "2"))
    chademo = Port.objects.get(ocpi_connectors__connector_id="2")
    assert (chademo.connector_type, chademo.max_power_kw) == (ConnectorType.CHADEMO, Decimal("50"))
    assert chademo.station == Port.objects.get(ocpi_connectors__connector_id="1").station

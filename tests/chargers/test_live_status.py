"""StatusNotification: a charger's word becomes its ports' live status, as a network's does."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chargers import live
from chargers.models import ChargerConnector
from chargers.vocabulary import LIVE_SOURCE, OcppStatus
from ports.models import StatusChange
from ports.vocabulary import LiveStatus
from search.models import Listing
from tests.chargers.factories import ChargerFactory
from tests.chargers.live_helpers import both_paths, charger_with_ports, fast  # noqa: F401
from tests.factories import PortFactory, StationFactory

pytestmark = pytest.mark.django_db


@both_paths
@pytest.mark.parametrize(
    ("ocpp", "expected"),
    [
        ("Available", LiveStatus.AVAILABLE),
        ("Preparing", LiveStatus.IN_USE),
        ("Charging", LiveStatus.IN_USE),
        ("SuspendedEV", LiveStatus.IN_USE),
        ("SuspendedEVSE", LiveStatus.IN_USE),
        ("Finishing", LiveStatus.IN_USE),
        ("Reserved", LiveStatus.RESERVED),
        ("Unavailable", LiveStatus.OUT_OF_ORDER),
        ("Faulted", LiveStatus.OUT_OF_ORDER),
    ],
)
def test_it_maps_each_ocpp_status_to_the_ports_live_status(ocpp, expected):
    charger, (port, other) = charger_with_ports()
    now = timezone.now()

    live.status(charger.pk, 1, ocpp, now=now)

    port.refresh_from_db()
    assert (port.live_status, port.live_status_at, port.live_source) == (expected, now, LIVE_SOURCE)
    other.refresh_from_db()
    assert other.live_status == ""  # connector 2 said nothing


@both_paths
def test_it_keeps_the_error_code_for_the_owner():
    charger, _ = charger_with_ports()
    sent = timezone.now() - timedelta(seconds=3)

    live.status(
        charger.pk,
        2,
        "Faulted",
        error_code="GroundFailure",
        info="RCD tripped",
        vendor_error_code="E-17",
        timestamp=sent.isoformat(),
    )

    connector = ChargerConnector.objects.get(charger=charger, connector_id=2)
    assert connector.status == OcppStatus.FAULTED
    assert (connector.error_code, connector.info, connector.vendor_error_code) == (
        "GroundFailure",
        "RCD tripped",
        "E-17",
    )
    assert connector.status_at == sent


@both_paths
def test_connector_zero_applies_to_every_port_of_the_charger():
    charger, ports = charger_with_ports(3)

    live.status(charger.pk, 0, "Unavailable", error_code="OtherError")

    assert {p.live_status for p in type(ports[0]).objects.filter(station=charger.station)} == {
        LiveStatus.OUT_OF_ORDER
    }
    assert set(charger.connectors.values_list("status", "error_code")) == {
        ("Unavailable", "OtherError")
    }


@both_paths
def test_it_records_history_only_when_the_live_status_changes():
    charger, (port, _) = charger_with_ports()
    start = timezone.now()

    live.status(charger.pk, 1, "Preparing", now=start)
    live.status(charger.pk, 1, "Charging", now=start + timedelta(seconds=5))  # still in use
    live.status(charger.pk, 1, "Available", now=start + timedelta(seconds=9))

    rows = StatusChange.objects.filter(port=port, kind=StatusChange.Kind.LIVE)
    assert [(c.kind, c.old, c.new, c.source) for c in rows] == [
        ("live", "", "in_use", LIVE_SOURCE),
        ("live", "in_use", "available", LIVE_SOURCE),
    ]


@both_paths
def test_it_keeps_no_history_when_history_is_off(settings):
    settings.KEEP_STATUS_HISTORY = False
    charger, (port, _) = charger_with_ports()

    live.status(charger.pk, 1, "Charging")

    port.refresh_from_db()
    assert port.live_status == LiveStatus.IN_USE
    assert not StatusChange.objects.filter(kind=StatusChange.Kind.LIVE).exists()


@both_paths
def test_a_report_older_than_the_one_held_changes_nothing():
    charger, (port, _) = charger_with_ports()
    now = timezone.now()

    live.status(charger.pk, 1, "Charging", timestamp=now)
    live.status(charger.pk, 1, "Available", timestamp=now - timedelta(seconds=1))

    port.refresh_from_db()
    assert port.live_status == LiveStatus.IN_USE
    assert charger.connectors.get(connector_id=1).status == "Charging"


@both_paths
def test_it_marks_the_locations_search_row_for_recomputing():
    charger, _ = charger_with_ports()
    site_id = charger.station.site_id
    Listing.refresh([site_id])
    Listing.objects.filter(site_id=site_id).update(stale_after=None)
    now = timezone.now()

    live.status(charger.pk, 1, "Charging", now=now)

    assert Listing.objects.get(site_id=site_id).stale_after == now


@both_paths
def test_a_new_connector_is_mapped_to_the_stations_nth_port():
    station = StationFactory()
    first, second = PortFactory(station=station), PortFactory(station=station)
    charger = ChargerFactory(station=station)

    live.status(charger.pk, 2, "Available")
    live.status(charger.pk, 1, "Charging")
    live.status(charger.pk, 3, "Available")  # the station has no third port

    mapped = dict(charger.connectors.values_list("connector_id", "port_id"))
    assert mapped == {1: first.pk, 2: second.pk, 3: None}
    first.refresh_from_db()
    assert first.live_status == LiveStatus.IN_USE


@both_paths
def test_a_port_mapped_to_another_chargers_connector_is_not_taken():
    """Two chargers on one station: the second one's connector 1 waits for its owner."""
    station = StationFactory()
    port = PortFactory(station=station)
    first, second = ChargerFactory(station=station), ChargerFactory(station=station)

    live.status(first.pk, 1, "Charging")
    live.status(second.pk, 1, "Available")

    assert first.connectors.get().port_id == port.pk
    assert second.connectors.get().port_id is None
    port.refresh_from_db()
    assert port.live_status == LiveStatus.IN_USE


@both_paths
def test_a_connector_without_a_port_keeps_its_status():
    charger = ChargerFactory()  # its station has no port

    live.status(charger.pk, 1, "Faulted", error_code="PowerSwitchFailure")

    assert charger.connectors.get().error_code == "PowerSwitchFailure"


def test_a_status_ocpp_does_not_have_is_refused_with_the_choices():
    charger = ChargerFactory()

    with pytest.raises(ValueError, match="status 'Busy' is not an OCPP 1.6 status: use one of"):
        live.status(charger.pk, 1, "Busy")


def test_a_deleted_charger_is_unknown():
    charger = ChargerFactory()
    charger.delete()

    with pytest.raises(live.UnknownCharger):
        live.status(charger.pk, 1, "Available")

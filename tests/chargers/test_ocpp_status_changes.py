"""StatusNotification: the connector's port takes the live status drivers read, from "the
charger", with a history row for each change and the error code kept for the owner."""

from ocpp.v16 import call
from ocpp.v16.enums import ChargePointErrorCode, ChargePointStatus

from chargers.models import ChargerConnector
from chargers.vocabulary import LIVE_SOURCE
from ports.models import StatusChange
from ports.vocabulary import LiveStatus
from tests.chargers.factories import ChargerFactory
from tests.factories import PortFactory


def status(connector_id, status, error_code=ChargePointErrorCode.no_error, **fields):
    return call.StatusNotification(
        connector_id=connector_id, error_code=error_code, status=status, **fields
    )


def test_it_sets_the_mapped_ports_live_status_as_the_connector_changes(connect):
    charger = ChargerFactory()
    first, second = PortFactory.create_batch(2, station=charger.station)
    link = connect(charger)

    link.call(status(1, ChargePointStatus.available))
    link.call(status(2, ChargePointStatus.available))
    link.call(status(1, ChargePointStatus.charging))
    link.call(
        status(
            2,
            ChargePointStatus.faulted,
            ChargePointErrorCode.ground_failure,
            info="RCD tripped",
            vendor_error_code="E42",
        )
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.live_status, first.live_source) == (LiveStatus.IN_USE, LIVE_SOURCE)
    assert second.live_status == LiveStatus.OUT_OF_ORDER
    assert first.live_now() == LiveStatus.IN_USE  # fresh: drivers read it
    faulted = ChargerConnector.objects.get(charger=charger, connector_id=2)
    assert (faulted.port, faulted.status) == (second, ChargePointStatus.faulted)
    assert (faulted.error_code, faulted.info, faulted.vendor_error_code) == (
        "GroundFailure",
        "RCD tripped",
        "E42",
    )
    history = StatusChange.objects.filter(kind=StatusChange.Kind.LIVE, source=LIVE_SOURCE)
    assert list(history.filter(port=first).values_list("old", "new")) == [
        ("", LiveStatus.AVAILABLE),
        (LiveStatus.AVAILABLE, LiveStatus.IN_USE),
    ]
    assert list(history.filter(port=second).values_list("new", flat=True)) == [
        LiveStatus.AVAILABLE,
        LiveStatus.OUT_OF_ORDER,
    ]


def test_it_lists_a_connector_with_no_port_for_the_owner_to_map(connect):
    charger = ChargerFactory()
    port = PortFactory(station=charger.station)
    link = connect(charger)

    link.call(status(2, ChargePointStatus.preparing, timestamp="2026-11-30T10:00:00Z"))

    extra = ChargerConnector.objects.get(charger=charger, connector_id=2)
    assert (extra.port, extra.status) == (None, ChargePointStatus.preparing)
    port.refresh_from_db()
    assert port.live_status == ""

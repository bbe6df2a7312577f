"""Two chargers on one station, connected at once: each one's connectors drive the ports
its owner mapped them to, and neither touches the other's."""

from ocpp.v16 import call
from ocpp.v16.enums import ChargePointErrorCode, ChargePointStatus

from chargers.models import ChargerConnector
from ports.vocabulary import LiveStatus
from tests.chargers.factories import ChargerFactory
from tests.factories import PortFactory, StationFactory


def status(connector_id, status):
    return call.StatusNotification(
        connector_id=connector_id, error_code=ChargePointErrorCode.no_error, status=status
    )


def test_it_keeps_each_chargers_ports_apart(connect):
    station = StationFactory()
    north_port, south_port = PortFactory.create_batch(2, station=station)
    north, south = ChargerFactory.create_batch(2, station=station)
    ChargerConnector.objects.create(charger=north, connector_id=1, port=north_port)
    ChargerConnector.objects.create(charger=south, connector_id=1, port=south_port)
    north_link, south_link = connect(north), connect(south)

    north_link.call(status(1, ChargePointStatus.charging))
    south_link.call(status(1, ChargePointStatus.available))
    south_link.call(status(0, ChargePointStatus.unavailable))  # the whole south charger

    north_port.refresh_from_db()
    south_port.refresh_from_db()
    assert north_port.live_status == LiveStatus.IN_USE
    assert south_port.live_status == LiveStatus.OUT_OF_ORDER
    north.refresh_from_db()
    south.refresh_from_db()
    assert north.is_online() and south.is_online()
    # Both connections are up and answered.
    assert north_link.call(call.Heartbeat()).current_time
    assert south_link.call(call.Heartbeat()).current_time

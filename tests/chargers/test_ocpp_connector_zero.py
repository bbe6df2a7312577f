"""StatusNotification for connector 0 is the charger as a whole: every port it is mapped
to takes the status."""

from ocpp.v16 import call
from ocpp.v16.enums import ChargePointErrorCode, ChargePointStatus

from chargers.models import ChargerConnector
from ports.vocabulary import LiveStatus
from tests.chargers.factories import ChargerFactory
from tests.factories import PortFactory


def test_it_applies_connector_zero_to_every_port_of_the_charger(connect):
    charger = ChargerFactory()
    first, second = PortFactory.create_batch(2, station=charger.station)
    elsewhere = PortFactory(station=charger.station)  # another charger's, or none's
    link = connect(charger)
    for connector_id in (1, 2):
        link.call(
            call.StatusNotification(
                connector_id=connector_id,
                error_code=ChargePointErrorCode.no_error,
                status=ChargePointStatus.available,
            )
        )

    link.call(
        call.StatusNotification(
            connector_id=0,
            error_code=ChargePointErrorCode.power_meter_failure,
            status=ChargePointStatus.unavailable,
        )
    )

    for port in (first, second, elsewhere):
        port.refresh_from_db()
    assert first.live_status == second.live_status == LiveStatus.OUT_OF_ORDER
    assert elsewhere.live_status == ""
    assert set(
        ChargerConnector.objects.filter(charger=charger).values_list("connector_id", "error_code")
    ) == {(1, "PowerMeterFailure"), (2, "PowerMeterFailure")}

"""A charger boots: BootNotification is accepted with its heartbeat interval, and what it
says it is is kept (and offered as the station's make and model when those are empty)."""

from datetime import datetime

from django.utils import timezone
from ocpp.v16 import call
from ocpp.v16.enums import RegistrationStatus

from tests.chargers.factories import ChargerFactory


def test_it_accepts_the_boot_and_keeps_what_the_charger_says_it_is(connect):
    charger = ChargerFactory(heartbeat_interval=45, station__manufacturer="", station__model="")

    answer = connect(charger).call(
        call.BootNotification(
            charge_point_vendor="Wallbox",
            charge_point_model="Pulsar Plus",
            charge_point_serial_number="WB-0042",
            firmware_version="5.17.1",
        )
    )

    assert answer.status == RegistrationStatus.accepted
    assert answer.interval == 45
    assert abs(datetime.fromisoformat(answer.current_time) - timezone.now()).total_seconds() < 5
    charger.refresh_from_db()
    assert (charger.vendor, charger.model) == ("Wallbox", "Pulsar Plus")
    assert (charger.serial_number, charger.firmware_version) == ("WB-0042", "5.17.1")
    assert charger.booted_at is not None and charger.connected_at is not None
    assert charger.is_online()
    charger.station.refresh_from_db()
    assert (charger.station.manufacturer, charger.station.model) == ("Wallbox", "Pulsar Plus")

"""A charger silent for more than two heartbeat intervals goes offline: the server's sweep
sets its ports' live status to Unknown; the next message it sends puts them back."""

import time
from datetime import timedelta

from django.utils import timezone
from ocpp.v16 import call
from ocpp.v16.enums import ChargePointErrorCode, ChargePointStatus

from chargers.models import Charger
from ports.models import Port
from ports.vocabulary import LiveStatus
from tests.chargers.conftest import eventually
from tests.chargers.factories import ChargerFactory
from tests.factories import PortFactory


def test_it_marks_a_silent_charger_offline_and_back_when_it_speaks(connect):
    charger = ChargerFactory(heartbeat_interval=10)
    port = PortFactory(station=charger.station)
    link = connect(charger)
    link.call(
        call.StatusNotification(
            connector_id=1,
            error_code=ChargePointErrorCode.no_error,
            status=ChargePointStatus.available,
        )
    )
    # The connection stays open but nothing is heard for three intervals (the sweep only
    # looks at the database, as a sweep in another process would).
    silent_since = timezone.now() - timedelta(seconds=31)
    Charger.objects.filter(pk=charger.pk).update(last_heard_at=silent_since)

    eventually(lambda: Port.objects.get(pk=port.pk).live_status == LiveStatus.UNKNOWN)

    charger.refresh_from_db()
    assert charger.offline_since == silent_since
    assert not charger.is_online()

    link.call(call.Heartbeat())

    port.refresh_from_db()
    assert port.live_status == LiveStatus.AVAILABLE
    charger.refresh_from_db()
    assert charger.offline_since is None and charger.is_online()


def test_it_leaves_a_charger_that_keeps_talking_online(connect):
    charger = ChargerFactory(heartbeat_interval=10)
    port = PortFactory(station=charger.station)
    link = connect(charger)
    link.call(
        call.StatusNotification(
            connector_id=1,
            error_code=ChargePointErrorCode.no_error,
            status=ChargePointStatus.charging,
        )
    )
    # Heard 19 s ago: within two intervals.
    Charger.objects.filter(pk=charger.pk).update(
        last_heard_at=timezone.now() - timedelta(seconds=19)
    )

    time.sleep(0.6)  # the sweep runs every 0.2 s here: three times at least

    port.refresh_from_db()
    charger.refresh_from_db()
    assert port.live_status == LiveStatus.IN_USE
    assert charger.offline_since is None

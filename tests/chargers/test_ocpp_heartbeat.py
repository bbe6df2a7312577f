"""Heartbeat: answered with the current time; the charger counts as heard, and its ports'
live status stays fresh (a status is only sent when it changes)."""

from datetime import datetime, timedelta

from django.utils import timezone
from ocpp.v16 import call

from chargers.models import Charger, ChargerConnector
from chargers.vocabulary import LIVE_SOURCE, OcppStatus
from ports.models import Port
from ports.vocabulary import LiveStatus
from tests.chargers.factories import ChargerFactory
from tests.factories import PortFactory


def test_it_answers_with_the_time_and_keeps_the_ports_status_fresh(connect):
    charger = ChargerFactory()
    port = PortFactory(station=charger.station)
    ChargerConnector.objects.create(
        charger=charger, connector_id=1, port=port, status=OcppStatus.CHARGING
    )
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Port.objects.filter(pk=port.pk).update(
        live_status=LiveStatus.IN_USE, live_status_at=an_hour_ago, live_source=LIVE_SOURCE
    )
    link = connect(charger)
    Charger.objects.filter(pk=charger.pk).update(last_heard_at=an_hour_ago)

    answer = link.call(call.Heartbeat())

    assert abs(datetime.fromisoformat(answer.current_time) - timezone.now()) < timedelta(seconds=5)
    charger.refresh_from_db()
    assert charger.last_heard_at > an_hour_ago
    port.refresh_from_db()
    assert port.live_status_at > an_hour_ago
    assert port.live_now() == LiveStatus.IN_USE

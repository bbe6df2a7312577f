"""Two processes may hold the same charger around a reconnect: row locks keep order."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chargers import live
from chargers.models import ChargerConnector
from ports.models import StatusChange
from ports.vocabulary import LiveStatus
from tests.chargers.factories import ChargerFactory
from tests.chargers.live_helpers import charger_with_ports
from tests.factories import PortFactory, StationFactory
from tests.threads import postgresql_only, race

pytestmark = [postgresql_only, pytest.mark.django_db(transaction=True)]


def test_a_new_connector_reported_by_two_processes_at_once_is_created_once():
    station = StationFactory()
    port = PortFactory(station=station)
    first, second = ChargerFactory(station=station), ChargerFactory(station=station)

    def report(i):
        charger = first if i % 2 else second
        live.status(charger.pk, 1, "Available")
        return "ok"

    assert race(report, threads=6) == ["ok"] * 6

    assert ChargerConnector.objects.filter(charger__in=[first, second]).count() == 2
    assert ChargerConnector.objects.filter(port=port).count() == 1


def test_statuses_heartbeats_and_sweeps_at_once_neither_deadlock_nor_lose_the_last_word():
    charger, ports = charger_with_ports(4, heartbeat_interval=60)
    live.connected(charger.pk)
    base = timezone.now()

    def traffic(i):
        for n in range(5):
            match i % 3:
                case 0:
                    live.status(charger.pk, 0, "Charging", timestamp=base + timedelta(seconds=n))
                case 1:
                    live.heard(charger.pk)
                case 2:
                    live.sweep_offline()
        return "ok"

    assert race(traffic, threads=6) == ["ok"] * 6
    live.status(charger.pk, 0, "Available", timestamp=base + timedelta(minutes=1))

    for port in ports:
        port.refresh_from_db()
        assert port.live_status == LiveStatus.AVAILABLE
    changes = StatusChange.objects.filter(port=ports[0], kind="live").values_list("new", flat=True)
    assert list(changes) == ["in_use", "available"]  # no change recorded twice

"""Heartbeats and StatusNotifications in one batch (live.store_many): every hearing before
any status, so a status sent by a charger coming back from offline is the one that stands."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chargers import live
from ports.vocabulary import LiveStatus
from tests.chargers.live_helpers import (  # noqa: F401 (fast: the fixture both_paths uses)
    both_paths,
    charger_with_ports,
    fast,
    live_statuses,
    report,
)

pytestmark = pytest.mark.django_db


@both_paths
def test_a_status_of_a_charger_back_from_offline_stands_over_the_restored_one():
    charger, ports = charger_with_ports()
    now = timezone.now()
    live.status(charger.pk, 1, "Charging", now=now - timedelta(minutes=5))
    charger.last_heard_at = now - timedelta(minutes=5)
    charger.save()
    assert live.sweep_offline(now=now) == 1

    # Heard and its new status in one item: the hearing restores "In use" first.
    results = live.store_many([(charger.pk, report(charger, 1, "Available"))], now=now)

    assert results == [None]
    charger.refresh_from_db()
    assert charger.offline_since is None
    assert live_statuses(ports)[0] == LiveStatus.AVAILABLE


@both_paths
def test_it_answers_each_item_with_its_own_result():
    charger, ports = charger_with_ports()
    other, other_ports = charger_with_ports()
    now = timezone.now()

    results = live.store_many(
        [
            (charger.pk, None),  # a heartbeat
            (None, report(other, 2, "Faulted")),  # a status, its charger heard lately
            (other.pk + 1000, report(other, 1, "Charging")),  # a charger since deleted
            (None, report(charger, 1, "Bogus")),  # a status OCPP 1.6 does not have
        ],
        now=now,
    )

    assert results[0] == charger.password_version
    assert results[1] is None
    assert isinstance(results[2], live.UnknownCharger)
    assert isinstance(results[3], ValueError)
    assert live_statuses(other_ports) == ["", LiveStatus.OUT_OF_ORDER]  # not "Charging"
    charger.refresh_from_db()
    assert charger.last_heard_at == now

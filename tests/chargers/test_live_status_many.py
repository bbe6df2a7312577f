"""Many chargers' StatusNotifications stored at once (the server's group commit) end as
if each had been stored alone, in the order they arrived; one bad report fails alone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chargers import live
from chargers.models import ChargerConnector
from chargers.vocabulary import LIVE_SOURCE
from ports.models import StatusChange
from ports.vocabulary import LiveStatus
from search.models import Listing
from tests.chargers.live_helpers import (  # noqa: F401 (fast: the fixture both_paths uses)
    both_paths,
    charger_with_ports,
    fast,
    live_statuses,
    report,
)
from tests.factories import StationFactory

pytestmark = pytest.mark.django_db


@both_paths
def test_it_stores_each_chargers_report():
    first, first_ports = charger_with_ports()
    second, second_ports = charger_with_ports()
    now = timezone.now()

    results = live.status_many(
        [
            report(first, 1, "Charging"),
            report(second, 2, "Faulted", error_code="GroundFailure"),
            report(first, 2, "Available"),
        ],
        now=now,
    )

    assert results == [None, None, None]
    assert live_statuses(first_ports) == [LiveStatus.IN_USE, LiveStatus.AVAILABLE]
    assert live_statuses(second_ports) == ["", LiveStatus.OUT_OF_ORDER]
    assert first_ports[0].live_status_at == now
    assert first_ports[0].live_source == LIVE_SOURCE
    faulted = ChargerConnector.objects.get(charger=second, connector_id=2)
    assert faulted.error_code == "GroundFailure"
    assert StatusChange.objects.filter(kind=StatusChange.Kind.LIVE).count() == 3


@both_paths
def test_it_keeps_the_last_of_two_reports_on_one_connector():
    charger, ports = charger_with_ports()

    live.status_many(
        [report(charger, 0, "Unavailable"), report(charger, 1, "Charging")],
        now=timezone.now(),
    )

    # Connector 0 spoke for both; connector 1's own report came after it.
    assert live_statuses(ports) == [LiveStatus.IN_USE, LiveStatus.OUT_OF_ORDER]


@both_paths
def test_it_ignores_a_report_older_than_the_one_held():
    charger, ports = charger_with_ports()
    now = timezone.now()
    live.status(charger.pk, 1, "Charging", timestamp=now, now=now)

    live.status_many(
        [report(charger, 1, "Available", timestamp=now - timedelta(seconds=30))], now=now
    )

    assert live_statuses(ports)[0] == LiveStatus.IN_USE


@both_paths
def test_it_creates_and_maps_a_connector_first_heard_of():
    charger, ports = charger_with_ports(count=2)
    ChargerConnector.objects.filter(charger=charger, connector_id=2).delete()

    results = live.status_many([report(charger, 2, "Charging")], now=timezone.now())

    assert results == [None]
    assert ChargerConnector.objects.get(charger=charger, connector_id=2).port == ports[1]
    assert live_statuses(ports)[1] == LiveStatus.IN_USE


@both_paths
def test_it_fails_a_bad_report_alone():
    charger, ports = charger_with_ports()
    gone, _ = charger_with_ports()
    gone_pk = gone.pk
    gone.delete()
    now = timezone.now()

    results = live.status_many(
        [
            report(charger, 1, "Charging"),
            report(charger, 2, "Sleeping"),
            {"charger": gone_pk, "connector": 1, "status": "Available"},
            report(charger, 2, "Available", timestamp="yesterday"),
        ],
        now=now,
    )

    assert results[0] is None
    assert isinstance(results[1], ValueError) and "Sleeping" in str(results[1])
    assert isinstance(results[2], live.UnknownCharger)
    assert isinstance(results[3], ValueError) and "yesterday" in str(results[3])
    assert live_statuses(ports) == [LiveStatus.IN_USE, ""]


@both_paths
def test_it_marks_each_location_for_recomputing_once():
    charger, _ = charger_with_ports()
    site = charger.station.site
    Listing.refresh([site.pk])
    now = timezone.now()

    live.status_many([report(charger, 1, "Charging"), report(charger, 2, "Charging")], now=now)

    assert Listing.objects.get(site=site).stale_after == now


@both_paths
def test_it_hears_many_chargers_at_once():
    first, first_ports = charger_with_ports()
    second, _ = charger_with_ports(password_version=4)
    gone, _ = charger_with_ports()
    gone_pk = gone.pk
    gone.delete()
    now = timezone.now()

    versions = live.heard_many([first.pk, second.pk, gone_pk], now=now)

    assert versions[:2] == [first.password_version, 4]
    assert isinstance(versions[2], live.UnknownCharger)
    first.refresh_from_db()
    assert first.last_heard_at == now


@both_paths
def test_it_brings_back_an_offline_charger_it_hears():
    charger, ports = charger_with_ports()
    now = timezone.now()
    live.status(charger.pk, 1, "Charging", now=now - timedelta(minutes=5))
    charger.last_heard_at = now - timedelta(minutes=5)
    charger.save()
    assert live.sweep_offline(now=now) == 1
    assert live_statuses(ports)[0] == LiveStatus.UNKNOWN

    assert live.heard_many([charger.pk], now=now) == [charger.password_version]

    charger.refresh_from_db()
    assert charger.offline_since is None
    assert live_statuses(ports)[0] == LiveStatus.IN_USE


def test_a_station_without_chargers_changes_nothing():
    StationFactory()
    assert live.status_many([], now=timezone.now()) == []

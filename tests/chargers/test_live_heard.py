"""A charger heard from: connected, booted, heartbeats keeping its ports' status fresh."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chargers import live
from chargers.models import Charger
from chargers.vocabulary import LIVE_SOURCE
from ports.models import Port, StatusChange
from ports.vocabulary import LiveStatus
from tests.chargers.factories import ChargerFactory
from tests.chargers.live_helpers import both_paths, charger_with_ports, fast  # noqa: F401
from tests.factories import PortFactory, StationFactory

pytestmark = pytest.mark.django_db


def test_connected_marks_the_charger_online():
    charger = ChargerFactory(offline_since=None)
    now = timezone.now()

    live.connected(charger.pk, now=now)

    charger.refresh_from_db()
    assert (charger.connected_at, charger.last_heard_at, charger.offline_since) == (now, now, None)
    assert charger.is_online(now)


def test_boot_keeps_what_the_charger_says_it_is_and_answers_its_heartbeat_interval():
    charger = ChargerFactory(heartbeat_interval=120)
    now = timezone.now()

    interval = live.boot(
        charger.pk,
        vendor="Wallbox",
        model="Pulsar Plus",
        serial_number="WB-123",
        firmware_version="5.17.2",
        now=now,
    )

    assert interval == 120
    charger.refresh_from_db()
    assert (charger.vendor, charger.model, charger.serial_number, charger.firmware_version) == (
        "Wallbox",
        "Pulsar Plus",
        "WB-123",
        "5.17.2",
    )
    assert (charger.booted_at, charger.last_heard_at) == (now, now)


def test_boot_offers_make_and_model_to_a_station_without_them():
    charger = ChargerFactory(station=StationFactory(manufacturer="", model=""))

    live.boot(charger.pk, vendor="Wallbox", model="Pulsar Plus")

    charger.station.refresh_from_db()
    assert (charger.station.manufacturer, charger.station.model) == ("Wallbox", "Pulsar Plus")


def test_boot_never_overwrites_what_the_owner_wrote():
    charger = ChargerFactory(station=StationFactory(manufacturer="ChargePoint", model=""))

    live.boot(charger.pk, vendor="Wallbox", model="Pulsar Plus")

    charger.station.refresh_from_db()
    assert (charger.station.manufacturer, charger.station.model) == ("ChargePoint", "Pulsar Plus")


@both_paths
def test_heard_returns_the_password_version_and_notes_the_time():
    charger = ChargerFactory(password_version=4)
    now = timezone.now()

    assert live.heard(charger.pk, now=now) == 4

    charger.refresh_from_db()
    assert charger.last_heard_at == now


@both_paths
def test_a_heartbeat_keeps_the_chargers_statuses_fresh():
    """A charger reports a status only when it changes: its heartbeats vouch for it."""
    charger, (port, other) = charger_with_ports()
    reported = timezone.now() - timedelta(minutes=14)
    live.status(charger.pk, 1, "Available", now=reported)
    Port.objects.filter(pk=other.pk).update(
        live_status=LiveStatus.AVAILABLE, live_status_at=reported, live_source="Some Network"
    )
    now = reported + timedelta(minutes=14)

    live.heard(charger.pk, now=now)

    port.refresh_from_db()
    assert port.live_status_at == now
    assert port.live_now(now + timedelta(minutes=10)) == LiveStatus.AVAILABLE
    other.refresh_from_db()
    assert other.live_status_at == reported  # a network's word is the network's to refresh


@both_paths
def test_heartbeats_seconds_apart_rewrite_no_port():
    charger, (port, _) = charger_with_ports()
    reported = timezone.now()
    live.status(charger.pk, 1, "Available", now=reported)

    # The charger's row is rewritten (REFRESH_EVERY is up), its ports' are not yet.
    heard_at = reported + live.VOUCH_EVERY - timedelta(seconds=1)
    assert heard_at > reported + live.REFRESH_EVERY
    live.heard(charger.pk, now=heard_at)
    charger.refresh_from_db()
    port.refresh_from_db()
    assert (charger.last_heard_at, port.live_status_at) == (heard_at, reported)

    # At the charger's next write after VOUCH_EVERY, they are.
    vouched_at = heard_at + live.REFRESH_EVERY + timedelta(seconds=1)
    live.heard(charger.pk, now=vouched_at)
    port.refresh_from_db()
    assert port.live_status_at == vouched_at


@both_paths
def test_a_charger_heard_again_after_going_offline_gets_its_statuses_back():
    charger, (port, other) = charger_with_ports(heartbeat_interval=60)
    start = timezone.now() - timedelta(minutes=10)
    live.connected(charger.pk, now=start)
    live.status(charger.pk, 1, "Charging", now=start)
    live.status(charger.pk, 2, "Faulted", error_code="GroundFailure", now=start)
    assert live.sweep_offline(now=start + timedelta(minutes=3)) == 1
    back = start + timedelta(minutes=9)

    live.heard(charger.pk, now=back)

    charger.refresh_from_db()
    assert charger.offline_since is None and charger.last_heard_at == back
    port.refresh_from_db()
    other.refresh_from_db()
    assert (port.live_status, port.live_status_at, port.live_source) == (
        LiveStatus.IN_USE,
        back,
        LIVE_SOURCE,
    )
    assert other.live_status == LiveStatus.OUT_OF_ORDER
    history = StatusChange.objects.filter(port=port, kind=StatusChange.Kind.LIVE)
    assert [(c.old, c.new) for c in history] == [
        ("", "in_use"),
        ("in_use", "unknown"),
        ("unknown", "in_use"),
    ]


def test_reconnecting_keeps_the_chargers_statuses_fresh():
    """After a server restart a charger reconnects; what it reported last still stands."""
    charger, (port, _) = charger_with_ports()
    reported = timezone.now() - timedelta(minutes=14)
    live.status(charger.pk, 1, "Charging", now=reported)
    now = reported + timedelta(minutes=14)

    live.connected(charger.pk, now=now)

    port.refresh_from_db()
    assert (port.live_status, port.live_status_at) == (LiveStatus.IN_USE, now)


@pytest.mark.parametrize("again", ["connected", "boot"])
def test_reconnecting_or_rebooting_also_puts_the_statuses_back(again):
    charger, (port, _) = charger_with_ports(heartbeat_interval=60)
    start = timezone.now() - timedelta(minutes=10)
    live.status(charger.pk, 1, "Charging", now=start)
    Charger.objects.filter(pk=charger.pk).update(last_heard_at=start)
    live.sweep_offline(now=start + timedelta(minutes=3))

    if again == "connected":
        live.connected(charger.pk)
    else:
        live.boot(charger.pk, vendor="Wallbox", model="Pulsar Plus")

    port.refresh_from_db()
    assert port.live_status == LiveStatus.IN_USE


def test_a_deleted_charger_is_unknown_to_every_call():
    charger = ChargerFactory()
    PortFactory(station=charger.station)
    charger.delete()

    for call in (live.connected, live.heard):
        with pytest.raises(live.UnknownCharger):
            call(charger.pk)
    with pytest.raises(live.UnknownCharger):
        live.boot(charger.pk, vendor="Wallbox", model="Pulsar Plus")
    assert live.password_versions([charger.pk]) == {}


def test_password_versions_reads_many_chargers_in_one_query(django_assert_num_queries):
    chargers = [ChargerFactory(password_version=n) for n in (1, 2, 3)]

    with django_assert_num_queries(1):
        versions = live.password_versions(c.pk for c in chargers)

    assert versions == {chargers[0].pk: 1, chargers[1].pk: 2, chargers[2].pk: 3}


@both_paths
def test_messages_seconds_apart_write_nothing():
    """A busy charger costs a read per message, not a write: heard to the nearest seconds."""
    charger = ChargerFactory()
    first = timezone.now()
    live.heard(charger.pk, now=first)

    live.heard(charger.pk, now=first + live.REFRESH_EVERY - timedelta(milliseconds=1))
    charger.refresh_from_db()
    assert charger.last_heard_at == first

    later = first + live.REFRESH_EVERY + timedelta(milliseconds=1)
    live.heard(charger.pk, now=later)
    charger.refresh_from_db()
    assert charger.last_heard_at == later

"""What the owner reads about a charger's connection and what it said at boot."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from chargers.models import ChargerConnector
from chargers.templatetags.chargers import clock, heard_ago
from tests.chargers.factories import ChargerFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db


def read(client, station):
    return text(client.get(station.get_absolute_url()).text)


def test_it_says_never_connected(alice_client, station):
    ChargerFactory(station=station)
    page = read(alice_client, station)
    assert "Never connected" in page
    assert "Its vendor, model, serial and firmware appear once it connects." in page
    assert "Its connectors appear here once it reports them." in page


def test_it_says_connected_and_when_it_was_last_heard(alice_client, station):
    now = timezone.now()
    ChargerFactory(
        station=station,
        connected_at=now - timedelta(hours=2),
        last_heard_at=now - timedelta(seconds=20),
        booted_at=now - timedelta(hours=2),
        vendor="Wallbox",
        model="Pulsar Plus",
        serial_number="WB123456",
        firmware_version="5.17.2",
    )
    page = read(alice_client, station)
    assert re.search(r"Connected · last heard 2[01] s ago", page)
    assert "Wallbox Pulsar Plus · serial WB123456 · firmware 5.17.2" in page


def test_it_says_offline_since_when(alice_client, station):
    since = timezone.now() - timedelta(minutes=10)
    ChargerFactory(station=station, last_heard_at=since, offline_since=since)
    assert f"Offline since {clock(since)}" in read(alice_client, station)


def test_it_says_offline_once_silent_for_two_heartbeats_before_the_sweep(alice_client, station):
    heard = timezone.now() - timedelta(seconds=130)
    ChargerFactory(station=station, last_heard_at=heard, heartbeat_interval=60)
    page = read(alice_client, station)
    assert f"Offline since {clock(heard)}" in page
    assert "Connected · last heard" not in page


def test_it_shows_each_connectors_last_status_and_error(alice_client, station, port):
    charger = ChargerFactory(station=station)
    ChargerConnector.objects.create(
        charger=charger,
        connector_id=1,
        port=port,
        status="Faulted",
        error_code="GroundFailure",
        vendor_error_code="E42",
        status_at=timezone.now(),
    )
    page = read(alice_client, station)
    assert "Connector 1" in page
    assert "Faulted · GroundFailure" in page
    assert "vendor code E42" in page


def test_it_words_time_as_owners_read_it():
    now = timezone.now()
    assert heard_ago(now - timedelta(seconds=20), now) == "20 s ago"
    assert heard_ago(now - timedelta(minutes=4, seconds=5), now) == "4 min ago"
    assert heard_ago(now - timedelta(hours=3), now) == "3 h ago"
    assert heard_ago(now + timedelta(seconds=2), now) == "0 s ago"
    local = timezone.localtime(now).replace(hour=14, minute=5)
    assert clock(local, local) == "14:05"
    assert clock(local - timedelta(days=1), local) == (local - timedelta(days=1)).strftime(
        "%b %-d, 14:05"
    )

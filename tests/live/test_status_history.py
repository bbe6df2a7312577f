"""Every change of a port's operational or live status is kept: port, kind, old, new,
when and who said so. Uptime is computed from it."""

from datetime import datetime

import pytest
from django.urls import reverse

from ports.models import Port, StatusChange
from ports.vocabulary import LiveStatus, PortStatus
from tests.live.conftest import report
from tests.ocpi.network import ago, connector, envelope

pytestmark = pytest.mark.django_db

OPERATIONAL, LIVE = StatusChange.Kind.OPERATIONAL, StatusChange.Kind.LIVE


def changes(port, kind):
    return list(port.status_changes.filter(kind=kind).values_list("old", "new", "source"))


def test_it_records_a_new_port_as_operational(alice_client, station):
    alice_client.post(
        reverse("ports:add", args=[station.pk]),
        {
            "connector_type": "j1772",
            "power_type": "ac_level_2",
            "max_power_kw": "7.2",
            "status": PortStatus.OPERATIONAL,
            "label": "Port 1",
            "notes": "",
        },
    )
    assert changes(Port.objects.get(), OPERATIONAL) == [("", "operational", "Alice")]


def test_it_records_the_owner_marking_a_port(alice_client, port):
    url = reverse("ports:status", args=[port.pk])
    alice_client.post(url, {"status": PortStatus.OUT_OF_SERVICE})
    alice_client.post(url, {"status": PortStatus.OPERATIONAL})
    assert changes(port, OPERATIONAL)[1:] == [
        ("operational", "out_of_service", "Alice"),
        ("out_of_service", "operational", "Alice"),
    ]


def test_it_records_nothing_when_the_status_stays(port):
    before = StatusChange.objects.count()
    port.notes = "Requires the app"
    port.save()
    port.mark(PortStatus.OPERATIONAL, by=None)
    assert StatusChange.objects.count() == before


def test_it_records_each_live_change_at_the_networks_time(network, garage):
    port = Port.objects.get(ocpi_connectors__evse__uid="1")
    charging, available = ago(minutes=9), ago(minutes=2)
    report(network, "1", "CHARGING", minutes=9)
    report(network, "1", "OUTOFORDER", minutes=5)
    report(network, "1", "AVAILABLE", minutes=2)
    rows = list(port.status_changes.filter(kind=LIVE).values_list("old", "new", "source", "at"))
    assert [row[:3] for row in rows] == [
        ("", "available", "Capital Power"),
        ("available", "in_use", "Capital Power"),
        ("in_use", "out_of_order", "Capital Power"),
        ("out_of_order", "available", "Capital Power"),
    ]
    assert rows[1][3] == datetime.fromisoformat(charging)
    assert rows[3][3] == datetime.fromisoformat(available)
    port.refresh_from_db()
    assert (port.live_status, port.live_source) == (LiveStatus.AVAILABLE, "Capital Power")
    assert port.status == PortStatus.OPERATIONAL
    assert changes(port, OPERATIONAL) == [("", "operational", "ChargeSites")]


def test_it_records_the_first_live_status_of_a_connector_added_later(network, garage):
    added = {**connector("2"), "last_updated": ago(minutes=30)}
    envelope(network.put(added, "ALB1", "1", "2"))
    port = Port.objects.get(ocpi_connectors__connector_id="2")
    assert port.live_status == ""
    report(network, "1", "AVAILABLE", minutes=2)
    report(network, "1", "CHARGING", minutes=1)
    assert changes(port, LIVE) == [
        ("", "available", "Capital Power"),
        ("available", "in_use", "Capital Power"),
    ]


def test_it_keeps_no_history_when_told_not_to(settings, network, garage):
    settings.KEEP_STATUS_HISTORY = False
    before = StatusChange.objects.count()
    report(network, "1", "CHARGING", minutes=1)
    assert StatusChange.objects.count() == before
    assert Port.objects.get(ocpi_connectors__evse__uid="1").live_status == LiveStatus.IN_USE

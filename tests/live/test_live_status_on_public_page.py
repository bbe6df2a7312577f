"""Drivers see each port's live status with its age, next to the owner's status; "N ports
available" counts a port reported busy as unavailable while the report is fresh."""

import pytest

from ports.models import Port
from ports.vocabulary import PortStatus
from tests.factories import PortFactory
from tests.live.conftest import report
from tests.live.pages import port_items, public_page, summary

pytestmark = pytest.mark.django_db


def test_it_shows_available_now_with_the_reports_age(client, network, garage):
    report(network, "1", "AVAILABLE", minutes=3)
    first, second = port_items(public_page(client, garage))
    assert "Available now · live from Capital Power · updated 3 minutes ago" in first
    assert "updated" not in second  # its report is an hour old


def test_it_shows_in_use_and_counts_one_port_fewer(client, network, garage):
    assert "2 ports available of 2" in summary(public_page(client, garage))
    report(network, "1", "CHARGING", minutes=3)
    page = public_page(client, garage)
    first, second = port_items(page)
    assert "In use · live from Capital Power · updated 3 minutes ago" in first
    assert "Operational" in first  # the owner's status stays the owner's
    assert "1 port available of 2" in summary(page)


@pytest.mark.parametrize(
    "status, shown",
    [("BLOCKED", "In use"), ("RESERVED", "Reserved"), ("OUTOFORDER", "Out of order")],
)
def test_it_counts_a_busy_report_as_unavailable(client, network, garage, status, shown):
    report(network, "1", status, minutes=1)
    page = public_page(client, garage)
    assert f"{shown} · live from Capital Power · updated 1 minute ago" in port_items(page)[0]
    assert "1 port available of 2" in summary(page)


def test_it_counts_an_unknown_report_as_the_owners_status(client, network, garage):
    report(network, "1", "UNKNOWN", minutes=1)
    page = public_page(client, garage)
    assert (
        "Unknown · no live status from Capital Power · updated 1 minute ago" in port_items(page)[0]
    )
    assert "2 ports available of 2" in summary(page)


def test_it_says_nothing_of_a_report_older_than_15_minutes(client, network, garage):
    report(network, "1", "CHARGING", minutes=16)
    page = public_page(client, garage)
    assert "In use" not in page
    assert "updated" not in port_items(page)[0]
    assert "2 ports available of 2" in summary(page)


def test_it_keeps_a_port_out_of_service_whatever_its_network_says(client, network, garage):
    port = Port.objects.get(ocpi_connectors__evse__uid="1")
    port.status = PortStatus.OUT_OF_SERVICE
    port.save()
    report(network, "1", "AVAILABLE", minutes=1)
    page = public_page(client, garage)
    first = port_items(page)[0]
    assert "Out of Service" in first
    assert "Available now" not in first
    assert "1 port available of 2" in summary(page)


def test_it_shows_no_live_status_for_a_port_without_a_network(client, site, station):
    PortFactory(station=station)
    page = public_page(client, site)
    assert "updated" not in port_items(page)[0]
    assert "1 port available of 1" in summary(page)

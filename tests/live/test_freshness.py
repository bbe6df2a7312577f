"""A live status counts for 15 minutes: after that the port is available again by its
owner's word, on the drivers' page and in the "Available now" search, which recomputes
the location's listing when its stale_after passes."""

from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from ports.models import Port
from search.models import Listing
from tests.conftest import HTMX
from tests.live.conftest import report
from tests.live.pages import found, port_items, public_page, summary

pytestmark = pytest.mark.django_db

NAME = "Riverfront Garage"


@contextmanager
def minutes_later(minutes):
    later = timezone.now() + timedelta(minutes=minutes)
    with mock.patch("django.utils.timezone.now", return_value=later):
        yield


def available_now(client) -> dict[str, str]:
    return found(client, available="on")


def test_it_shows_in_use_then_available_again_16_minutes_later(client, network, garage):
    report(network, "1", "CHARGING")
    page = public_page(client, garage)
    assert "In use · live from Capital Power · updated" in port_items(page)[0]
    assert "1 port available of 2" in summary(page)
    with minutes_later(16):
        page = public_page(client, garage)
    assert "In use" not in page
    assert "2 ports available of 2" in summary(page)


def test_it_still_counts_a_report_14_minutes_old(client, network, garage):
    report(network, "1", "CHARGING")
    with minutes_later(14):
        page = public_page(client, garage)
    assert "In use · live from Capital Power · updated" in port_items(page)[0]
    assert "1 port available of 2" in summary(page)


def test_it_drops_the_location_from_available_now_and_brings_it_back(client, network, garage):
    assert "2 ports available of 2" in available_now(client)[NAME]
    report(network, "1", "CHARGING")
    assert "1 port available of 2" in available_now(client)[NAME]
    report(network, "2", "CHARGING")
    assert NAME not in available_now(client)
    # Every port has a fresh report: the count is the network's, "now".
    assert "0 ports available now of 2" in found(client)[NAME]  # still listed
    with minutes_later(16):
        assert "2 ports available of 2" in available_now(client)[NAME]


def test_it_recomputes_the_listing_when_the_first_busy_report_goes_stale(client, network, garage):
    report(network, "1", "CHARGING", minutes=5)
    report(network, "2", "RESERVED", minutes=2)
    found(client)  # a search recomputes what the reports made stale
    listing = Listing.objects.get(site=garage)
    first = Port.objects.get(ocpi_connectors__evse__uid="1").live_status_at
    # A second past the 15 minutes, so that a row recomputed then reads the report as stale.
    assert listing.stale_after == first + timedelta(minutes=15, seconds=1)
    assert listing.ports_available == 0
    with minutes_later(11):  # the first report is 16 minutes old, the second 13
        assert "1 port available of 2" in available_now(client)[NAME]
    listing.refresh_from_db()
    second = Port.objects.get(ocpi_connectors__evse__uid="2").live_status_at
    assert listing.stale_after == second + timedelta(minutes=15, seconds=1)


def test_it_counts_a_report_made_16_minutes_ago_as_stale_at_once(client, network, garage):
    report(network, "1", "CHARGING", minutes=16)
    report(network, "2", "CHARGING", minutes=16)
    assert "2 ports available of 2" in summary(public_page(client, garage))
    assert "2 ports available of 2" in available_now(client)[NAME]


def test_it_shows_available_now_again_when_the_network_says_so(client, network, garage):
    report(network, "1", "CHARGING", minutes=2)
    report(network, "2", "CHARGING", minutes=2)
    assert NAME not in available_now(client)
    report(network, "1", "AVAILABLE", minutes=1)
    assert "1 port available now of 2" in available_now(client)[NAME]
    assert (
        "Available now · live from Capital Power · updated 1 minute ago"
        in port_items(public_page(client, garage))[0]
    )


def test_it_answers_htmx_searches_the_same(client, network, garage):
    report(network, "1", "CHARGING")
    report(network, "2", "CHARGING")
    assert NAME not in found(client, headers=HTMX, available="on")
    with minutes_later(16):
        assert "2 ports available of 2" in found(client, headers=HTMX, available="on")[NAME]


def test_it_lists_an_unclaimed_network_location_without_fresh_reports(client, network_garage):
    # Nobody vouches for reports an hour old: the ports are listed, not available.
    assert "2 ports listed" in summary(public_page(client, network_garage))
    assert NAME not in available_now(client)
    assert "available" not in found(client)[NAME]


def test_it_counts_only_freshly_reported_ports_of_an_unclaimed_location(
    client, network, network_garage
):
    report(network, "1", "AVAILABLE", minutes=1)
    assert "1 port available now of 2" in summary(public_page(client, network_garage))
    assert "1 port available now of 2" in available_now(client)[NAME]
    with minutes_later(16):
        assert NAME not in available_now(client)

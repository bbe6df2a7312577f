"""Owners see each port's uptime as a chart of the days it existed, up to 30; drivers
read how reliable the location was and over how many days."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ports.models import Port, StatusChange
from ports.vocabulary import PortStatus
from sites.models import Site
from tests.conftest import HTMX
from tests.factories import PortFactory
from tests.live.conftest import backdate
from tests.live.pages import public_page, summary, text
from tests.ocpi.network import ago, envelope, evse, location

pytestmark = pytest.mark.django_db

CHART = 'aria-label="Up 90% over the last 30 days"'


def out_of_service(port, *, from_days, to_days):
    """A history by hand: the port is 40 days old and was broken between these days ago."""
    now = timezone.now()
    backdate(port, now - timedelta(days=40))
    for old, new, days in [
        (PortStatus.OPERATIONAL, PortStatus.OUT_OF_SERVICE, from_days),
        (PortStatus.OUT_OF_SERVICE, PortStatus.OPERATIONAL, to_days),
    ]:
        StatusChange.objects.create(
            port=port,
            kind=StatusChange.Kind.OPERATIONAL,
            old=old,
            new=new,
            at=now - timedelta(days=days),
        )


@pytest.fixture
def broken_3_days(port):
    out_of_service(port, from_days=10, to_days=7)
    return port


def test_it_shows_the_chart_on_the_station_page(alice_client, station, broken_3_days):
    response = alice_client.get(reverse("stations:detail", args=[station.pk]))
    assert response.status_code == 200
    assert '<svg class="uptime-chart"' in response.text
    assert CHART in response.text
    assert "90% up over the last 30 days" in text(response.text)
    assert response.text.count("<rect ") == 30


def test_it_shows_the_chart_in_the_htmx_row(alice_client, broken_3_days):
    response = alice_client.get(reverse("ports:detail", args=[broken_3_days.pk]), headers=HTMX)
    assert b"<html" not in response.content
    assert CHART in response.text


def test_it_shows_no_figure_for_a_port_added_just_now(alice_client, station, port):
    response = alice_client.get(reverse("stations:detail", args=[station.pk]))
    assert '<svg class="uptime-chart"' not in response.text
    assert "100%" not in response.text
    assert "after 7 days of history" in response.text


def test_it_tells_drivers_how_reliable_the_location_was(client, site, broken_3_days):
    assert "Reliable 90% over the last 30 days" in summary(public_page(client, site))


def test_it_averages_reliability_over_the_ports_drivers_see(client, site, station, broken_3_days):
    healthy = PortFactory(station=station)
    out_of_service(healthy, from_days=2, to_days=1)  # 29 of 30 days up
    PortFactory(station=station, status=PortStatus.DECOMMISSIONED)  # not seen, not counted
    assert "Reliable 93% over the last 30 days" in summary(public_page(client, site))


def test_it_counts_the_hours_its_network_reported_out_of_order(
    client, alice_client, alice, network
):
    at = ago(days=10)
    envelope(network.put(location(last_updated=at, evses=[evse("1", last_updated=at)]), "ALB1"))
    port = Port.objects.get()
    backdate(port, timezone.now() - timedelta(days=40))
    for status, before_now in [
        ("OUTOFORDER", {"days": 5}),
        ("AVAILABLE", {"days": 4, "hours": 12}),
    ]:
        envelope(network.patch({"status": status, "last_updated": ago(**before_now)}, "ALB1", "1"))
    assert "Reliable 98% over the last 30 days" in summary(public_page(client, port.station.site))
    Site.objects.update(owner=alice)
    response = alice_client.get(reverse("stations:detail", args=[port.station_id]))
    assert 'aria-label="Up 98% over the last 30 days"' in response.text


def test_it_hides_the_chart_from_a_stranger(bob_client, station, broken_3_days):
    assert bob_client.get(reverse("stations:detail", args=[station.pk])).status_code == 404

"""The owner's uptime chart covers only the days a port existed, one bar a day, and gives
no figure before 7 days of history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tests.conftest import HTMX
from tests.factories import PortFactory
from tests.live.conftest import backdate
from tests.live.pages import text

pytestmark = pytest.mark.django_db


def aged(port, **age):
    created = timezone.now() - timedelta(**age)
    backdate(port, created)
    return created


def station_page(client, station) -> str:
    response = client.get(reverse("stations:detail", args=[station.pk]))
    assert response.status_code == 200
    return response.text


def day(moment) -> str:
    return date_format(timezone.localtime(moment), "M j")


def test_it_draws_a_bar_for_each_day_of_a_12_day_old_port(alice_client, station, port):
    aged(port, days=12, hours=3)
    page = station_page(alice_client, station)
    assert page.count("<rect ") == 13  # 12 whole days and the part of the day it was added
    assert '<svg class="uptime-chart" width="38" height="18" viewBox="0 0 38 18"' in page
    assert 'aria-label="Up 100% over the last 12 days"' in page
    assert "100% up over the last 12 days" in text(page)
    assert "30 days" not in text(page)


def test_it_draws_30_bars_for_a_port_older_than_the_window(alice_client, station, port):
    aged(port, days=90)
    page = station_page(alice_client, station)
    assert page.count("<rect ") == 30
    assert 'width="89"' in page
    assert "100% up over the last 30 days" in text(page)


def test_it_says_when_the_figure_comes_for_a_port_under_7_days(alice_client, station, port):
    created = aged(port, days=2)
    page = station_page(alice_client, station)
    assert '<svg class="uptime-chart"' not in page
    assert "<rect " not in page
    assert "% up" not in text(page)
    since, figure_from = day(created), day(created + timedelta(days=7))
    expected = f"Tracking since {since}. Uptime from {figure_from}, after 7 days of history."
    assert expected in text(page)


def test_it_shows_the_same_in_the_htmx_row(alice_client, station, port):
    aged(port, days=12, hours=3)
    young = PortFactory(station=station, label="Port 2")
    aged(young, hours=5)
    url = reverse("ports:detail", args=[port.pk])
    row = alice_client.get(url, headers=HTMX).text
    assert "<html" not in row
    assert row.count("<rect ") == 13
    row = alice_client.get(reverse("ports:detail", args=[young.pk]), headers=HTMX).text
    assert "after 7 days of history" in row
    assert "<rect " not in row

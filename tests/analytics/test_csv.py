"""The CSV download: a header row, a row per UTC day oldest first, numbers only."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from analytics.models import DailyCount, Kind
from tests.analytics.factories import ChargingSessionFactory, ReportFactory
from tests.chargers.factories import ChargerFactory

pytestmark = pytest.mark.django_db


def rows(client, site, extra=""):
    response = client.get(reverse("analytics:site", args=[site.pk]) + "?format=csv" + extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_it_writes_a_header_and_a_row_per_day(alice_client, port):
    site = port.station.site
    today = datetime.now(UTC).date()
    DailyCount.objects.create(site=site, day=today, kind=Kind.VIEW, count=12)
    DailyCount.objects.create(site=site, day=today - timedelta(days=6), kind=Kind.SEARCH, count=3)
    DailyCount.objects.create(site=site, day=today - timedelta(days=7), kind=Kind.VIEW, count=99)
    ReportFactory(port=port)
    found = rows(alice_client, site)
    header, body = found[0], found[1:]
    assert header[:3] == ["date_utc", "page_views", "search_appearances"]
    assert "reports" in header
    assert len(body) == 7
    assert body[0][:3] == [(today - timedelta(days=6)).isoformat(), "0", "3"]
    assert body[-1][:3] == [today.isoformat(), "12", "0"]
    assert body[-1][header.index("reports")] == "1"
    assert sum(int(row[1]) for row in body) == 12  # the day before the window is left out


def test_it_adds_sessions_and_energy_columns_for_ocpp_chargers(alice_client, station):
    ChargingSessionFactory(
        charger=ChargerFactory(station=station), meter_start_wh=0, meter_stop_wh=7200
    )
    header, *body = rows(alice_client, station.site)
    assert header[-2:] == ["charging_sessions", "energy_kwh"]
    assert body[-1][-2:] == ["1", "7.2"]


def test_it_is_not_found_for_a_stranger(bob_client, site):
    response = bob_client.get(reverse("analytics:site", args=[site.pk]) + "?format=csv")
    assert response.status_code == 404


def test_an_unknown_format_shows_the_page_with_a_message(alice_client, site):
    page = alice_client.get(reverse("analytics:site", args=[site.pk]) + "?format=xlsx")
    assert page.status_code == 200
    assert "Format: leave it out for the page, or ask for csv." in page.text

"""The owner's analytics page: charts drawn on the server, a table to read them by, the
owner only; a fixed number of queries however long the window."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from analytics.models import DailyCount, Kind
from tests.analytics.factories import ChargingSessionFactory, ReportFactory
from tests.chargers.factories import ChargerFactory
from tests.conftest import HTMX

pytestmark = pytest.mark.django_db


def url(site, **query):
    address = reverse("analytics:site", args=[site.pk])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def today():
    return datetime.now(UTC).date()


def test_it_shows_the_owner_a_chart_per_measure(alice_client, port):
    site = port.station.site
    DailyCount.objects.create(site=site, day=today(), kind=Kind.VIEW, count=41)
    DailyCount.objects.create(site=site, day=today(), kind=Kind.SEARCH, count=230)
    ReportFactory(port=port)
    page = alice_client.get(url(site))
    assert page.status_code == 200
    text = page.text
    for chart in ("views", "search", "reports"):
        assert f'id="chart-{chart}"' in text
    assert text.count("<svg") >= 3
    assert '<title id="chart-views-title">Page views</title>' in text
    assert "41 in all, at most 41 in a day" in text  # the chart's <desc>
    assert "<table" in text and "<caption" in text
    assert "chart-sessions" not in text  # no charger connected over OCPP


def test_it_adds_sessions_and_energy_for_ocpp_chargers(alice_client, station):
    charger = ChargerFactory(station=station)
    ChargingSessionFactory(charger=charger, meter_start_wh=1000, meter_stop_wh=8200)
    ChargingSessionFactory(charger=charger, meter_start_wh=0, meter_last_wh=3000)
    page = alice_client.get(url(station.site))
    assert 'id="chart-sessions"' in page.text
    assert 'id="chart-energy"' in page.text
    assert "10.2 kWh" in page.text


def test_it_is_not_found_for_a_stranger(bob_client, site):
    assert bob_client.get(url(site)).status_code == 404


def test_it_asks_a_visitor_to_sign_in(client, site):
    response = client.get(url(site))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_it_swaps_only_the_numbers_for_htmx(alice_client, site):
    fragment = alice_client.get(url(site, days=7), headers=HTMX)
    assert fragment.status_code == 200
    assert "<html" not in fragment.text
    assert 'id="numbers"' in fragment.text
    assert 'role="status"' in fragment.text


def test_it_says_what_is_wrong_with_the_days_asked_for(alice_client, site):
    for bad in ("abc", "0", "-3", "1e3", "99999"):
        page = alice_client.get(url(site, days=bad))
        assert page.status_code == 200
        assert "Days:" in page.text
        assert "Showing the last 7 days" in page.text


def test_it_escapes_the_location_name(alice_client, site):
    site.name = "<script>alert(1)</script> https://evil.example"
    site.save()
    page = alice_client.get(url(site))
    assert "<script>alert(1)" not in page.text
    assert 'href="https://evil.example' not in page.text


def test_it_runs_a_fixed_number_of_queries(alice_client, port, django_assert_num_queries):
    """N+1 guard: a year of days, reports and sessions cost the same few queries."""
    site = port.station.site
    site.owner.plan = "premium_multi"
    site.owner.save()
    charger = ChargerFactory(station=port.station)
    for n in range(40):
        day = today() - timedelta(days=n * 7)
        DailyCount.objects.create(site=site, day=day, kind=Kind.VIEW, count=n + 1)
        ChargingSessionFactory(
            charger=charger, started_at=datetime.combine(day, datetime.min.time(), UTC)
        )
    ReportFactory.create_batch(5, port=port)
    # The request's savepoint and its release, session, user, site, counts, reports, "any
    # charger?", sessions, check-ins.
    with django_assert_num_queries(10):
        assert alice_client.get(url(site, days=365)).status_code == 200

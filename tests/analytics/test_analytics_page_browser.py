"""The owner reads how a location does on a phone and a desktop: charts and the table fit
the screen, axe finds nothing serious, and a longer window comes in with or without
JavaScript. Screenshots for review go to /work/helpers/shots."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.plans import Plan
from analytics.models import DailyCount, Kind
from community.models import CheckIn, Outcome
from tests.analytics.factories import ChargingSessionFactory, ReportFactory
from tests.browser.a11y import (
    DESKTOP,
    PHONE,
    blocking_violations,
    describe_violations,
    horizontal_overflow,
    keep_screenshot,
)
from tests.browser.test_owner_pages import context_for
from tests.chargers.factories import ChargerFactory
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture
def owner():
    owner = UserFactory(
        email="demo@example.com", display_name="Demo Charging Co.", plan=Plan.PREMIUM
    )
    site = SiteFactory(owner=owner, name="Maple Street Market")
    station = StationFactory(site=site, name="ChargePoint CT4000")
    port = PortFactory(station=station, label="Port 1")
    charger = ChargerFactory(station=station)
    today = datetime.now(UTC).date()
    for n in range(90):
        day = today - timedelta(days=n)
        DailyCount.objects.create(site=site, day=day, kind=Kind.VIEW, count=20 + (n * 7) % 31)
        DailyCount.objects.create(site=site, day=day, kind=Kind.SEARCH, count=120 + (n * 13) % 90)
        if n % 3 == 0:
            start = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=9)
            ChargingSessionFactory(
                charger=charger, started_at=start, meter_start_wh=0, meter_stop_wh=9000 + n * 100
            )
    ReportFactory.create_batch(2, port=port)
    # The widest page: a column for each check-in outcome.
    driver = UserFactory(email="driver@example.com")
    outcomes = list(Outcome)
    for n in range(12):
        CheckIn.objects.create(site=site, port=port, driver=driver, outcome=outcomes[n % 4])
    return owner


@pytest.mark.parametrize("size", list(SIZES))
def test_it_reads_well_and_fits_the_screen(browser, live_server, owner, size):
    context = context_for(browser, live_server, owner, SIZES[size])
    page = context.new_page()
    site = owner.sites.get()
    page.goto(f"{live_server.url}{reverse('analytics:site', args=[site.pk])}?days=30")
    expect(page.get_by_role("heading", name="How Maple Street Market does")).to_be_visible()
    expect(page.get_by_role("img", name="Page views")).to_be_visible()
    expect(page.get_by_role("img", name="Energy delivered (kWh)")).to_be_visible()
    keep_screenshot(page, f"analytics-{size}.png")
    page.get_by_text("Every day as a table").click()
    expect(page.get_by_role("table")).to_be_visible()
    assert not horizontal_overflow(page), horizontal_overflow(page)
    violations = blocking_violations(page)
    assert not violations, "\n".join(describe_violations(violations))
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_it_shows_a_longer_window(browser, live_server, owner, javascript):
    context = context_for(browser, live_server, owner, DESKTOP, javascript=javascript)
    page = context.new_page()
    site = owner.sites.get()
    page.goto(f"{live_server.url}{reverse('analytics:site', args=[site.pk])}")
    expect(page.get_by_role("status")).to_contain_text("(90 days)")
    page.get_by_label("Show the last").select_option("30")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("status")).to_contain_text("(30 days)")
    assert "days=30" in page.url
    context.close()

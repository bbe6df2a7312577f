"""An owner's first day: Add Location finds the listing already there and offers to claim it;
the dashboard and the location page say what keeps a location out of search. On a phone and a
desktop, without sideways scrolling; screenshots for review go to /work/helpers/shots."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from accounts.plans import Plan
from ports.vocabulary import PortStatus
from reports.models import Problem, Report
from sites.models import Origin, Site
from tests.browser.a11y import (
    DESKTOP,
    PHONE,
    blocking_violations,
    describe_violations,
    horizontal_overflow,
    keep_screenshot,
)
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture
def owner():
    owner = UserFactory(
        email="demo@example.com", display_name="Demo Charging Co.", plan=Plan.PREMIUM
    )
    maple = SiteFactory(owner=owner, name="Maple Street Market", street_address="120 Maple Street")
    station = StationFactory(site=maple, name="ChargePoint CT4000")
    PortFactory(station=station, label="Port 1")
    broken = PortFactory(
        station=station, label="Port 2", status=PortStatus.OUT_OF_SERVICE, notes="Awaiting parts"
    )
    Report.objects.create(
        port=broken, problem=Problem.NOT_WORKING, comment="Screen dark", client="test"
    )
    StationFactory(site=maple, name="Bank B", is_published=False)
    SiteFactory(
        owner=owner,
        name="Depot Lot",
        street_address="2 Depot Road",
        latitude=Decimal("42.640000"),
        longitude=Decimal("-73.760000"),
    )
    return owner


@pytest.fixture
def listed_nearby():
    """An imported listing nobody manages yet: the place the owner is about to add."""
    return SiteFactory(
        owner=None,
        origin=Origin.NREL,
        source_id="44174",
        name="Central Avenue Garage",
        street_address="350 Central Avenue",
        city="Albany",
        zip_code="12206",
        latitude=Decimal("42.664500"),
        longitude=Decimal("-73.774000"),
    )


def context_for(browser, live_server, user, size, javascript=True):
    context = browser.new_context(viewport=size, java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def check_page(page, shot: str):
    overflow = horizontal_overflow(page)
    assert not overflow, "\n".join(overflow)
    violations = blocking_violations(page)
    assert not violations, "\n".join(describe_violations(violations))
    keep_screenshot(page, shot)


@pytest.mark.parametrize("size", list(SIZES))
def test_it_offers_to_claim_the_listing_at_the_typed_address(
    browser, live_server, owner, listed_nearby, size
):
    context = context_for(browser, live_server, owner, SIZES[size])
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('sites:add')}")
    page.get_by_label("Name").fill("Central Garage EV")
    page.get_by_label("Street address").fill("350 Central Ave.")
    page.get_by_label("City").press_sequentially("Albany")

    claim = page.get_by_role("link", name="Claim it instead: Central Avenue Garage")
    expect(claim).to_be_visible()
    assert claim.get_attribute("href") == reverse("claims:claim", args=[listed_nearby.pk])
    expect(page.get_by_text("Is this yours?")).to_be_visible()
    expect(page.locator("#announcer")).to_have_text("1 listing already at or near this address")
    # The map replaces nothing: the typed coordinates stay.
    expect(page.locator("#site-map")).to_be_visible()
    expect(page.get_by_label("Latitude")).to_be_visible()
    check_page(page, f"owner-add-location-{size}.png")
    context.close()


def test_it_fills_the_coordinates_from_the_map(browser, live_server, owner):
    context = context_for(browser, live_server, owner, PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('sites:add')}")
    page.get_by_label("Latitude").fill("42.6645")
    page.get_by_label("Longitude").fill("-73.774")
    page.get_by_label("Longitude").dispatch_event("change")
    page.get_by_role("button", name="Put the pin at the map's centre").click()
    assert float(page.get_by_label("Latitude").input_value()) == pytest.approx(42.6645, abs=1e-3)
    assert float(page.get_by_label("Longitude").input_value()) == pytest.approx(-73.774, abs=1e-3)
    context.close()


def test_it_asks_about_the_listing_on_submit_without_javascript(
    browser, live_server, owner, listed_nearby
):
    context = context_for(browser, live_server, owner, PHONE, javascript=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('sites:add')}")
    page.get_by_label("Name").fill("Central Garage EV")
    page.get_by_label("Street address").fill("350 Central Avenue")
    page.get_by_label("City").fill("Albany")
    page.get_by_label("State").select_option("NY")
    page.get_by_label("ZIP code").fill("12206")
    page.get_by_label("Latitude").fill("42.6646")
    page.get_by_label("Longitude").fill("-73.7741")
    page.get_by_role("button", name="Add Location").click()

    expect(page.get_by_role("link", name="Claim it instead: Central Avenue Garage")).to_be_visible()
    assert not Site.objects.filter(name="Central Garage EV").exists()
    page.get_by_label("None of these is my location").check()
    page.get_by_role("button", name="Add Location").click()
    expect(page.get_by_role("heading", name="Central Garage EV")).to_be_visible()
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_dashboard_puts_what_needs_attention_first(browser, live_server, owner, size):
    context = context_for(browser, live_server, owner, SIZES[size])
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('sites:dashboard')}")
    expect(page.get_by_text("Hello Demo Charging Co. You manage 2 of 3")).to_be_visible()
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert headings[0] == "Needs attention"
    expect(page.get_by_text("1 of your locations is not in search")).to_be_visible()
    expect(
        page.get_by_role("link", name="Depot Lot: see what keeps it out of search")
    ).to_be_visible()
    check_page(page, f"owner-dashboard-{size}.png")
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_location_page_says_why_it_is_not_in_search(browser, live_server, owner, size):
    depot = Site.objects.get(name="Depot Lot")
    context = context_for(browser, live_server, owner, SIZES[size])
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('sites:detail', args=[depot.pk])}")
    expect(page.get_by_text("Why isn't my location in search?")).to_be_visible()
    expect(page.get_by_role("link", name="Add a station")).to_be_visible()
    check_page(page, f"owner-location-{size}.png")

    maple = Site.objects.get(name="Maple Street Market")
    page.goto(f"{live_server.url}{reverse('sites:detail', args=[maple.pk])}")
    # A draft station is to fix, not to hide: the checklist is open.
    expect(page.get_by_text("Drivers can find this location")).to_be_visible()
    expect(page.get_by_text("Draft, hidden from drivers: “Bank B”")).to_be_visible()
    check_page(page, f"owner-location-listed-{size}.png")
    context.close()

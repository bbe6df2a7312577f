"""A driver finds a fast CCS charger near a city; its owner marks the port out of
service; the driver's next search no longer counts it available."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from ports.vocabulary import ConnectorType, PowerType
from tests.browser.conftest import log_in
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def javascript():
    return True


@pytest.fixture
def chargers():
    owner = UserFactory(email="owner@example.com")
    fast = SiteFactory(
        owner=owner,
        name="Crossgates Fast Charge",
        city="Albany",
        zip_code="12203",
        latitude=Decimal("42.689500"),
        longitude=Decimal("-73.848300"),
    )
    station = StationFactory(site=fast, name="Electrify America 350kW")
    port = PortFactory(
        station=station,
        label="Port 1",
        connector_type=ConnectorType.CCS,
        power_type=PowerType.DC_FAST,
        max_power_kw=Decimal("350"),
    )
    slow = SiteFactory(
        owner=None,
        name="Library Lot",
        city="Albany",
        zip_code="12210",
        latitude=Decimal("42.652600"),
        longitude=Decimal("-73.756200"),
    )
    PortFactory(
        station=StationFactory(site=slow),
        connector_type=ConnectorType.CCS,
        power_type=PowerType.DC_FAST,
        max_power_kw=Decimal("50"),
    )
    return owner, fast, port


def results(page):
    return page.locator("#results .result")


def test_it_finds_a_fast_charger_and_sees_it_go_out_of_service(
    page, browser, live_server, chargers
):
    owner, fast, port = chargers

    page.goto(f"{live_server.url}/locations/")
    page.get_by_label("Near").fill("Albany, NY")
    filters = page.locator("#search-filters summary")
    expect(filters).to_have_text("Filters")
    filters.click()
    page.get_by_label("CCS").check()
    page.get_by_label("Minimum power (kW)").fill("150")
    expect(filters).to_have_text("Filters (2 active)")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(results(page)).to_have_count(1)
    expect(results(page).first).to_contain_text("Crossgates Fast Charge")
    expect(results(page).first).to_contain_text("1 CCS port available of 1")
    assert "connector=ccs" in page.url and "min_kw=150" in page.url  # bookmarkable
    # The map asks for what is in view with the same filters: the result as a green
    # pin whose name says it in words, linked to the list.
    marker = page.locator("#map .map-pin")
    expect(marker).to_have_count(1)
    expect(marker).to_have_class("map-pin map-pin--available")
    expect(marker).to_have_css("background-color", "rgb(21, 128, 61)")  # --ok, #15803d
    pin = page.get_by_role("button", name="Crossgates Fast Charge: 1 CCS port available of 1")
    pin.click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text("1 CCS port available of 1")
    expect(page.locator("#results .result.selected")).to_contain_text("Crossgates Fast Charge")
    # From the keyboard too: Escape closes the popup, Enter opens it with focus on its link.
    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup-content")).to_have_count(0)
    pin.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Crossgates Fast Charge").last).to_be_focused()

    results(page).first.get_by_role("link", name="Crossgates Fast Charge").click()
    expect(page.locator(".ports")).to_contain_text("350 kW")
    expect(page.locator(".ports")).to_contain_text("Operational")
    page.go_back()

    owner_page = browser.new_context().new_page()
    owner_page.set_default_timeout(10_000)
    log_in(owner_page, live_server, owner)
    owner_page.goto(f"{live_server.url}{port.station.get_absolute_url()}")
    row = owner_page.locator(f"#port-{port.pk}")
    row.get_by_role("button", name="Mark Out of Service").click()
    # Asked in place for a note and a repair date, both optional.
    asked = row.locator("form.status-form")
    expect(asked.get_by_label("Expected repair date")).to_be_visible()
    asked.get_by_role("button", name="Mark Out of Service").click()
    expect(row.locator(".pill")).to_have_text("Out of Service")

    page.reload()
    expect(results(page).first).to_contain_text("0 CCS ports available of 1")
    page.get_by_label("Available now").check()
    expect(results(page)).to_have_count(0)
    expect(page.locator("#results").get_by_text("No chargers match")).to_be_visible()
    expect(page.locator("#announcer")).to_have_text("No chargers match")  # said aloud

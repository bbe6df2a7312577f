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
    page.get_by_text("Filters:").click()
    page.get_by_label("CCS").check()
    page.get_by_label("Minimum power (kW)").fill("150")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(results(page)).to_have_count(1)
    expect(results(page).first).to_contain_text("Crossgates Fast Charge")
    expect(results(page).first).to_contain_text("1 CCS port available of 1")
    assert "connector=ccs" in page.url and "min_kw=150" in page.url  # bookmarkable
    # The map shows the result as a marker (green: a port available), linked to the list.
    marker = page.locator("#map path.leaflet-interactive")
    expect(marker).to_have_count(1)
    assert marker.get_attribute("fill") == "#15803d"
    marker.click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text("1 CCS port available of 1")
    expect(page.locator("#results .result.selected")).to_contain_text("Crossgates Fast Charge")

    results(page).first.get_by_role("link", name="Crossgates Fast Charge").click()
    expect(page.locator(".ports")).to_contain_text("350 kW")
    expect(page.locator(".ports")).to_contain_text("Operational")
    page.go_back()

    owner_page = browser.new_context().new_page()
    owner_page.set_default_timeout(10_000)
    log_in(owner_page, live_server, owner)
    owner_page.goto(f"{live_server.url}{port.station.get_absolute_url()}")
    owner_page.get_by_role("button", name="Mark Out of Service").click()
    expect(owner_page.locator("#port-list tr.port .status")).to_have_text("🔧 Out of Service")

    page.reload()
    expect(results(page).first).to_contain_text("0 CCS ports available of 1")
    page.get_by_label("Available now").check()
    expect(results(page)).to_have_count(0)
    expect(page.get_by_text("No chargers match")).to_be_visible()

"""A CHAdeMO driver near Albany finds the real Hannaford Supermarket (NREL id 228141: one
DC position listing CHAdeMO and CCS), reads counts and power of CHAdeMO ports only, and
never sees a private depot."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from ports.vocabulary import ConnectorType, PortStatus
from sites.access import Access, AccessDetail
from tests.factories import SiteFactory, StationFactory, UserFactory, dc_port
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def javascript():
    return True


@pytest.fixture
def albany(tmp_path):
    run_import(write_csv(tmp_path / "hannaford.csv", [ny_row("228141")]))
    owner = UserFactory(email="owner@example.com")
    plaza = SiteFactory(
        owner=owner,
        name="Crossgates Fast Charge",
        zip_code="12203",
        latitude=Decimal("42.689500"),
        longitude=Decimal("-73.848300"),
    )
    station = StationFactory(site=plaza, name="Electrify America 350kW")
    dc_port(station, ConnectorType.CCS, "350")
    dc_port(station, ConnectorType.CHADEMO, "50", status=PortStatus.OUT_OF_SERVICE)
    depot = SiteFactory(
        owner=UserFactory(),
        name="County Fleet Depot",
        latitude=Decimal("42.660000"),
        longitude=Decimal("-73.780000"),
        access=Access.PRIVATE,
        access_detail=AccessDetail.GOVERNMENT,
    )
    dc_port(StationFactory(site=depot), ConnectorType.CHADEMO, "50")


def result(page, name):
    return page.locator("#results .result").filter(has_text=name)


def test_it_finds_chademo_and_reads_only_chademo_figures(page, live_server, albany):
    page.set_viewport_size({"width": 390, "height": 844})
    # From the front door: a place and a connector.
    page.goto(f"{live_server.url}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Find a charger near").fill("Albany, NY")
    page.get_by_role("group", name="Your connector (optional)").get_by_label("CHAdeMO").check()
    page.get_by_role("button", name="Find chargers").click()
    expect(page.locator("#results .result")).to_have_count(2)
    hannaford = result(page, "Hannaford Supermarket")
    # One position with two cables: one CHAdeMO port, as NREL lists it (nobody reports live).
    expect(hannaford).to_contain_text("1 CHAdeMO port listed · from NREL, last confirmed")
    expect(hannaford).to_contain_text("up to 50 kW")
    crossgates = result(page, "Crossgates Fast Charge")
    # Its only CHAdeMO port is out of service, and its 350 kW belong to the CCS port.
    expect(crossgates).to_contain_text("0 CHAdeMO ports available of 1 · up to 50 kW")
    expect(crossgates).not_to_contain_text("350")
    expect(page.locator("#results")).not_to_contain_text("County Fleet Depot")

    page.locator("#search-filters summary").click()  # folded on a phone
    page.get_by_label("Available now").check()
    expect(page.locator("#results .result")).to_have_count(0)

    page.goto(f"{live_server.url}/locations/?q=hannaford")
    page.get_by_role("link", name="Hannaford Supermarket").first.click()
    # Two cables, one car at a time: one port to count on, both connectors shown.
    expect(page.locator(".summary")).to_contain_text("1 port listed")
    expect(page.locator(".ports")).to_contain_text("CHAdeMO")
    expect(page.locator(".ports")).to_contain_text("CCS")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_location_page_fits_a_phone_and_survives_without_map_tiles(page, live_server, albany):
    """The map is an extra: with its tiles refused the page still reads, and nothing breaks."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    tiles = []

    def refuse(route):
        tiles.append(route.request.url)
        route.abort()

    page.route("https://tile.openstreetmap.org/**", refuse)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/locations/?q=crossgates")
    page.get_by_role("link", name="Crossgates Fast Charge").first.click()
    expect(page.locator("#location-map")).to_be_visible()
    expect(page.locator("#location-map .leaflet-interactive")).to_have_count(1)  # its marker
    assert tiles, "the map asked for no tiles"
    assert errors == []
    expect(
        page.get_by_role("link", name="Directions (OpenStreetMap, opens in a new tab)")
    ).to_have_attribute(
        "href", "https://www.openstreetmap.org/directions?to=42.689500%2C-73.848300"
    )
    expect(page.locator(".summary")).to_contain_text("1 port available")
    expect(page.locator(".port-cards .report-link")).to_have_count(2)  # one per port
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

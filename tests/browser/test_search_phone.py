"""A driver searches on a 390 × 844 phone: the filters fold under a summary that counts
them, the first result is on the first screen, and a switch shows the list or the map.
On a desktop, the map of the whole country groups its chargers into count bubbles that
zoom in when chosen, by mouse or keyboard.

Set SHOTS_DIR to keep screenshots of what these tests see (search-*.png)."""

import os
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ports.vocabulary import ConnectorType
from search import clusters
from tests.browser.a11y import DESKTOP, PHONE, horizontal_overflow, page_problems
from tests.factories import PortFactory, SiteFactory, StationFactory, dc_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEARCH = "/locations/"
ALBANY_CCS = f"{SEARCH}?near=Albany%2C+NY&connector=ccs&min_kw=50"

# Six chargers around each of four cities, five to fifteen miles apart.
METROS = {
    "Albany": ("NY", "12207", 42.6526, -73.7562),
    "Denver": ("CO", "80202", 39.7392, -104.9903),
    "Austin": ("TX", "78701", 30.2672, -97.7431),
    "Seattle": ("WA", "98101", 47.6062, -122.3321),
}
OFFSETS = [(0, 0), (0.12, 0.09), (-0.09, 0.15), (0.15, -0.12), (-0.15, -0.15), (0.06, -0.21)]


def location(name, city, state, zip_code, lat, lng, *connectors):
    site = SiteFactory(
        name=name,
        city=city,
        state=state,
        zip_code=zip_code,
        latitude=Decimal(f"{lat:.6f}"),
        longitude=Decimal(f"{lng:.6f}"),
    )
    station = StationFactory(site=site)
    for connector in connectors or (ConnectorType.J1772,):
        if connector == ConnectorType.J1772:
            PortFactory(station=station, max_power_kw=Decimal("7.2"))
        else:
            dc_port(station, connector, "150")
    return site


@pytest.fixture
def nationwide():
    """Twenty-four locations in four cities; each with a CCS port and a J1772 port."""
    sites = []
    for city, (state, zip_code, lat, lng) in METROS.items():
        for n, (dlat, dlng) in enumerate(OFFSETS, start=1):
            sites.append(
                location(
                    f"{city} Charger {n}",
                    city,
                    state,
                    zip_code,
                    lat + dlat,
                    lng + dlng,
                    ConnectorType.CCS,
                    ConnectorType.J1772,
                )
            )
    return sites


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def settled(page):
    """No search in flight: the list on screen is the last one asked for."""
    expect(page.locator("#search-form.htmx-request")).to_have_count(0)


def shoot(page, name):
    """Keep a picture of the page as the test sees it, when SHOTS_DIR asks for them."""
    folder = os.environ.get("SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"search-{name}.png"))


def map_answers(page):
    """The map endpoint's JSON answers, as the page receives them."""
    answers = []

    def keep(response):
        if "/locations/map.json" in response.url and response.ok:
            answers.append(response.json())

    page.on("response", keep)
    return answers


def test_it_shows_the_first_result_on_the_first_screen(phone, live_server, nationwide):
    phone.goto(f"{live_server.url}{SEARCH}")
    phone.get_by_label("Near").fill("Albany, NY")
    phone.get_by_role("button", name="Search", exact=True).click()
    first = phone.locator("#results .result").first
    expect(first).to_contain_text("Albany Charger 1")
    settled(phone)
    assert phone.evaluate("window.scrollY") == 0
    assert first.bounding_box()["y"] < PHONE["height"], "the first result is below the first screen"
    assert not horizontal_overflow(phone)
    shoot(phone, "phone-list")


def test_it_folds_the_filters_and_counts_them(phone, live_server, nationwide):
    phone.goto(f"{live_server.url}{ALBANY_CCS}")
    filters = phone.locator("#search-filters")
    summary = filters.locator("summary")
    expect(summary).to_have_text("Filters (2 active)")
    expect(filters).not_to_have_attribute("open", "")
    expect(phone.get_by_label("Minimum power (kW)")).to_be_hidden()
    first = phone.locator("#results .result").first
    expect(first).to_contain_text("Albany Charger 1")
    assert first.bounding_box()["y"] < PHONE["height"]

    summary.click()
    expect(phone.get_by_label("Minimum power (kW)")).to_have_value("50")
    phone.get_by_label("Free").check()
    expect(summary).to_have_text("Filters (3 active)")
    phone.get_by_label("Minimum power (kW)").fill("")
    expect(summary).to_have_text("Filters (2 active)")
    assert not horizontal_overflow(phone)


def test_it_switches_between_the_list_and_the_map(phone, live_server, nationwide):
    phone.goto(f"{live_server.url}{ALBANY_CCS}")
    list_button = phone.get_by_role("button", name="List", exact=True)
    map_button = phone.get_by_role("button", name="Map", exact=True)
    results = phone.locator("#results")
    the_map = phone.get_by_role("region", name="Map of chargers")

    expect(list_button).to_have_attribute("aria-pressed", "true")
    expect(map_button).to_have_attribute("aria-pressed", "false")
    expect(results).to_be_visible()
    expect(the_map).to_be_hidden()

    map_button.click()
    expect(map_button).to_have_attribute("aria-pressed", "true")
    expect(list_button).to_have_attribute("aria-pressed", "false")
    expect(the_map).to_be_visible()
    expect(results).to_be_hidden()
    # The map asked for what is in view: Albany's six chargers, as pins or a bubble.
    expect(phone.locator("#map-status")).to_have_text("6 chargers in view.")
    expect(phone.locator("#map .map-marker").first).to_be_visible()
    problems = page_problems(phone)  # the map as drawn: pins, bubbles, key
    assert not problems, "\n".join(problems)
    shoot(phone, "phone-map")

    list_button.click()
    expect(results).to_be_visible()
    expect(the_map).to_be_hidden()
    expect(phone.locator("#results .result").first).to_be_in_viewport()


def test_it_shows_the_list_and_no_switch_without_javascript(browser, live_server, nationwide):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{ALBANY_CCS}")
        expect(page.get_by_role("button", name="Map", exact=True)).to_be_hidden()
        first = page.locator("#results .result").first
        expect(first).to_contain_text("Albany Charger 1")
        assert first.bounding_box()["y"] < PHONE["height"]
        assert not horizontal_overflow(page)
    finally:
        context.close()


@pytest.mark.parametrize("grouped_by", ["server", "browser"])
def test_it_draws_bubbles_for_the_whole_country(
    desktop, live_server, nationwide, monkeypatch, grouped_by
):
    if grouped_by == "server":
        # The server answers with its grid clusters above this many points (500 in use).
        monkeypatch.setattr(clusters, "POINTS_AT_MOST", 5)
    answers = map_answers(desktop)
    desktop.goto(f"{live_server.url}{SEARCH}")
    expect(desktop.locator("#map-status")).to_contain_text("24 chargers in view")
    bubbles = desktop.get_by_role("button", name="6 chargers here: zoom in")
    expect(bubbles).to_have_count(4)
    assert all(answer["total"] == 24 for answer in answers)
    sent_as_clusters = [len(answer["clusters"]) for answer in answers]
    assert sent_as_clusters[-1] == (4 if grouped_by == "server" else 0)
    shoot(desktop, f"desktop-country-{grouped_by}")

    # From the keyboard: a bubble is a button; Enter zooms into its six chargers.
    bubble = bubbles.first
    bubble.focus()
    bubble.press("Enter")
    pins = desktop.locator("#map .map-pin")
    expect(pins).to_have_count(6)
    expect(desktop.locator("#map-status")).to_have_text("6 chargers in view.")
    city = desktop.get_by_role("button", name=" Charger 1: ").get_attribute("title").split()[0]
    assert city in METROS
    fourth = desktop.get_by_role("button", name=f"{city} Charger 4: 2 ports available of 2")
    expect(fourth).to_be_visible()


def test_it_lists_and_maps_side_by_side_on_a_desktop(desktop, live_server, nationwide):
    desktop.goto(f"{live_server.url}{ALBANY_CCS}")
    first = desktop.locator("#results .result").first
    the_map = desktop.get_by_role("region", name="Map of chargers")
    expect(first).to_contain_text("Albany Charger 1")
    expect(the_map).to_be_visible()
    expect(desktop.get_by_role("button", name="Map", exact=True)).to_be_hidden()
    # Filters that are set show open on a desktop.
    expect(desktop.get_by_label("Minimum power (kW)")).to_be_visible()
    list_box, map_box = first.bounding_box(), the_map.bounding_box()
    assert list_box["x"] + list_box["width"] <= map_box["x"], "the list and the map overlap"
    assert map_box["y"] < DESKTOP["height"]
    expect(desktop.locator("#map .map-pin--available")).to_have_count(6)
    expect(desktop.get_by_role("list", name="Map key")).to_contain_text("Available now")
    problems = page_problems(desktop)
    assert not problems, "\n".join(problems)
    shoot(desktop, "desktop-list")

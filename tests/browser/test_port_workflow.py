"""The help article, walked as an owner would, with and without JavaScript;
after each step a driver's view of the location shows the change."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from ports.vocabulary import ConnectorType, PortStatus
from tests.browser.a11y import keep_screenshot, page_problems
from tests.browser.conftest import log_in
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory, dc_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def owner_station():
    owner = UserFactory(email="owner@example.com", display_name="Olive Owner")
    site = SiteFactory(owner=owner, name="Maple Street Market")
    station = StationFactory(site=site, name="ChargePoint CPF50 Dual Port")
    return owner, site, station


def port_row(page, label):
    return page.locator("#port-list tr", has_text=label)


def port_status(page, label):
    # The status pill of a displayed row (not the edit form, whose options name every status).
    return page.locator("#port-list tr.port", has_text=label).locator(".pill")


def save_port_form(page, button, **fields):
    form = page.locator("form.port-form")
    for label, value in fields.items():
        field = form.get_by_label(label, exact=True)
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    form.get_by_role("button", name=button).click()


def test_it_walks_the_spec_as_an_owner(page, driver_page, live_server, owner_station, javascript):
    owner, site, station = owner_station
    station_url = f"{live_server.url}{station.get_absolute_url()}"
    driver_url = f"{live_server.url}{site.get_public_url()}"

    # Step 1: Dashboard → Sites → [Your Location] → the station → "Charging Ports".
    log_in(page, live_server, owner)
    page.get_by_role("link", name="Sites", exact=True).first.click()
    page.get_by_role("link", name="Maple Street Market", exact=True).click()
    page.get_by_role("link", name="ChargePoint CPF50 Dual Port", exact=True).click()
    expect(page).to_have_url(station_url)
    expect(page.get_by_role("heading", name="Charging Ports")).to_be_visible()

    # Steps 2-7: "Add Port" with J1772, AC Level 2, 7.2 kW, Operational, "Port 1".
    page.get_by_role("link", name="Add Port", exact=True).click()
    if javascript:
        expect(page).to_have_url(station_url)  # the form opened in place
    save_port_form(
        page,
        "Add Port",
        **{
            "Connector type": "J1772",
            "Power type": "AC Level 2 · 3-19 kW",
            "Max power (kW)": "7.2",
            "Operational status": "Operational",
            "Port label": "Port 1",
        },
    )
    expect(page.get_by_text("“Port 1” added")).to_be_visible()
    expect(port_row(page, "Port 1")).to_contain_text("7.2 kW")
    if javascript:
        expect(page).to_have_url(station_url)  # no reload

    driver_page.goto(driver_url)
    expect(driver_page.locator(".summary")).to_contain_text("1 port available")
    expect(driver_page.locator(".ports")).to_contain_text("Port 1")

    # "Add Another Port" for the second connector of the dual-port station.
    page.get_by_role("link", name="Add Another Port").click()
    save_port_form(
        page,
        "Add Port",
        **{
            "Connector type": "J1772",
            "Power type": "AC Level 2 · 3-19 kW",
            "Max power (kW)": "7.2",
            "Port label": "Port 2",
        },
    )
    expect(page.get_by_text("“Port 2” added")).to_be_visible()
    expect(page.locator("#port-list tbody tr.port")).to_have_count(2)
    driver_page.reload()
    expect(driver_page.locator(".summary")).to_contain_text("2 ports available")

    # Marking a port Out of Service: Edit, status, a note, Save Changes.
    port_row(page, "Port 1").get_by_role("link", name="Edit").click()
    save_port_form(
        page,
        "Save Changes",
        **{"Operational status": "Out of Service", "Notes": "Awaiting parts"},
    )
    expect(port_status(page, "Port 1")).to_have_text("Out of Service")
    expect(port_row(page, "Port 1")).to_contain_text("Awaiting parts")
    driver_page.reload()
    expect(driver_page.locator(".summary")).to_contain_text("1 port available")
    expect(driver_page.locator(".port.out_of_service")).to_contain_text("Out of Service")
    expect(driver_page.locator(".port.out_of_service")).to_contain_text("Awaiting parts")

    # When fixed: Edit again, back to Operational, and remove the repair note.
    port_row(page, "Port 1").get_by_role("link", name="Edit").click()
    page.get_by_label("Remove the notes").check()
    save_port_form(page, "Save Changes", **{"Operational status": "Operational"})
    expect(port_status(page, "Port 1")).to_have_text("Operational")
    expect(port_row(page, "Port 1")).not_to_contain_text("Awaiting parts")
    driver_page.reload()
    expect(driver_page.locator(".summary")).to_contain_text("2 ports available")
    expect(driver_page.get_by_text("Awaiting parts")).to_have_count(0)

    # Deleting: "Delete Port", read the warning, confirm.
    port_row(page, "Port 2").get_by_role("link", name="Delete Port").click()
    expect(
        page.get_by_text(
            "This is permanent. If the port might be repaired, mark it Out of Service instead."
        )
    ).to_be_visible()
    page.locator("form.confirm-delete").get_by_role("button", name="Delete Port").click()
    # A message stands where the row was (with JavaScript) or tops the page (without).
    expect(page.get_by_text("“Port 2” deleted.")).to_be_visible()
    expect(page.locator("#port-list tbody tr.port")).to_have_count(1)
    expect(page.locator("#port-list tr.port", has_text="Port 2")).to_have_count(0)
    driver_page.reload()
    expect(driver_page.locator(".summary")).to_contain_text("1 port available")
    expect(driver_page.locator(".ports li")).to_have_count(1)

    # "View as driver" from the owner's location page.
    page.goto(f"{live_server.url}{site.get_absolute_url()}")
    page.get_by_role("link", name="View as driver").click()
    expect(page).to_have_url(re.compile(re.escape(site.get_public_url()) + "$"))
    expect(page.get_by_role("heading", name="ChargePoint CPF50 Dual Port")).to_be_visible()


def test_it_marks_a_port_out_of_service_with_a_note_and_date(
    page, driver_page, live_server, owner_station, javascript
):
    owner, site, station = owner_station
    PortFactory(station=station, label="Port 1")
    station_url = f"{live_server.url}{station.get_absolute_url()}"
    log_in(page, live_server, owner)
    page.goto(station_url)

    # Asked in place (with JavaScript) or on a page of its own (without).
    port_row(page, "Port 1").get_by_role("button", name="Mark Out of Service").click()
    form = page.locator("form.status-form")
    form.get_by_label("Note for drivers (optional)").fill("Awaiting parts")
    form.get_by_label("Expected repair date (optional)").fill("2030-03-14")
    form.get_by_role("button", name="Mark Out of Service").click()
    expect(port_status(page, "Port 1")).to_have_text("Out of Service")
    expect(port_row(page, "Port 1")).to_contain_text("Expected repair: Mar 14, 2030")
    expect(port_row(page, "Port 1")).to_contain_text("Awaiting parts")
    if javascript:
        expect(page).to_have_url(station_url)  # no reload
        expect(page.locator("#port-list tr.port", has_text="Port 1")).to_have_class(
            re.compile(r"\bjust-warned\b")
        )
        expect(page.locator("#announcer")).to_have_text("Port 1 marked Out of Service")
    driver_page.goto(f"{live_server.url}{site.get_public_url()}")
    expect(driver_page.locator(".summary")).to_contain_text("0 ports available")
    expect(driver_page.get_by_text("expected back Mar 14, 2030")).to_be_visible()

    # Fixed: "Mark Operational" asks whether the repair notes go too.
    port_row(page, "Port 1").get_by_role("button", name="Mark Operational").click()
    form = page.locator("form.status-form")
    form.get_by_label("Remove the repair notes").check()
    form.get_by_role("button", name="Mark Operational").click()
    expect(port_status(page, "Port 1")).to_have_text("Operational")
    expect(port_row(page, "Port 1")).not_to_contain_text("Awaiting parts")
    driver_page.reload()
    expect(driver_page.locator(".summary")).to_contain_text("1 port available")

    page.goto(f"{live_server.url}/dashboard/")
    expect(page.get_by_text("Nothing needs attention")).to_be_visible()


# On a desktop and on a phone: nothing wraps into "Port / 1" or "DC / Fast", nothing is off-screen.
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}

# Each element whose text must stay on one line, with the number of lines it takes.
LINES = """
() => Array.from(document.querySelectorAll(
  "#port-list th[scope=row] a, #port-list .port-spec .nowrap, #port-list .pill, #port-list thead th"
)).map((el) => ({text: el.textContent.trim(), lines: el.getClientRects().length,
                 height: el.getBoundingClientRect().height}))
"""


@pytest.fixture
def four_ports(owner_station):
    owner, site, station = owner_station
    PortFactory(station=station, label="Port 1", notes="Requires ChargePoint app to activate")
    PortFactory(
        station=station,
        label="Port 2",
        status=PortStatus.OUT_OF_SERVICE,
        notes="Awaiting parts",
        expected_repair_date=datetime.date(2030, 3, 14),
    )
    dc_port(station, ConnectorType.CCS, "150", label="Port 3")
    dc_port(station, ConnectorType.CHADEMO, "50", label="Port 4", status=PortStatus.DECOMMISSIONED)
    return owner, station


def shoot(page, name, viewport):
    keep_screenshot(page, f"ports-{name}-{viewport}.png")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_it_fits_a_desktop_and_a_phone(browser, live_server, four_ports, viewport):
    owner, station = four_ports
    size = VIEWPORTS[viewport]
    context = browser.new_context(viewport=size, locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        log_in(page, live_server, owner)
        page.goto(f"{live_server.url}{station.get_absolute_url()}")
        expect(page.locator("#port-list tr.port")).to_have_count(4)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        if viewport == "desktop":
            wrapped = [cell for cell in page.evaluate(LINES) if cell["lines"] > 1]
            assert not wrapped, f"wrapped onto more lines: {wrapped}"
            assert page.locator("#port-list thead th").count() == 6
        # Every action in reach, and no stray checkbox among them.
        for delete in page.get_by_role("link", name="Delete Port").all():
            box = delete.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= size["width"]
        assert page.locator("#port-list td.actions input[type=checkbox]").count() == 0
        assert not page_problems(page), "\n".join(page_problems(page))
        shoot(page, "station", viewport)

        page.get_by_role("link", name="Add Port", exact=True).click()
        expect(page.locator("form.port-form")).to_be_visible()
        expect(page.get_by_label("Connector type")).to_be_focused()
        assert not page_problems(page), "\n".join(page_problems(page))
        shoot(page, "add-form", viewport)
        page.locator("form.port-form").get_by_role("link", name="Cancel").click()

        port_row(page, "Port 1").get_by_role("button", name="Mark Out of Service").click()
        expect(page.locator("form.status-form")).to_be_visible()
        expect(page.get_by_label("Note for drivers (optional)")).to_be_focused()
        assert not page_problems(page), "\n".join(page_problems(page))
        shoot(page, "out-of-service-form", viewport)

        # The same question on a page of its own, for a browser without JavaScript.
        port_1 = station.ports.get(label="Port 1")
        page.goto(f"{live_server.url}/dashboard/ports/{port_1.pk}/status/?to=out_of_service")
        expect(page.get_by_role("heading", name="Mark Port 1 Out of Service")).to_be_visible()
        assert not page_problems(page), "\n".join(page_problems(page))
        shoot(page, "out-of-service-page", viewport)

        # The warning, amber beside max power, once nothing else is wrong.
        page.goto(f"{live_server.url}{station.get_absolute_url()}")
        page.get_by_role("link", name="Add Port", exact=True).click()
        save_port_form(
            page,
            "Add Port",
            **{
                "Connector type": "J1772",
                "Power type": "AC Level 2 · 3-19 kW",
                "Max power (kW)": "30",
            },
        )
        expect(page.locator(".field-warning")).to_contain_text("30 kW is outside the usual range")
        expect(page.locator(".field-warning").get_by_label("Save anyway")).to_be_visible()
        assert not page_problems(page), "\n".join(page_problems(page))
        shoot(page, "power-warning", viewport)
    finally:
        context.close()

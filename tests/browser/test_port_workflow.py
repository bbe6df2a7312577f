"""The help article, walked as an owner would, with and without JavaScript;
after each step a driver's view of the location shows the change."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory

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
    # The status cell of a displayed row (not the edit form, whose options name every status).
    return page.locator("#port-list tr.port", has_text=label).locator(".status")


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
    page.get_by_role("link", name="Maple Street Market").click()
    page.get_by_role("link", name="ChargePoint CPF50 Dual Port").click()
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
            "Power type": "AC Level 2",
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
            "Power type": "AC Level 2",
            "Max power (kW)": "7.2",
            "Port label": "Port 2",
        },
    )
    expect(page.get_by_text("“Port 2” added")).to_be_visible()
    expect(page.locator("#port-list tbody tr")).to_have_count(2)
    driver_page.reload()
    expect(driver_page.locator(".summary")).to_contain_text("2 ports available")

    # Marking a port Out of Service: Edit, status, a note, Save Changes.
    port_row(page, "Port 1").get_by_role("link", name="Edit").click()
    save_port_form(
        page,
        "Save Changes",
        **{"Operational status": "Out of Service", "Notes": "Awaiting parts"},
    )
    expect(port_status(page, "Port 1")).to_have_text("🔧 Out of Service")
    expect(port_row(page, "Port 1")).to_contain_text("Awaiting parts")
    driver_page.reload()
    expect(driver_page.locator(".summary")).to_contain_text("1 port available")
    expect(driver_page.locator(".port.out_of_service")).to_contain_text("Out of Service")
    expect(driver_page.locator(".port.out_of_service")).to_contain_text("Awaiting parts")

    # When fixed: Edit again, back to Operational, and remove the repair note.
    port_row(page, "Port 1").get_by_role("link", name="Edit").click()
    page.get_by_label("Remove the notes").check()
    save_port_form(page, "Save Changes", **{"Operational status": "Operational"})
    expect(port_status(page, "Port 1")).to_have_text("✅ Operational")
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
    expect(page.locator("#port-list tbody tr")).to_have_count(1)
    expect(port_row(page, "Port 2")).to_have_count(0)
    driver_page.reload()
    expect(driver_page.locator(".summary")).to_contain_text("1 port available")
    expect(driver_page.locator(".ports li")).to_have_count(1)

    # "View as driver" from the owner's location page.
    page.goto(f"{live_server.url}{site.get_absolute_url()}")
    page.get_by_role("link", name="View as driver").click()
    expect(page).to_have_url(re.compile(re.escape(site.get_public_url()) + "$"))
    expect(page.get_by_role("heading", name="ChargePoint CPF50 Dual Port")).to_be_visible()


def test_it_marks_a_port_out_of_service_in_one_click(
    page, driver_page, live_server, owner_station, javascript
):
    owner, site, station = owner_station
    PortFactory(station=station, label="Port 1")
    log_in(page, live_server, owner)
    page.goto(f"{live_server.url}{station.get_absolute_url()}")

    port_row(page, "Port 1").get_by_role("button", name="Mark Out of Service").click()
    expect(port_status(page, "Port 1")).to_have_text("🔧 Out of Service")
    driver_page.goto(f"{live_server.url}{site.get_public_url()}")
    expect(driver_page.locator(".summary")).to_contain_text("0 ports available")

    port_row(page, "Port 1").get_by_role("button", name="Mark Operational").click()
    expect(port_status(page, "Port 1")).to_have_text("✅ Operational")
    driver_page.reload()
    expect(driver_page.locator(".summary")).to_contain_text("1 port available")

    page.goto(f"{live_server.url}/dashboard/")
    expect(page.get_by_text("Nothing needs attention")).to_be_visible()

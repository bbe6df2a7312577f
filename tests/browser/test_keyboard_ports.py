"""The spec's port workflows with the keyboard alone (Tab, Enter, Space, typing; no clicks):
add, edit, mark out of service with a note and a date, delete. After each HTMX swap the focus
lands where the owner is working, in view, and the live region says what happened."""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from ports.models import Port
from ports.vocabulary import ConnectorType, PortStatus
from tests.browser.a11y import keep_screenshot
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory, dc_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# What has the focus: its id, the id of its row, its text or label, and whether it is in view.
FOCUSED = """
() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const label = el.labels && el.labels.length ? el.labels[0].textContent : "";
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    classes: el.className && el.className.baseVal === undefined ? el.className : "",
    row: el.closest("tr") ? el.closest("tr").id : "",
    name: (label || el.getAttribute("aria-label") || el.textContent || "")
      .replace(/\\s+/g, " ").trim(),
    inView: box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0,
  };
}
"""


@pytest.fixture
def owner_station():
    owner = UserFactory(email="owner@example.com", display_name="Olive Owner")
    site = SiteFactory(owner=owner, name="Maple Street Market")
    station = StationFactory(site=site, name="Garage Level 2 - Bank A")
    PortFactory(station=station, label="Port 1", max_power_kw=Decimal("6.6"))
    PortFactory(station=station, label="Port 2", max_power_kw=Decimal("6.6"))
    dc_port(station, ConnectorType.CCS, "150", label="Port 3")
    return owner, station


@pytest.fixture
def keyboard_page(browser, live_server, owner_station):
    owner, _ = owner_station
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    context.set_default_timeout(10_000)
    client = Client()
    client.force_login(owner)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page = context.new_page()
    yield page
    context.close()


def shoot(page, name):
    keep_screenshot(page, f"ports-keyboard-{name}.png")


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page, name, *, row="", limit=120):
    """Press Tab until the focused element is called `name` (within the row `row`, if given)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        seen.append(now["name"][:40])
        if now["name"].startswith(name) and (not row or now["row"] == row):
            return now
    raise AssertionError(f"Tab never reached {name!r} (row {row!r}); passed {seen}")


def expect_focus_on(page, check, what):
    """Wait (polling, no sleep) until the focused element passes `check`, scrolled into view."""
    page.wait_for_function(
        f"() => {{ const f = ({FOCUSED})(); return ({check})(f) && f.inView; }}",
        timeout=5_000,
    )
    return focused(page)


def test_it_manages_a_port_with_the_keyboard_alone(keyboard_page, live_server, owner_station):
    page = keyboard_page
    _, station = owner_station
    page.goto(f"{live_server.url}{station.get_absolute_url()}")
    announcer = page.locator("#announcer")

    # Add Port: the form opens where the owner is looking, on its first field.
    tab_to(page, "Add Port")
    page.keyboard.press("Enter")
    expect_focus_on(page, "f => f.id === 'new-port-connector_type'", "the connector")
    page.keyboard.type("J1772")
    tab_to(page, "Power type")
    page.keyboard.type("AC Level 2")
    tab_to(page, "Max power (kW)")
    page.keyboard.type("7.2")
    tab_to(page, "Port label")
    page.keyboard.type("Port 4")
    tab_to(page, "Add Port")
    page.keyboard.press("Enter")
    expect(announcer).to_have_text("Port 4 added")
    now = expect_focus_on(page, "f => f.classes.includes('port-added')", "the added message")
    assert "“Port 4” added" in now["name"]
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "Add Another Port"
    port = Port.objects.get(label="Port 4")
    assert (port.connector_type, port.max_power_kw) == (ConnectorType.J1772, Decimal("7.2"))
    row = f"port-{port.pk}"
    expect(page.locator(f"#{row}")).to_contain_text("J1772 · AC Level 2 · 7.2 kW")

    # Edit: the row opens into the form; saved, the keyboard is back on the row.
    tab_to(page, "Edit Port 4", row=row)
    page.keyboard.press("Enter")
    expect_focus_on(page, f"f => f.id === '{row}-connector_type'", "the edit form")
    tab_to(page, "Max power (kW)")
    page.keyboard.press("Control+A")
    page.keyboard.type("11")
    tab_to(page, "Save Changes")
    page.keyboard.press("Enter")
    expect(announcer).to_have_text("Port 4 saved")
    expect_focus_on(page, f"f => f.id === '{row}'", "the saved row")
    expect(page.locator(f"#{row}")).to_contain_text("11 kW")
    expect(page.locator(f"#{row}")).to_have_class("port operational just-saved")

    # Mark Out of Service: asked in the row for a note and an expected repair date.
    tab_to(page, "Mark Out of Service", row=row)
    page.keyboard.press("Space")
    expect_focus_on(page, f"f => f.id === '{row}-status-note'", "the note")
    page.keyboard.type("Awaiting parts")
    tab_to(page, "Expected repair date")
    page.keyboard.type("03142030")
    tab_to(page, "Mark Out of Service")
    page.keyboard.press("Space")
    expect(announcer).to_have_text("Port 4 marked Out of Service")
    expect_focus_on(page, f"f => f.id === '{row}'", "the marked row")
    marked = page.locator(f"#{row}")
    expect(marked).to_have_class("port out_of_service just-warned")  # amber, not green
    expect(marked).to_contain_text("Expected repair: Mar 14, 2030")
    expect(marked).to_contain_text("Awaiting parts")
    shoot(page, "marked-out-of-service")
    port.refresh_from_db()
    assert (port.status, port.notes, port.expected_repair_date) == (
        PortStatus.OUT_OF_SERVICE,
        "Awaiting parts",
        date(2030, 3, 14),
    )

    # Delete Port: the question named, then a message where the row was.
    tab_to(page, "Delete Port", row=row)
    page.keyboard.press("Enter")
    now = expect_focus_on(page, "f => f.classes.includes('confirm-question')", "the question")
    assert now["name"].startswith("Delete “Port 4” (J1772, 11 kW)")
    expect(page.get_by_text("This is permanent.")).to_be_visible()
    shoot(page, "delete-question")
    tab_to(page, "Delete Port")
    page.keyboard.press("Enter")
    expect(announcer).to_have_text("Port 4 deleted")
    now = expect_focus_on(page, "f => f.name === '“Port 4” deleted.'", "the deleted message")
    expect(page.locator("#port-list tr.port")).to_have_count(3)
    expect(page.get_by_text("“Port 4” added")).to_have_count(0)  # old news, gone
    shoot(page, "deleted")
    assert not Port.objects.filter(pk=port.pk).exists()


def test_it_closes_the_add_form_with_the_keyboard(keyboard_page, live_server, owner_station):
    page = keyboard_page
    _, station = owner_station
    page.goto(f"{live_server.url}{station.get_absolute_url()}")
    tab_to(page, "Add Port")
    page.keyboard.press("Enter")
    expect_focus_on(page, "f => f.id === 'new-port-connector_type'", "the connector")
    tab_to(page, "Cancel")
    page.keyboard.press("Enter")
    expect(page.locator("form.port-form")).to_have_count(0)
    expect_focus_on(page, "f => f.id === 'add-port'", "Add Port again")


def test_it_narrows_the_power_types_to_the_connector(keyboard_page, live_server, owner_station):
    page = keyboard_page
    _, station = owner_station
    page.goto(f"{live_server.url}{station.get_absolute_url()}")
    tab_to(page, "Add Port")
    page.keyboard.press("Enter")
    expect_focus_on(page, "f => f.id === 'new-port-connector_type'", "the connector")
    page.keyboard.type("CCS")
    power = page.locator("#new-port-power_type")
    expect(power).to_have_value("dc_fast")  # the only power a CCS port delivers
    offered = power.locator("option:not([disabled])[data-connectors]")
    expect(offered).to_have_count(1)
    page.keyboard.press("Home")  # still on the connector: its first choice, then J1772
    page.keyboard.press("ArrowDown")
    expect(page.locator("#new-port-connector_type")).to_have_value("j1772")
    expect(power.locator("option:not([disabled])[data-connectors]")).to_have_count(2)
    expect(power).to_have_value("")  # DC Fast does not fit a J1772 port

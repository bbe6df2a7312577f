"""The issue's browser test: an owner connects a (simulated) charger from the station page,
types what the page shows into it, and drivers read its live status on the location page."""

import pytest
from ocpp.v16 import call
from playwright.sync_api import expect

from chargers.models import Charger
from tests.browser.a11y import VIEWPORTS, page_problems
from tests.browser.conftest import browser, driver_page, javascript, log_in, page  # noqa: F401
from tests.chargers.conftest import eventually
from tests.factories import PortFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_reads_well(window):
    for viewport in VIEWPORTS.values():
        window.set_viewport_size(viewport)
        assert page_problems(window) == []
    window.set_viewport_size(VIEWPORTS["desktop"])


def test_it_connects_a_charger_and_drivers_see_it_charging(
    page,  # noqa: F811
    javascript,  # noqa: F811
    driver_page,  # noqa: F811
    live_server,
    ocpp_server,
    connect,
    settings,
    alice,
    site,
    station,
):
    settings.OCPP_PUBLIC_URL = f"ws://127.0.0.1:{ocpp_server.port}"
    PortFactory(station=station, label="Bay 1")
    PortFactory(station=station, label="Bay 2")
    log_in(page, live_server, alice)
    page.goto(f"{live_server.url}{station.get_absolute_url()}")
    page.get_by_role("link", name="Connect this charger").click()
    page.get_by_role("button", name="Connect and show the password").click()

    card = page.locator("article.charger")
    expect(card.get_by_text("Copy this password into the charger now.")).to_be_visible()
    if javascript:
        # After the swap the keyboard is on the password, and it is said aloud.
        expect(card.locator(".password-once")).to_be_focused()
        expect(page.locator("#announcer")).to_contain_text("added")
        assert_reads_well(page)
    password = card.locator(".secret").inner_text()
    charge_point_id = Charger.objects.get(station=station).charge_point_id
    # What the page says to type is what the server answers to.
    expect(card.locator(".copyable").first).to_have_text(ocpp_server.url(charge_point_id))
    expect(card.get_by_text("Never connected")).to_be_visible()

    charger = connect(charge_point_id=charge_point_id, password=password)
    boot = charger.call(
        call.BootNotification(charge_point_vendor="Wallbox", charge_point_model="Pulsar")
    )
    assert boot.status == "Accepted"
    for connector_id in (1, 2):
        charger.call(
            call.StatusNotification(
                connector_id=connector_id, error_code="NoError", status="Available"
            )
        )
    charger.call(call.StatusNotification(connector_id=1, error_code="NoError", status="Charging"))
    eventually(lambda: station.ports.filter(live_status="in_use").exists())

    page.goto(f"{live_server.url}{station.get_absolute_url()}")
    card = page.locator("article.charger")
    expect(card.locator(".pill")).to_contain_text("Connected · last heard")
    expect(card).to_contain_text("Wallbox Pulsar")
    expect(card.get_by_label("Port for connector 1")).to_have_value(str(station.ports.first().pk))
    expect(card).not_to_contain_text(password)
    if javascript:  # axe-core runs as a script in the page
        assert_reads_well(page)

    driver_page.goto(f"{live_server.url}{site.get_public_url()}")
    expect(driver_page.locator(".live.in_use")).to_contain_text("In use · live from the charger")
    expect(driver_page.locator(".live.available")).to_contain_text(
        "Available now · live from the charger"
    )

"""An owner connects a charger from the station page; the charger (simulated with the
`ocpp` package's charge-point side, over a real WebSocket to the OCPP server) uses the
URL, id and password the page shows; drivers then read its ports' status live."""

import pytest
from ocpp.v16 import call
from ocpp.v16.enums import ChargePointErrorCode, ChargePointStatus
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.chargers.conftest import LoopThread, RunningServer, open_link
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ocpp_server(settings):
    server = RunningServer()
    # The station page shows the URL chargers connect to: this test's server.
    settings.OCPP_PUBLIC_URL = f"ws://127.0.0.1:{server.port}"
    yield server
    server.stop()


@pytest.fixture
def charger_loop():
    loop = LoopThread("ocpp-chargers")
    yield loop
    loop.stop()


def status(status):
    return call.StatusNotification(
        connector_id=1, error_code=ChargePointErrorCode.no_error, status=status
    )


def test_an_owner_connects_a_charger_and_drivers_see_it_live(
    page, driver_page, live_server, ocpp_server, charger_loop
):
    alice = UserFactory(email="alice@example.com")
    site = SiteFactory(owner=alice, name="Maple Street Market")
    station = StationFactory(site=site, name="North wall", manufacturer="", model="")
    PortFactory(station=station, label="Left")
    log_in(page, live_server, alice)
    station_url = f"{live_server.url}/dashboard/stations/{station.pk}/"
    page.goto(station_url)

    page.get_by_role("link", name="Connect this charger").click()
    page.get_by_role("button", name="Connect and show the password").click()

    card = page.locator("article.charger")
    expect(card).to_contain_text("Never connected")
    password = card.locator("code.secret").inner_text()
    endpoint = card.locator("dd code.copyable").first.inner_text()
    charge_point_id = card.locator("dd code.copyable").nth(1).inner_text()
    assert endpoint == f"{ocpp_server.server.address}{charge_point_id}"

    charger = open_link(charger_loop, endpoint, charge_point_id, password)
    charger.call(
        call.BootNotification(
            charge_point_vendor="Wallbox",
            charge_point_model="Pulsar Plus",
            charge_point_serial_number="WB-0042",
            firmware_version="5.17.1",
        )
    )
    charger.call(status(ChargePointStatus.available))

    page.goto(station_url)
    card = page.locator("article.charger")
    expect(card).to_contain_text("Connected · last heard")
    expect(card).to_contain_text("Wallbox Pulsar Plus · serial WB-0042 · firmware 5.17.1")
    expect(card.locator("code.secret")).to_have_count(0)  # the password was shown once

    driver_page.goto(f"{live_server.url}{site.get_public_url()}")
    expect(driver_page.locator(".live.available")).to_contain_text("live from the charger")

    charger.call(status(ChargePointStatus.charging))

    driver_page.reload()
    expect(driver_page.locator(".live.in_use")).to_contain_text("In use")
    expect(driver_page.locator(".live.in_use")).to_contain_text("live from the charger")
    charger.close()

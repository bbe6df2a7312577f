"""Charging positions lists the station's ports as they are: a port added or deleted in place
(HTMX) shows up there, or leaves it, without reloading the page."""

import pytest
from playwright.sync_api import expect

from ports.vocabulary import ConnectorType
from tests.browser.conftest import log_in
from tests.factories import SiteFactory, StationFactory, UserFactory, dc_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_offers_a_port_added_in_place_and_forgets_a_deleted_one(browser, live_server):
    owner = UserFactory()
    station = StationFactory(site=SiteFactory(owner=owner), name="DC cabinet")
    dc_port(station, ConnectorType.CCS, 50, label="Left")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, live_server, owner)
    page.goto(f"{live_server.url}{station.get_absolute_url()}")
    positions = page.locator("#positions-region")
    expect(positions.get_by_role("heading", name="Charging positions")).to_have_count(0)

    page.get_by_role("link", name="Add Port", exact=True).click()
    form = page.locator("form.port-form")
    form.get_by_label("Connector type", exact=True).select_option("chademo")
    form.get_by_label("Power type", exact=True).select_option("dc_fast")
    form.get_by_label("Max power (kW)", exact=True).fill("50")
    form.get_by_label("Port label", exact=True).fill("Right")
    form.get_by_role("button", name="Add Port").click()
    expect(positions.get_by_label("Right · CHAdeMO · 50 kW")).to_be_visible()
    expect(positions.get_by_label("Left ·", exact=False)).to_be_visible()

    page.locator("#port-list tr.port", has_text="Right").get_by_role(
        "link", name="Delete Port"
    ).click()
    page.get_by_role("button", name="Delete Port").click()
    expect(positions.get_by_role("heading", name="Charging positions")).to_have_count(0)
    context.close()

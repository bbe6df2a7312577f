"""An owner adds a photo of a connector; a driver reports the port broken; the owner
marks it Out of Service from the report; drivers see both."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def javascript():
    return True


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_it_shows_photos_and_takes_reports_to_the_owner(page, browser, live_server):
    owner = UserFactory(email="owner@example.com")
    site = SiteFactory(owner=owner, name="Maple Street Market")
    station = StationFactory(site=site, name="ChargePoint CT4000")
    port = PortFactory(station=station, label="Port 1")
    public_url = f"{live_server.url}{site.get_public_url()}"

    # The owner adds a photo of the connector.
    log_in(page, live_server, owner)
    page.goto(f"{live_server.url}{site.get_absolute_url()}")
    page.get_by_role("link", name="Photos").click()
    upload = page.locator("#photo-upload")
    # Files chosen before the new page's script has run would go unannounced.
    expect(upload).to_be_visible()
    page.wait_for_load_state("load")
    # Several photos in one input; one of them is no photo at all.
    upload.get_by_label("Photos", exact=True).set_input_files(
        [
            {"name": "connector.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()},
            {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"not a photo"},
        ]
    )
    expect(page.locator("#chosen-files")).to_have_text(
        "2 photos selected: connector.jpg, notes.txt"
    )
    upload.get_by_label("Caption").fill("J1772 cable on the left of the station")
    upload.get_by_label("Shows").select_option(label="ChargePoint CT4000 · Port 1")
    page.get_by_role("button", name="Upload photos").click()
    messages = page.locator("#content .messages")
    expect(messages).to_contain_text("1 photo added.")
    expect(messages).to_contain_text("“notes.txt” is not an image we can read.")
    expect(page.locator("#announcer")).to_contain_text("1 photo added.")
    expect(page.get_by_alt_text("J1772 cable on the left of the station")).to_be_visible()

    # A driver sees it, and reports the port broken.
    driver = browser.new_context(java_script_enabled=False).new_page()
    driver.set_default_timeout(10_000)
    driver.goto(public_url)
    # Beside the port it shows.
    photo = driver.locator(".port", has_text="Port 1").get_by_alt_text(
        "J1772 cable on the left of the station"
    )
    expect(photo).to_be_visible()
    assert photo.get_attribute("loading") == "lazy"
    driver.get_by_role("link", name="Report a problem with Port 1").click()
    expect(driver.get_by_role("group", name="What is wrong?")).to_be_visible()
    driver.get_by_label("Not working").check()
    driver.get_by_label("Anything to add? (optional)").fill("Screen is dark, no response")
    driver.get_by_role("button", name="Send report").click()
    expect(driver.get_by_text("the owner of this location has your report")).to_be_visible()

    # The owner marks it Out of Service straight from the report.
    page.goto(f"{live_server.url}/dashboard/")
    reports = page.locator(".reports li", has_text="Port 1")
    expect(reports).to_contain_text("Not working")
    expect(reports).to_contain_text("Screen is dark")
    reports.get_by_role("button", name="Mark Out of Service").click()
    expect(page.get_by_text("“Port 1” is now Out of Service.")).to_be_visible()

    # Drivers see it.
    driver.goto(public_url)
    expect(driver.locator(".port.out_of_service")).to_contain_text("Out of Service")
    expect(driver.locator(".summary")).to_contain_text("0 ports available")
    assert port.pk  # the port still exists: out of service, not deleted

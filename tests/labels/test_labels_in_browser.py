"""Labels in Chromium: the sheet prints eight to a page on A4 and Letter, the Print button
prints, and a scanned label's page reads well on a phone. Screenshots for review go to
/work/helpers/shots (labels-*.png)."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from ports.vocabulary import ConnectorType, LiveStatus, PortStatus
from tests.browser.a11y import (
    DESKTOP,
    PHONE,
    blocking_violations,
    describe_violations,
    horizontal_overflow,
    keep_screenshot,
)
from tests.browser.conftest import browser  # noqa: F401 (the shared Chromium fixture)
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory, dc_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def owner():
    return UserFactory(email="demo@example.com", display_name="Demo Charging Co.")


@pytest.fixture
def station(owner):
    site = SiteFactory(owner=owner, name="Maple Street Market", street_address="120 Maple Street")
    station = StationFactory(site=site, name="ChargePoint CT4000")
    PortFactory(
        station=station,
        label="Port 1",
        live_status=LiveStatus.AVAILABLE,
        live_status_at=timezone.now(),
        live_source="ChargePoint",
    )
    PortFactory(station=station, label="Port 2", status=PortStatus.OUT_OF_SERVICE, notes="Parts")
    dc_port(station, ConnectorType.CCS, 150, label="Bay 3")
    dc_port(station, ConnectorType.CHADEMO, 50, label="Bay 4")
    PortFactory(station=station, label="Bay 5", max_power_kw=Decimal("11"))
    dc_port(station, ConnectorType.TESLA, 250, label="Bay 6")
    PortFactory.create_batch(2, station=station)
    return station


def logged_in_context(chromium, live_server, user, size, javascript=True):
    context = chromium.new_context(viewport=size, java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return context


def check_page(page, shot):
    overflow = horizontal_overflow(page)
    assert not overflow, "\n".join(overflow)
    violations = blocking_violations(page)
    assert not violations, "\n".join(describe_violations(violations))
    keep_screenshot(page, shot)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_it_prints_eight_labels_a_page_on_a4_and_letter(browser, live_server, owner, station):  # noqa: F811
    context = logged_in_context(browser, live_server, owner, DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('labels:sheet', args=[station.pk])}")
    expect(page.get_by_role("heading", name="Port labels · ChargePoint CT4000")).to_be_visible()
    expect(page.locator(".label-card")).to_have_count(8)
    check_page(page, "labels-sheet-desktop.png")

    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    keep_screenshot(page, "labels-sheet-print.png")
    for paper in ["A4", "Letter"]:
        pdf = page.pdf(format=paper, print_background=True)
        assert pdf_pages(pdf) == 1, f"eight labels spill over one {paper} page"

    PortFactory(station=station, label="Bay 9")
    page.reload()
    assert pdf_pages(page.pdf(format="Letter")) == 2
    context.close()


def test_its_print_button_opens_the_print_dialog(browser, live_server, owner, station):  # noqa: F811
    context = logged_in_context(browser, live_server, owner, DESKTOP)
    page = context.new_page()
    page.add_init_script("window.print = () => { document.body.dataset.printed = 'yes'; };")
    page.goto(f"{live_server.url}{reverse('labels:sheet', args=[station.pk])}")
    page.get_by_role("button", name="Print").click()
    expect(page.locator("body")).to_have_attribute("data-printed", "yes")
    context.close()


def test_it_reads_well_on_a_phone(browser, live_server, owner, station):  # noqa: F811
    context = logged_in_context(browser, live_server, owner, PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('labels:sheet', args=[station.pk])}")
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    check_page(page, "labels-sheet-phone.png")
    context.close()


def test_it_hides_the_print_button_without_javascript(browser, live_server, owner, station):  # noqa: F811
    context = logged_in_context(browser, live_server, owner, PHONE, javascript=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('labels:sheet', args=[station.pk])}")
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.get_by_text("use your browser's Print command")).to_be_visible()
    context.close()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_scanned_label_opens_its_ports_page(browser, live_server, station, size):  # noqa: F811
    port = station.ports.get(label="Port 1")
    # axe runs inside the page, so JavaScript stays on; the port page itself loads no script.
    context = browser.new_context(viewport=PHONE if size == "phone" else DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/p/{port.printed_label.code}")
    expect(page.get_by_role("heading", name="Port 1")).to_be_visible()
    expect(page.get_by_text("Available now")).to_be_visible()
    report = page.get_by_role("link", name="Report a problem")
    expect(report).to_be_visible()
    check_page(page, f"labels-port-{size}.png")
    report.click()
    expect(page.get_by_role("heading", name="Report a problem")).to_be_visible()
    context.close()


def test_a_broken_ports_label_says_so(browser, live_server, station):  # noqa: F811
    port = station.ports.get(label="Port 2")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/p/{port.printed_label.code}")
    expect(page.get_by_text("Out of Service")).to_be_visible()
    check_page(page, "labels-port-broken-phone.png")
    context.close()

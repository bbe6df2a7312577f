"""A driver scans a port's label on their phone and checks in "Couldn't charge"; the owner
sees it under Needs attention and answers; the answer shows on the location page and the
driver hears of it by mail. With and without JavaScript (HTMX or plain forms)."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from labels.models import PortLabel
from tests.browser.a11y import (
    DESKTOP,
    PHONE,
    blocking_violations,
    describe_violations,
    horizontal_overflow,
    keep_screenshot,
)
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, PortFactory, SiteFactory, StationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def looks_right(page, shot):
    assert not horizontal_overflow(page), "\n".join(horizontal_overflow(page))
    violations = blocking_violations(page)
    assert not violations, "\n".join(describe_violations(violations))
    keep_screenshot(page, shot)


def test_a_driver_checks_in_from_a_label_and_the_owner_answers(browser, live_server, javascript):
    owner = UserFactory(email="owner@example.com", display_name="Maple Street Market")
    site = SiteFactory(owner=owner, name="Maple Street Market")
    station = StationFactory(site=site, name="ChargePoint CT4000")
    PortFactory(station=station, label="Port 1")
    port = PortFactory(station=station, label="Port 2")
    code = PortLabel.objects.get(port=port).code
    driver = UserFactory(email="dana@example.com", display_name="Dana")

    # The driver, phone in hand, scans the label on Port 2.
    phone = browser.new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    phone.set_default_timeout(10_000)
    phone.goto(f"{live_server.url}/p/{code}")
    expect(phone.get_by_role("heading", name="Port 2")).to_be_visible()
    phone.get_by_role("link", name="Check in").click()
    # Signing in brings them back to the check-in, with the port they scanned chosen.
    phone.get_by_label("Email").fill(driver.email)
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Log in").click()
    expect(phone.get_by_role("heading", name="Check in at Maple Street Market")).to_be_visible()
    expect(phone.get_by_label("ChargePoint CT4000 · Port 2", exact=False)).to_be_checked()
    if javascript:
        looks_right(phone, "check-in-phone.png")
    phone.get_by_label("Couldn't charge").check()
    phone.get_by_label("Comment (optional)").fill("Screen dark, <b>no</b> response")
    phone.get_by_role("button", name="Check in").click()
    community = phone.locator("#community")
    expect(community).to_contain_text("0 of the last 1 driver charged successfully")
    check_in = community.locator(".check-in").first
    expect(check_in).to_contain_text("Couldn't charge")
    expect(check_in).to_contain_text("Port 2")
    expect(check_in).to_contain_text("Screen dark, <b>no</b> response")  # shown, never rendered

    # The owner sees it under Needs attention and answers it.
    desk = browser.new_context(viewport=DESKTOP, java_script_enabled=javascript).new_page()
    desk.set_default_timeout(10_000)
    log_in(desk, live_server, owner)
    attention = desk.locator(".community-attention li", has_text="Port 2")
    expect(attention).to_contain_text("Couldn't charge")
    expect(attention).to_contain_text("Dana")
    expect(desk.get_by_text("Nothing needs attention")).to_have_count(0)
    if javascript:
        looks_right(desk, "dashboard-check-in-desktop.png")
    attention.get_by_role("link", name="Answer this check-in").click()
    answer_box = desk.get_by_label("Your public answer")
    answer_box.fill("Sorry, Dana: the screen is replaced, Port 2 works again.")
    desk.get_by_role("button", name="Publish answer").click()
    expect(desk.get_by_text("Your answer is on the location page.")).to_be_visible()
    expect(desk.locator(".community-attention")).to_have_count(0)

    # The driver reads the answer on the location page, and had a mail about it.
    phone.goto(f"{live_server.url}{site.get_public_url()}")
    answer = phone.locator("#community .check-in").first
    expect(answer).to_contain_text("the screen is replaced, Port 2 works again")
    expect(answer).to_contain_text("Owner's answer")
    if javascript:
        looks_right(phone, "location-community-phone.png")
    (sent,) = mail.outbox
    assert sent.to == ["dana@example.com"]
    assert "answered your check-in" in sent.subject
    phone.context.close()
    desk.context.close()

"""A visitor finds Contact Support from the Help Center, fixes what the form refuses and
sends the request, with and without JavaScript, on a desktop and on a phone."""

import pytest
from playwright.sync_api import expect

from helpcenter.models import SupportRequest
from tests.browser.a11y import VIEWPORTS, page_problems
from tests.browser.conftest import browser, javascript  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def page(request, browser, javascript):  # noqa: F811
    context = browser.new_context(java_script_enabled=javascript, viewport=VIEWPORTS[request.param])
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def fits_and_passes_axe(page, scripts_run):
    """axe-core runs as a script in the page: checked where the page may run scripts."""
    if scripts_run:
        problems = page_problems(page)
        assert not problems, "\n".join(problems)


def test_it_sends_a_request_after_fixing_the_errors(page, live_server, javascript):  # noqa: F811
    page.goto(f"{live_server.url}/help/")
    page.get_by_role("main").get_by_role("link", name="Contact Support").click()
    expect(page.get_by_role("heading", name="Contact Support", level=1)).to_be_visible()

    page.get_by_label("Your name").fill("Dana Driver")
    page.get_by_label("Your email").fill("dana at example")
    page.get_by_role("button", name="Send request").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Your request was not sent yet")
    expect(summary).to_contain_text("Your email: Enter your email address as name@example.com")
    expect(summary).to_contain_text("Topic: Choose a topic")
    expect(summary).to_contain_text("Your message: Write your message")
    fits_and_passes_axe(page, javascript)
    summary.get_by_role("link", name="Your email").click()
    expect(page.get_by_label("Your email")).to_be_focused()

    page.get_by_label("Your email").fill("dana@example.com")
    page.get_by_label("Topic").select_option(label="A data error in a listing")
    page.get_by_label("Your message").fill("The Library Lot listing says CCS; it is CHAdeMO.")
    page.get_by_role("button", name="Send request").click()

    expect(page.get_by_role("heading", name="Request sent")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(
        "We answer by email to dana@example.com, usually within one business day."
    )
    sent = SupportRequest.objects.get()
    assert sent.topic == "data_error"
    fits_and_passes_axe(page, javascript)


def test_it_keeps_the_spam_trap_out_of_reach(page, live_server):
    page.goto(f"{live_server.url}/help/contact/")
    trap = page.get_by_label("Leave this field empty")
    assert trap.bounding_box()["x"] < 0  # off-screen
    # Tabbing through the form never lands on the trap.
    page.get_by_label("Your name").focus()
    names = []
    for _ in range(8):
        page.keyboard.press("Tab")
        names.append(
            page.evaluate("document.activeElement.name || document.activeElement.textContent")
        )
    assert "website" not in names
    assert page.get_by_role("textbox", name="Leave this field empty").count() == 0

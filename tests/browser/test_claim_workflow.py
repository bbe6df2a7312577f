"""An imported location, found by a visitor who claims it; support approves the
claim in the admin; the new owner corrects an imported port."""

import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from sites.models import Site
from tests.factories import PASSWORD, UserFactory
from tests.shared_data import NY_EXPORT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THRUWAY_NISSAN = "44174"  # one J1772 Level 2 position, confirmed by NREL on 2024-02-12


@pytest.fixture
def imported_site(tmp_path):
    with open(NY_EXPORT, "rb") as export:
        header = export.readline()
        rows = [
            line
            for line in export
            if line.split(b",")[1:2] != [b""] and THRUWAY_NISSAN.encode() in line
        ]
    path = tmp_path / "thruway.csv"
    path.write_bytes(header + rows[0])
    call_command("import_afdc", str(path), stdout=io.StringIO())
    return Site.objects.get(source_id=THRUWAY_NISSAN)


@pytest.fixture
def javascript():
    return True


def test_it_claims_an_imported_location_and_corrects_it(page, browser, live_server, imported_site):
    public_url = f"{live_server.url}{imported_site.get_public_url()}"
    support = UserFactory(email="support@example.com", is_staff=True, is_superuser=True)

    # A visitor finds the imported location and sees where its data comes from.
    page.goto(public_url)
    expect(page.get_by_text("From NREL, last confirmed 2024-02-12")).to_be_visible()
    page.get_by_role("link", name="Claim This Location").click()

    # Log in or sign up first; the sign-up's confirmation link comes back to the claim form.
    page.get_by_role("link", name="Sign up as a location owner").click()
    page.get_by_label("Email").fill("nina@thruwaynissan.example")
    page.get_by_label("Display name").fill("Nina at Thruway Nissan")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    # The mailed link, and the password, confirm the address; then on to the claim form.
    (message,) = mail.outbox
    path = message.body.split(settings.SITE_URL, 1)[1].split()[0]
    page.goto(f"{live_server.url}{path}")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm my email").click()
    expect(page.get_by_role("heading", name="Claim Thruway Nissan")).to_be_visible()

    page.get_by_label("Your name").fill("Nina Alvarez")
    page.get_by_label("Your title").fill("Service Manager")
    page.get_by_label("Business name").fill("Thruway Nissan")
    page.get_by_label("Contact phone").fill("845-562-1000")
    page.get_by_label("Relationship to the property").select_option(label="Manager")
    page.get_by_label("Proof of ownership").set_input_files(
        {"name": "lease.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%lease\n"}
    )
    page.get_by_role("button", name="Send claim").click()
    expect(page.locator("section", has_text="Your claims")).to_contain_text("Pending review")

    # Support staff approve it in the admin.
    admin = browser.new_context().new_page()
    admin.set_default_timeout(10_000)
    admin.goto(f"{live_server.url}/admin/login/")
    admin.get_by_label("Email").fill(support.email)
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    admin.goto(f"{live_server.url}/admin/claims/claim/?status__exact=pending")
    admin.get_by_role("link", name="Thruway Nissan").first.click()
    expect(admin.get_by_role("link", name="Open the PDF document")).to_be_visible()
    admin.get_by_label("Decision").select_option(label="Approve")
    admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.get_by_text("now manages Thruway Nissan")).to_be_visible()
    assert imported_site.__class__.objects.get(pk=imported_site.pk).owner == User.objects.get(
        email="nina@thruwaynissan.example"
    )

    # The new owner reviews the imported port and corrects its power.
    page.reload()
    expect(page.locator("section", has_text="Your claims")).to_contain_text("Approved")
    page.get_by_role("link", name="Sites", exact=True).first.click()
    page.get_by_role("link", name="Thruway Nissan").click()
    page.get_by_role("link", name="AC Level 2 chargers").click()
    row = page.locator("#port-list tr.port", has_text="Port 1")
    expect(row).to_contain_text("Imported from NREL, please review")
    row.get_by_role("link", name="Edit").click()
    form = page.locator("form.port-form")
    form.get_by_label("Max power (kW)").fill("6.6")
    form.get_by_label("Notes").fill("Nameplate checked")
    form.get_by_role("button", name="Save Changes").click()
    row = page.locator("#port-list tr.port", has_text="Port 1")
    expect(row).to_contain_text("6.6 kW")
    expect(row).not_to_contain_text("please review")

    # Drivers now read owner-verified data.
    page.goto(public_url)
    expect(page.locator(".provenance")).to_contain_text("Owner-verified")
    expect(page.locator(".ports")).to_contain_text("6.6 kW")
    expect(page.get_by_role("link", name="Claim This Location")).to_have_count(0)

"""Every main owner and driver page, on a desktop and on a phone: no horizontal
scroll, and axe-core finds no serious or critical violation."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.plans import Plan
from community.models import CheckIn, Outcome, Review
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.browser.a11y import VIEWPORTS, keep_screenshot, page_problems
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory, dc_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HELP_PAGES = {
    "help": "/help/",
    "help-managing-ports": "/help/managing-ports/",
    "help-connector-types": "/help/connector-types/",
    "help-subscription-limits": "/help/subscription-limits/",
    "help-optimizing-listings": "/help/optimizing-listings/",
    "help-contact": "/help/contact/",
}

# name: (who is logged in, the page's address given the cast)
PAGES = {
    "home": (None, lambda c: reverse("sites:home")),
    "search-empty": (None, lambda c: reverse("search:locations")),
    "search-results": (None, lambda c: reverse("search:locations") + "?near=Albany%2C+NY"),
    "driver-location": (None, lambda c: c.site.get_public_url()),
    "login": (None, lambda c: reverse("login")),
    "signup": (None, lambda c: reverse("signup")),
    "dashboard": ("owner", lambda c: reverse("sites:dashboard")),
    "site-list": ("owner", lambda c: reverse("sites:list")),
    "location-owner-page": ("owner", lambda c: c.site.get_absolute_url()),
    "add-location": ("owner", lambda c: reverse("sites:add")),
    "station-4-ports": ("owner", lambda c: c.station.get_absolute_url()),
    "add-port": ("owner", lambda c: reverse("ports:add", args=[c.station.pk])),
    "edit-port": ("owner", lambda c: reverse("ports:edit", args=[c.port.pk])),
    "port": ("owner", lambda c: c.port.get_absolute_url()),
    "delete-port": ("owner", lambda c: reverse("ports:delete", args=[c.port.pk])),
    "photos": ("owner", lambda c: reverse("photos:site", args=[c.site.pk])),
    "report-problem": (None, lambda c: reverse("reports:report", args=[c.port.pk])),
    "claim": ("claimant", lambda c: reverse("claims:claim", args=[c.unclaimed.pk])),
    "plan": ("owner", lambda c: reverse("plan")),
    "signup-driver": (None, lambda c: reverse("signup") + "?as=driver"),
    "check-in": ("claimant", lambda c: reverse("community:check_in", args=[c.site.pk])),
    "review": ("claimant", lambda c: reverse("community:review", args=[c.site.pk])),
    "answer-check-in": ("owner", lambda c: c.check_in.get_answer_url()),
    "port-label": (None, lambda c: reverse("labels:port", args=[c.port.printed_label.code])),
    "label-sheet": ("owner", lambda c: reverse("labels:sheet", args=[c.station.pk])),
    "analytics": ("owner", lambda c: reverse("analytics:site", args=[c.site.pk])),
    **{name: (None, lambda c, path=path: path) for name, path in HELP_PAGES.items()},
}


class Cast:
    """An owner with a four-port station, an unclaimed listing and a would-be claimant."""

    def __init__(self):
        self.owner = UserFactory(
            email="owner@example.com", display_name="Demo Charging Co.", plan=Plan.PREMIUM
        )
        self.claimant = UserFactory(email="claimant@example.com", display_name="Casey Claimant")
        self.site = SiteFactory(owner=self.owner, name="Maple Street Market")
        self.station = StationFactory(site=self.site, name="ChargePoint CT4000 Dual Port")
        self.port = PortFactory(station=self.station, label="Port 1", max_power_kw=Decimal("7.2"))
        PortFactory(station=self.station, label="Port 2", max_power_kw=Decimal("6.6"))
        dc_port(self.station, ConnectorType.CCS, "150", label="Port 3")
        dc_port(
            self.station,
            ConnectorType.CHADEMO,
            "50",
            label="Port 4",
            status=PortStatus.OUT_OF_SERVICE,
            notes="Cable damaged; a technician is booked.",
            expected_repair_date=timezone.localdate() + datetime.timedelta(days=7),
        )
        # A driver's words on the location page, and a check-in for the owner to answer.
        self.check_in = CheckIn.objects.create(
            site=self.site,
            port=self.port,
            driver=self.claimant,
            outcome=Outcome.COULD_NOT,
            comment="The screen stayed dark; Port 2 worked.",
        )
        Review.objects.create(
            site=self.site, driver=self.claimant, rating=2, text="Port 1 is often broken."
        )
        self.unclaimed = SiteFactory(
            owner=None,
            name="Library Lot",
            zip_code="12210",
            latitude=Decimal("42.652600"),
            longitude=Decimal("-73.756200"),
        )
        PortFactory(
            station=StationFactory(site=self.unclaimed),
            connector_type=ConnectorType.CCS,
            power_type=PowerType.DC_FAST,
            max_power_kw=Decimal("50"),
        )


@pytest.fixture
def cast():
    return Cast()


def help_pages_exist() -> bool:
    try:
        reverse("help:index")
    except NoReverseMatch:
        return False
    return True


def log_in_by_cookie(context, live_server, user):
    """A session made on the server side: the login page has its own test below."""
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request):
    return VIEWPORTS[request.param]


@pytest.mark.parametrize("name", list(PAGES))
def test_it_fits_the_screen_and_passes_axe(name, browser, live_server, cast, viewport):
    if name in HELP_PAGES and not help_pages_exist():
        pytest.skip("the help pages are not built yet (no URL named help:index)")
    who, address = PAGES[name]
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(10_000)
    try:
        if who:
            log_in_by_cookie(context, live_server, getattr(cast, who))
        page = context.new_page()
        url = f"{live_server.url}{address(cast)}"
        response = page.goto(url, wait_until="load")
        assert response.status == 200, f"{url} answered {response.status}"
        if who:  # not sent to the login page
            assert page.url == url, f"{url} went to {page.url}"
        if name == "search-results":
            assert "Maple Street Market" in page.content(), "the search found nothing"
        keep_screenshot(page, f"{name}-{viewport['width']}.png")
        problems = page_problems(page)
        assert not problems, f"{name} at {viewport['width']}×{viewport['height']} ({url}):\n" + (
            "\n".join(problems)
        )
    finally:
        context.close()


def test_it_names_what_is_wrong_on_a_bad_page(browser):
    """The harness itself can fail: a too-wide, unlabelled, low-contrast page is caught."""
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    try:
        page = context.new_page()
        page.set_content(
            "<!doctype html><html lang='en'><title>Bad</title><body><main>"
            "<table class='wide'><tr><td><div style='width:600px'>Port 1</div></td></tr></table>"
            "<input type='text'>"
            "<p style='color:#ccc;background:#fff'>Hard to read</p>"
            "</main></body></html>"
        )
        problems = "\n".join(page_problems(page))
    finally:
        context.close()
    assert "page is 6" in problems and "table.wide reaches" in problems
    assert "[critical] label:" in problems and "input" in problems
    assert "[serious] color-contrast:" in problems

"""What a driver reads before driving: access, hours, price, payment and phone, and
availability worded only as far as someone vouches for it."""

from datetime import date, time
from decimal import Decimal

import pytest

from sites.access import Access, AccessDetail
from sites.models import OpeningHours, Origin, Weekday
from tests.factories import PortFactory, SiteFactory, StationFactory
from tests.live.pages import public_page, summary, text

pytestmark = pytest.mark.django_db


def before_you_go(page: str) -> str:
    start = page.index('<section class="before-you-go')
    return text(page[start : page.index("</section>", start)])


def test_it_shows_hours_price_payment_and_phone(client, site, station):
    PortFactory(station=station)
    site.price_per_kwh = Decimal("0.35")
    site.price_per_session = Decimal("1")
    site.pricing = "$2 per hour idle fee after 4 hours"
    site.phone = "518-555-0142"
    site.cards_accepted = "A M V APPLE_PAY"
    site.facility_type = "PARKING_GARAGE"
    site.opened_on = date(2021, 6, 1)
    site.save()
    OpeningHours.objects.create(site=site, weekday=Weekday.MONDAY, opens=time(6), closes=time(22))
    facts = before_you_go(public_page(client, site))
    assert "Access Public" in facts
    assert "Monday 6:00 AM – 10:00 PM" in facts
    assert "Sunday Closed" in facts
    assert "$0.35 per kWh + $1.00 per session" in facts
    assert "$2 per hour idle fee after 4 hours" in facts
    assert "American Express, Mastercard, Visa, Apple Pay" in facts
    assert "Phone 518-555-0142" in facts
    assert "Place Parking garage" in facts
    assert "Open since June 2021" in facts


def test_it_says_open_24_7_and_free(client, site, station):
    PortFactory(station=station)
    site.always_open = True
    site.free = True
    site.save()
    facts = before_you_go(public_page(client, site))
    assert "Hours Open 24/7" in facts
    assert "Price Free" in facts


def test_it_says_what_is_not_listed(client, site, station):
    facts = before_you_go(public_page(client, site))
    assert "Hours Not listed" in facts
    assert "Price Not listed" in facts


def test_it_warns_of_a_restriction_before_anything_else(client, site, station):
    site.access_detail = AccessDetail.CALL
    site.save()
    page = public_page(client, site)
    assert "Restricted access: Call ahead." in text(page)
    assert "Access Public · Call ahead" in before_you_go(page)


def test_it_says_a_private_location_is_not_open_to_the_public(client, site, station):
    site.access = Access.PRIVATE
    site.access_detail = AccessDetail.GOVERNMENT
    site.save()
    page = public_page(client, site)
    assert "Private location: Government only." in text(page)
    assert '<meta name="robots" content="noindex">' in page


def test_it_never_calls_an_unclaimed_nrel_listing_available(client):
    site = SiteFactory(
        owner=None, origin=Origin.NREL, source_id="1517", source_confirmed_on=date(2024, 2, 12)
    )
    station = StationFactory(site=site)
    PortFactory.create_batch(3, station=station)
    shown = summary(public_page(client, site))
    assert "3 ports listed · from NREL, last confirmed 2024-02-12" in shown
    assert "available" not in shown


def test_it_never_shows_zero_available_in_the_good_colour(client, site, station):
    PortFactory(station=station, status="out_of_service")
    page = public_page(client, site)
    assert '<p class="unavailable"><strong>0 ports available</strong> of 1</p>' in page

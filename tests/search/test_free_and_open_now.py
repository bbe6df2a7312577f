"""Drivers filter by "Free" and "Open now", read from each location's structured price and
hours, on the location's own clock (Albany keeps New York time, Phoenix Arizona's)."""

from datetime import UTC, datetime, time
from decimal import Decimal
from unittest import mock

import pytest

from sites.models import OpeningHours, Weekday
from tests.factories import PortFactory, SiteFactory, StationFactory
from tests.search.pages import URL, names

pytestmark = pytest.mark.django_db

# Wednesday 2026-12-02, 15:30 UTC: 10:30 in Albany, 08:30 in Phoenix.
WEDNESDAY_MORNING = datetime(2026, 12, 2, 15, 30, tzinfo=UTC)
# Thursday 2026-12-03, 06:00 UTC: 01:00 in Albany, 23:00 on Wednesday in Phoenix.
THURSDAY_NIGHT = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)


def location(name, alice, *, state="NY", position=("42.65", "-73.75"), **fields):
    site = SiteFactory(
        owner=alice,
        name=name,
        state=state,
        latitude=Decimal(position[0]),
        longitude=Decimal(position[1]),
        **fields,
    )
    PortFactory(station=StationFactory(site=site))
    return site


def hours(site, weekday, opens, closes):
    OpeningHours.objects.create(site=site, weekday=weekday, opens=opens, closes=closes)
    site.save()  # the listing follows


@pytest.fixture
def places(alice):
    always = location("Always Garage", alice, always_open=True, free=True)
    office = location("Office Lot", alice, price_per_kwh=Decimal("0.35"))
    hours(office, Weekday.WEDNESDAY, time(8), time(18))
    night = location("Night Market", alice)
    hours(night, Weekday.WEDNESDAY, time(18), time(2))  # open past midnight
    desert = location("Desert Plaza", alice, state="AZ", position=("33.45", "-112.07"))
    hours(desert, Weekday.WEDNESDAY, time(9), time(23, 30))
    location("Unknown Hours", alice)
    return always


def search_at(client, moment, **params):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return set(names(client.get(URL, params)))


def test_it_finds_only_free_locations(client, places):
    assert search_at(client, WEDNESDAY_MORNING, free="on") == {"Always Garage"}


def test_it_finds_what_is_open_on_each_locations_clock(client, places):
    # 10:30 in Albany: the office is open; 08:30 in Phoenix: the plaza opens at 9.
    assert search_at(client, WEDNESDAY_MORNING, open_now="on") == {"Always Garage", "Office Lot"}


def test_it_counts_hours_past_midnight_on_the_next_day(client, places):
    # 01:00 on Thursday in Albany: the market, open Wednesday 18:00-02:00, still is;
    # 23:00 on Wednesday in Phoenix: the plaza still is too.
    assert search_at(client, THURSDAY_NIGHT, open_now="on") == {
        "Always Garage",
        "Night Market",
        "Desert Plaza",
    }


def test_it_never_calls_unknown_hours_open(client, places):
    assert "Unknown Hours" not in search_at(client, WEDNESDAY_MORNING, open_now="on")
    assert "Unknown Hours" in search_at(client, WEDNESDAY_MORNING)


def test_it_offers_only_states_with_listings(client, places):
    from tests.search.test_network_and_state import options

    assert options(client.get(URL), "state") == ["", "AZ", "NY"]


def test_it_follows_hours_changed_on_their_own(client, places):
    office = places.__class__.objects.get(name="Office Lot")
    office.opening_hours.update_or_create(
        weekday=Weekday.WEDNESDAY, defaults={"opens": time(11), "closes": time(18)}
    )
    assert "Office Lot" not in search_at(client, WEDNESDAY_MORNING, open_now="on")
    office.opening_hours.all().delete()
    office.opening_hours.create(weekday=Weekday.WEDNESDAY, opens=time(10), closes=time(11))
    assert "Office Lot" in search_at(client, WEDNESDAY_MORNING, open_now="on")

"""A network's opening_times become the hours of a location it owns (unclaimed): 24/7 or a
row per weekday on the location's own clock, which comes from its time_zone."""

from datetime import time

import pytest

from search.models import Listing
from sites.models import OpeningHours, Site
from tests.factories import UserFactory
from tests.ocpi.network import (
    Network,
    ago,
    envelope,
    evse,
    example,
    example_json,
    location,
    row_counts,
)

pytestmark = pytest.mark.django_db

MIDNIGHT = time(0)


def period(weekday, begin, end) -> dict:
    return {"weekday": weekday, "period_begin": begin, "period_end": end}


def weekly(*periods) -> dict:
    return {"twentyfourseven": False, "regular_hours": list(periods)}


def push(network, minutes=10, **changes):
    at = ago(minutes=minutes)
    body = location(last_updated=at, evses=[evse("1", last_updated=at)], **changes)
    envelope(network.put(body, "ALB1"))
    return Site.objects.get()


def rows(site) -> dict:
    return {h.weekday: (h.opens, h.closes) for h in OpeningHours.objects.filter(site=site)}


def test_it_opens_a_location_sent_as_twentyfourseven_around_the_clock(network):
    site = push(network, opening_times={"twentyfourseven": True})
    assert site.always_open
    assert rows(site) == {}
    assert Listing.objects.get(site=site).always_open


def test_it_keeps_regular_hours_with_monday_as_day_one(network):
    hours = weekly(period(1, "07:00", "18:00"), period(7, "10:00", "16:30"))
    site = push(network, opening_times=hours)
    assert not site.always_open
    assert rows(site) == {0: (time(7), time(18)), 6: (time(10), time(16, 30))}
    listing = Listing.objects.get(site=site)
    assert (listing.hours_known, listing.opens_0, listing.closes_0) == (True, 420, 1080)


def test_it_takes_the_specifications_parking_garage_example():
    evc = Network("EVC", "SE", "EVC")
    name = "location_example_parking_garage_opening_hours.json"
    envelope(evc.put(example(name), example_json(name)["id"]))
    site = Site.objects.get()
    assert rows(site) == {day: (time(7), time(18)) for day in range(7)}
    assert site.time_zone == "Europe/Stockholm"


def test_it_joins_a_night_split_at_midnight_into_one_row(network):
    hours = weekly(period(5, "18:00", "23:59"), period(6, "00:00", "02:00"))
    site = push(network, opening_times=hours)
    assert rows(site) == {4: (time(18), time(2))}


def test_it_joins_sunday_night_into_monday_morning(network):
    hours = weekly(period(7, "20:00", "24:00"), period(1, "00:00", "01:00"))
    site = push(network, opening_times=hours)
    assert rows(site) == {6: (time(20), time(1))}


def test_it_keeps_a_day_open_all_day_as_midnight_to_midnight(network):
    site = push(network, opening_times=weekly(period(3, "00:00", "23:59")))
    assert rows(site) == {2: (MIDNIGHT, MIDNIGHT)}


def test_it_says_when_a_day_has_a_break_one_row_cannot_hold(network):
    hours = weekly(period(1, "08:00", "12:00"), period(1, "13:00", "18:00"))
    site = push(network, opening_times=hours)
    assert rows(site) == {0: (time(8), time(18))}
    assert site.hours_note == "Closed Mon 12:00-13:00."


def test_it_replaces_the_hours_when_the_network_sends_new_ones(network):
    push(network, minutes=10, opening_times=weekly(period(1, "08:00", "12:00")))
    site = push(network, minutes=5, opening_times=weekly(period(2, "09:00", "17:00")))
    assert rows(site) == {1: (time(9), time(17))}
    site = push(network, minutes=1, opening_times={"twentyfourseven": True})
    assert site.always_open
    assert rows(site) == {}


def test_it_keeps_the_hours_when_a_put_sends_none(network):
    push(network, minutes=10, opening_times=weekly(period(1, "08:00", "12:00")))
    site = push(network, minutes=1)
    assert rows(site) == {0: (time(8), time(12))}


def test_it_takes_hours_from_a_patch(network):
    push(network, minutes=10, opening_times=weekly(period(1, "08:00", "12:00")))
    patch = {"opening_times": {"twentyfourseven": True}, "last_updated": ago(minutes=1)}
    envelope(network.patch(patch, "ALB1"))
    site = Site.objects.get()
    assert site.always_open
    assert rows(site) == {}
    assert Listing.objects.get(site=site).always_open


def test_it_leaves_the_hours_alone_on_a_patch_without_them(network):
    push(network, minutes=10, opening_times=weekly(period(1, "08:00", "12:00")))
    envelope(network.patch({"name": "Eagle St Garage", "last_updated": ago(minutes=1)}, "ALB1"))
    assert rows(Site.objects.get()) == {0: (time(8), time(12))}


def test_it_leaves_a_claimed_locations_hours_to_its_owner(network):
    push(network, minutes=10)
    Site.objects.update(owner=UserFactory(), always_open=True, time_zone="America/Chicago")
    site = push(network, minutes=1, opening_times=weekly(period(1, "08:00", "12:00")))
    assert site.always_open
    assert rows(site) == {}
    assert site.time_zone == "America/Chicago"


def test_it_takes_the_time_zone_the_network_sends(network):
    assert push(network, time_zone="America/Chicago").time_zone == "America/Chicago"


@pytest.mark.parametrize("sent", ["Mars/Olympus_Mons", "", "../etc/passwd", "EST+5"])
def test_it_keeps_its_own_time_zone_for_one_it_does_not_know(network, sent):
    assert push(network, time_zone=sent).time_zone == "America/New_York"  # from the state


@pytest.mark.parametrize(
    "hours",
    [
        weekly(period(0, "08:00", "12:00")),
        weekly(period(8, "08:00", "12:00")),
        weekly(period(1, "8:00", "12:00")),
        weekly(period(1, "08:00", "25:00")),
        {"regular_hours": [period(1, "08:00", "12:00")]},
    ],
    ids=["weekday 0", "weekday 8", "one-digit hour", "hour 25", "no twentyfourseven"],
)
def test_it_refuses_hours_it_cannot_read(network, hours):
    before = row_counts()
    body = location(last_updated=ago(minutes=1), opening_times=hours)
    envelope(network.put(body, "ALB1"), status=400, code=2001)
    assert row_counts() == before

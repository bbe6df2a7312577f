"""Our locations go out with their opening_times when they have hours: twentyfourseven, or
regular_hours on the location's own clock (its time_zone), a night split at midnight."""

from datetime import time

import pytest
from django.urls import reverse

from sites.models import OpeningHours, Weekday
from tests.ocpi.network import envelope

pytestmark = pytest.mark.django_db

LIST = reverse("ocpi:our_locations")


def sent(network) -> dict:
    [data] = envelope(network.get_ours(LIST))["data"]
    return data


def period(weekday, begin, end) -> dict:
    return {"weekday": weekday, "period_begin": begin, "period_end": end}


def hours(site, weekday, opens, closes):
    OpeningHours.objects.create(site=site, weekday=weekday, opens=opens, closes=closes)


def test_it_sends_no_opening_times_when_the_hours_are_not_known(network, port):
    assert "opening_times" not in sent(network)


def test_it_sends_a_location_open_all_the_time_as_twentyfourseven(network, site, port):
    site.always_open = True
    site.save()
    assert sent(network)["opening_times"] == {"twentyfourseven": True}


def test_it_sends_the_hours_of_each_day_with_monday_as_day_one(network, site, port):
    hours(site, Weekday.MONDAY, time(7), time(19))
    hours(site, Weekday.SUNDAY, time(10), time(16, 30))
    assert sent(network)["opening_times"] == {
        "twentyfourseven": False,
        "regular_hours": [period(1, "07:00", "19:00"), period(7, "10:00", "16:30")],
    }


def test_it_splits_a_night_opening_at_midnight(network, site, port):
    hours(site, Weekday.FRIDAY, time(18), time(2))
    hours(site, Weekday.SUNDAY, time(22), time(1))
    assert sent(network)["opening_times"]["regular_hours"] == [
        period(1, "00:00", "01:00"),
        period(5, "18:00", "23:59"),
        period(6, "00:00", "02:00"),
        period(7, "22:00", "23:59"),
    ]


def test_it_sends_a_day_open_all_day_as_midnight_to_23_59(network, site, port):
    hours(site, Weekday.WEDNESDAY, time(0), time(0))
    assert sent(network)["opening_times"]["regular_hours"] == [period(3, "00:00", "23:59")]


def test_it_sends_the_locations_own_time_zone(network, site, port):
    site.time_zone = "America/Chicago"
    site.save()
    assert sent(network)["time_zone"] == "America/Chicago"


def test_it_sends_hours_a_network_can_read_back(network, becharged, site, port):
    """What we send, a network may send us: the same hours come back."""
    hours(site, Weekday.FRIDAY, time(18), time(2))
    hours(site, Weekday.SATURDAY, time(9), time(12))
    data = sent(network)
    body = {**data, "country_code": "BE", "party_id": "BEC", "evses": []}
    envelope(becharged.put(body, data["id"]))
    copy = OpeningHours.objects.exclude(site=site)
    assert {(h.weekday, h.opens, h.closes) for h in copy} == {
        (Weekday.FRIDAY, time(18), time(2)),
        (Weekday.SATURDAY, time(9), time(12)),
    }

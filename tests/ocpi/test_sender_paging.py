"""Our Locations list pages like OCPI's: offset and limit, date_from and date_to, with
the Link, X-Total-Count and X-Limit headers."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from search.models import Listing
from tests.factories import PortFactory, SiteFactory, StationFactory
from tests.ocpi.network import envelope, stamp

pytestmark = pytest.mark.django_db

LIST = reverse("ocpi:our_locations")


@pytest.fixture
def five(alice):
    """Five claimed locations, last changed 5, 4, 3, 2 and 1 days ago."""
    now = timezone.now()
    sites = []
    for days in (5, 4, 3, 2, 1):
        site = SiteFactory(owner=alice, name=f"{days} days")
        PortFactory(station=StationFactory(site=site))
        Listing.objects.filter(site=site).update(updated_at=now - timedelta(days=days))
        sites.append(site)
    return sites


def ids(response) -> list[str]:
    return [data["id"] for data in envelope(response)["data"]]


def test_it_sends_all_oldest_change_first_with_the_headers(network, five):
    response = network.get_ours(LIST)
    assert ids(response) == [str(site.pk) for site in five]
    assert response["X-Total-Count"] == "5"
    assert response["X-Limit"] == "200"
    assert "Link" not in response


def test_it_pages_with_offset_and_limit_and_links_the_next_page(network, five):
    response = network.get_ours(LIST, {"limit": 2})
    assert ids(response) == [str(site.pk) for site in five[:2]]
    assert response["X-Total-Count"] == "5"
    link = response["Link"]
    assert link.startswith("<http://testserver/ocpi/cpo/2.2.1/locations?")
    assert link.endswith('>; rel="next"')
    seen = ids(response)
    while "Link" in response:
        next_url = response["Link"][1 : response["Link"].index(">")]
        response = network.client.get(next_url, headers=network.headers)
        seen += ids(response)
    assert seen == [str(site.pk) for site in five]


def test_it_starts_at_the_offset(network, five):
    response = network.get_ours(LIST, {"offset": 3, "limit": 10})
    assert ids(response) == [str(site.pk) for site in five[3:]]
    assert "Link" not in response
    assert ids(network.get_ours(LIST, {"offset": 50})) == []


def test_it_keeps_the_date_filters_in_the_next_link(network, five):
    date_from = stamp(timezone.now() - timedelta(days=4, hours=12))
    response = network.get_ours(LIST, {"date_from": date_from, "limit": 1})
    assert response["X-Total-Count"] == "4"
    next_url = response["Link"][1 : response["Link"].index(">")]
    second = network.client.get(next_url, headers=network.headers)
    assert ids(second) == [str(five[2].pk)]


def test_it_sends_only_what_changed_between_date_from_and_date_to(network, five):
    now = timezone.now()
    params = {
        "date_from": stamp(now - timedelta(days=4, hours=12)),
        "date_to": stamp(now - timedelta(days=1, hours=12)),
    }
    response = network.get_ours(LIST, params)
    assert ids(response) == [str(site.pk) for site in five[1:4]]
    assert response["X-Total-Count"] == "3"


def test_it_caps_the_limit(network, alice):
    for _ in range(3):
        PortFactory(station=StationFactory(site=SiteFactory(owner=alice)))
    response = network.get_ours(LIST, {"limit": 100000})
    assert len(ids(response)) == 3
    assert response["X-Limit"] == "200"


@pytest.mark.parametrize(
    "params",
    [
        {"offset": "-1"},
        {"offset": "one"},
        {"limit": "0"},
        {"limit": "2.5"},
        {"date_from": "yesterday"},
        {"date_to": "2026-13-01T00:00:00Z"},
        {"offset": "99999999999999999999"},
        {"offset": "1" * 5000},
        {"limit": "99999999999999999999"},
        {"offset": "\u0661"},  # ARABIC-INDIC DIGIT ONE: a digit, but not a number we take
        {"date_from": "0001-01-01T00:00:00+05:00"},
        {"date_to": "9999-12-31T23:59:59-05:00"},
    ],
    ids=[
        "negative offset",
        "offset words",
        "zero limit",
        "fractional limit",
        "date",
        "month 13",
        "offset beyond 64 bits",
        "offset of 5000 digits",
        "limit beyond 64 bits",
        "offset in other digits",
        "date_from before year 1 in UTC",
        "date_to after year 9999 in UTC",
    ],
)
def test_it_refuses_bad_parameters(network, five, params):
    envelope(network.get_ours(LIST, params), status=400, code=2001)


def test_it_sends_an_empty_page_past_the_end(network, five):
    response = network.get_ours(LIST, {"offset": "9" * 18})
    assert ids(response) == []
    assert response["X-Total-Count"] == "5"
    assert "Link" not in response


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "0001-01-01T00:00:00Z"},
        {"date_to": "9999-12-31T23:59:59Z"},
        {"date_from": "0001-01-01T00:00:00", "date_to": "9999-12-31T23:59:59.999999"},
    ],
    ids=["from year 1", "to year 9999", "both ends"],
)
def test_it_takes_the_ends_of_the_calendar(network, five, params):
    assert len(ids(network.get_ours(LIST, params))) == 5

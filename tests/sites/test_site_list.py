import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.plans import Plan
from ports.vocabulary import PortStatus
from tests.factories import PortFactory, SiteFactory, StationFactory

pytestmark = pytest.mark.django_db

URL = reverse("sites:list")


def test_it_lists_the_owners_locations_with_their_addresses(alice_client, site):
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert list(response.context["sites"]) == [site]
    assert f'<a href="{site.get_absolute_url()}">Maple Street Market</a>' in response.text
    assert "1 Main Street, Albany, NY 12207" in response.text


def test_it_counts_stations_and_ports_leaving_out_decommissioned_ones(alice_client, site):
    first, second = StationFactory.create_batch(2, site=site)
    PortFactory.create_batch(2, station=first)
    PortFactory(station=second, status=PortStatus.OUT_OF_SERVICE)
    PortFactory(station=second, status=PortStatus.DECOMMISSIONED)
    StationFactory(site=site)  # no ports yet
    response = alice_client.get(URL)
    (listed,) = response.context["sites"]
    assert (listed.station_count, listed.port_count) == (3, 3)
    assert "3 stations · 3 ports" in response.text


def test_it_counts_each_location_on_its_own(alice_client, alice):
    alice.plan = Plan.PREMIUM
    alice.save()
    busy = SiteFactory(owner=alice, name="A busy place")
    PortFactory.create_batch(3, station__site=busy)
    quiet = SiteFactory(owner=alice, name="B quiet place")
    StationFactory(site=quiet)
    response = alice_client.get(URL)
    counts = [(s.name, s.station_count, s.port_count) for s in response.context["sites"]]
    assert counts == [("A busy place", 3, 3), ("B quiet place", 1, 0)]
    assert "1 station · 0 ports" in response.text


def test_it_never_shows_other_owners_locations(alice_client, bob):
    SiteFactory(owner=bob, name="Bob's Garage")
    SiteFactory(owner=None, name="Unclaimed Lot")
    response = alice_client.get(URL)
    assert list(response.context["sites"]) == []
    assert "Bob&#x27;s Garage" not in response.text
    assert "Unclaimed Lot" not in response.text


def test_it_invites_a_new_owner_to_add_a_location(alice_client):
    response = alice_client.get(URL)
    assert "You have no locations yet." in response.text
    assert f'href="{reverse("sites:add")}">Add Location</a>' in response.text


def test_it_states_the_plans_location_limit(alice_client):
    response = alice_client.get(URL)
    assert "Your Free plan allows 1 location." in response.text
    assert f'href="{reverse("plan")}">Compare plans</a>' in response.text


def test_it_runs_a_fixed_number_of_queries(alice_client, alice):
    """N+1 guard: the Sites list costs the same whatever the number of locations and ports."""
    alice.plan = Plan.PREMIUM_MULTI
    alice.save()
    PortFactory(station__site__owner=alice)
    with CaptureQueriesContext(connection) as one_site:
        alice_client.get(URL)
    for site in SiteFactory.create_batch(4, owner=alice):
        for station in StationFactory.create_batch(3, site=site):
            PortFactory.create_batch(4, station=station)
    with CaptureQueriesContext(connection) as five_sites:
        response = alice_client.get(URL)
    assert len(response.context["sites"]) == 5
    assert len(five_sites) == len(one_site)


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_is_read_only(alice_client):
    assert alice_client.post(URL).status_code == 405

"""The dashboard says what drivers will not find (locations without stations, stations
without ports, drafts), with a link to fix each, and never that "every port is working"
when there are no ports."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ports.vocabulary import PortStatus
from tests.factories import PortFactory, SiteFactory, StationFactory

pytestmark = pytest.mark.django_db

URL = reverse("sites:dashboard")
EVERY_PORT_WORKING = "Nothing needs attention: every port is working."


@pytest.fixture
def premium(alice):
    alice.plan = "premium"
    alice.save()
    return alice


def test_it_says_a_station_without_ports_cannot_be_found(alice_client, station):
    response = alice_client.get(URL)
    assert response.context["without_ports"] == [station]
    assert "1 station has no ports: drivers can't find it" in response.text
    assert f'href="{station.get_absolute_url()}#charging-ports"' in response.text
    assert f'href="{reverse("ports:add", args=[station.pk])}"' in response.text


def test_it_counts_3_stations_without_ports(alice_client, site, port):
    empty = StationFactory.create_batch(3, site=site)
    response = alice_client.get(URL)
    assert set(response.context["without_ports"]) == set(empty)
    assert "3 stations have no ports: drivers can't find them" in response.text


def test_it_counts_a_station_whose_ports_drivers_never_see(alice_client, station):
    PortFactory(station=station, status=PortStatus.DECOMMISSIONED)
    PortFactory(station=station, network_removed=True)
    response = alice_client.get(URL)
    assert response.context["without_ports"] == [station]


def test_it_says_drafts_cannot_be_seen(alice_client, site):
    drafts = [
        PortFactory(station__site=site, station__is_published=False).station for _ in range(2)
    ]
    PortFactory(station__site=site)
    response = alice_client.get(URL)
    assert set(response.context["drafts"]) == set(drafts)
    assert "2 stations are drafts: drivers can't see them" in response.text
    for draft in drafts:
        assert f'href="{reverse("stations:edit", args=[draft.pk])}"' in response.text


def test_it_says_a_location_without_stations_cannot_be_found(alice_client, premium, port):
    empty = SiteFactory(owner=premium, name="Elm Street Garage")
    response = alice_client.get(URL)
    assert response.context["without_stations"] == [empty]
    assert "1 location has no stations: drivers can't find it" in response.text
    assert f'href="{reverse("stations:add", args=[empty.pk])}"' in response.text


def test_it_never_says_every_port_is_working_without_ports(alice_client, station):
    PortFactory(station=station, status=PortStatus.DECOMMISSIONED)
    response = alice_client.get(URL)
    assert EVERY_PORT_WORKING not in response.text
    assert "No ports yet, so nothing to check." in response.text


def test_it_tells_an_owner_without_locations_what_to_do(alice_client):
    response = alice_client.get(URL)
    assert EVERY_PORT_WORKING not in response.text
    assert "You have no locations yet." in response.text
    assert f'href="{reverse("sites:add")}">Add your first location</a>' in response.text
    assert "Drivers won't find" not in response.text


def test_it_says_nothing_of_gaps_when_drivers_find_everything(alice_client, port):
    response = alice_client.get(URL)
    assert EVERY_PORT_WORKING in response.text
    assert "Drivers won't find" not in response.text


def test_it_never_shows_another_owners_gaps(alice_client, port, bob):
    StationFactory(site__owner=bob, name="Bob Station")
    SiteFactory(owner=bob, name="Bob Location")
    StationFactory(site__owner=None, name="Unclaimed station")
    response = alice_client.get(URL)
    assert "Drivers won't find" not in response.text
    assert "Bob " not in response.text
    assert "Unclaimed station" not in response.text


def test_it_runs_a_fixed_number_of_queries(
    alice_client, premium, site, station, django_assert_num_queries
):
    """N+1 guard: the lists of what drivers will not find cost the same whatever their length."""
    with CaptureQueriesContext(connection) as one_of_each:
        alice_client.get(URL)
    for other in SiteFactory.create_batch(3, owner=premium):
        StationFactory.create_batch(2, site=other)
        StationFactory(site=other, is_published=False)
    SiteFactory.create_batch(2, owner=premium)
    with django_assert_num_queries(len(one_of_each)):
        response = alice_client.get(URL)
    assert len(response.context["without_ports"]) == 10
    assert len(response.context["drafts"]) == 3
    assert len(response.context["without_stations"]) == 2

"""The owner's page for one location: its stations and their port counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ports.vocabulary import PortStatus
from tests.factories import PortFactory, SiteFactory, StationFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db


def url(site):
    return reverse("sites:detail", args=[site.pk])


def test_it_shows_the_location(alice_client, site):
    response = alice_client.get(url(site))
    assert response.status_code == 200
    assert "<h1>Maple Street Market</h1>" in response.text
    assert "1 Main Street, Albany, NY 12207" in response.text
    assert f'href="{reverse("sites:edit", args=[site.pk])}">Edit location</a>' in response.text


def test_it_lists_stations_with_their_port_counts(alice_client, site):
    ct4000 = StationFactory(site=site, name="ChargePoint CT4000")
    PortFactory.create_batch(2, station=ct4000)
    garage = StationFactory(site=site, name="Garage Level 2 - Bank A")
    PortFactory.create_batch(3, station=garage)
    PortFactory(station=garage, status=PortStatus.OUT_OF_SERVICE)
    PortFactory(station=garage, status=PortStatus.DECOMMISSIONED)
    response = alice_client.get(url(site))
    counts = {s.name: (s.port_count, s.out_of_service_count) for s in response.context["stations"]}
    assert counts == {"ChargePoint CT4000": (2, 0), "Garage Level 2 - Bank A": (4, 1)}
    assert f'<a href="{ct4000.get_absolute_url()}">ChargePoint CT4000</a>' in response.text
    assert "2 ports" in response.text
    assert "4 ports · " in text(response.text)
    assert "1 out of service" in text(response.text)


def test_it_says_1_port_in_the_singular(alice_client, port):
    assert "<p>1 port</p>" in alice_client.get(url(port.station.site)).text


def test_it_marks_draft_stations(alice_client, site):
    StationFactory(site=site, name="Bank B", is_published=False)
    assert "Bank B Draft" in text(alice_client.get(url(site)).text)


def test_it_offers_to_add_a_station(alice_client, site):
    response = alice_client.get(url(site))
    assert "No stations yet. Add a station, then its ports." in response.text
    assert f'href="{reverse("stations:add", args=[site.pk])}">Add Station</a>' in response.text


def test_it_runs_a_fixed_number_of_queries(alice_client, site):
    """N+1 guard: the page costs the same whatever the number of stations and ports."""
    PortFactory(station=StationFactory(site=site))
    with CaptureQueriesContext(connection) as one_station:
        alice_client.get(url(site))
    for station in StationFactory.create_batch(2, site=site):
        PortFactory.create_batch(10, station=station)
    with CaptureQueriesContext(connection) as three_stations:
        response = alice_client.get(url(site))
    assert len(response.context["stations"]) == 3
    assert len(three_stations) == len(one_station)


def test_it_is_404_for_a_stranger(bob_client, site):
    assert bob_client.get(url(site)).status_code == 404


def test_it_is_404_for_an_unclaimed_location(alice_client):
    assert alice_client.get(url(SiteFactory(owner=None))).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, site):
    response = client.get(url(site))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

"""The Locations list runs a fixed number of queries, whatever the number of locations,
stations and ports: a guard against N+1 queries as partners page through all of them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ports.models import Position
from sites.models import OpeningHours
from tests.factories import PortFactory, SiteFactory, StationFactory
from tests.ocpi.network import envelope

pytestmark = pytest.mark.django_db

LIST = reverse("ocpi:our_locations")


def add_locations(owner, count):
    """Each with hours and two stations: two ports sharing a position, and one on its own."""
    for _ in range(count):
        site = SiteFactory(owner=owner)
        OpeningHours.objects.create(site=site, weekday=0, opens="08:00", closes="18:00")
        for _ in range(2):
            station = StationFactory(site=site)
            position = Position.objects.create(station=station)
            PortFactory.create_batch(2, station=station, position=position)
            PortFactory(station=station)


def queries(network) -> int:
    with CaptureQueriesContext(connection) as captured:
        envelope(network.get_ours(LIST))
    return len(captured)


def test_it_reads_many_locations_in_as_many_queries_as_one(network, alice):
    add_locations(alice, 1)
    one = queries(network)
    add_locations(alice, 5)
    assert queries(network) == one
    assert one <= 8  # the partner's token is looked up on every request, then seven

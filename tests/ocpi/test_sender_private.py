"""A private location never goes out to networks, even claimed, with published stations and
ports: drivers must not be sent where they cannot charge."""

import pytest
from django.urls import reverse

from search.models import Listing
from sites.access import Access
from sites.models import Site
from tests.factories import PortFactory, SiteFactory, StationFactory
from tests.ocpi.network import envelope

pytestmark = pytest.mark.django_db

LIST = reverse("ocpi:our_locations")


@pytest.fixture
def fleet_depot(alice):
    site = SiteFactory(owner=alice, name="Fleet Depot", access=Access.PRIVATE)
    PortFactory(station=StationFactory(site=site, is_published=True))
    return site


@pytest.fixture
def public(alice):
    site = SiteFactory(owner=alice, name="Maple Street Market")
    PortFactory(station=StationFactory(site=site))
    return site


def sent_ids(network) -> list[str]:
    return [data["id"] for data in envelope(network.get_ours(LIST))["data"]]


def test_it_leaves_a_private_location_out_of_the_list(network, fleet_depot, public):
    response = network.get_ours(LIST)
    assert [data["id"] for data in envelope(response)["data"]] == [str(public.pk)]
    assert response["X-Total-Count"] == "1"


def test_it_answers_2003_for_a_private_location(network, fleet_depot):
    station = fleet_depot.stations.get()
    port = station.ports.get()
    for url in [
        reverse("ocpi:our_location", args=[fleet_depot.pk]),
        reverse("ocpi:our_evse", args=[fleet_depot.pk, f"C{port.pk}"]),
        reverse("ocpi:our_connector", args=[fleet_depot.pk, f"C{port.pk}", port.pk]),
    ]:
        envelope(network.get_ours(url), status=404, code=2003)


def test_it_leaves_a_private_location_out_even_with_a_search_row(network, fleet_depot, public):
    # The sender does not rely on search rows alone: one left behind sends nothing.
    Site.objects.filter(pk=fleet_depot.pk).update(access=Access.PUBLIC)
    Listing.refresh([fleet_depot.pk])
    Site.objects.filter(pk=fleet_depot.pk).update(access=Access.PRIVATE)
    assert Listing.objects.filter(site=fleet_depot).exists()
    assert sent_ids(network) == [str(public.pk)]


def test_it_stops_sending_a_location_its_owner_makes_private(network, public):
    assert sent_ids(network) == [str(public.pk)]
    public.access = Access.PRIVATE
    public.save()
    assert sent_ids(network) == []

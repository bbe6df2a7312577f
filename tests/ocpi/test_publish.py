"""A location its network does not publish is never shown to drivers (OCPI `publish`):
not when first pushed, and not after the network changes its mind either way."""

import pytest

from sites.models import Site
from tests.live.pages import found, port_items, public_page
from tests.ocpi.network import ago, envelope, evse, location

pytestmark = pytest.mark.django_db

NAME = "Riverfront Garage"
PUBLISH_BUG = (
    "BUG: `publish` sets is_published only on the stations an EVSE creates; a later PUT or "
    "PATCH of the location's `publish` leaves its stations as they were"
)


def push(network, publish, minutes):
    at = ago(minutes=minutes)
    body = location(last_updated=at, publish=publish, evses=[evse("1", last_updated=at)])
    envelope(network.put(body, "ALB1"))


def shown(client) -> bool:
    on_page = bool(port_items(public_page(client, Site.objects.get())))
    in_search = NAME in found(client)
    assert on_page == in_search
    return on_page


def test_it_shows_a_published_location(client, network):
    push(network, True, minutes=30)
    assert shown(client)


def test_it_hides_a_location_pushed_unpublished(client, network):
    push(network, False, minutes=30)
    assert not shown(client)


def test_it_hides_a_location_its_network_unpublishes_with_a_patch(client, network):
    push(network, True, minutes=30)
    envelope(network.patch({"publish": False, "last_updated": ago(minutes=1)}, "ALB1"))
    assert not shown(client)


def test_it_hides_a_location_its_network_unpublishes_with_a_put(client, network):
    push(network, True, minutes=30)
    push(network, False, minutes=1)
    assert not shown(client)


def test_it_shows_a_location_its_network_publishes_later(client, network):
    push(network, False, minutes=30)
    envelope(network.patch({"publish": True, "last_updated": ago(minutes=1)}, "ALB1"))
    assert shown(client)

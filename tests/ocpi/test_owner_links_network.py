"""An owner links the network's location to their own: the network's EVSEs move in,
the placeholder location goes, and live status then shows on the owner's location."""

import pytest
from django.urls import reverse

from accounts.plans import Plan
from ocpi.models import OcpiLocation
from sites.models import Origin, Site
from tests.factories import StationFactory
from tests.ocpi.network import ago, evse, location

pytestmark = pytest.mark.django_db


def link(client, site, partner, location_id):
    return client.post(
        reverse("ocpi:link", args=[site.pk]), {"partner": partner.pk, "location_id": location_id}
    )


@pytest.fixture
def pushed(network):
    at = ago(minutes=5)
    network.put(location(last_updated=at, evses=[evse("1", last_updated=at)]), "ALB1")
    return OcpiLocation.objects.get(location_id="ALB1")


def test_it_moves_the_networks_stations_onto_the_owners_location(
    alice_client, site, network, pushed
):
    placeholder = pushed.site
    response = link(alice_client, site, network.partner, "ALB1")
    assert response.status_code == 302
    pushed.refresh_from_db()
    assert pushed.site == site
    assert site.stations.filter(name="EVSE US*CPT*E1").exists()
    assert not Site.objects.filter(pk=placeholder.pk).exists()


def test_it_shows_the_networks_live_status_on_the_owners_page(
    client, alice_client, site, network, pushed
):
    link(alice_client, site, network.partner, "ALB1")
    network.patch({"status": "CHARGING", "last_updated": ago(minutes=1)}, "ALB1", "1")
    page = client.get(reverse("sites:public", args=[site.pk])).text
    assert "In use" in page


def test_it_says_when_the_network_has_not_sent_that_location(alice_client, site, network):
    response = link(alice_client, site, network.partner, "NOPE")
    assert response.status_code == 400
    assert "has not sent us a location “NOPE” yet" in response.text


def test_it_keeps_to_the_plans_station_limit(alice_client, alice, site, network, pushed):
    StationFactory.create_batch(3, site=site)  # Free: 3 stations per location
    response = link(alice_client, site, network.partner, "ALB1")
    assert response.status_code == 400
    assert "Your Free plan allows 3 stations per location." in response.text
    pushed.refresh_from_db()
    assert pushed.site.origin == Origin.OCPI


def test_it_refuses_a_location_already_linked_elsewhere(alice_client, bob, site, network, pushed):
    bob.plan = Plan.PREMIUM
    bob.save()
    other = Site.objects.create(
        name="Bob's",
        street_address="1 Main",
        city="Troy",
        state="NY",
        zip_code="12180",
        latitude="42.7",
        longitude="-73.7",
        owner=bob,
    )
    OcpiLocation.objects.filter(pk=pushed.pk).update(site=other)
    response = link(alice_client, site, network.partner, "ALB1")
    assert response.status_code == 400
    assert "already linked to another location" in response.text


def test_it_is_404_for_a_stranger(bob_client, site, network, pushed):
    assert link(bob_client, site, network.partner, "ALB1").status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, site, network, pushed):
    response = link(client, site, network.partner, "ALB1")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

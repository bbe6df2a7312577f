"""Claiming a location and linking a network's location wait for a confirmed address."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from claims.models import Claim
from ocpi.models import OcpiLocation
from sites.models import Origin
from tests.claims.documents import claim_data
from tests.conftest import HTMX, logged_in
from tests.factories import SiteFactory, UserFactory
from tests.ocpi.network import ago, evse, location

pytestmark = pytest.mark.django_db

FIRST = reverse("confirm_email")


@pytest.fixture
def carol(db):
    return UserFactory(email="carol@example.com", email_confirmed_at=None)


@pytest.fixture
def carol_client(carol):
    return logged_in(carol)


@pytest.fixture
def unclaimed(db):
    return SiteFactory(owner=None, origin=Origin.NREL, source_id="123", name="Highway Rest Area")


def claim_url(site):
    return reverse("claims:claim", args=[site.pk])


def test_it_sends_an_unconfirmed_owner_to_confirm_first(carol_client, unclaimed):
    response = carol_client.get(claim_url(unclaimed))
    assert response.status_code == 302
    assert response.url == f"{FIRST}?{urlencode({'next': claim_url(unclaimed)})}"
    page = carol_client.get(response.url)
    assert "Confirm your email first" in page.text
    assert f'name="next" value="{claim_url(unclaimed)}"' in page.text


def test_it_takes_no_claim_from_an_unconfirmed_owner(carol_client, unclaimed):
    response = carol_client.post(claim_url(unclaimed), claim_data())
    assert response.status_code == 302
    assert response.url.startswith(FIRST)
    assert not Claim.objects.exists()


def test_it_tells_htmx_to_go_to_the_page(carol_client, unclaimed):
    response = carol_client.get(claim_url(unclaimed), headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(FIRST)


def test_it_lets_a_confirmed_owner_claim(alice_client, unclaimed):
    assert alice_client.get(claim_url(unclaimed)).status_code == 200
    assert alice_client.post(claim_url(unclaimed), claim_data()).status_code == 302
    assert Claim.objects.filter(site=unclaimed).exists()


def test_it_still_sends_anonymous_visitors_to_log_in(client, unclaimed):
    assert client.get(claim_url(unclaimed)).url.startswith(reverse("login"))


@pytest.fixture
def pushed(network):
    at = ago(minutes=5)
    network.put(location(last_updated=at, evses=[evse("1", last_updated=at)]), "ALB1")
    return OcpiLocation.objects.get(location_id="ALB1")


def test_it_links_no_networks_location_for_an_unconfirmed_owner(
    carol, carol_client, network, pushed
):
    site = SiteFactory(owner=carol)
    placeholder = pushed.site
    response = carol_client.post(
        reverse("ocpi:link", args=[site.pk]),
        {"partner": network.partner.pk, "location_id": "ALB1"},
    )
    assert response.status_code == 302
    assert response.url == FIRST
    pushed.refresh_from_db()
    assert pushed.site == placeholder

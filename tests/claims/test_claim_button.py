"""The location page offers "Claim This Location" while nobody manages the location."""

import pytest
from django.urls import reverse

from claims.models import ClaimStatus
from tests.claims.factories import ClaimFactory
from tests.factories import SiteFactory

pytestmark = pytest.mark.django_db

BUTTON = "Claim This Location"


def url(site):
    return reverse("sites:public", args=[site.pk])


def test_it_offers_drivers_and_visitors_the_claim_button(client, unclaimed):
    response = client.get(url(unclaimed))
    assert response.status_code == 200
    assert BUTTON in response.text
    assert f'href="{reverse("claims:claim", args=[unclaimed.pk])}"' in response.text


def test_it_offers_a_logged_in_owner_the_claim_button(alice_client, unclaimed):
    assert BUTTON in alice_client.get(url(unclaimed)).text


def test_it_has_no_claim_button_on_a_claimed_location(client, bob_client):
    claimed = SiteFactory(name="Maple Street Market")
    for visitor in [client, bob_client]:
        response = visitor.get(url(claimed))
        assert response.status_code == 200
        assert BUTTON not in response.text
        assert reverse("claims:claim", args=[claimed.pk]) not in response.text


def test_it_tells_the_owner_they_manage_it_instead(alice_client, site):
    response = alice_client.get(url(site))
    assert BUTTON not in response.text
    assert "You manage this location" in response.text


def test_it_shows_the_claimant_their_pending_claim_instead(alice_client, alice, unclaimed):
    ClaimFactory(site=unclaimed, claimant=alice)
    response = alice_client.get(url(unclaimed))
    assert BUTTON not in response.text
    assert "Your claim for this location is pending review" in response.text


def test_it_still_offers_the_button_to_other_owners_while_a_claim_is_pending(
    bob_client, alice, unclaimed
):
    ClaimFactory(site=unclaimed, claimant=alice)
    response = bob_client.get(url(unclaimed))
    assert BUTTON in response.text
    assert "Your claim for this location" not in response.text


def test_it_offers_the_button_again_after_a_rejection(alice_client, alice, unclaimed):
    ClaimFactory(site=unclaimed, claimant=alice, status=ClaimStatus.REJECTED)
    assert BUTTON in alice_client.get(url(unclaimed)).text

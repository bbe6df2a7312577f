"""One pending claim per location per owner: the form says so, and the database holds to it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from claims.models import Claim, ClaimStatus
from tests.claims.documents import claim_data
from tests.claims.factories import ClaimFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db

PENDING = "is pending review by our support staff"


def url(site):
    return reverse("claims:claim", args=[site.pk])


def test_it_shows_the_pending_claim_instead_of_a_form(alice_client, alice, unclaimed):
    ClaimFactory(site=unclaimed, claimant=alice)
    response = alice_client.get(url(unclaimed))
    assert response.status_code == 200
    assert PENDING in text(response.text)
    assert "form" not in response.context
    assert 'name="proof"' not in response.text
    assert f'href="{reverse("sites:dashboard")}"' in response.text


def test_it_shows_what_the_claim_is_waiting_for(alice_client, alice, unclaimed):
    ClaimFactory(site=unclaimed, claimant=alice, review_note="Waiting: a clearer scan.")
    assert "Waiting: a clearer scan." in alice_client.get(url(unclaimed)).text


def test_it_files_nothing_on_a_second_attempt(alice_client, alice, unclaimed):
    alice_client.post(url(unclaimed), claim_data())
    response = alice_client.post(url(unclaimed), claim_data(business_name="Again LLC"))
    assert response.status_code == 200
    assert PENDING in text(response.text)
    assert Claim.objects.count() == 1


def test_it_lets_another_owner_claim_the_same_location(alice, bob_client, bob, unclaimed):
    ClaimFactory(site=unclaimed, claimant=alice)
    response = bob_client.post(url(unclaimed), claim_data())
    assert response.status_code == 302
    assert set(Claim.objects.pending().values_list("claimant", flat=True)) == {alice.pk, bob.pk}


def test_it_lets_the_owner_claim_again_after_a_rejection(alice_client, alice, unclaimed):
    ClaimFactory(site=unclaimed, claimant=alice, status=ClaimStatus.REJECTED)
    response = alice_client.post(url(unclaimed), claim_data())
    assert response.status_code == 302
    assert Claim.objects.filter(claimant=alice).count() == 2


def test_the_database_refuses_a_second_pending_claim(alice, unclaimed):
    ClaimFactory(site=unclaimed, claimant=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(site=unclaimed, claimant=alice)
    assert Claim.objects.count() == 1


def test_the_database_allows_many_settled_claims(alice, unclaimed):
    ClaimFactory.create_batch(2, site=unclaimed, claimant=alice, status=ClaimStatus.REJECTED)
    ClaimFactory(site=unclaimed, claimant=alice)
    assert Claim.objects.count() == 3


def test_the_model_explains_the_rule(alice, unclaimed):
    ClaimFactory(site=unclaimed, claimant=alice)
    second = ClaimFactory.build(site=unclaimed, claimant=alice)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert (
        "You already have a claim for this location pending review: "
        "your dashboard shows its status."
    ) in error.value.messages

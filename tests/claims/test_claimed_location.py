"""A location that has an owner cannot be claimed again."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims.models import Claim, ClaimStatus
from sites.models import Origin
from tests.claims.documents import claim_data
from tests.claims.factories import ClaimFactory
from tests.factories import SiteFactory

pytestmark = pytest.mark.django_db

HAS_OWNER = "This location already has an owner on ChargeSites."


def url(site):
    return reverse("claims:claim", args=[site.pk])


@pytest.fixture
def claimed(db):
    return SiteFactory(name="Maple Street Market", origin=Origin.NREL, source_id="456")


def test_it_says_the_location_already_has_an_owner(bob_client, claimed):
    response = bob_client.get(url(claimed))
    assert response.status_code == 200
    assert HAS_OWNER in response.text
    assert 'name="proof"' not in response.text


def test_it_files_nothing(bob_client, claimed):
    response = bob_client.post(url(claimed), claim_data())
    assert response.status_code == 200
    assert HAS_OWNER in response.text
    assert not Claim.objects.exists()


def test_it_says_so_to_the_owner_too(alice_client, site):
    response = alice_client.post(url(site), claim_data())
    assert HAS_OWNER in response.text
    assert not Claim.objects.exists()


def test_it_closes_the_form_once_a_claim_is_approved(alice, bob_client, unclaimed):
    ClaimFactory(site=unclaimed, claimant=alice, status=ClaimStatus.APPROVED)
    unclaimed.owner = alice
    unclaimed.save()
    assert HAS_OWNER in bob_client.get(url(unclaimed)).text


def test_the_model_explains_the_rule(bob, claimed, settings):
    claim = ClaimFactory.build(site=claimed, claimant=bob)
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert error.value.messages == [
        f"{HAS_OWNER} If that is wrong, write to {settings.SUPPORT_EMAIL}."
    ]

"""Support staff reject a claim, and must tell the claimant why."""

import pytest
from django.urls import reverse

from claims.models import ClaimStatus
from tests.claims.factories import ClaimFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db

REASON = "The bill is for another address. Send one for 1 Main Street."


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


@pytest.fixture
def claim(alice, unclaimed):
    return ClaimFactory(site=unclaimed, claimant=alice)


def test_it_rejects_with_a_reason(staff_client, staff, claim, unclaimed):
    response = staff_client.post(change_url(claim), {"decision": "reject", "review_note": REASON})
    assert response.status_code == 302
    claim.refresh_from_db()
    unclaimed.refresh_from_db()
    assert (claim.status, claim.review_note) == (ClaimStatus.REJECTED, REASON)
    assert claim.reviewed_by == staff
    assert claim.reviewed_at is not None
    assert unclaimed.owner is None


@pytest.mark.parametrize("note", ["", "   "])
def test_it_requires_a_reason(staff_client, claim, note):
    response = staff_client.post(change_url(claim), {"decision": "reject", "review_note": note})
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors == {"review_note": ["Tell the claimant why the claim is rejected."]}
    assert "Tell the claimant why the claim is rejected." in text(response.text)
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_at) == (ClaimStatus.PENDING, None)


def test_it_refuses_an_unknown_decision(staff_client, claim):
    response = staff_client.post(change_url(claim), {"decision": "maybe", "review_note": ""})
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["decision"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING


def test_it_lets_the_claimant_claim_again(staff_client, claim, alice_client, unclaimed):
    staff_client.post(change_url(claim), {"decision": "reject", "review_note": REASON})
    response = alice_client.get(reverse("sites:public", args=[unclaimed.pk]))
    assert "Claim This Location" in response.text
    assert 'name="proof"' in alice_client.get(reverse("claims:claim", args=[unclaimed.pk])).text


def test_it_does_not_reject_a_claim_already_approved(staff_client, claim, alice, unclaimed):
    staff_client.post(change_url(claim), {"decision": "approve", "review_note": ""})
    staff_client.post(change_url(claim), {"decision": "reject", "review_note": REASON})
    claim.refresh_from_db()
    unclaimed.refresh_from_db()
    assert unclaimed.owner == alice
    assert claim.status == ClaimStatus.APPROVED  # the record agrees with who owns the location

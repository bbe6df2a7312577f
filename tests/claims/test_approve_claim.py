"""Support staff approve a claim: the claimant owns the location, if their plan has room."""

import pytest
from django.urls import reverse

from accounts.plans import Plan
from claims.models import ClaimStatus
from tests.claims.factories import ClaimFactory
from tests.factories import SiteFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db

APPROVE = {"decision": "approve", "review_note": ""}
WAITING = "Waiting: Your Free plan allows 1 location. Upgrade to Premium for 3 locations."


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


@pytest.fixture
def claim(alice, unclaimed):
    return ClaimFactory(site=unclaimed, claimant=alice)


def test_it_makes_the_claimant_the_owner(staff_client, staff, claim, alice, unclaimed):
    response = staff_client.post(change_url(claim), APPROVE, follow=True)
    assert response.status_code == 200
    assert "Alice now manages Highway Rest Area." in text(response.text)
    claim.refresh_from_db()
    unclaimed.refresh_from_db()
    assert unclaimed.owner == alice
    assert (claim.status, claim.review_note) == (ClaimStatus.APPROVED, "")
    assert claim.reviewed_by == staff
    assert claim.reviewed_at is not None


def test_it_opens_the_location_to_its_new_owner(staff_client, claim, alice_client, unclaimed):
    staff_client.post(change_url(claim), APPROVE)
    assert alice_client.get(reverse("sites:detail", args=[unclaimed.pk])).status_code == 200
    response = alice_client.get(reverse("sites:public", args=[unclaimed.pk]))
    assert "Claim This Location" not in response.text
    assert "You manage this location" in response.text


def test_it_rejects_the_other_pending_claims_for_the_location(staff_client, claim, bob, unclaimed):
    rival = ClaimFactory(site=unclaimed, claimant=bob)
    elsewhere = ClaimFactory(claimant=bob)
    staff_client.post(change_url(claim), APPROVE)
    rival.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (rival.status, rival.review_note) == (
        ClaimStatus.REJECTED,
        "Another claim for this location was approved.",
    )
    assert elsewhere.status == ClaimStatus.PENDING


def test_it_keeps_the_claim_waiting_when_the_plan_is_full(staff_client, staff, claim, alice):
    SiteFactory(owner=alice, name="Maple Street Market")
    response = staff_client.post(change_url(claim), APPROVE, follow=True)
    # Support read about the claimant's plan; the note to the claimant says "your".
    assert (
        "The claim stays pending review: Their Free plan allows 1 location. "
        "They can upgrade to Premium for 3 locations."
    ) in text(response.text)
    claim.refresh_from_db()
    claim.site.refresh_from_db()
    assert claim.site.owner is None
    assert (claim.status, claim.review_note) == (ClaimStatus.PENDING, WAITING)
    assert claim.reviewed_by == staff


def test_it_leaves_rival_claims_alone_while_waiting(staff_client, claim, alice, bob, unclaimed):
    SiteFactory(owner=alice)
    rival = ClaimFactory(site=unclaimed, claimant=bob)
    staff_client.post(change_url(claim), APPROVE)
    rival.refresh_from_db()
    assert rival.status == ClaimStatus.PENDING


def test_it_approves_a_waiting_claim_once_the_owner_upgrades(staff_client, claim, alice):
    SiteFactory(owner=alice)
    staff_client.post(change_url(claim), APPROVE)
    alice.plan = Plan.PREMIUM
    alice.save()
    staff_client.post(change_url(claim), APPROVE)
    claim.refresh_from_db()
    assert (claim.status, claim.review_note) == (ClaimStatus.APPROVED, "")
    assert claim.site.owner == alice


def test_it_rejects_the_claim_when_someone_else_owns_the_location_now(
    staff_client, claim, bob, unclaimed
):
    unclaimed.owner = bob
    unclaimed.save()
    staff_client.post(change_url(claim), APPROVE)
    claim.refresh_from_db()
    unclaimed.refresh_from_db()
    assert unclaimed.owner == bob
    assert (claim.status, claim.review_note) == (
        ClaimStatus.REJECTED,
        "Another owner manages this location now.",
    )


def test_it_lets_the_support_group_approve(support_client, claim, alice, unclaimed):
    support_client.post(change_url(claim), APPROVE)
    unclaimed.refresh_from_db()
    assert unclaimed.owner == alice

"""Support staff open a claim in the admin: who claims what, and a link to the document."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, ClaimStatus, Relationship
from tests.claims.factories import ClaimFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


@pytest.fixture
def claim(alice, unclaimed):
    return ClaimFactory(
        site=unclaimed,
        claimant=alice,
        full_name="Alice Archer",
        title="Facilities Manager",
        business_name="Highway Rest Area LLC",
        contact_phone="518-555-0123",
        relationship=Relationship.MANAGER,
    )


def test_it_shows_the_claim_and_links_to_the_document(staff_client, claim):
    response = staff_client.get(change_url(claim))
    assert response.status_code == 200
    page = text(response.text)
    for shown in [
        "Highway Rest Area",
        "Alice Archer",
        "Facilities Manager",
        "Highway Rest Area LLC",
        "alice@example.com",
        "518-555-0123",
        "Manager",
        "Pending review",
    ]:
        assert shown in page
    link = reverse("claims:proof", args=[claim.pk])
    assert f'<a href="{link}" target="_blank" rel="noopener">Open the PDF document</a>' in (
        response.text
    )


def test_it_offers_approve_and_reject(staff_client, claim):
    response = staff_client.get(change_url(claim))
    for choice in ["approve", "reject"]:
        assert f'<option value="{choice}">' in response.text
    assert 'name="review_note"' in response.text


def test_it_lets_the_support_group_review(support_client, claim):
    assert support_client.get(change_url(claim)).status_code == 200
    assert support_client.get(CHANGELIST).status_code == 200


def test_it_lists_pending_claims_first(staff_client, alice, bob):
    older_pending = ClaimFactory(claimant=alice)
    rejected = ClaimFactory(claimant=bob, status=ClaimStatus.REJECTED)
    newer_pending = ClaimFactory(claimant=bob)
    for days_ago, claim in enumerate([newer_pending, rejected, older_pending]):
        created = timezone.now() - datetime.timedelta(days=days_ago)
        Claim.objects.filter(pk=claim.pk).update(created_at=created)
    response = staff_client.get(CHANGELIST)
    assert list(response.context["cl"].result_list) == [newer_pending, older_pending, rejected]


def test_it_filters_by_status(staff_client, alice, bob):
    ClaimFactory(claimant=alice)
    rejected = ClaimFactory(claimant=bob, status=ClaimStatus.REJECTED)
    response = staff_client.get(CHANGELIST, {"status__exact": ClaimStatus.REJECTED})
    assert list(response.context["cl"].result_list) == [rejected]


def test_it_has_no_add_button(staff_client):
    assert staff_client.get(reverse("admin:claims_claim_add")).status_code == 403


def test_it_keeps_owners_out_of_the_admin(alice_client, claim):
    response = alice_client.get(change_url(claim))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_it_keeps_a_pending_claim_pending_without_a_decision(staff_client, claim):
    response = staff_client.post(change_url(claim), {"decision": "", "review_note": "Scan"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.review_note) == (ClaimStatus.PENDING, "Scan")
    assert Claim.objects.count() == 1

"""A claim that would take the owner past their plan's location limit is refused when it is
sent (and explained before the form), naming the limit and the way to more. Support staff read
about the claimant's plan in the third person."""

import pytest
from django.urls import reverse

from accounts.plans import Plan
from claims.models import Claim
from tests.claims.documents import claim_data
from tests.claims.factories import ClaimFactory
from tests.factories import SiteFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db

FREE_LIMIT = "Your Free plan allows 1 location. Upgrade to Premium for 3 locations."


def url(site):
    return reverse("claims:claim", args=[site.pk])


def test_it_refuses_a_claim_past_the_limit(alice_client, alice, unclaimed):
    SiteFactory(owner=alice, name="Maple Street Market")
    response = alice_client.post(url(unclaimed), claim_data())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"{FREE_LIMIT} Claiming this location would make one more."
    ]
    page = text(response.text)
    assert FREE_LIMIT in page
    assert f'href="{reverse("plan")}"' in response.text
    assert f'href="{reverse("help:subscription_limits")}"' in response.text
    assert not Claim.objects.exists()


def test_it_explains_the_limit_before_the_form(alice_client, alice, unclaimed):
    SiteFactory(owner=alice)
    response = alice_client.get(url(unclaimed))
    assert response.status_code == 200
    assert "form" not in response.context
    assert f"You cannot claim another location on your plan. {FREE_LIMIT}" in text(response.text)
    assert 'name="proof"' not in response.text


def test_it_names_the_premium_multi_limit(alice_client, alice, unclaimed):
    alice.plan = Plan.PREMIUM_MULTI
    alice.save()
    SiteFactory.create_batch(5, owner=alice)
    response = alice_client.post(url(unclaimed), claim_data())
    assert "Your Premium Multi plan allows 5 locations. Contact support if you need more." in (
        text(response.text)
    )
    assert not Claim.objects.exists()


def test_it_accepts_a_claim_with_room_on_the_plan(alice_client, alice, unclaimed):
    alice.plan = Plan.PREMIUM
    alice.save()
    SiteFactory(owner=alice)
    response = alice_client.post(url(unclaimed), claim_data())
    assert response.status_code == 302
    assert Claim.objects.get().claimant == alice


def test_support_reads_the_claimants_plan_in_the_third_person(staff_client, alice, unclaimed):
    claim = ClaimFactory(site=unclaimed, claimant=alice)  # filed before the limit was reached
    SiteFactory(owner=alice)
    change = reverse("admin:claims_claim_change", args=[claim.pk])
    page = text(staff_client.get(change).text)
    assert (
        "Full: approving keeps the claim waiting. Their Free plan allows 1 location. "
        "They can upgrade to Premium for 3 locations."
    ) in page
    response = staff_client.post(change, {"decision": "approve", "review_note": ""}, follow=True)
    assert (
        "The claim stays pending review: Their Free plan allows 1 location. "
        "They can upgrade to Premium for 3 locations."
    ) in text(response.text)
    claim.refresh_from_db()
    # The note is the claimant's to read on their dashboard: to them it is their plan.
    assert claim.review_note == f"Waiting: {FREE_LIMIT}"

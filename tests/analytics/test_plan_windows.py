"""Free shows 7 days, Premium 90, Premium Multi 365; asking for more is clamped with a
note naming the plan and the upgrade."""

import pytest
from django.urls import reverse

from accounts.plans import Plan

pytestmark = pytest.mark.django_db


def url(site, days=None):
    address = reverse("analytics:site", args=[site.pk])
    return f"{address}?days={days}" if days else address


@pytest.mark.parametrize(
    ("plan", "days"), [(Plan.FREE, 7), (Plan.PREMIUM, 90), (Plan.PREMIUM_MULTI, 365)]
)
def test_it_shows_the_plans_window_by_default(alice, alice_client, site, plan, days):
    alice.plan = plan
    alice.save()
    page = alice_client.get(url(site))
    assert f"({days} days)" in page.text
    assert page.text.count("<tr>") - 1 == days  # the table: a row per day, and its head


def test_it_clamps_a_free_plan_to_seven_days_and_says_how_to_get_more(alice_client, site):
    page = alice_client.get(url(site, 90))
    assert "(7 days)" in page.text
    assert "Your Free plan shows the last 7 days, not 90." in page.text
    assert "Upgrade to Premium to see 90 days." in page.text
    assert reverse("plan") in page.text


def test_it_clamps_premium_to_ninety(alice, alice_client, site):
    alice.plan = Plan.PREMIUM
    alice.save()
    page = alice_client.get(url(site, 365))
    assert "(90 days)" in page.text
    assert "Upgrade to Premium Multi to see 365 days." in page.text


def test_it_shows_a_shorter_window_without_a_note(alice, alice_client, site):
    alice.plan = Plan.PREMIUM
    alice.save()
    page = alice_client.get(url(site, 30))
    assert "(30 days)" in page.text
    assert "plan shows the last" not in page.text


def test_it_clamps_the_csv_too(alice_client, site):
    response = alice_client.get(reverse("analytics:site", args=[site.pk]) + "?days=365&format=csv")
    assert len(response.content.decode().strip().splitlines()) == 1 + 7

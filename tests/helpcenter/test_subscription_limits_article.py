"""Subscription limits: the plans' numbers as accounts/plans.py says them, never copied."""

import pytest
from django.urls import reverse

from accounts import plans
from accounts.plans import Plan, PlanLimits
from tests.helpcenter.conftest import table_rows

pytestmark = pytest.mark.django_db


def plan_rows(response) -> dict[str, list[str]]:
    header, *rows = table_rows(response.text, "help-plans")
    assert header[1] == [
        "Plan",
        "Locations",
        "Stations per location",
        "Photos per location",
        "Ports",
    ]
    return {cells[0].removesuffix(" Your plan"): cells[1:] for _, cells in rows}


def shown(n):
    return "Unlimited" if n is None else str(n)


def test_it_shows_each_plans_limits_from_the_code(client):
    rows = plan_rows(client.get(reverse("help:subscription_limits")))
    assert list(rows) == [plan.label for plan in Plan]
    for plan in Plan:
        limits = plan.limits
        assert rows[plan.label] == [
            shown(limits.locations),
            shown(limits.stations_per_location),
            shown(limits.photos_per_location),
            "No limit",
        ]


def test_it_follows_the_code_when_a_limit_changes(client, monkeypatch):
    changed = {**plans._LIMITS, Plan.FREE: PlanLimits(2, 4, 6)}
    monkeypatch.setattr(plans, "_LIMITS", changed)
    rows = plan_rows(client.get(reverse("help:subscription_limits")))
    assert rows["Free"] == ["2", "4", "6", "No limit"]


def test_it_marks_the_owners_own_plan(client, alice):
    alice.plan = Plan.PREMIUM
    alice.save()
    client.force_login(alice)
    rows = table_rows(client.get(reverse("help:subscription_limits")).text, "help-plans")
    assert [cells[0] for css, cells in rows if "help-current-plan" in css] == ["Premium Your plan"]


def test_it_says_ports_are_unlimited_and_how_to_upgrade(client):
    page = client.get(reverse("help:subscription_limits")).text
    assert "No port limits" in page
    assert f'href="{reverse("plan")}"' in page
    assert f'href="{reverse("help:contact")}?topic=billing"' in page
    assert plans.limit_message(Plan.FREE, "location", "locations") in page

"""Subscription plans and the limits each one sets (the spec's "Port Limits")."""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class PlanLimits:
    locations: int
    stations_per_location: int | None  # None: unlimited
    photos_per_location: int | None


class Plan(models.TextChoices):
    FREE = "free", "Free"
    PREMIUM = "premium", "Premium"
    PREMIUM_MULTI = "premium_multi", "Premium Multi"

    @property
    def limits(self) -> PlanLimits:
        return _LIMITS[self]

    @property
    def upgrade(self) -> "Plan | None":
        order = list(Plan)
        position = order.index(self)
        return order[position + 1] if position + 1 < len(order) else None


_LIMITS = {
    Plan.FREE: PlanLimits(locations=1, stations_per_location=3, photos_per_location=3),
    Plan.PREMIUM: PlanLimits(locations=3, stations_per_location=10, photos_per_location=25),
    Plan.PREMIUM_MULTI: PlanLimits(
        locations=5, stations_per_location=None, photos_per_location=None
    ),
}


def _count(n: int | None, noun: str) -> str:
    if n is None:
        return f"unlimited {noun}s"
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def limit_message(plan: Plan, noun: str, attribute: str, per: str = "", whose: str = "your") -> str:
    """Say which limit was reached, on which plan, and how to get more.

    `whose="their"` words it for support staff reading about someone else's plan.
    """
    allowed = getattr(plan.limits, attribute)
    theirs = whose == "their"
    message = (
        f"{'Their' if theirs else 'Your'} {plan.label} plan allows {_count(allowed, noun)}{per}."
    )
    upgrade = plan.upgrade
    if upgrade is None:
        if theirs:
            return f"{message} It is the largest plan."
        return f"{message} Contact support if you need more."
    more = getattr(upgrade.limits, attribute)
    if theirs:
        return f"{message} They can upgrade to {upgrade.label} for {_count(more, noun)}{per}."
    return f"{message} Upgrade to {upgrade.label} for {_count(more, noun)}{per}."

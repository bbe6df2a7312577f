"""How many days back each plan shows (issue 13): kept here, keyed by Plan, so the plans
module need not know about analytics."""

from accounts.plans import Plan

DAYS = {Plan.FREE: 7, Plan.PREMIUM: 90, Plan.PREMIUM_MULTI: 365}
CHOICES = (7, 30, 90, 365)


def allowed(plan: Plan) -> int:
    return DAYS[plan]


def choices(plan: Plan) -> list[int]:
    return [days for days in CHOICES if days <= DAYS[plan]]


def clamp_message(plan: Plan, asked: int) -> str:
    """Why fewer days are shown than were asked for, and how to see more."""
    message = f"Your {plan.label} plan shows the last {DAYS[plan]} days, not {asked}."
    upgrade = plan.upgrade
    if upgrade is None:
        return message
    return f"{message} Upgrade to {upgrade.label} to see {DAYS[upgrade]} days."

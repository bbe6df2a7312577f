"""The "Open now" filter: each listing's weekly hours read on its own clock."""

import zoneinfo
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from search import places


def open_now(now: datetime | None = None) -> Q:
    """Listings open at this moment: 24/7, or within today's hours or last night's."""
    now = now or timezone.now()
    condition = Q(always_open=True)
    for name in places.time_zones():
        try:
            local = now.astimezone(zoneinfo.ZoneInfo(name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue  # a zone this machine does not know: those listings don't say "open"
        day, minute = local.weekday(), local.hour * 60 + local.minute
        yesterday = (day - 1) % 7
        today_open = Q(**{f"opens_{day}__lte": minute, f"closes_{day}__gt": minute})
        # Hours past midnight are stored as closing after 1440 on the day they started.
        last_night = Q(**{f"closes_{yesterday}__gt": minute + 1440})
        condition |= Q(time_zone=name) & (today_open | last_night)
    return condition

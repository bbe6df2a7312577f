"""Opening hours in OCPI 2.2.1's words and ours.

OCPI lists periods per weekday (1 = Monday .. 7 = Sunday, "HH:MM" to 23:59 at most),
as many a day as it likes: a night opening is two periods, 18:00-23:59 and then
00:00-02:00 the next day. We keep one row a weekday (0 = Monday) that may run past
midnight (sites.models.OpeningHours). Both ways go through the week as spans of
minutes from Monday 00:00, overlapping and touching spans joined.
"""

import zoneinfo
from collections import defaultdict
from datetime import time
from functools import cache

DAY = 24 * 60
WEEK = 7 * DAY
_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_time_zone(name: str | None) -> bool:
    """An IANA time zone name this machine knows ("Europe/Brussels")."""
    return bool(name) and name in _zones()


def _merged(spans) -> list[list[int]]:
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    # Sunday night runs on into Monday morning.
    while len(merged) > 1 and merged[-1][1] >= merged[0][0] + WEEK:
        _, end = merged.pop(0)
        merged[-1][1] = max(merged[-1][1], end + WEEK)
    for span in merged:
        span[1] = min(span[1], span[0] + WEEK)
    return merged


def _minutes(clock: str, *, end=False) -> int:
    hours, minutes = clock.split(":")
    total = int(hours) * 60 + int(minutes)
    # OCPI cannot say 24:00: a period ending 23:59 runs to midnight.
    return DAY if end and total >= DAY - 1 else total


def _clock(minutes: int, *, end=False) -> str:
    if end and minutes == DAY:
        return "23:59"
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _time(minutes: int) -> time:
    return time(minutes // 60 % 24, minutes % 60)


def from_ocpi(regular_hours) -> tuple[dict[int, tuple[time, time]], str]:
    """Our rows (weekday -> opens, closes) for OCPI's regular hours, and a note for drivers.

    A day with a break keeps the span of its periods; the note names the breaks
    ("Closed Mon 12:00-13:00."), since one row a day cannot hold them.
    """
    spans = []
    for period in regular_hours:
        day = (period.weekday - 1) * DAY
        begin, end = _minutes(period.period_begin), _minutes(period.period_end, end=True)
        if end <= begin:  # against the standard, but what it means is plain
            end += DAY
        spans.append((day + begin, day + end))
    days = defaultdict(list)
    for start, end in _merged(spans):
        while start < end:  # a row runs past midnight only when shorter than a day
            day, opens = divmod(start, DAY)
            stop = end if end - start < DAY else (day + 1) * DAY
            days[day % 7].append((opens, opens + stop - start))
            start = stop
    rows, breaks = {}, []
    for day, periods in sorted(days.items()):
        periods.sort()
        opens, closes = periods[0][0], max(closes for _, closes in periods)
        rows[day] = (_time(opens), _time(closes if closes - opens < DAY else DAY))
        for (_, closed), (reopens, _) in zip(periods, periods[1:], strict=False):
            if closed < reopens:
                breaks.append(f"{_DAYS[day]} {_clock(closed)}-{_clock(reopens)}")
    note = f"Closed {', '.join(breaks)}." if breaks else ""
    return rows, note[:300]


def to_ocpi(rows) -> list[dict]:
    """OCPI regular hours for our OpeningHours rows; a night opening split at midnight."""
    spans = []
    for row in rows:
        opens, closes = row.minutes
        spans.append((row.weekday * DAY + opens, row.weekday * DAY + closes))
    periods = []
    for start, end in _merged(spans):
        while start < end:
            day, begin = divmod(start, DAY)
            stop = min(end, (day + 1) * DAY)
            periods.append(
                {
                    "weekday": day % 7 + 1,
                    "period_begin": _clock(begin),
                    "period_end": _clock(begin + stop - start, end=True),
                }
            )
            start = stop
    return sorted(periods, key=lambda period: (period["weekday"], period["period_begin"]))

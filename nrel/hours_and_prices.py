"""What AFDC's free-text hours and prices say, when they say it plainly.

`access_days_time` is "24 hours daily" for most records and, in newer exports, one
clause a day ("Mon 6:00am - 11:59pm; Tue ..."); `ev_pricing` is "Free", "$0.40 per
kWh", "$1.50 per session; $0.75 per kWh". Anything else stays text only: a driver
reads the words, and no structured value claims more than they say.
"""

import re
from datetime import time
from decimal import Decimal

_ALWAYS_OPEN = re.compile(
    r"(?:24\s*hours?(?:\s+(?:daily|a\s+day|per\s+day|7\s+days(?:\s+a\s+week)?))?|24\s*/\s*7)"
    r"(?=\s*(?:$|[.;,:!(\-–]))",
    re.IGNORECASE,
)
# One day of the structured form: "Mon 6:00am - 11:59pm".
_DAY_HOURS = re.compile(
    r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+(\d{1,2}):(\d{2})\s*([ap])\.?m\.?"
    r"\s*[-–]\s*(\d{1,2}):(\d{2})\s*([ap])\.?m\.?",
    re.IGNORECASE,
)
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
ALL_DAY = (time(0), time(0))


def read_hours(text: str) -> tuple[bool, tuple[tuple[int, time, time], ...]]:
    """(open 24/7, per-weekday hours) from `access_days_time`; (False, ()) for other words."""
    if _ALWAYS_OPEN.match(text):
        return True, ()
    days = {}
    for part in filter(None, (part.strip() for part in text.split(";"))):
        match = _DAY_HOURS.fullmatch(part)
        weekday = _WEEKDAYS[match[1].lower()] if match else None
        if weekday is None or weekday in days:
            return False, ()
        opens, closes = _clock(*match.group(2, 3, 4)), _clock(*match.group(5, 6, 7))
        if opens is None or closes is None:
            return False, ()
        days[weekday] = (opens, closes)
    if len(days) == 7 and all(hours == ALL_DAY for hours in days.values()):
        return True, ()  # "12:00am - 12:00am" every day
    return False, tuple((weekday, *days[weekday]) for weekday in sorted(days))


def _clock(hour: str, minute: str, half: str) -> time | None:
    hour, minute = int(hour), int(minute)
    if not 1 <= hour <= 12 or minute > 59:
        return None
    return time(hour % 12 + (12 if half.lower() == "p" else 0), minute)


_PRICE = re.compile(r"\$\s*(\d+(?:\.\d+)?)\s*(?:per|/)\s*(kwh|hour|hr|session)\.?", re.IGNORECASE)
_SESSION_FEE = re.compile(
    r"\$\s*(\d+(?:\.\d+)?)\s+(?:initiation|session|connection|plug-in)\s+fee", re.IGNORECASE
)
_UNITS = {"kwh": "kwh", "hour": "hour", "hr": "hour", "session": "session"}
CENT = Decimal("0.01")


def read_prices(text: str) -> tuple[bool, Decimal | None, Decimal | None, Decimal | None]:
    """(free, per kWh, per hour, per session) when `ev_pricing` says so unambiguously.

    "Free; donations encouraged" is free. "$1 per session; $0.39 per kWh; $5 per hour
    idle fee" is $1 a session and $0.39 a kWh: an idle fee is what staying costs, not
    charging. A price with a condition ("after 4 hours", "for public"), a range or a
    unit we have no field for leaves all three empty; the note keeps every word.
    """
    nothing = (False, None, None, None)
    clauses = [c.strip() for c in re.split(r"[;,+]|\band\b", text, flags=re.I) if c.strip()]
    if not clauses:
        return nothing
    priced = [clause for clause in clauses if "$" in clause and "idle" not in clause.lower()]
    if re.fullmatch(r"free[.!]?", clauses[0], re.IGNORECASE):
        return (True, None, None, None) if not priced else nothing
    found = {}
    for clause in priced:
        if match := _PRICE.fullmatch(clause):
            unit = _UNITS[match[2].lower()]
        elif match := _SESSION_FEE.fullmatch(clause):
            unit = "session"
        else:
            return nothing
        amount = Decimal(match[1])
        if unit in found or amount != amount.quantize(CENT) or amount >= 10000:
            return nothing
        found[unit] = amount.quantize(CENT)
    return False, found.get("kwh"), found.get("hour"), found.get("session")

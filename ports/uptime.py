"""Uptime: the share of time a port was neither Out of Service (its owner's word) nor
out of order (its network's word), computed from its StatusChange history."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from ports.vocabulary import LiveStatus, PortStatus

WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class Uptime:
    share: float | None  # 0..1; None when the port did not exist in the window
    days: tuple[float | None, ...]  # one share per day, oldest first

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)

    @property
    def bars(self) -> list[tuple[int, int, int, str]]:
        """(x, y, height, colour) of one 3-pixel bar a day, for an 18-pixel-high chart."""
        bars = []
        for day, share in enumerate(self.days):
            if share is None:
                bars.append((day * 3, 16, 2, "#d9dee5"))  # before the port existed
                continue
            height = max(2, round(share * 18))
            colour = "#15803d" if share >= 0.99 else "#b45309" if share >= 0.5 else "#b91c1c"
            bars.append((day * 3, 18 - height, height, colour))
        return bars


def uptime(port, changes, now: datetime, window: timedelta = WINDOW) -> Uptime:
    """`changes`: the port's StatusChange rows from `now - window` on, oldest first."""
    start = now - window
    timeline = _timeline(port, changes, start)
    days = []
    for day in range(window.days):
        day_start = start + timedelta(days=day)
        days.append(
            _share(timeline, max(day_start, port.created_at), day_start + timedelta(days=1))
        )
    return Uptime(_share(timeline, max(start, port.created_at), now), tuple(days))


def attach(ports, now: datetime, window: timedelta = WINDOW):
    """Set `.uptime` on each port, reading their history in one query."""
    from ports.models import StatusChange

    ports = list(ports)
    grouped = defaultdict(list)
    for change in StatusChange.objects.filter(port__in=ports, at__gte=now - window):
        grouped[change.port_id].append(change)
    for port in ports:
        port.uptime = uptime(port, grouped[port.pk], now, window)
    return ports


def _timeline(port, changes, start):
    """(from, down?) intervals' starts: the state at `start`, then each change."""
    operational = next((c.old for c in changes if c.kind == "operational"), port.status)
    live = next((c.old for c in changes if c.kind == "live"), port.live_status)
    points = [(start, _down(operational, live))]
    for change in changes:
        if change.kind == "operational":
            operational = change.new
        else:
            live = change.new
        points.append((change.at, _down(operational, live)))
    return points


def _down(operational: str, live: str) -> bool:
    return operational == PortStatus.OUT_OF_SERVICE or live == LiveStatus.OUT_OF_ORDER


def _share(timeline, begin, end) -> float | None:
    if end <= begin:
        return None
    up = 0.0
    for index, (at, down) in enumerate(timeline):
        until = timeline[index + 1][0] if index + 1 < len(timeline) else end
        overlap = (min(until, end) - max(at, begin)).total_seconds()
        if overlap > 0 and not down:
            up += overlap
    return up / (end - begin).total_seconds()

"""Uptime: the share of time a port was neither Out of Service (its owner's word) nor
out of order (its network's word), computed from its StatusChange history.

A figure needs history behind it. A port's history starts when it was created (at most
WINDOW ago), and no figure is given before MIN_HISTORY of it: a port added a minute ago
is not "100% up". Status nobody keeps is no history at all: an unclaimed location's
port that no network reports on has no reliability figure.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from ports.vocabulary import LiveStatus, PortStatus

WINDOW = timedelta(days=30)
MIN_HISTORY = timedelta(days=7)


@dataclass(frozen=True)
class Uptime:
    share: float | None  # 0..1 over the tracked span; None when the port did not exist yet
    days: tuple[float | None, ...]  # one share per day of the window, oldest first
    since: datetime  # where its history starts: its creation, or WINDOW ago
    tracked: timedelta  # how much history there is, up to WINDOW
    network_reported: bool = False  # a network reports its live status

    @property
    def days_tracked(self) -> int:
        return self.tracked.days

    @property
    def established(self) -> bool:
        """Enough history for a figure."""
        return self.share is not None and self.tracked >= MIN_HISTORY

    @property
    def figure_from(self) -> datetime:
        """When the port will have enough history for a figure."""
        return self.since + MIN_HISTORY

    @property
    def percent(self) -> int | None:
        return _percent(self.share) if self.established else None

    @property
    def bars(self) -> list[tuple[int, int, int, str]]:
        """(x, y, height, colour) of one 3-pixel bar for each day the port existed, for an
        18-pixel-high chart: no placeholder bars for days before it."""
        bars = []
        for share in self.days:
            if share is None:
                continue
            height = max(2, round(share * 18))
            colour = "#15803d" if share >= 0.99 else "#b45309" if share >= 0.5 else "#b91c1c"
            bars.append((len(bars) * 3, 18 - height, height, colour))
        return bars

    @property
    def chart_width(self) -> int:
        return max(1, len(self.bars) * 3 - 1)


@dataclass(frozen=True)
class Reliability:
    percent: int
    days: int

    @property
    def text(self) -> str:
        return f"Reliable {self.percent}% over the last {self.days} days"


def uptime(
    port, changes, now: datetime, window: timedelta = WINDOW, owned_since: datetime | None = None
) -> Uptime:
    """`changes`: the port's StatusChange rows from `now - window` on, oldest first.

    `owned_since`: when its location's owner took it over. Without a network's reports,
    the port's status before then was only a source's word (an import), not history.
    """
    start = now - window
    network_reported = bool(port.live_source) or any(c.kind == "live" for c in changes)
    since = max(start, port.created_at)
    if owned_since and not network_reported:
        since = max(since, owned_since)
    timeline = _timeline(port, changes, start)
    days = []
    for day in range(window.days):
        day_start = start + timedelta(days=day)
        days.append(_share(timeline, max(day_start, since), day_start + timedelta(days=1)))
    return Uptime(
        share=_share(timeline, since, now),
        days=tuple(days),
        since=since,
        tracked=max(now - since, timedelta(0)),
        network_reported=network_reported,
    )


def attach(ports, now: datetime, window: timedelta = WINDOW):
    """Set `.uptime` on each port, reading their history in one query.

    The ports' `.station.site` must be loaded (callers select or set it): it says since
    when an owner keeps the status.
    """
    from ports.models import StatusChange

    ports = list(ports)
    grouped = defaultdict(list)
    for change in StatusChange.objects.filter(port__in=ports, at__gte=now - window):
        grouped[change.port_id].append(change)
    for port in ports:
        owned_since = port.station.site.owned_since
        port.uptime = uptime(port, grouped[port.pk], now, window, owned_since)
    return ports


def reliability(ports, now: datetime) -> Reliability | None:
    """How reliable a location's ports were, as drivers read it: "Reliable 97% over the
    last 12 days". Runs no query.

    `ports`: the location's listed ports, each with `.uptime` from `attach(ports, now)`
    (the same `now`) and with `.station.site` loaded: callers prefetch it.

    A port counts when someone keeps its status (its location is claimed, or a network
    reports its live status: `live_source` set or a live StatusChange in the window) and
    it has at least MIN_HISTORY (7 days) of history, which starts when it was created.
    `percent` is the time the counted ports were up over the time they were tracked (a
    port tracked 30 days weighs more than one tracked 8); `days` is the longest tracked
    span among them, at most 30. Returns None when no port counts: no figure is better
    than one without history behind it.
    """
    up = tracked = 0.0
    longest = timedelta(0)
    for port in ports:
        if not (port.uptime.established and _status_kept(port)):
            continue
        span = min(now - port.uptime.since, WINDOW)
        up += port.uptime.share * span.total_seconds()
        tracked += span.total_seconds()
        longest = max(longest, span)
    if not tracked:
        return None
    return Reliability(percent=_percent(up / tracked), days=longest.days)


def _status_kept(port) -> bool:
    return port.station.site.owner_id is not None or port.uptime.network_reported


def _percent(share: float) -> int:
    # Never round a little downtime away to 100%, nor a little uptime to 0%.
    percent = round(share * 100)
    if percent == 100 and share < 1:
        return 99
    if percent == 0 and share > 0:
        return 1
    return percent


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

"""How many charging positions a driver can count on at a location, and on whose word.

- A position (ports.models.Position) counts once, whatever number of ports it holds:
  it charges one car at a time. A fresh "in use" or "reserved" report on any of its
  ports makes the whole position busy.
- A port is available when it is operational, no fresh report says it is out of
  order, its position is not busy, and someone vouches for it: its owner (a claimed
  location), or a network or charger status fresher than 15 minutes.
- A location nobody vouches for (unclaimed, no fresh reports) is "listed", never
  "available".

Used by the drivers' location page and by the search's derived rows alike.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from ports.vocabulary import (
    LIVE_STATUS_FRESH_FOR,
    Availability,
    ConnectorType,
    LiveStatus,
    PortStatus,
)

# One bit per connector type, to tally positions by the connectors they hold.
MASKS = {connector: 1 << bit for bit, connector in enumerate(ConnectorType)}
_BUSY = (LiveStatus.IN_USE, LiveStatus.RESERVED)
PORT_FIELDS = [
    "pk",
    "position_id",
    "connector_type",
    "max_power_kw",
    "status",
    "live_status",
    "live_status_at",
]


@dataclass
class Tally:
    kind: Availability
    total: int = 0  # positions
    available: int = 0  # positions with an available port
    # "<connectors mask>:<available connectors mask>" -> number of positions
    positions: dict[str, int] = field(default_factory=dict)
    kw: dict[ConnectorType, Decimal] = field(default_factory=dict)
    available_kw: dict[ConnectorType, Decimal] = field(default_factory=dict)
    available_ports: set[int] = field(default_factory=set)
    # When the first fresh report goes stale, and the tally with it.
    expires: datetime | None = None

    def matching(self, connectors=()) -> tuple[int, int]:
        return matching(self.positions, connectors)


def mask_of(connectors) -> int:
    mask = 0
    for connector in connectors:
        mask |= MASKS[ConnectorType(connector)]
    return mask


def matching(positions: dict, connectors=()) -> tuple[int, int]:
    """(positions, available positions) holding a port of any of these connectors (all: ())."""
    wanted = mask_of(connectors) if connectors else -1
    total = available = 0
    for key, count in positions.items():
        mask, free = (int(part) for part in key.split(":"))
        if mask & wanted:
            total += count
            if free & wanted:
                available += count
    return total, available


def row_of(port) -> dict:
    """A Port as the dict `tally` reads (what `.values(*PORT_FIELDS)` gives)."""
    return {name: getattr(port, name) for name in PORT_FIELDS}


def tally(ports: list[dict], *, claimed: bool, now: datetime) -> Tally:
    """Count a location's listed ports (dicts with PORT_FIELDS) as a driver may rely on them."""
    fresh_since = now - LIVE_STATUS_FRESH_FOR
    positions = defaultdict(list)
    live = {}
    for port in ports:
        at = port["live_status_at"]
        # "Unknown" from a network says nothing: like no report at all.
        known = port["live_status"] not in ("", LiveStatus.UNKNOWN)
        if known and at is not None and at >= fresh_since:
            live[port["pk"]] = port["live_status"]
        key = ("position", port["position_id"]) if port["position_id"] else ("port", port["pk"])
        positions[key].append(port)
    if claimed:
        everything_live = bool(ports) and len(live) == len(ports)
        kind = Availability.LIVE if everything_live else Availability.OWNER
    else:
        kind = Availability.LIVE if live else Availability.LISTED
    result = Tally(kind=kind, total=len(positions))
    counts = defaultdict(int)
    for members in positions.values():
        busy = any(live.get(port["pk"]) in _BUSY for port in members)
        mask = available = 0
        for port in members:
            connector = ConnectorType(port["connector_type"])
            mask |= MASKS[connector]
            _raise(result.kw, connector, port["max_power_kw"])
            if not busy and _vouched(port["status"], live.get(port["pk"]), kind):
                available |= MASKS[connector]
                _raise(result.available_kw, connector, port["max_power_kw"])
                result.available_ports.add(port["pk"])
        counts[f"{mask}:{available}"] += 1
        result.available += bool(available)
    result.positions = dict(counts)
    # A report dated ahead of now (a network's clock) is read as at most one freshness
    # period ahead, so its expiry stays on the calendar however far ahead it is dated.
    latest = now + LIVE_STATUS_FRESH_FOR
    expiries = [
        min(port["live_status_at"], latest) + LIVE_STATUS_FRESH_FOR
        for port in ports
        if port["pk"] in live
    ]
    # A second's margin: recomputed at its expiry, the report must read as stale.
    result.expires = min(expiries) + timedelta(seconds=1) if expiries else None
    return result


def _vouched(status: str, live: str | None, kind: Availability) -> bool:
    if status != PortStatus.OPERATIONAL or live == LiveStatus.OUT_OF_ORDER:
        return False
    if live == LiveStatus.AVAILABLE:
        return True
    # Without a fresh report, only an owner's word makes a port available.
    return kind == Availability.OWNER


def _raise(powers: dict, connector, kw):
    if connector not in powers or kw > powers[connector]:
        powers[connector] = kw

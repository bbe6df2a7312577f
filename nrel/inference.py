"""From an AFDC record to stations, charging positions and ports, inferring only what the
record supports.

A record describes a whole location: how many charging positions (EVSEs) of each
level, and which connector types exist somewhere there. Without
`ev_charging_units` we cannot know which connector is on which position, nor its
power, so ports get the level's typical power and say so in their notes, as the
help article advises ("use a typical value and note 'Approximate'").

Every connector the record lists is findable: each level's connectors take turns
through its positions, and a level listing more connectors than it has positions
puts the extra ones on positions already there, as a second cable of a position
that charges one car at a time (one DC position listing CHAdeMO and CCS is one
position with a CCS and a CHAdeMO port). A connector no counted level can take
gets one approximate position of its own at its natural level.
"""

from dataclasses import dataclass
from decimal import Decimal
from itertools import cycle

from nrel.records import AfdcRecord
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from sites.networks import network_name

APPROXIMATE = "Approximate (imported from NREL)"
UNCOUNTED = "NREL lists this connector without a count of chargers."
# AFDC's "Tesla" is the Supercharger network ("Tesla Destination" is another), however
# sites.networks names it for drivers.
TESLA_SUPERCHARGER = {network_name("Tesla"), network_name("Tesla Supercharger")}

_CONNECTORS = {
    "J1772": ConnectorType.J1772,
    "J1772COMBO": ConnectorType.CCS,
    "CHADEMO": ConnectorType.CHADEMO,
    "TESLA": ConnectorType.TESLA,
    "J3400": ConnectorType.TESLA,
    "NEMA1450": ConnectorType.OTHER,
    "NEMA515": ConnectorType.OTHER,
    "NEMA520": ConnectorType.OTHER,
}
_OUTLET_NAMES = {
    "NEMA1450": "NEMA 14-50 outlet",
    "NEMA515": "NEMA 5-15 outlet",
    "NEMA520": "NEMA 5-20 outlet",
}
_LEVELS = {
    "level1": PowerType.AC_LEVEL_1,
    "level2": PowerType.AC_LEVEL_2,
    "dc_fast": PowerType.DC_FAST,
}
# What each level usually delivers: 120 V x 12 A; 240 V x 30 A (the help
# article's "most stations"); the smallest common DC fast charger.
TYPICAL_KW = {
    PowerType.AC_LEVEL_1: Decimal("1.4"),
    PowerType.AC_LEVEL_2: Decimal("7.2"),
    PowerType.DC_FAST: Decimal("50"),
}
# Which of a location's connector codes can serve each level, most common first.
_LEVEL_CODES = {
    # 5-15 and 5-20 are 120 V outlets; 14-50 is 240 V.
    PowerType.AC_LEVEL_1: ["NEMA515", "NEMA520", "J1772"],
    PowerType.AC_LEVEL_2: ["J1772", "TESLA", "J3400", "NEMA1450"],
    PowerType.DC_FAST: ["J1772COMBO", "CHADEMO", "TESLA", "J3400"],
}
_FALLBACK_CODE = {
    PowerType.AC_LEVEL_1: "J1772",
    PowerType.AC_LEVEL_2: "J1772",
    PowerType.DC_FAST: "",
}
# DC first: a Tesla connector at a location with DC fast positions is most likely DC,
# and a J1772 listed for both AC levels stays on Level 2 when Level 1 has an outlet.
_PLACING_ORDER = [PowerType.DC_FAST, PowerType.AC_LEVEL_2, PowerType.AC_LEVEL_1]
_NATURAL_LEVEL = {
    "J1772": PowerType.AC_LEVEL_2,
    "NEMA1450": PowerType.AC_LEVEL_2,
    "NEMA515": PowerType.AC_LEVEL_1,
    "NEMA520": PowerType.AC_LEVEL_1,
    "J1772COMBO": PowerType.DC_FAST,
    "CHADEMO": PowerType.DC_FAST,
}


@dataclass(frozen=True)
class PortPlan:
    label: str
    connector: ConnectorType
    power: PowerType
    kw: Decimal
    status: PortStatus
    notes: str
    # Ports of one station with the same number share a charging position.
    position: int


@dataclass(frozen=True)
class StationPlan:
    name: str
    network: str
    published: bool
    ports: tuple[PortPlan, ...]

    @property
    def shared_positions(self) -> list[int]:
        """The positions that hold more than one port, in order."""
        numbers = [port.position for port in self.ports]
        return sorted({number for number in numbers if numbers.count(number) > 1})


def plan_stations(record: AfdcRecord) -> list[StationPlan]:
    """One station per charging level, as NREL counts them."""
    groups = _from_units(record) if record.charging_units else _from_counts(record)
    stations = []
    for power in PowerType:
        ports = groups.get(power)
        if ports:
            labelled = tuple(PortPlan(f"Port {n}", *port) for n, port in enumerate(ports, 1))
            stations.append(
                StationPlan(
                    name=f"{power.label} chargers",
                    network=record.network,
                    # Planned locations are not there yet: private until the owner publishes.
                    published=record.status_code != "P",
                    ports=labelled,
                )
            )
    return stations


def natural_level(code: str, network: str) -> PowerType:
    """The level a connector serves when the record gives it no count."""
    if code in ("TESLA", "J3400"):
        return PowerType.DC_FAST if network in TESLA_SUPERCHARGER else PowerType.AC_LEVEL_2
    return _NATURAL_LEVEL.get(code, PowerType.AC_LEVEL_2)


def positions(record: AfdcRecord) -> dict[PowerType, list[list[str]]]:
    """Each level's charging positions, as the connector codes each one holds.

    A code "" stands for a DC position whose connector NREL does not name. A code
    that joins a level as an extra cable is not added again at a later level.
    """
    counts = {
        PowerType.AC_LEVEL_1: record.level1,
        PowerType.AC_LEVEL_2: record.level2,
        PowerType.DC_FAST: record.dc_fast,
    }
    placed: set[str] = set()
    levels: dict[PowerType, list[list[str]]] = {power: [] for power in PowerType}
    for power in _PLACING_ORDER:
        count = counts[power]
        if not count:
            continue
        codes = [code for code in _LEVEL_CODES[power] if code in record.connectors]
        slots = [[code] for code in _take(codes or [_FALLBACK_CODE[power]], count)]
        extras = [code for code in codes[count:] if code not in placed]
        for n, code in enumerate(extras):
            slots[n % count].append(code)
        placed.update(codes)
        levels[power] = slots
    for code in record.connectors:
        if code not in placed:
            levels[natural_level(code, record.network)].append([code])
            placed.add(code)
    return levels


def _status(record: AfdcRecord) -> tuple[PortStatus, str]:
    if record.status_code == "T":
        when = f"; expected back {record.expected_date:%Y-%m-%d}" if record.expected_date else ""
        return PortStatus.OUT_OF_SERVICE, f"Temporarily unavailable according to NREL{when}."
    return PortStatus.OPERATIONAL, ""


def _from_counts(record: AfdcRecord) -> dict[PowerType, list[tuple]]:
    status, status_note = _status(record)
    counted = {
        PowerType.AC_LEVEL_1: record.level1,
        PowerType.AC_LEVEL_2: record.level2,
        PowerType.DC_FAST: record.dc_fast,
    }
    groups = {}
    for power, slots in positions(record).items():
        ports = []
        for number, codes in enumerate(slots, 1):
            uncounted = UNCOUNTED if number > counted[power] else ""
            for code in codes:
                connector, name = _connector(code, power)
                notes = " ".join(n for n in [name, APPROXIMATE, status_note, uncounted] if n)
                ports.append((connector, power, TYPICAL_KW[power], status, notes, number))
        groups[power] = ports
    return groups


def _from_units(record: AfdcRecord) -> dict[PowerType, list[tuple]]:
    """Exact units: one port per `port_count`, each its own position."""
    status, status_note = _status(record)
    groups = {power: [] for power in TYPICAL_KW}
    for unit in record.charging_units:
        power = _LEVELS.get(unit.level) or _guess_level(unit.connector, unit.power_kw)
        connector, name = _connector(unit.connector, power)
        kw = unit.power_kw or TYPICAL_KW[power]
        approximate = "" if unit.power_kw else APPROXIMATE
        notes = " ".join(n for n in [name, approximate, status_note] if n)
        for _ in range(unit.ports):
            number = len(groups[power]) + 1
            groups[power].append((connector, power, kw, status, notes, number))
    return groups


def _guess_level(code: str, kw: Decimal | None) -> PowerType:
    if code in ("J1772COMBO", "CHADEMO"):
        return PowerType.DC_FAST
    if kw is not None and kw >= 25:
        return PowerType.DC_FAST
    if kw is not None and kw < 2:
        return PowerType.AC_LEVEL_1
    return PowerType.AC_LEVEL_2


def _connector(code: str, power: PowerType) -> tuple[ConnectorType, str]:
    """Our connector type, and a note naming it when we have to call it Other."""
    if not code:
        return ConnectorType.OTHER, "DC connector type not given by NREL."
    if code not in _CONNECTORS:
        return ConnectorType.OTHER, f"Connector listed by NREL as “{code}”."
    connector = _CONNECTORS[code]
    if power not in connector.power_types:
        return ConnectorType.OTHER, f"{_name(code)} ({power.label}) as listed by NREL."
    if connector is ConnectorType.OTHER:
        return connector, f"{_OUTLET_NAMES[code]}."
    return connector, ""


def _name(code: str) -> str:
    return _OUTLET_NAMES.get(code) or _CONNECTORS[code].label


def _take(codes: list[str], count: int):
    """`count` connector codes, taking turns through the location's codes."""
    source = cycle(codes)
    for _ in range(count):
        yield next(source)

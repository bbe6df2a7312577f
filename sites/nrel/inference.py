"""From an AFDC record to stations and ports, inferring only what the record supports.

A record describes a whole location: how many charging positions of each
level, and which connector types exist somewhere there. Without
`ev_charging_units` we cannot know which connector is on which position, nor
its power, so ports get the level's typical power and say so in their notes,
as the help article advises ("use a typical value and note 'Approximate'").
"""

from dataclasses import dataclass
from decimal import Decimal
from itertools import cycle

from ports.vocabulary import ConnectorType, PortStatus, PowerType
from sites.nrel.records import AfdcRecord

APPROXIMATE = "Approximate (imported from NREL)"

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


@dataclass(frozen=True)
class PortPlan:
    label: str
    connector: ConnectorType
    power: PowerType
    kw: Decimal
    status: PortStatus
    notes: str


@dataclass(frozen=True)
class StationPlan:
    name: str
    network: str
    published: bool
    ports: tuple[PortPlan, ...]


def plan_stations(record: AfdcRecord) -> list[StationPlan]:
    """One station per charging level, as NREL counts them."""
    groups = _from_units(record) if record.charging_units else _from_counts(record)
    stations = []
    for power, ports in groups.items():
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


def _status(record: AfdcRecord) -> tuple[PortStatus, str]:
    if record.status_code == "T":
        when = f"; expected back {record.expected_date:%Y-%m-%d}" if record.expected_date else ""
        return PortStatus.OUT_OF_SERVICE, f"Temporarily unavailable according to NREL{when}."
    return PortStatus.OPERATIONAL, ""


def _from_counts(record: AfdcRecord) -> dict[PowerType, list[tuple]]:
    status, status_note = _status(record)
    groups = {}
    counts = {
        PowerType.AC_LEVEL_1: record.level1,
        PowerType.AC_LEVEL_2: record.level2,
        PowerType.DC_FAST: record.dc_fast,
    }
    for power, count in counts.items():
        codes = [code for code in _LEVEL_CODES[power] if code in record.connectors]
        unused = ""
        if not codes:
            codes = [_FALLBACK_CODE[power]]
        elif len(codes) > count > 0:
            # Fewer positions than connector types: say which ones we could not place.
            unused = "NREL also lists " + ", ".join(_name(c) for c in codes[count:]) + " here."
        ports = []
        for code in list(_take(codes, count)):
            connector, name = _connector(code, power)
            notes = " ".join(n for n in [name, APPROXIMATE, status_note, unused] if n)
            ports.append((connector, power, TYPICAL_KW[power], status, notes))
        groups[power] = ports
    return groups


def _from_units(record: AfdcRecord) -> dict[PowerType, list[tuple]]:
    status, status_note = _status(record)
    groups = {power: [] for power in TYPICAL_KW}
    for unit in record.charging_units:
        power = _LEVELS.get(unit.level) or _guess_level(unit.connector, unit.power_kw)
        connector, name = _connector(unit.connector, power)
        kw = unit.power_kw or TYPICAL_KW[power]
        approximate = "" if unit.power_kw else APPROXIMATE
        notes = " ".join(n for n in [name, approximate, status_note] if n)
        groups[power].extend([(connector, power, kw, status, notes)] * unit.ports)
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

"""Reading NREL AFDC station-locator exports: the CSV download and the API's JSON.

Each record becomes an `AfdcRecord`, or a `Skipped` row with the reason a
person can act on. Nothing here touches the database.
"""

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import IO

from sites.states import USState

# The CSV's column titles, for the few that are not the API key title-cased.
_CSV_COLUMNS = {
    "ID": "id",
    "ZIP": "zip",
    "EV Level1 EVSE Num": "ev_level1_evse_num",
    "EV Level2 EVSE Num": "ev_level2_evse_num",
    "EV DC Fast Count": "ev_dc_fast_num",
    "EV Other Info": "ev_other_evse",
}
KNOWN_CONNECTORS = {
    "J1772",
    "J1772COMBO",
    "CHADEMO",
    "TESLA",
    "J3400",
    "NEMA1450",
    "NEMA515",
    "NEMA520",
}
STATUS_CODES = {"E", "T", "P"}


class BadRecord(ValueError):
    """A record that cannot be imported, with the reason."""


@dataclass(frozen=True)
class ChargingUnit:
    level: str  # "level1", "level2" or "dc_fast"; "" when the unit does not say
    connector: str  # an AFDC connector code
    ports: int
    power_kw: Decimal | None


@dataclass(frozen=True)
class AfdcRecord:
    source_id: str
    name: str
    street_address: str
    city: str
    state: str
    zip_code: str
    latitude: Decimal
    longitude: Decimal
    status_code: str
    expected_date: date | None
    network: str
    access: str
    pricing: str
    facility_type: str
    connectors: tuple[str, ...]
    level1: int
    level2: int
    dc_fast: int
    charging_units: tuple[ChargingUnit, ...] | None
    last_confirmed: date | None

    def fingerprint(self) -> str:
        """Changes when anything we import from the record changes, and only then."""
        payload = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Skipped:
    line: int
    source_id: str
    reason: str


REQUIRED_COLUMNS = ["Fuel Type Code", "ID", "Station Name", "Latitude", "Longitude"]


class BadFile(ValueError):
    """A file that is not an AFDC export at all."""


def read_csv(stream: IO[bytes]) -> Iterator[tuple[int, dict]]:
    """Rows of the CSV export, keyed like the API, numbered by the line each starts on."""
    # surrogateescape keeps a row with a bad byte readable, so that only that
    # row is skipped (see `_check_encoding`) rather than the whole file.
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        reader = csv.DictReader(text)
        titles = reader.fieldnames or []
        missing = [column for column in REQUIRED_COLUMNS if column not in titles]
        if missing:
            raise BadFile(f"not an AFDC station export: no column {', '.join(missing)}")
        keys = [
            _CSV_COLUMNS.get(title, title.strip().lower().replace(" ", "_")) for title in titles
        ]
        start = reader.line_num + 1
        for row in reader:
            values = [row.get(title) for title in titles]
            yield start, dict(zip(keys, values, strict=True))
            start = reader.line_num + 1
    finally:
        text.detach()  # the caller's stream stays open: it reports progress from it


def read_json(stream: IO[bytes]) -> Iterator[tuple[int, dict]]:
    """Records of the API's JSON (`{"fuel_stations": [...]}` or a bare list), one at a time."""
    import ijson

    repaired = io.BufferedReader(_Utf8Repaired(stream))
    head = repaired.peek(64).lstrip()
    prefix = "item" if head.startswith(b"[") else "fuel_stations.item"
    yield from enumerate(ijson.items(repaired, prefix, use_float=False), 1)


class _Utf8Repaired(io.RawIOBase):
    """A byte stream without its BOM, invalid UTF-8 replaced by U+FFFD.

    The JSON parser would otherwise stop the whole import at the first bad
    byte; this way only the record holding it is skipped (`_check_encoding`).
    """

    def __init__(self, raw):
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        self._pending = b""

    def readable(self):
        return True

    def readinto(self, buffer):
        while not self._pending:
            chunk = self._raw.read(65536)
            self._pending = self._decoder.decode(chunk, final=not chunk).encode()
            if not chunk:
                break
        size = min(len(buffer), len(self._pending))
        buffer[:size], self._pending = self._pending[:size], self._pending[size:]
        return size


def parse(raw: dict) -> AfdcRecord:
    """One raw record (CSV row or JSON object) to an `AfdcRecord`; raises BadRecord."""
    _check_encoding(raw)
    state = _text(raw, "state").upper()
    if state not in USState.values:
        raise BadRecord(f"state {state!r} is not a US state")
    connectors = _connectors(raw.get("ev_connector_types"))
    return AfdcRecord(
        source_id=_required(raw, "id"),
        name=_required(raw, "station_name")[:200],
        street_address=_required(raw, "street_address")[:200],
        city=_required(raw, "city")[:100],
        state=state,
        zip_code=_zip(raw),
        latitude=_coordinate(raw, "latitude", 90),
        longitude=_coordinate(raw, "longitude", 180),
        status_code=_status(raw),
        expected_date=_date(raw, "expected_date"),
        network=_text(raw, "ev_network")[:100] or "Non-Networked",
        access=_text(raw, "access_days_time")[:300],
        pricing=_text(raw, "ev_pricing")[:300],
        facility_type=_text(raw, "facility_type")[:50],
        connectors=connectors,
        level1=_count(raw, "ev_level1_evse_num"),
        level2=_count(raw, "ev_level2_evse_num"),
        dc_fast=_count(raw, "ev_dc_fast_num"),
        charging_units=_charging_units(raw.get("ev_charging_units")),
        last_confirmed=_date(raw, "date_last_confirmed"),
    )


def is_electric(raw: dict) -> bool:
    return _text(raw, "fuel_type_code").upper() == "ELEC"


def _check_encoding(raw: dict):
    for key, value in raw.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise BadRecord(f"{key} is not valid UTF-8 text (wrong encoding)") from None
            if "\ufffd" in value:
                raise BadRecord(f"{key} is not valid UTF-8 text (wrong encoding)")


def _text(raw: dict, key: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    # Spreadsheets leave "_x000D_" and line breaks inside cells; drivers need one line.
    return " ".join(str(value).replace("_x000D_", " ").replace("\u00a0", " ").split())


def _required(raw: dict, key: str) -> str:
    value = _text(raw, key)
    if not value:
        raise BadRecord(f"{key} is missing")
    return value


def _zip(raw: dict) -> str:
    value = _text(raw, "zip").replace(" ", "")
    if value.isdigit() and 3 <= len(value) < 5:
        value = value.zfill(5)  # spreadsheets drop New England's leading zeros
    if not re.fullmatch(r"\d{5}(-\d{4})?", value):
        raise BadRecord(f"zip {value!r} is not a 5-digit ZIP code")
    return value


def _coordinate(raw: dict, key: str, limit: int) -> Decimal:
    text = _text(raw, key)
    if not text:
        raise BadRecord(f"{key} is missing (no coordinates)")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise BadRecord(f"{key} {text!r} is not a number") from None
    if not value.is_finite() or abs(value) > limit or value == 0:
        raise BadRecord(f"{key} {text} is not a place in the US")
    return round(value, 6)


def _count(raw: dict, key: str) -> int:
    value = raw.get(key)
    if value is None or value == "":
        return 0  # blank means none
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise BadRecord(f"{key} {value!r} is not a number") from None
    if number < 0 or number != number.to_integral_value() or number > 500:
        raise BadRecord(f"{key} {value!r} is not a count of chargers")
    return int(number)


def _status(raw: dict) -> str:
    code = _text(raw, "status_code").upper() or "E"
    if code not in STATUS_CODES:
        raise BadRecord(f"status_code {code!r} is not E, T or P")
    return code


def _date(raw: dict, key: str) -> date | None:
    text = _text(raw, key)
    if not text:
        return None
    try:
        return datetime.strptime(text[:10], "%Y-%m-%d").date()
    except ValueError:
        raise BadRecord(f"{key} {text!r} is not a date (YYYY-MM-DD)") from None


def _connectors(value) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    codes = value.split() if isinstance(value, str) else [str(code) for code in value]
    codes = [code.strip().upper() for code in codes if code.strip()]
    unknown = sorted(set(codes) - KNOWN_CONNECTORS)
    if unknown:
        raise BadRecord(f"unknown connector code {', '.join(unknown)}")
    return tuple(dict.fromkeys(codes))


_LEVELS = {
    "1": "level1",
    "level1": "level1",
    "2": "level2",
    "level2": "level2",
    "dc": "dc_fast",
    "dc_fast": "dc_fast",
    "dcfast": "dc_fast",
}


def _charging_units(value) -> tuple[ChargingUnit, ...] | None:
    if not value:
        return None
    if not isinstance(value, list):
        raise BadRecord("ev_charging_units is not a list")
    units = []
    for unit in value:
        if not isinstance(unit, dict):
            raise BadRecord("ev_charging_units holds something that is not a unit")
        level_text = str(unit.get("charging_level") or "").strip().lower().replace(" ", "")
        level = _LEVELS.get(level_text, "")
        if level_text and not level:
            raise BadRecord(f"ev_charging_units: unknown charging_level {level_text!r}")
        connectors = unit.get("connectors") or {}
        if not isinstance(connectors, dict):
            raise BadRecord("ev_charging_units: connectors is not an object")
        unit_ports = _count(unit, "port_count")
        for code, details in connectors.items():
            code = str(code).upper()
            if code not in KNOWN_CONNECTORS:
                raise BadRecord(f"unknown connector code {code}")
            details = details or {}
            ports = _count(details, "port_count") if "port_count" in details else unit_ports
            if ports == 0:
                continue
            units.append(ChargingUnit(level, code, ports, _power(details.get("power_kw"))))
    return tuple(units) or None


def _power(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        kw = Decimal(str(value))
    except InvalidOperation:
        raise BadRecord(f"ev_charging_units: power_kw {value!r} is not a number") from None
    if not kw.is_finite() or kw <= 0 or kw > 1000:
        raise BadRecord(f"ev_charging_units: power_kw {value} is not a charger's power")
    return kw

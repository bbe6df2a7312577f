"""Reading one NREL AFDC record (a CSV row or a JSON object from files.py), as AFDC
writes it and as a spreadsheet program saves it again.

A record becomes an `AfdcRecord`, or raises `BadRecord` when it lacks what a
location cannot do without: an id, a name, coordinates. Any other cell that
cannot be read costs only its own field: `read` returns it among the record's
`Unreadable` cells, and the record is kept without it. Nothing here touches the
database.

What a spreadsheet does to an export (../shared/reference/field-vocabulary.md,
"What real exports look like"), and what undoes it here: dates as M/D/YYYY or
serial day numbers (`_date`), ZIPs without their leading zeros or with their +4
(`_zip`), TRUE/FALSE (`_bool`), whole numbers as "2.0" (`_count`, `_id`),
"_x000D_" and line breaks in cells, stray spaces (`_text`); files.py undoes what
happens to the file as a whole.
"""

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from datetime import date, time, timedelta
from decimal import Decimal, InvalidOperation

from nrel.hours_and_prices import CENT, read_hours, read_prices
from sites.access import Access, AccessDetail
from sites.networks import NON_NETWORKED, network_name
from sites.states import USState

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
COUNTRIES = {"": "USA", "US": "USA", "USA": "USA", "CA": "CAN", "CAN": "CAN"}
# Longer than any AFDC id: a cell this long is not an id that re-imports could match.
MAX_ID_LENGTH = 50


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
    country: str
    latitude: Decimal
    longitude: Decimal
    status_code: str
    expected_date: date | None
    network: str
    access: str
    access_detail: str
    restricted: bool
    always_open: bool
    # (weekday 0=Monday, opens, closes) for each day the structured hours name.
    opening_hours: tuple[tuple[int, time, time], ...]
    hours_note: str
    free: bool
    price_per_kwh: Decimal | None
    price_per_hour: Decimal | None
    price_per_session: Decimal | None
    pricing: str
    phone: str
    cards_accepted: str
    facility_type: str
    opened_on: date | None
    connectors: tuple[str, ...]
    level1: int
    level2: int
    dc_fast: int
    charging_units: tuple[ChargingUnit, ...] | None
    last_confirmed: date | None

    def fingerprint(self) -> str:
        """Changes when anything we import from the record changes, and only then."""
        if "_fingerprint" not in self.__dict__:  # worked out once: the record never changes
            payload = json.dumps(asdict(self), sort_keys=True, default=str)
            object.__setattr__(
                self, "_fingerprint", hashlib.sha256(payload.encode()).hexdigest()[:32]
            )
        return self.__dict__["_fingerprint"]


@dataclass(frozen=True)
class Skipped:
    line: int
    source_id: str
    reason: str


@dataclass(frozen=True)
class Unreadable:
    """A cell imported as nothing, because it says nothing we can read."""

    key: str
    value: str


# One record ----------------------------------------------------------------------------


def parse(raw: dict) -> AfdcRecord:
    """One raw record (CSV row or JSON object) to an `AfdcRecord`; raises BadRecord."""
    return read(raw)[0]


def read(raw: dict) -> tuple[AfdcRecord, list[Unreadable]]:
    """The record, and the cells it was read without; raises BadRecord when it cannot be."""
    cells = _Cells(raw)
    source_id = _id(cells)
    name = cells.text("station_name")[:200]
    if not name:
        raise BadRecord("station_name is missing")
    latitude = _coordinate(cells, "latitude", 90)
    longitude = _coordinate(cells, "longitude", 180)
    country = _country(cells)
    hours_note = cells.text("access_days_time")
    always_open, opening_hours = read_hours(hours_note)
    pricing = cells.text("ev_pricing")
    free, per_kwh, per_hour, per_session = read_prices(pricing)
    network = network_name(cells.text("ev_network"))[:100] or NON_NETWORKED
    record = AfdcRecord(
        source_id=source_id,
        name=name,
        street_address=cells.text("street_address")[:200],
        city=cells.text("city")[:100],
        state=_state(cells, country),
        zip_code=_zip(cells, country),
        country=country,
        latitude=latitude,
        longitude=longitude,
        status_code=_status(cells),
        expected_date=_date(cells, "expected_date"),
        network=network,
        access=_access(cells),
        access_detail=_access_detail(cells),
        restricted=_bool(cells, "restricted_access"),
        always_open=always_open,
        opening_hours=opening_hours,
        hours_note=hours_note[:300],
        free=free,
        price_per_kwh=per_kwh,
        price_per_hour=per_hour,
        price_per_session=per_session,
        pricing=pricing[:300],
        phone=_phone(cells),
        cards_accepted=cells.text("cards_accepted")[:200],
        facility_type=cells.text("facility_type")[:50],
        opened_on=_date(cells, "open_date"),
        connectors=_connectors(cells),
        level1=_count(cells, "ev_level1_evse_num"),
        level2=_count(cells, "ev_level2_evse_num"),
        dc_fast=_count(cells, "ev_dc_fast_num"),
        charging_units=_charging_units(cells),
        last_confirmed=_date(cells, "date_last_confirmed"),
    )
    return record, cells.unreadable


def is_electric(raw: dict) -> bool:
    return _text(raw.get("fuel_type_code")).upper() == "ELEC"


class _Cells:
    """One raw record's cells; what cannot be read is noted in `unreadable`."""

    def __init__(self, raw: dict):
        self.raw = raw
        self.unreadable: list[Unreadable] = []

    def text(self, key: str) -> str:
        return _text(self.raw.get(key))

    def lost(self, key: str):
        self.unreadable.append(Unreadable(key, _shown(self.raw.get(key))))


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _text(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if not text.isascii():
        # A lone surrogate (a JSON "\ud800") cannot be stored; neither can a NUL, below.
        text = text.encode("utf-8", "replace").decode("utf-8").replace("\u00a0", " ")
    # Spreadsheets leave "_x000D_" and line breaks inside cells; drivers need one line.
    text = _CONTROL.sub("", text.replace("_x000D_", " ").replace("_x000d_", " "))
    return " ".join(text.split())


def _shown(value) -> str:
    text = _text(value) if not isinstance(value, list | dict) else json.dumps(value, default=str)
    return text if len(text) <= 40 else text[:39] + "…"


def _id(cells: _Cells) -> str:
    text = cells.text("id")
    if not text:
        raise BadRecord("id is missing")
    if not text.isdigit():
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        # A spreadsheet writes id 108 as "108.0" (or "1.08E+02"): the same record.
        if number is not None and number.is_finite() and number == number.to_integral_value():
            text = str(int(number)) if abs(number) < 10**MAX_ID_LENGTH else text
    if len(text) > MAX_ID_LENGTH:
        raise BadRecord(f"id {text[:20]!r}… is too long to be an AFDC id")
    return text


def _coordinate(cells: _Cells, key: str, limit: int) -> Decimal:
    text = cells.text(key).replace("\u2212", "-")
    if not text:
        raise BadRecord(f"{key} is missing (no coordinates)")
    if re.fullmatch(r"-?\d+,\d+", text):
        text = text.replace(",", ".")  # a decimal comma, from a European spreadsheet
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise BadRecord(f"{key} {text[:40]!r} is not a number") from None
    if not value.is_finite() or abs(value) > limit:
        raise BadRecord(f"{key} {text[:40]} is not on the map (-{limit} to {limit})")
    if value == 0:
        raise BadRecord(f"{key} {text} is not a place: 0 stands for an unknown coordinate")
    return round(value, 6)


def _country(cells: _Cells) -> str:
    text = cells.text("country").upper()
    if text in COUNTRIES:
        return COUNTRIES[text]
    cells.lost("country")
    return "USA"


_STATES = frozenset(USState.values)
_STATE_NAMES = {label.lower(): code for code, label in USState.choices}


def _state(cells: _Cells, country: str) -> str:
    text = cells.text("state")
    if country != "USA" or not text:
        return ""  # a province is not a US state: the location keeps its country and postcode
    code = text.upper()
    if code in _STATES:
        return code
    if text.lower() in _STATE_NAMES:
        return _STATE_NAMES[text.lower()]
    cells.lost("state")
    return ""


def _zip(cells: _Cells, country: str) -> str:
    text = cells.text("zip").replace(" ", "")
    if not text:
        return ""
    if country != "USA":
        postcode = cells.text("zip").upper()
        if len(postcode) <= 10:
            return postcode
        cells.lost("zip")
        return ""
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]  # "12207.0": a number to the spreadsheet
    if match := re.fullmatch(r"(\d{3,5})-\d{4}", text):
        text = match[1]  # ZIP+4 in one cell: the ZIP is the first five
    if text.isdigit():
        if 3 <= len(text) <= 5:
            return text.zfill(5)  # spreadsheets drop New England's and Puerto Rico's zeros
        if 6 <= len(text) <= 9:
            return text.zfill(9)[:5]  # ZIP+4 as one number, perhaps without its zeros too
    cells.lost("zip")
    return ""


def _status(cells: _Cells) -> str:
    code = cells.text("status_code").upper()
    if not code:
        return "E"
    if code in STATUS_CODES:
        return code
    cells.lost("status_code")
    return "E"


_EXCEL_EPOCH = date(1899, 12, 30)  # a spreadsheet's day 0, so that 45612 is 2024-11-16


def _date(cells: _Cells, key: str) -> date | None:
    text = cells.text(key)
    if not text:
        return None
    if (found := _read_date(text)) is None:
        cells.lost(key)
    return found


def _read_date(text: str) -> date | None:
    """YYYY-MM-DD (with a time or " UTC" after it), M/D/YYYY, M/D/YY, or a serial day number."""
    if match := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?", text):
        year, month, day = (int(part) for part in match.groups())
    elif match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?: .*)?", text):
        month, day, year = (int(part) for part in match.groups())
        if len(match[3]) == 2:
            year += 1900 if year >= 69 else 2000  # as spreadsheets (and strptime's %y) read it
    elif match := re.fullmatch(r"(\d{1,6})(?:\.\d+)?", text):
        try:
            found = _EXCEL_EPOCH + timedelta(days=int(match[1]))
        except OverflowError:
            return None
        return found if 1900 <= found.year <= 2100 else None
    else:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if 1900 <= found.year <= 2100 else None


_TRUE = {"true", "t", "yes", "y", "1", "1.0"}
_FALSE = {"false", "f", "no", "n", "0", "0.0"}


def _bool(cells: _Cells, key: str) -> bool:
    text = cells.text(key).lower()
    if not text or text in _FALSE:
        return False
    if text in _TRUE:
        return True
    cells.lost(key)
    return False


_ACCESS = frozenset(Access.values)
_ACCESS_DETAILS = frozenset(AccessDetail.values)


def _access(cells: _Cells) -> str:
    code = cells.text("access_code").lower()
    if code and code not in _ACCESS:
        cells.lost("access_code")
    # "Private - Government only": the readable form says private as surely as the code.
    if code == Access.PRIVATE or cells.text("groups_with_access_code").lower().startswith(
        "private"
    ):
        return Access.PRIVATE.value
    return Access.PUBLIC.value


# The readable form's words after "Public - " or "Private - ", for exports without the code.
_ACCESS_WORDS = {
    "call ahead": AccessDetail.CALL,
    "card key at all times": AccessDetail.KEY_ALWAYS,
    "card key after hours": AccessDetail.KEY_AFTER_HOURS,
    "credit card at all times": AccessDetail.CREDIT_CARD_ALWAYS,
    "credit card after hours": AccessDetail.CREDIT_CARD_AFTER_HOURS,
    "fleet use only": AccessDetail.FLEET,
    "government only": AccessDetail.GOVERNMENT,
    "limited hours": AccessDetail.LIMITED_HOURS,
    "residential": AccessDetail.RESIDENTIAL,
}


def _access_detail(cells: _Cells) -> str:
    code = cells.text("access_detail_code").upper()
    if code in _ACCESS_DETAILS:
        return code
    if code:
        cells.lost("access_detail_code")
        return ""
    words = cells.text("groups_with_access_code").lower().partition(" - ")[2]
    return _ACCESS_WORDS[words].value if words in _ACCESS_WORDS else ""


# "24 hours daily", "24 Hours Daily; for Rivian use only", "24/7": never closed.
_NO_PHONE = {"na", "n/a", "none", "-", "no phone"}


def _phone(cells: _Cells) -> str:
    text = cells.text("station_phone")
    if not text or text.lower() in _NO_PHONE:
        return ""
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]  # a number to the spreadsheet
    if len(re.sub(r"\D", "", text)) < 7 or len(text) > 30:
        cells.lost("station_phone")
        return ""
    return text


_CODE = re.compile(r"[A-Z0-9_\-]{1,20}")


def _connectors(cells: _Cells) -> tuple[str, ...]:
    value = cells.raw.get("ev_connector_types")
    if value is None or value == "":
        return ()
    if isinstance(value, list):
        tokens = [_text(code) for code in value]
    else:
        tokens = re.split(r"[\s,;|]+", _text(value))
    codes = [token.upper() for token in tokens if token]
    if any(not _CODE.fullmatch(code) for code in codes):
        cells.lost("ev_connector_types")
    return tuple(dict.fromkeys(code for code in codes if _CODE.fullmatch(code)))


def _count(cells: _Cells, key: str) -> int:
    text = cells.text(key)
    if not text:
        return 0  # blank means none
    number = _whole_number(text)
    if number is None:
        cells.lost(key)
        return 0
    return number


def _whole_number(value, limit: int = 500) -> int | None:
    """A count of chargers: "2", "2.0" or 2; None when it is not one."""
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0 or number > limit:
        return None
    if number != number.to_integral_value():
        return None
    return int(number)


_LEVELS = {
    "1": "level1",
    "level1": "level1",
    "2": "level2",
    "level2": "level2",
    "dc": "dc_fast",
    "dc_fast": "dc_fast",
    "dcfast": "dc_fast",
}


def _charging_units(cells: _Cells) -> tuple[ChargingUnit, ...] | None:
    """The API's exact units, or None (the counts decide) when absent or unreadable."""
    value = cells.raw.get("ev_charging_units")
    if not value:
        return None
    try:
        units = _read_units(value)
    except (TypeError, ValueError, AttributeError):
        cells.lost("ev_charging_units")
        return None
    return units or None


def _read_units(value) -> tuple[ChargingUnit, ...]:
    if not isinstance(value, list):
        raise TypeError("not a list of units")
    units = []
    for unit in value:
        level = _LEVELS.get(_text(unit.get("charging_level")).lower().replace(" ", ""), "")
        unit_ports = _whole_number(unit.get("port_count") or 0)
        for code, details in (unit.get("connectors") or {}).items():
            details = details or {}
            ports = _whole_number(details["port_count"]) if "port_count" in details else unit_ports
            if ports is None:
                raise ValueError("port_count is not a count")
            if ports:
                code = _text(code).upper()
                units.append(ChargingUnit(level, code, ports, _power(details.get("power_kw"))))
    return tuple(units)


def _power(value) -> Decimal | None:
    """A unit's power, or None (approximate) when it does not give a usable one."""
    try:
        kw = Decimal(str(value))
    except InvalidOperation:
        return None
    if not kw.is_finite() or kw <= 0 or kw > 1000:
        return None
    return kw.quantize(CENT) if kw == kw.quantize(CENT) else None

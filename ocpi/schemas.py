"""OCPI 2.2.1 Location, EVSE and Connector bodies as the receiver accepts them.

pydantic checks types and enum values and says where a body is wrong; fields we
do not use are kept as sent (extra="allow") so a GET returns what was pushed.
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Literal

from django.utils import timezone
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# How far ahead of ours a network's clock may run.
CLOCK_SKEW = timedelta(minutes=5)
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)


def _utc(moment: datetime) -> datetime:
    # OCPI 2.2.1: a timestamp without an offset is UTC.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("timestamp out of range") from None


def _happened(moment: datetime) -> datetime:
    # Every timestamp we keep says when something happened: one dated in the future would
    # win every later comparison and overflow date arithmetic near the end of the calendar.
    if moment > latest():
        raise ValueError(
            f"{moment:%Y-%m-%dT%H:%M:%SZ} is in the future: our clock reads "
            f"{timezone.now():%Y-%m-%dT%H:%M:%SZ} (UTC); check your server's clock"
        )
    if moment < EARLIEST:
        raise ValueError("timestamp before 1970")
    return moment


def latest() -> datetime:
    """The latest moment a network may date an update (now, and its clock's allowance)."""
    return timezone.now() + CLOCK_SKEW


Timestamp = Annotated[datetime, AfterValidator(_utc), AfterValidator(_happened)]

Status = Literal[
    "AVAILABLE",
    "BLOCKED",
    "CHARGING",
    "INOPERATIVE",
    "OUTOFORDER",
    "PLANNED",
    "REMOVED",
    "RESERVED",
    "UNKNOWN",
]
PowerType = Literal["AC_1_PHASE", "AC_2_PHASE", "AC_2_PHASE_SPLIT", "AC_3_PHASE", "DC"]
Format = Literal["SOCKET", "CABLE"]
Standard = Literal[
    "CHADEMO",
    "CHAOJI",
    "DOMESTIC_A",
    "DOMESTIC_B",
    "DOMESTIC_C",
    "DOMESTIC_D",
    "DOMESTIC_E",
    "DOMESTIC_F",
    "DOMESTIC_G",
    "DOMESTIC_H",
    "DOMESTIC_I",
    "DOMESTIC_J",
    "DOMESTIC_K",
    "DOMESTIC_L",
    "DOMESTIC_M",
    "DOMESTIC_N",
    "DOMESTIC_O",
    "GBT_AC",
    "GBT_DC",
    "IEC_60309_2_single_16",
    "IEC_60309_2_three_16",
    "IEC_60309_2_three_32",
    "IEC_60309_2_three_64",
    "IEC_62196_T1",
    "IEC_62196_T1_COMBO",
    "IEC_62196_T2",
    "IEC_62196_T2_COMBO",
    "IEC_62196_T3A",
    "IEC_62196_T3C",
    "NEMA_5_20",
    "NEMA_6_30",
    "NEMA_6_50",
    "NEMA_10_30",
    "NEMA_10_50",
    "NEMA_14_30",
    "NEMA_14_50",
    "PANTOGRAPH_BOTTOM_UP",
    "PANTOGRAPH_TOP_DOWN",
    "TESLA_R",
    "TESLA_S",
]
Id = Field(min_length=1, max_length=36)


class _Object(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)


class GeoLocation(_Object):
    latitude: Decimal = Field(ge=-90, le=90)
    longitude: Decimal = Field(ge=-180, le=180)


class Connector(_Object):
    id: str = Id
    standard: Standard
    format: Format
    # The specification's own examples leave these out of a Connector inside an EVSE PUT.
    power_type: PowerType | None = None
    max_voltage: int | None = Field(default=None, gt=0, le=1500)
    max_amperage: int | None = Field(default=None, gt=0, le=1000)
    max_electric_power: int | None = Field(default=None, gt=0, le=2_000_000)
    last_updated: Timestamp | None = None


class Evse(_Object):
    uid: str = Id
    evse_id: str | None = Field(default=None, max_length=48)
    status: Status
    connectors: list[Connector] = Field(min_length=1)
    physical_reference: str | int | None = None
    last_updated: Timestamp


# OCPI writes "HH:MM" up to 23:59; networks also send 24:00 for the end of the day.
_CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
_CLOCK_END = r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"


class RegularHours(_Object):
    weekday: int = Field(ge=1, le=7)  # 1 = Monday .. 7 = Sunday
    period_begin: str = Field(pattern=_CLOCK)
    period_end: str = Field(pattern=_CLOCK_END)


class Hours(_Object):
    twentyfourseven: bool
    regular_hours: list[RegularHours] = []


class Location(_Object):
    country_code: str = Field(min_length=2, max_length=2)
    party_id: str = Field(min_length=3, max_length=3)
    id: str = Id
    publish: bool
    name: str | None = Field(default=None, max_length=255)
    address: str = Field(max_length=45)
    city: str = Field(max_length=45)
    postal_code: str | None = Field(default=None, max_length=10)
    state: str | None = Field(default=None, max_length=20)
    country: str = Field(min_length=3, max_length=3)
    coordinates: GeoLocation
    evses: list[Evse] = []
    time_zone: str | None = Field(default=None, max_length=255)
    opening_times: Hours | None = None
    last_updated: Timestamp


class _Patch(_Object):
    last_updated: Timestamp  # the standard requires it on every PATCH


class LocationPatch(_Patch):
    publish: bool | None = None
    name: str | None = Field(default=None, max_length=255)
    address: str | None = Field(default=None, max_length=45)
    city: str | None = Field(default=None, max_length=45)
    postal_code: str | None = Field(default=None, max_length=10)
    coordinates: GeoLocation | None = None
    time_zone: str | None = Field(default=None, max_length=255)
    opening_times: Hours | None = None


class EvsePatch(_Patch):
    status: Status | None = None
    physical_reference: str | int | None = None


class ConnectorPatch(_Patch):
    standard: Standard | None = None
    format: Format | None = None
    power_type: PowerType | None = None
    max_voltage: int | None = Field(default=None, gt=0, le=1500)
    max_amperage: int | None = Field(default=None, gt=0, le=1000)
    max_electric_power: int | None = Field(default=None, gt=0, le=2_000_000)

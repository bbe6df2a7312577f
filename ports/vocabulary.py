"""The words owners and drivers share: connector types, power types, port statuses.

Defined once here and used by models, forms, admin, templates and imports.
Facts from ../shared/reference/field-vocabulary.md.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import models


class PowerType(models.TextChoices):
    AC_LEVEL_1 = "ac_level_1", "AC Level 1"
    AC_LEVEL_2 = "ac_level_2", "AC Level 2"
    DC_FAST = "dc_fast", "DC Fast"

    @property
    def is_dc(self) -> bool:
        return self is PowerType.DC_FAST

    @property
    def current(self) -> str:
        return "DC" if self.is_dc else "AC"

    @property
    def typical_kw(self) -> tuple[Decimal, Decimal]:
        """The spec's typical range; outside it an owner is asked to confirm, not refused."""
        return _TYPICAL_KW[self]


_TYPICAL_KW = {
    PowerType.AC_LEVEL_1: (Decimal("1.4"), Decimal("1.9")),
    PowerType.AC_LEVEL_2: (Decimal("3"), Decimal("19.2")),
    PowerType.DC_FAST: (Decimal("50"), Decimal("1000")),
}


class ConnectorType(models.TextChoices):
    J1772 = "j1772", "J1772"
    CCS = "ccs", "CCS"
    CHADEMO = "chademo", "CHAdeMO"
    TESLA = "tesla", "Tesla (NACS)"
    OTHER = "other", "Other"

    @property
    def power_types(self) -> tuple[PowerType, ...]:
        return _POWER_TYPES[self]

    @property
    def power_type_advice(self) -> str:
        """What to do when this connector is paired with the wrong power type."""
        return _POWER_TYPE_ADVICE[self]

    @property
    def icon(self) -> str:
        return f"icons/connectors/{self.value}.svg"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_POWER_TYPES = {
    ConnectorType.J1772: (PowerType.AC_LEVEL_1, PowerType.AC_LEVEL_2),
    ConnectorType.CCS: (PowerType.DC_FAST,),
    ConnectorType.CHADEMO: (PowerType.DC_FAST,),
    ConnectorType.TESLA: (PowerType.AC_LEVEL_2, PowerType.DC_FAST),
    ConnectorType.OTHER: tuple(PowerType),
}

_POWER_TYPE_ADVICE = {
    ConnectorType.J1772: "J1772 ports are AC: choose AC Level 1 or AC Level 2, "
    "or pick CCS for a DC fast port.",
    ConnectorType.CCS: "CCS ports are DC: choose DC Fast, or pick J1772 for an AC port.",
    ConnectorType.CHADEMO: "CHAdeMO ports are DC: choose DC Fast, or pick J1772 for an AC port.",
    ConnectorType.TESLA: "Tesla ports are AC Level 2 (Destination) or DC Fast (Supercharger): "
    "choose one of those.",
    ConnectorType.OTHER: "",
}

_DESCRIPTIONS = {
    ConnectorType.J1772: "Round 5-pin plug; the most common Level 2 connector in North America",
    ConnectorType.CCS: "J1772 plug with two DC pins below; DC fast charging for most non-Tesla EVs",
    ConnectorType.CHADEMO: "Large round DC plug, used by the Nissan Leaf and older Kia Soul EV",
    ConnectorType.TESLA: "Tesla connector, standardised as SAE J3400 (NACS)",
    ConnectorType.OTHER: "Another connector, named in the port notes",
}


class PortStatus(models.TextChoices):
    OPERATIONAL = "operational", "Operational"
    OUT_OF_SERVICE = "out_of_service", "Out of Service"
    DECOMMISSIONED = "decommissioned", "Decommissioned"

    @property
    def look(self) -> tuple[str, str]:
        """The design system's (tone, icon) for this status: see `{% status_pill %}`."""
        return _LOOKS[self]


_LOOKS = {
    PortStatus.OPERATIONAL: ("ok", "check-circle"),
    PortStatus.OUT_OF_SERVICE: ("warn", "wrench"),
    PortStatus.DECOMMISSIONED: ("muted", "ban"),
}

MAX_PORT_KW = Decimal("1000")
# Nameplates round; more than this above V x A is an overestimate.
POWER_TOLERANCE = Decimal("1.05")


class LiveStatus(models.TextChoices):
    """What a networked station reports right now, apart from the owner's status."""

    AVAILABLE = "available", "Available"
    IN_USE = "in_use", "In use"
    RESERVED = "reserved", "Reserved"
    OUT_OF_ORDER = "out_of_order", "Out of order"
    UNKNOWN = "unknown", "Unknown"

    @property
    def look(self) -> tuple[str, str]:
        return _LIVE_LOOKS[self]


_LIVE_LOOKS = {
    LiveStatus.AVAILABLE: ("ok", "check-circle"),
    LiveStatus.IN_USE: ("warn", "bolt"),
    LiveStatus.RESERVED: ("warn", "clock"),
    LiveStatus.OUT_OF_ORDER: ("bad", "x-circle"),
    LiveStatus.UNKNOWN: ("muted", "question"),
}


class Availability(models.TextChoices):
    """Whose word a location's "available" count rests on, and so how it is worded."""

    LIVE = "live", "Available now (a network or charger reported minutes ago)"
    OWNER = "owner", "Available (its owner keeps the status)"
    LISTED = "listed", "Listed (from a data source: nobody reports availability)"


# Reports that make an operational port unavailable to drivers while fresh.
BUSY_LIVE_STATUSES = (LiveStatus.IN_USE, LiveStatus.RESERVED, LiveStatus.OUT_OF_ORDER)
# A network report older than this no longer says anything about now.
LIVE_STATUS_FRESH_FOR = timedelta(minutes=15)


# How the add and edit forms name each choice: what an owner sees on the station, and the spec's
# typical power beside each power type.
CONNECTOR_CHOICE_LABELS = {
    ConnectorType.J1772: "J1772",
    ConnectorType.CCS: "CCS (CCS1 in North America)",
    ConnectorType.CHADEMO: "CHAdeMO",
    ConnectorType.TESLA: "Tesla",
    ConnectorType.OTHER: "Other (specify in notes)",
}
POWER_CHOICE_LABELS = {
    PowerType.AC_LEVEL_1: "AC Level 1 · 1.4-1.9 kW (standard outlet)",
    PowerType.AC_LEVEL_2: "AC Level 2 · 3-19 kW",
    PowerType.DC_FAST: "DC Fast · 50+ kW",
}
# The spec's common nameplate values, offered as suggestions (not limits) for max power.
COMMON_KW = (
    (Decimal("3.3"), "Level 2"),
    (Decimal("6.6"), "Level 2"),
    (Decimal("7.2"), "Level 2"),
    (Decimal("11"), "high-power Level 2"),
    (Decimal("19.2"), "high-power Level 2"),
    (Decimal("50"), "DC fast"),
    (Decimal("100"), "DC fast"),
    (Decimal("150"), "DC fast"),
    (Decimal("250"), "DC fast"),
    (Decimal("350"), "DC fast"),
)

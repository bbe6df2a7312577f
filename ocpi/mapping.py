"""OCPI 2.2.1 words and ours (facts: ../shared/reference/field-vocabulary.md)."""

import math
from datetime import UTC
from decimal import Decimal

from ports.vocabulary import ConnectorType, LiveStatus, PortStatus, PowerType

STANDARDS = {
    "IEC_62196_T1": ConnectorType.J1772,
    "IEC_62196_T1_COMBO": ConnectorType.CCS,
    "CHADEMO": ConnectorType.CHADEMO,
    "TESLA_S": ConnectorType.TESLA,
    "TESLA_R": ConnectorType.TESLA,
}
OTHER_NAMES = {
    "IEC_62196_T2": "Type 2 (IEC 62196-2)",
    "IEC_62196_T2_COMBO": "CCS2 (IEC 62196-3 Combo 2)",
    "NEMA_5_20": "NEMA 5-20 outlet",
    "NEMA_6_30": "NEMA 6-30 outlet",
    "NEMA_6_50": "NEMA 6-50 outlet",
    "NEMA_10_30": "NEMA 10-30 outlet",
    "NEMA_10_50": "NEMA 10-50 outlet",
    "NEMA_14_30": "NEMA 14-30 outlet",
    "NEMA_14_50": "NEMA 14-50 outlet",
    "DOMESTIC_B": "NEMA 5-15 outlet",
}
DC_STANDARDS = {"IEC_62196_T1_COMBO", "IEC_62196_T2_COMBO", "CHADEMO", "CHAOJI", "GBT_DC"}
LIVE = {
    "AVAILABLE": LiveStatus.AVAILABLE,
    "CHARGING": LiveStatus.IN_USE,
    "BLOCKED": LiveStatus.IN_USE,
    "RESERVED": LiveStatus.RESERVED,
    "INOPERATIVE": LiveStatus.OUT_OF_ORDER,
    "OUTOFORDER": LiveStatus.OUT_OF_ORDER,
    "PLANNED": LiveStatus.UNKNOWN,
    "UNKNOWN": LiveStatus.UNKNOWN,
    "REMOVED": LiveStatus.UNKNOWN,
}
APPROXIMATE = "Approximate (reported without its power by the network)."


def port_fields(connector: dict) -> dict:
    """Port fields for a new port from an OCPI Connector (as a dict of its JSON)."""
    standard = connector["standard"]
    current = connector.get("power_type")
    volts, amps = connector.get("max_voltage"), connector.get("max_amperage")
    phases = 3 if current == "AC_3_PHASE" else 1
    notes = []
    if connector.get("max_electric_power"):
        kw = Decimal(connector["max_electric_power"]) / 1000
    elif volts and amps:
        kw = Decimal(volts * amps * phases) / 1000
    else:
        kw = None
    is_dc = current == "DC" if current else standard in DC_STANDARDS
    if is_dc:
        power = PowerType.DC_FAST
    elif kw is not None and kw < 2:
        power = PowerType.AC_LEVEL_1
    else:
        power = PowerType.AC_LEVEL_2
    if kw is None:
        kw = Decimal("50") if is_dc else Decimal("7.2")
        notes.append(APPROXIMATE)
    connector_type = STANDARDS.get(standard, ConnectorType.OTHER)
    if power not in connector_type.power_types:
        connector_type = ConnectorType.OTHER
    if connector_type is ConnectorType.OTHER:
        notes.insert(0, f"{OTHER_NAMES.get(standard, standard)}.")
    single_phase = phases == 1 and volts and amps
    return {
        "connector_type": connector_type,
        "power_type": power,
        "max_power_kw": min(max(kw, Decimal("0.01")), Decimal("1000")).quantize(Decimal("0.01")),
        "voltage": volts if single_phase else None,
        "amperage": amps if single_phase else None,
        "notes": " ".join(notes),
    }


# Our side, for the sender.
OUR_STANDARDS = {
    ConnectorType.J1772: "IEC_62196_T1",
    ConnectorType.CCS: "IEC_62196_T1_COMBO",
    ConnectorType.CHADEMO: "CHADEMO",
    ConnectorType.TESLA: "TESLA_S",
}
_OUTLETS = [
    ("14-50", "NEMA_14_50"),
    ("5-20", "NEMA_5_20"),
    ("5-15", "DOMESTIC_B"),
    ("Type 2", "IEC_62196_T2"),
]
_POWER_TYPES = {
    PowerType.AC_LEVEL_1: "AC_1_PHASE",
    PowerType.AC_LEVEL_2: "AC_2_PHASE_SPLIT",  # US 240 V split phase
    PowerType.DC_FAST: "DC",
}
_TYPICAL_VOLTS = {PowerType.AC_LEVEL_1: 120, PowerType.AC_LEVEL_2: 240, PowerType.DC_FAST: 500}


def standard_of(port) -> str | None:
    """The OCPI standard of one of our ports; None when an "Other" port names none we know."""
    if port.connector in OUR_STANDARDS:
        return OUR_STANDARDS[port.connector]
    return next((code for words, code in _OUTLETS if words in port.notes), None)


def connector_json(port, standard: str) -> dict:
    power = port.power
    volts = port.voltage or _TYPICAL_VOLTS[power]
    watts = int(port.max_power_kw * 1000)
    return {
        "id": str(port.pk),
        "standard": standard,
        "format": "SOCKET" if standard.startswith(("NEMA", "DOMESTIC")) else "CABLE",
        "power_type": _POWER_TYPES[power],
        "max_voltage": volts,
        "max_amperage": port.amperage or math.ceil(watts / volts),
        "max_electric_power": watts,
        "last_updated": ocpi_time(port.updated_at),
    }


def evse_status(ports, now) -> str:
    """One status for a charging position's ports: busy when any is, down when all are."""
    reports = [port.live_now(now) for port in ports]
    if all(
        port.status != PortStatus.OPERATIONAL or report == LiveStatus.OUT_OF_ORDER
        for port, report in zip(ports, reports, strict=True)
    ):
        return "INOPERATIVE"
    live = set(reports)
    if LiveStatus.IN_USE in live:
        return "CHARGING"
    if LiveStatus.RESERVED in live:
        return "RESERVED"
    return "AVAILABLE"


def ocpi_time(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

"""What a driver is told about a location at a glance (the spec's "How Drivers See Port Info")."""

from dataclasses import dataclass
from decimal import Decimal

from ports.vocabulary import ConnectorType


@dataclass(frozen=True)
class ListingSummary:
    available: int
    total: int
    max_power_kw: Decimal | None
    connectors: tuple[ConnectorType, ...]

    @classmethod
    def of(cls, ports) -> "ListingSummary":
        """Summarise the ports a driver can see (already filtered to listed ports)."""
        ports = list(ports)
        present = {port.connector_type for port in ports}
        return cls(
            available=sum(1 for port in ports if port.is_operational),
            total=len(ports),
            max_power_kw=max((port.max_power_kw for port in ports), default=None),
            connectors=tuple(c for c in ConnectorType if c in present),
        )

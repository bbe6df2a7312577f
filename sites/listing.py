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
    reliability: int | None  # percent of the last 30 days its ports were up

    @classmethod
    def of(cls, ports, now) -> "ListingSummary":
        """Summarise the ports a driver can see (listed ports, each with its .uptime)."""
        ports = list(ports)
        present = {port.connector_type for port in ports}
        shares = [port.uptime.share for port in ports if port.uptime.share is not None]
        return cls(
            available=sum(1 for port in ports if port.is_available_now(now)),
            total=len(ports),
            max_power_kw=max((port.max_power_kw for port in ports), default=None),
            connectors=tuple(c for c in ConnectorType if c in present),
            reliability=round(100 * sum(shares) / len(shares)) if shares else None,
        )

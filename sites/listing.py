"""What a driver is told about a location at a glance (the spec's "How Drivers See Port Info")."""

from dataclasses import dataclass
from decimal import Decimal

from ports.availability import row_of, tally
from ports.vocabulary import Availability, ConnectorType


@dataclass(frozen=True)
class ListingSummary:
    kind: Availability
    available: int  # positions a driver can count on (never two ports of one position)
    total: int  # positions listed
    max_power_kw: Decimal | None
    connectors: tuple[ConnectorType, ...]
    available_ports: frozenset[int]  # pks of the ports counted available

    @classmethod
    def of(cls, ports, *, claimed: bool, now) -> "ListingSummary":
        """Summarise the ports a driver can see (listed ports)."""
        ports = list(ports)
        counted = tally([row_of(port) for port in ports], claimed=claimed, now=now)
        present = {port.connector_type for port in ports}
        return cls(
            kind=counted.kind,
            available=counted.available,
            total=counted.total,
            max_power_kw=max((port.max_power_kw for port in ports), default=None),
            connectors=tuple(c for c in ConnectorType if c in present),
            available_ports=frozenset(counted.available_ports),
        )

    @property
    def is_listed_only(self) -> bool:
        return self.kind == Availability.LISTED

    @property
    def is_live(self) -> bool:
        return self.kind == Availability.LIVE

"""The drivers' world: chargers around Albany and Troy, one in Buffalo, one in Vermont,
and two locations drivers must never see.

Distances from Albany Capitol Garage (42.6526, -73.7562), the only location in ZIP 12207,
by the haversine formula with the Earth's radius 3,958.8 miles, to one decimal:
Hampton Inn Albany 0.2, Pine Hills Library 1.7, Troy Riverfront Garage 6.2,
Troy Music Hall 6.4, Latham Farms 6.5, Proctors Schenectady 14.5, Bennington Station 32.4,
Buffalo Canalside 260.3.
"""

from decimal import Decimal

import pytest

from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.factories import PortFactory, SiteFactory, StationFactory

ALBANY = (42.6526, -73.7562)  # Albany Capitol Garage
OPERATIONAL = PortStatus.OPERATIONAL
OUT_OF_SERVICE = PortStatus.OUT_OF_SERVICE
DECOMMISSIONED = PortStatus.DECOMMISSIONED
CLAIMED = object()  # a location claimed by an owner of its own


def port(connector, kw, status=OPERATIONAL):
    return (connector, kw, status)


def _power_type(connector, kw):
    if connector in (ConnectorType.CCS, ConnectorType.CHADEMO):
        return PowerType.DC_FAST
    if connector == ConnectorType.TESLA and Decimal(kw) >= 50:
        return PowerType.DC_FAST
    return PowerType.AC_LEVEL_2


def add_location(
    name,
    *,
    street="1 Main Street",
    city="Albany",
    state="NY",
    zip_code="12207",
    position=ALBANY,
    owner=CLAIMED,
    network="ChargePoint",
    published=True,
    ports=(),
):
    """A location with one station holding these ports; its listing refreshes on save."""
    site = SiteFactory(
        name=name,
        street_address=street,
        city=city,
        state=state,
        zip_code=zip_code,
        latitude=Decimal(str(position[0])),
        longitude=Decimal(str(position[1])),
        **({} if owner is CLAIMED else {"owner": owner}),
    )
    station = StationFactory(site=site, network=network, is_published=published)
    for connector, kw, status in ports:
        PortFactory(
            station=station,
            connector_type=connector,
            power_type=_power_type(connector, kw),
            max_power_kw=Decimal(kw),
            status=status,
        )
    return site


@pytest.fixture
def chargers(alice):
    """Nine locations drivers can find, and two they cannot; keyed by name."""
    J1772, CCS = ConnectorType.J1772, ConnectorType.CCS
    CHADEMO, TESLA = ConnectorType.CHADEMO, ConnectorType.TESLA
    sites = [
        add_location(
            "Albany Capitol Garage",
            street="20 Eagle Street",
            zip_code="12207",
            position=ALBANY,
            owner=alice,
            network="ChargePoint",
            ports=[port(CCS, "150"), port(J1772, "7.2")],
        ),
        add_location(
            "Pine Hills Library",
            street="517 Western Avenue",
            zip_code="12203",
            position=(42.6631, -73.7862),
            owner=None,
            network="Non-Networked",
            ports=[port(J1772, "7.2"), port(J1772, "7.2", OUT_OF_SERVICE)],
        ),
        add_location(
            "Hampton Inn Albany",
            street="25 Chapel Street",
            zip_code="12210",
            position=(42.6510, -73.7530),
            network="Blink",
            ports=[port(TESLA, "11.5")],
        ),
        add_location(
            "Troy Riverfront Garage",
            street="1 Monument Square",
            city="Troy",
            zip_code="12180",
            position=(42.7284, -73.6918),
            owner=None,
            network="EVgo",
            ports=[port(CCS, "50"), port(CHADEMO, "200")],
        ),
        add_location(
            "Latham Farms",
            street="579 Troy Schenectady Road",
            city="Latham",
            zip_code="12110",
            position=(42.7470, -73.7590),
            network="Electrify America",
            ports=[port(CCS, "150", OUT_OF_SERVICE), port(J1772, "7.2")],
        ),
        add_location(
            "Troy Music Hall",
            street="30 Second Street",
            city="Troy",
            zip_code="12180",
            position=(42.7310, -73.6880),
            network="Tesla",
            ports=[port(TESLA, "250")],
        ),
        add_location(
            "Buffalo Canalside",
            street="44 Prime Street",
            city="Buffalo",
            zip_code="14202",
            position=(42.8864, -78.8784),
            owner=None,
            network="Electrify America",
            ports=[port(CCS, "350"), port(CCS, "350")],
        ),
        add_location(
            "Bennington Station",
            street="150 Depot Street",
            city="Bennington",
            state="VT",
            zip_code="05201",
            position=(42.8781, -73.1968),
            network="ChargePoint",
            ports=[port(J1772, "7.2")],
        ),
        add_location(
            "Proctors Schenectady",
            street="432 State Street",
            city="Schenectady",
            zip_code="12305",
            position=(42.8142, -73.9396),
            network="ChargePoint",
            ports=[port(J1772, "6.6")],
        ),
        # Never seen by drivers: only decommissioned ports, and only a draft station.
        add_location(
            "Albany Old Depot",
            street="2 Depot Lane",
            zip_code="12210",
            position=(42.6550, -73.7600),
            network="Volta",
            ports=[port(J1772, "7.2", DECOMMISSIONED), port(CCS, "150", DECOMMISSIONED)],
        ),
        add_location(
            "Albany Draft Diner",
            street="3 Draft Street",
            zip_code="12210",
            position=(42.6540, -73.7580),
            network="Shell Recharge",
            published=False,
            ports=[port(CCS, "150"), port(J1772, "7.2")],
        ),
    ]
    return {site.name: site for site in sites}

"""The help articles, and the facts they state that the vocabulary does not hold.

Each article is a template of its own (templates/helpcenter/); this list gives the Help
Center its index and each article its "Related articles".
"""

from dataclasses import dataclass

from ports.templatetags.connectors import kw
from ports.vocabulary import MAX_PORT_KW, ConnectorType, PortStatus, PowerType


@dataclass(frozen=True)
class Article:
    url_name: str
    title: str
    summary: str


ARTICLES = (
    Article(
        "help:managing_ports",
        "How to Manage Charging Ports",
        "Add, edit, mark out of service and delete the ports on your stations.",
    ),
    Article(
        "help:connector_types",
        "Connector types explained",
        "J1772, CCS, CHAdeMO, Tesla (NACS) and others: what each works with and how fast.",
    ),
    Article(
        "help:subscription_limits",
        "Subscription limits",
        "How many locations, stations and photos each plan allows, and how to upgrade.",
    ),
    Article(
        "help:optimizing",
        "Guide to optimizing listings",
        "Photos, notes, current status, hours and prices: what makes drivers trust a listing.",
    ),
)


def related(url_name: str) -> list[Article]:
    return [article for article in ARTICLES if article.url_name != url_name]


@dataclass(frozen=True)
class ConnectorFacts:
    also_called: str
    works_with: str
    typical_power: str
    where: str


# What a driver or owner asks about each connector; the spec's words, the field's facts
# (../shared/reference/field-vocabulary.md). Every ConnectorType has an entry (a test checks).
CONNECTOR_FACTS = {
    ConnectorType.J1772: ConnectorFacts(
        also_called="SAE J1772, Type 1",
        works_with="Most EVs sold in North America; Teslas with the J1772 adapter many carry.",
        typical_power="3–19 kW at Level 2 (7.2 kW is the most common); 1.4–1.9 kW at Level 1.",
        where="Workplaces, hotels, parking garages, shopping centers: most Level 2 stations.",
    ),
    ConnectorType.CCS: ConnectorFacts(
        also_called="CCS1 in North America; Combined Charging System, J1772 Combo",
        works_with="Chevy Bolt, BMW, VW, Ford, Hyundai, Kia: most non-Tesla EVs.",
        typical_power="50–350 kW.",
        where="DC fast chargers along highways and at larger lots.",
    ),
    ConnectorType.CHADEMO: ConnectorFacts(
        also_called="",
        works_with="Nissan Leaf, older Kia Soul EV.",
        typical_power="50–100 kW.",
        where="Older DC fast chargers, often beside a CCS cable on the same station.",
    ),
    ConnectorType.TESLA: ConnectorFacts(
        also_called="NACS (North American Charging Standard), SAE J3400",
        works_with="Tesla vehicles, and newer EVs of other makes built with a NACS port.",
        typical_power="7–19 kW at Level 2 (Destination, Wall Connector); "
        "150–250 kW at a Supercharger.",
        where="Tesla Superchargers and Destination Chargers at hotels and restaurants.",
    ),
    ConnectorType.OTHER: ConnectorFacts(
        also_called="NEMA 14-50, 5-15 or 5-20 outlets, Type 2, and others",
        works_with="Drivers who bring their own cord or adapter: name the connector in the "
        "port's notes so they know.",
        typical_power="1.4 kW on a household outlet; up to 9.6 kW on a NEMA 14-50.",
        where="RV parks, campgrounds, homes and older installations.",
    ),
}


def power_range(power: PowerType) -> str:
    """The spec's typical range, as the forms warn by it: "3–19.2 kW", "50+ kW"."""
    low, high = power.typical_kw
    if high >= MAX_PORT_KW:
        return f"{kw(low)}+ kW"
    return f"{kw(low)}–{kw(high)} kW"


def connectors() -> list[tuple[ConnectorType, ConnectorFacts, str]]:
    """Every connector of the vocabulary, its facts and its current (AC, DC or both)."""
    rows = []
    for connector in ConnectorType:
        currents = sorted({power.current for power in connector.power_types})
        rows.append((connector, CONNECTOR_FACTS.get(connector), " or ".join(currents)))
    return rows


# What each status tells drivers, in the spec's words.
STATUS_MEANINGS = {
    PortStatus.OPERATIONAL: "The port is working and available to drivers.",
    PortStatus.OUT_OF_SERVICE: "Temporarily broken, being repaired.",
    PortStatus.DECOMMISSIONED: "Permanently removed or disabled.",
}


def statuses() -> list[tuple[PortStatus, str]]:
    return [(status, STATUS_MEANINGS.get(status, "")) for status in PortStatus]

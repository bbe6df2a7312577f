"""The search against the raw file: after importing the real New York export, a radius
search for each connector near several cities finds exactly the locations the export
lists there (status E, public, within the radius, that connector listed).

The expected sets are computed from the CSV with Python's csv module and the haversine
formula, independently of the importer and of the search's SQL.
"""

import csv
import math

import pytest

from search.query import filtered
from tests.imports.afdc import NY_EXPORT, run_import

pytestmark = pytest.mark.django_db

CITIES = {
    "New York": (40.7128, -74.0060),
    "Albany": (42.6526, -73.7562),
    "Buffalo": (42.8864, -78.8784),
    "Rochester": (43.1566, -77.6088),
    "Syracuse": (43.0481, -76.1474),
    "Ithaca": (42.4440, -76.5019),
}
CONNECTORS = {
    "j1772": {"J1772"},
    "ccs": {"J1772COMBO"},
    "chademo": {"CHADEMO"},
    "tesla": {"TESLA", "J3400"},
}
MILES = 25


def miles_between(a, b) -> float:
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * 3958.8 * math.asin(math.sqrt(min(1.0, h)))


def listed_in_export(center, codes) -> set[str]:
    with open(NY_EXPORT, encoding="utf-8-sig", newline="") as stream:
        return {
            row["ID"]
            for row in csv.DictReader(stream)
            if row["Fuel Type Code"] == "ELEC"
            and row["Status Code"] == "E"
            and row["Access Code"].strip().lower() == "public"
            and codes & set(row["EV Connector Types"].split())
            and miles_between(center, (float(row["Latitude"]), float(row["Longitude"]))) <= MILES
        }


def found_by_search(center, connector) -> set[str]:
    data = {"connector": [connector], "radius": MILES}
    listings = filtered(data, ("here", *center))
    return set(listings.values_list("site__source_id", flat=True))


def test_it_finds_what_the_export_lists_for_each_city_and_connector(tmp_path):
    run_import(NY_EXPORT)
    differences = {}
    for city, center in CITIES.items():
        for connector, codes in CONNECTORS.items():
            expected = listed_in_export(center, codes)
            found = found_by_search(center, connector)
            if found != expected:
                differences[(city, connector)] = {
                    "missing": sorted(expected - found)[:10],
                    "extra": sorted(found - expected)[:10],
                }
    assert differences == {}
    # And it is not trivially true: CHAdeMO near New York City is a real set.
    assert len(found_by_search(CITIES["New York"], "chademo")) > 20

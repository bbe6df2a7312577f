"""Support staff see each port's location and station in the port list, and sort by them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.admin.reading import element, elements, text
from tests.factories import PortFactory, SiteFactory, StationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:ports_port_changelist")


def column(response, name):
    """The texts of one column of the port list, top to bottom."""
    assert response.status_code == 200
    table = element(response.text, id="result_list")
    return [text(cell) for cell in elements(table, css_class=f"field-{name}")]


def port_at(location, station, label="Port 1"):
    site = SiteFactory(name=location)
    return PortFactory(station=StationFactory(site=site, name=station), label=label)


@pytest.fixture
def three_locations():
    return [
        port_at("Maple Street Market", "Bank B"),
        port_at("Zeta Plaza", "Bank A"),
        port_at("Albany Mall", "Bank C"),
    ]


def test_it_shows_each_ports_location_and_station(support_client, three_locations):
    response = support_client.get(CHANGELIST)
    rows = zip(column(response, "location"), column(response, "station_name"), strict=True)
    assert sorted(rows) == [
        ("Albany Mall", "Bank C"),
        ("Maple Street Market", "Bank B"),
        ("Zeta Plaza", "Bank A"),
    ]


def test_it_links_the_location_and_station_to_their_admin_pages(support_client, port):
    response = support_client.get(CHANGELIST)
    table = element(response.text, id="result_list")
    location = element(element(table, css_class="field-location"), name="a")
    station = element(element(table, css_class="field-station_name"), name="a")
    site_page = reverse("admin:sites_site_change", args=[port.station.site_id])
    station_page = reverse("admin:stations_station_change", args=[port.station_id])
    assert dict(location.attributes)["href"] == site_page
    assert dict(station.attributes)["href"] == station_page


@pytest.mark.parametrize(
    ("order", "name", "expected"),
    [
        ("2", "location", ["Albany Mall", "Maple Street Market", "Zeta Plaza"]),
        ("-2", "location", ["Zeta Plaza", "Maple Street Market", "Albany Mall"]),
        ("3", "station_name", ["Bank A", "Bank B", "Bank C"]),
        ("-3", "station_name", ["Bank C", "Bank B", "Bank A"]),
    ],
    ids=["location", "location-descending", "station", "station-descending"],
)
def test_it_sorts_by_location_and_station(support_client, three_locations, order, name, expected):
    assert column(support_client.get(CHANGELIST, {"o": order}), name) == expected


def test_it_writes_power_as_drivers_read_it(support_client, port):
    port.max_power_kw = "7.20"
    port.save()
    assert column(support_client.get(CHANGELIST), "max_power") == ["7.2 kW"]


def test_it_lists_ports_of_many_locations_in_a_fixed_number_of_queries(support_client):
    """N+1 guard: each row's station and location come with the list, not a query each."""

    def queries():
        with CaptureQueriesContext(connection) as context:
            locations = column(support_client.get(CHANGELIST), "location")
        return len(context), len(locations)

    port_at("Location 0", "Station 0")
    one, rows = queries()
    assert rows == 1
    for n in range(1, 20):
        port_at(f"Location {n}", f"Station {n}")
    assert queries() == (one, 20)

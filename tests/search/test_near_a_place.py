"""Search near a place: "Use my location" (lat, lng) or a ZIP code or city the data knows,
within a radius. Distances are in the docstring of conftest.py."""

import pytest

from ports.vocabulary import ConnectorType
from tests.search.conftest import ALBANY, add_location, port
from tests.search.pages import URL, names, result, results_section, text

pytestmark = pytest.mark.django_db

WITHIN_5 = ["Albany Capitol Garage", "Hampton Inn Albany", "Pine Hills Library"]
WITHIN_10 = [*WITHIN_5, "Troy Riverfront Garage", "Troy Music Hall", "Latham Farms"]
WITHIN_25 = [*WITHIN_10, "Proctors Schenectady"]
WITHIN_50 = [*WITHIN_25, "Bennington Station"]
MY_LOCATION = {"lat": ALBANY[0], "lng": ALBANY[1]}


@pytest.mark.parametrize(
    ("radius", "expected"),
    [(5, WITHIN_5), (10, WITHIN_10), (25, WITHIN_25), (50, WITHIN_50), (100, WITHIN_50)],
)
def test_it_finds_chargers_within_the_radius_of_my_location(client, chargers, radius, expected):
    response = client.get(URL, {**MY_LOCATION, "radius": radius})
    assert names(response) == expected
    assert f"Near your location, within {radius} miles, nearest first." in text(response.text)


@pytest.mark.parametrize(
    ("radius", "expected"),
    [(5, WITHIN_5), (10, WITHIN_10), (25, WITHIN_25), (50, WITHIN_50), (100, WITHIN_50)],
)
def test_it_finds_chargers_within_the_radius_of_a_zip_code(client, chargers, radius, expected):
    # Albany Capitol Garage is ZIP 12207's only location, so 12207 is centred on it.
    response = client.get(URL, {"near": "12207", "radius": radius})
    assert names(response) == expected
    assert f"Near 12207, within {radius} miles, nearest first." in text(response.text)


def test_it_searches_25_miles_when_no_radius_is_given(client, chargers):
    response = client.get(URL, {"near": "12207"})
    assert names(response) == WITHIN_25
    assert "Near 12207, within 25 miles, nearest first." in text(response.text)


def test_it_shows_each_distance_in_miles(client, chargers):
    response = client.get(URL, {"near": "12207", "radius": 50})
    assert "20 Eagle Street, Albany, NY 12207 · 0.0 mi" in text(
        result(response, "Albany Capitol Garage")
    )
    assert "· 1.7 mi" in text(result(response, "Pine Hills Library"))
    assert "· 6.2 mi" in text(result(response, "Troy Riverfront Garage"))
    assert "· 14.5 mi" in text(result(response, "Proctors Schenectady"))
    assert "· 32.4 mi" in text(result(response, "Bennington Station"))


def test_it_shows_the_same_distances_from_my_location(client, chargers):
    response = client.get(URL, {**MY_LOCATION, "radius": 10})
    assert "· 0.2 mi" in text(result(response, "Hampton Inn Albany"))
    assert "· 6.4 mi" in text(result(response, "Troy Music Hall"))
    assert "· 6.5 mi" in text(result(response, "Latham Farms"))


def test_it_shows_no_distance_when_not_near_a_place(client, chargers):
    response = client.get(URL, {"q": "albany"})
    assert " mi" not in text(results_section(response))
    assert "Near " not in text(results_section(response))


@pytest.mark.parametrize("near", ["Troy", "troy", "Troy, NY", "troy ny", "Troy New York"])
def test_it_finds_chargers_near_a_city(client, chargers, near):
    response = client.get(URL, {"near": near, "radius": 5})
    found = names(response)
    # Troy's two locations are 0.1 mi from the city's centre, Latham Farms 3.7 mi.
    assert set(found[:2]) == {"Troy Riverfront Garage", "Troy Music Hall"}
    assert found[2:] == ["Latham Farms"]
    assert "Near Troy, NY, within 5 miles" in text(response.text)


def test_it_finds_the_far_away_charger_only_near_it(client, chargers):
    assert names(client.get(URL, {"near": "Buffalo", "radius": 100})) == ["Buffalo Canalside"]
    response = client.get(URL, {"lat": "42.8864", "lng": "-78.8784", "radius": 5})
    assert names(response) == ["Buffalo Canalside"]


def test_it_combines_a_place_with_words_and_filters(client, chargers):
    response = client.get(URL, {"near": "12207", "radius": 10, "q": "troy"})
    assert names(response) == ["Troy Riverfront Garage", "Troy Music Hall", "Latham Farms"]
    response = client.get(URL, {"near": "12207", "radius": 10, "connector": "ccs"})
    assert names(response) == ["Albany Capitol Garage", "Troy Riverfront Garage", "Latham Farms"]


def test_it_prefers_my_location_to_the_place_typed(client, chargers):
    response = client.get(URL, {"near": "Buffalo", **MY_LOCATION, "radius": 5})
    assert names(response) == WITHIN_5


@pytest.mark.parametrize("near", ["Charleston West Virginia", "Charleston, West Virginia"])
def test_it_finds_a_city_in_west_virginia_by_its_state_name(client, db, near):
    add_location(
        "Charleston Town Center",
        city="Charleston",
        state="WV",
        zip_code="25389",
        position=(38.3498, -81.6326),
        ports=[port(ConnectorType.J1772, "7.2")],
    )
    response = client.get(URL, {"near": near, "radius": 5})
    assert names(response) == ["Charleston Town Center"]


def test_it_finds_a_city_in_west_virginia_by_its_state_code(client, db):
    add_location(
        "Charleston Town Center",
        city="Charleston",
        state="WV",
        zip_code="25389",
        position=(38.3498, -81.6326),
        ports=[port(ConnectorType.J1772, "7.2")],
    )
    response = client.get(URL, {"near": "Charleston, WV", "radius": 5})
    assert names(response) == ["Charleston Town Center"]

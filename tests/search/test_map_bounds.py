"""Search this area: the map's bounds as bbox=west,south,east,north."""

import pytest

from tests.search.pages import URL, names

pytestmark = pytest.mark.django_db

DOWNTOWN_ALBANY = "-73.80,42.64,-73.74,42.67"
DOWNTOWN_TROY = "-73.72,42.70,-73.66,42.76"
BUFFALO = "-79.0,42.8,-78.8,43.0"


@pytest.mark.parametrize(
    ("bbox", "expected"),
    [
        (DOWNTOWN_ALBANY, {"Albany Capitol Garage", "Pine Hills Library", "Hampton Inn Albany"}),
        (DOWNTOWN_TROY, {"Troy Riverfront Garage", "Troy Music Hall"}),
        (BUFFALO, {"Buffalo Canalside"}),
        ("-73.30,42.80,-73.10,42.95", {"Bennington Station"}),
        ("-70.0,30.0,-69.0,31.0", set()),
    ],
)
def test_it_finds_chargers_inside_the_map(client, chargers, bbox, expected):
    assert set(names(client.get(URL, {"bbox": bbox}))) == expected


def test_it_leaves_out_what_drivers_cannot_see_inside_the_map(client, chargers):
    # Albany Old Depot and Albany Draft Diner are both inside downtown Albany's box.
    found = names(client.get(URL, {"bbox": DOWNTOWN_ALBANY}))
    assert "Albany Old Depot" not in found
    assert "Albany Draft Diner" not in found


def test_it_includes_a_charger_on_the_edge_of_the_map(client, chargers):
    # Albany Capitol Garage is at 42.6526, -73.7562.
    assert names(client.get(URL, {"bbox": "-73.7562,42.6526,-73.7500,42.6600"})) == [
        "Albany Capitol Garage"
    ]


def test_it_combines_the_map_with_words_and_filters(client, chargers):
    response = client.get(URL, {"bbox": DOWNTOWN_TROY, "q": "troy"})
    assert set(names(response)) == {"Troy Riverfront Garage", "Troy Music Hall"}
    response = client.get(URL, {"bbox": DOWNTOWN_ALBANY, "connector": "j1772"})
    assert set(names(response)) == {"Albany Capitol Garage", "Pine Hills Library"}


def test_it_accepts_a_map_across_the_antimeridian(client, chargers):
    # West of 170°E to east of 170°W: nothing of ours is there, and that is no error.
    response = client.get(URL, {"bbox": "170,40,-170,50"})
    assert names(response) == []
    assert "No chargers match" in response.text

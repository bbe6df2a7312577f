"""Filter by connector type: only locations with a matching port appear."""

import pytest

from tests.search.pages import URL, names

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("connectors", "expected"),
    [
        (
            ["ccs"],
            {
                "Albany Capitol Garage",
                "Troy Riverfront Garage",
                "Latham Farms",
                "Buffalo Canalside",
            },
        ),
        (["chademo"], {"Troy Riverfront Garage"}),
        (["tesla"], {"Hampton Inn Albany", "Troy Music Hall"}),
        (
            ["j1772"],
            {
                "Albany Capitol Garage",
                "Pine Hills Library",
                "Latham Farms",
                "Bennington Station",
                "Proctors Schenectady",
            },
        ),
        (["other"], set()),
    ],
)
def test_it_shows_only_locations_with_a_matching_port(client, chargers, connectors, expected):
    assert set(names(client.get(URL, {"connector": connectors}))) == expected


def test_it_matches_any_of_several_connectors(client, chargers):
    response = client.get(URL, {"connector": ["chademo", "tesla"]})
    assert set(names(response)) == {
        "Troy Riverfront Garage",
        "Hampton Inn Albany",
        "Troy Music Hall",
    }


def test_it_shows_every_location_without_a_connector_chosen(client, chargers):
    assert len(names(client.get(URL))) == 9


def test_it_ignores_ports_drivers_cannot_see(client, chargers):
    # The Depot's CCS port is decommissioned, the Diner's is on a draft station.
    found = names(client.get(URL, {"connector": "ccs"}))
    assert "Albany Old Depot" not in found
    assert "Albany Draft Diner" not in found


def test_it_keeps_the_choice_ticked_on_the_page(client, chargers):
    response = client.get(URL, {"connector": ["ccs", "tesla"]})
    assert 'name="connector" value="ccs" checked' in response.text
    assert 'name="connector" value="tesla" checked' in response.text
    assert 'name="connector" value="j1772">' in response.text

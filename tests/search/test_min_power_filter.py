"""Minimum power: on the matching connector when one is chosen, on any port otherwise."""

import pytest

from tests.search.pages import URL, names

pytestmark = pytest.mark.django_db


def test_it_means_a_port_of_that_connector_with_that_power(client, chargers):
    # Troy Riverfront has CCS at 50 kW and CHAdeMO at 200 kW: no CCS port of 150 kW.
    response = client.get(URL, {"connector": "ccs", "min_kw": "150"})
    assert set(names(response)) == {"Albany Capitol Garage", "Latham Farms", "Buffalo Canalside"}


def test_it_finds_the_powerful_port_of_the_other_connector(client, chargers):
    response = client.get(URL, {"connector": "chademo", "min_kw": "150"})
    assert names(response) == ["Troy Riverfront Garage"]


def test_it_checks_each_chosen_connector_against_its_own_power(client, chargers):
    response = client.get(URL, {"connector": ["ccs", "chademo"], "min_kw": "200"})
    assert set(names(response)) == {"Troy Riverfront Garage", "Buffalo Canalside"}
    response = client.get(URL, {"connector": ["ccs", "tesla"], "min_kw": "200"})
    assert set(names(response)) == {"Troy Music Hall", "Buffalo Canalside"}


def test_it_counts_any_port_without_a_connector_chosen(client, chargers):
    response = client.get(URL, {"min_kw": "150"})
    assert set(names(response)) == {
        "Albany Capitol Garage",
        "Troy Riverfront Garage",
        "Latham Farms",
        "Troy Music Hall",
        "Buffalo Canalside",
    }


def test_it_includes_a_port_of_exactly_that_power(client, chargers):
    response = client.get(URL, {"connector": "j1772", "min_kw": "7.2"})
    assert set(names(response)) == {
        "Albany Capitol Garage",
        "Pine Hills Library",
        "Latham Farms",
        "Bennington Station",
    }


def test_it_accepts_decimals_and_zero(client, chargers):
    response = client.get(URL, {"connector": "tesla", "min_kw": "11.5"})
    assert set(names(response)) == {"Hampton Inn Albany", "Troy Music Hall"}
    response = client.get(URL, {"connector": "tesla", "min_kw": "11.51"})
    assert names(response) == ["Troy Music Hall"]
    assert len(names(client.get(URL, {"min_kw": "0"}))) == 9


def test_it_finds_nothing_above_the_most_powerful_port(client, chargers):
    response = client.get(URL, {"min_kw": "350.01"})
    assert names(response) == []
    assert "No chargers match" in response.text

"""A map answer computed afresh reads what it shows and nothing more: not the network
and state menus of a search form nobody sees; a network or state asked for is still
checked against them."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import places
from tests.search.map import MAP_URL, NEW_YORK_STATE, ask

pytestmark = pytest.mark.django_db


def cold(client, **params):
    cache.clear()
    places._distinct.cache_clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(MAP_URL, params)
    return response, [query["sql"] for query in queries]


def test_it_lists_no_networks_or_states_to_answer(client, chargers):
    response, queries = cold(client, bbox=NEW_YORK_STATE, zoom="6")
    assert response.status_code == 200
    assert response.json()["total"] == 9
    assert not [sql for sql in queries if "DISTINCT" in sql.upper()]


@pytest.mark.parametrize(("name", "value", "total"), [("network", "EVgo", 1), ("state", "VT", 1)])
def test_it_filters_by_a_network_or_state_it_has(client, chargers, name, value, total):
    cache.clear()
    assert ask(client, bbox=NEW_YORK_STATE, zoom="6", **{name: value})["total"] == total


@pytest.mark.parametrize(("name", "value"), [("network", "Steam Power"), ("state", "TX")])
def test_it_names_a_network_or_state_it_has_not(client, chargers, name, value):
    response, _ = cold(client, bbox=NEW_YORK_STATE, zoom="6", **{name: value})
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"{name}: ")

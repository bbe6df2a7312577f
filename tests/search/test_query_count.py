"""The results page runs a fixed number of queries, however many locations match."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ports.vocabulary import ConnectorType
from search import places
from tests.search.conftest import add_location, port
from tests.search.pages import URL, names

pytestmark = pytest.mark.django_db

SEARCHES = {
    "everything": {},
    "words": {"q": "albany"},
    "a typo": {"q": "albny"},
    "near a ZIP code": {"near": "12207", "radius": 25},
    "my location": {"lat": "42.6526", "lng": "-73.7562", "radius": 5},
    "the map": {"bbox": "-73.80,42.64,-73.74,42.67"},
    "every filter": {
        "connector": ["ccs", "j1772"],
        "min_kw": "7",
        "available": "on",
        "network": "ChargePoint",
        "state": "NY",
    },
    "page 2": {"page": 2},
}


def add_locations(first, last):
    for n in range(first, last + 1):
        add_location(
            f"Albany Charger {n:03}",
            ports=[port(ConnectorType.CCS, "150"), port(ConnectorType.J1772, "7.2")],
        )


def queries_for(client, params) -> int:
    # From cold caches each time, so both counts include the same cached lookups.
    cache.clear()
    places._vocabulary.cache_clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200
    assert "errors" not in response.text
    return len(queries)


def test_it_runs_as_many_queries_for_100_locations_as_for_10(client):
    """N+1 guard: a result must not query its ports, station or owner one by one. Every
    search is asked of the same 10, then 100 locations (made once: they are slow to make)."""
    add_locations(1, 10)
    with_10 = {name: queries_for(client, params) for name, params in SEARCHES.items()}
    shown_10 = {name: len(names(client.get(URL, params))) for name, params in SEARCHES.items()}
    add_locations(11, 100)
    with_100 = {name: queries_for(client, params) for name, params in SEARCHES.items()}
    shown_100 = {name: len(names(client.get(URL, params))) for name, params in SEARCHES.items()}
    more = [name for name in SEARCHES if shown_100[name] > shown_10[name] or name == "page 2"]
    assert more == list(SEARCHES)
    assert with_100 == with_10


def test_it_runs_five_queries_for_a_page_of_twenty(client, django_assert_num_queries):
    """N+1 guard: the networks and the states for the form, the place, the listings gone
    stale, and the page itself (no transaction: it only reads); nothing per result."""
    add_locations(1, 100)
    cache.clear()
    with django_assert_num_queries(5):
        response = client.get(URL, {"near": "12207", "connector": "ccs"})
    assert len(names(response)) == 20

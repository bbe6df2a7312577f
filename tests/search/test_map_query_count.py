"""The map runs a fixed number of queries, however many locations are in view."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import clusters, places
from tests.search.map import ask
from tests.search.test_query_count import add_locations

pytestmark = pytest.mark.django_db

ALBANY = {"bbox": "-74.5,42.0,-73.0,43.5", "zoom": "9"}


def queries_for(client, params) -> int:
    cache.clear()
    places._vocabulary.cache_clear()
    with CaptureQueriesContext(connection) as queries:
        ask(client, **params)
    return len(queries)


@pytest.mark.parametrize("mode", ["points", "clusters"])
def test_it_runs_as_many_queries_for_100_locations_as_for_10(client, monkeypatch, mode):
    """N+1 guard: a point must not query its site, ports or owner one by one."""
    if mode == "clusters":
        monkeypatch.setattr(clusters, "POINTS_AT_MOST", 5)
    add_locations(1, 10)
    with_10 = queries_for(client, ALBANY)
    add_locations(11, 100)
    with_100 = queries_for(client, ALBANY)
    answer = ask(client, **ALBANY)
    assert answer["total"] == 100
    assert bool(answer["clusters"]) == (mode == "clusters")
    assert with_100 == with_10


def test_it_asks_the_database_nothing_more_for_the_same_view(client):
    """The same view again, nothing changed: from the cache, but for the stale check."""
    add_locations(1, 10)
    ask(client, **ALBANY)
    with CaptureQueriesContext(connection) as queries:
        ask(client, **ALBANY)
    assert [q["sql"] for q in queries if "search_listing" in q["sql"]] == [
        q["sql"] for q in queries if "stale_after" in q["sql"]
    ]

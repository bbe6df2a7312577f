"""A map showing many locations gets grid clusters from the database, not every marker."""

import pytest

from search import clusters
from search.query import SearchForm, filtered
from tests.search.map import NEW_YORK_STATE, ask, located
from tests.search.pages import URL, names

pytestmark = pytest.mark.django_db

NEW_YORK_STATE_BOX = (-80.0, 40.0, -71.0, 46.0)


@pytest.fixture
def few_points(monkeypatch):
    # Nine locations stand for the national set: more than three are "many".
    monkeypatch.setattr(clusters, "POINTS_AT_MOST", 3)


def list_total(client, **params) -> int:
    return len(names(client.get(URL, params)))


def test_it_answers_clusters_when_the_map_holds_many(client, chargers, few_points):
    answer = ask(client, bbox=NEW_YORK_STATE, zoom=6)
    assert answer["total"] == 9
    assert answer["clusters"]
    assert all(cluster["count"] >= 2 for cluster in answer["clusters"])
    # Albany, Troy, Latham and Schenectady are close: one cluster at state zoom.
    capital = max(answer["clusters"], key=lambda cluster: cluster["count"])
    assert capital["count"] >= 7
    west, south, east, north = capital["bbox"]
    assert west <= capital["lng"] <= east and south <= capital["lat"] <= north
    assert west <= -73.7562 <= east and south <= 42.6526 <= north


def test_its_counts_add_up_to_the_lists_total(client, chargers, few_points):
    answer = ask(client, bbox=NEW_YORK_STATE, zoom=6)
    assert located(answer) == answer["total"] == list_total(client, bbox=NEW_YORK_STATE)
    answer = ask(client, bbox=NEW_YORK_STATE, zoom=6, connector="j1772")
    total = list_total(client, bbox=NEW_YORK_STATE, connector="j1772")
    assert located(answer) == answer["total"] == total == 5


def test_a_lone_location_in_its_cell_comes_as_a_point(client, chargers, few_points):
    answer = ask(client, bbox=NEW_YORK_STATE, zoom=6)
    assert "Buffalo Canalside" in {point["name"] for point in answer["points"]}


def test_its_cells_shrink_as_the_map_zooms_in(client, chargers, few_points):
    wide = ask(client, bbox=NEW_YORK_STATE, zoom=4)
    close = ask(client, bbox="-73.95,42.60,-73.65,42.83", zoom=11)
    assert len(close["clusters"]) + len(close["points"]) > len(wide["clusters"])
    assert located(close) == close["total"] == 7


def test_it_never_makes_more_cells_than_a_screen_shows(chargers):
    # A claimed street zoom over the whole world: the cells grow to stay few.
    level = clusters.cell_level((-180, -90, 180, 90), 19)
    assert 4**level <= clusters.MAX_CELLS
    assert clusters.cell_level(NEW_YORK_STATE_BOX, 19) > level


def test_its_cells_are_about_cell_pixels_square_on_screen():
    # A 256-pixel tile at zoom z is one square of level z: four cells of 64 across.
    assert clusters.cell_level(NEW_YORK_STATE_BOX, 6) == 6 + 2
    assert clusters.cell_level(NEW_YORK_STATE_BOX, 6.4) == 6 + 2


def test_it_counts_the_same_as_the_search_query(chargers, few_points):
    form = clusters.MapForm({"bbox": NEW_YORK_STATE, "zoom": "5", "network": "ChargePoint"})
    assert form.is_valid(), form.errors
    answer = clusters.answer(form.cleaned_data, form.place)
    listed = SearchForm({"bbox": NEW_YORK_STATE, "network": "ChargePoint"})
    assert listed.is_valid()
    assert answer["total"] == filtered(listed.cleaned_data, None).count() == 3

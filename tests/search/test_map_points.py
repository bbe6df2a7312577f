"""A map showing few locations gets each of them as a point, as the list shows them."""

import pytest

from ports.vocabulary import ConnectorType
from tests.search.conftest import add_location, port
from tests.search.map import DOWNTOWN_ALBANY, NEW_YORK_STATE, ask

pytestmark = pytest.mark.django_db


def test_it_answers_points_with_what_a_marker_shows(client, chargers):
    answer = ask(client, bbox=DOWNTOWN_ALBANY, zoom=14)
    assert answer["clusters"] == []
    assert answer["total"] == 3
    by_name = {point["name"]: point for point in answer["points"]}
    assert set(by_name) == {"Albany Capitol Garage", "Pine Hills Library", "Hampton Inn Albany"}
    garage = by_name["Albany Capitol Garage"]
    site = chargers["Albany Capitol Garage"]
    assert garage == {
        "id": site.pk,
        "name": "Albany Capitol Garage",
        "lat": 42.6526,
        "lng": -73.7562,
        "summary": "2 ports available of 2",
        "tone": "available",
        "url": f"/locations/{site.pk}/",
    }


def test_it_leaves_out_what_drivers_cannot_see(client, chargers):
    # Albany Old Depot (decommissioned ports) and Albany Draft Diner (draft station) are
    # inside downtown Albany's box.
    names = {point["name"] for point in ask(client, bbox=DOWNTOWN_ALBANY, zoom=14)["points"]}
    assert "Albany Old Depot" not in names
    assert "Albany Draft Diner" not in names


def test_it_applies_the_search_filters(client, chargers):
    answer = ask(client, bbox=NEW_YORK_STATE, zoom=6, connector="chademo")
    assert [point["name"] for point in answer["points"]] == ["Troy Riverfront Garage"]
    answer = ask(client, bbox=NEW_YORK_STATE, zoom=6, state="VT")
    assert [point["name"] for point in answer["points"]] == ["Bennington Station"]
    answer = ask(client, bbox=NEW_YORK_STATE, zoom=6, q="troy", min_kw="100")
    found = {point["name"] for point in answer["points"]}
    assert found == {"Troy Riverfront Garage", "Troy Music Hall", "Latham Farms"}
    # Only an owner's word makes a port "available": Albany Capitol Garage's CCS.
    answer = ask(client, bbox=NEW_YORK_STATE, zoom=6, available="on", connector="ccs")
    assert [point["name"] for point in answer["points"]] == ["Albany Capitol Garage"]


def test_it_counts_only_the_asked_connector_in_the_summary(client, chargers):
    answer = ask(client, bbox="-73.70,42.72,-73.68,42.74", zoom=15, connector="chademo")
    assert [point["summary"] for point in answer["points"]] == [
        "1 CHAdeMO port listed · no live status"
    ]


def test_it_shows_a_new_port_at_once(client, chargers):
    assert ask(client, bbox=NEW_YORK_STATE, zoom=6, connector="tesla")["total"] == 2
    add_location("Albany Tesla Stop", ports=[port(ConnectorType.TESLA, "250")])
    assert ask(client, bbox=NEW_YORK_STATE, zoom=6, connector="tesla")["total"] == 3


def test_it_accepts_a_map_across_the_antimeridian(client, chargers):
    assert ask(client, bbox="170,40,-170,50", zoom=5) == {"clusters": [], "points": [], "total": 0}


def test_it_reads_a_world_shown_more_than_once_as_the_whole_world(client, chargers):
    # Leaflet zoomed far out: longitudes past ±180, latitudes past the poles.
    answer = ask(client, bbox="-540,-95,540,95", zoom=0)
    assert answer["total"] == 9

"""search_mapcell, the map's sums per square, stays exact whoever changes a listing, and
the map answered from it is the map counted from the listings themselves."""

import threading
import time
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from ports.models import Port
from ports.vocabulary import ConnectorType, PortStatus
from search import clusters, map_grid, scale_copies
from search.models import Listing, MapCell
from search.query import filtered
from sites.access import Access
from tests.search.conftest import add_location, port
from tests.search.map import NEW_YORK_STATE, ask, located

pytestmark = pytest.mark.django_db

CCS = ConnectorType.CCS


def counted_from_listings() -> dict:
    """What each square should hold, counted here in Python from the listings."""
    squares = defaultdict(list)
    for listing in Listing.objects.filter(ports_total__gt=0):
        x, y = map_grid.key(listing.latitude, listing.longitude, map_grid.SUMMARY_LEVEL)
        squares[x, y].append(listing)
    return {
        square: (
            len(rows),
            round(sum(row.latitude for row in rows), 6),
            round(sum(row.longitude for row in rows), 6),
            min(row.longitude for row in rows),
            min(row.latitude for row in rows),
            max(row.longitude for row in rows),
            max(row.latitude for row in rows),
            min(row.site_id for row in rows),
        )
        for square, rows in squares.items()
    }


def summed() -> dict:
    return {
        (cell.x, cell.y): (
            cell.count,
            round(cell.latitude_sum, 6),
            round(cell.longitude_sum, 6),
            cell.west,
            cell.south,
            cell.east,
            cell.north,
            cell.first_site_id,
        )
        for cell in MapCell.objects.all()
    }


def square_of(site) -> tuple[int, int]:
    return map_grid.key(float(site.latitude), float(site.longitude), map_grid.SUMMARY_LEVEL)


def test_it_sums_each_square_from_its_listed_locations(chargers):
    assert summed() == counted_from_listings()
    # Nine listed locations; the decommissioned depot and the draft diner count nowhere.
    assert sum(count for count, *_ in summed().values()) == 9


def test_it_counts_a_square_again_when_a_location_moves(chargers):
    buffalo = chargers["Buffalo Canalside"]
    was = square_of(buffalo)
    buffalo.latitude, buffalo.longitude = Decimal("42.6500"), Decimal("-73.7500")
    buffalo.save()
    assert was not in summed()
    assert summed() == counted_from_listings()
    listing = Listing.objects.get(site=buffalo)
    assert (listing.map_x, listing.map_y) == map_grid.key(42.65, -73.75)


def test_it_leaves_out_a_location_whose_last_port_is_decommissioned(chargers):
    bennington = chargers["Bennington Station"]
    was = square_of(bennington)
    for each in Port.objects.filter(station__site=bennington):
        each.status = PortStatus.DECOMMISSIONED
        each.save()
    assert was not in summed()
    assert summed() == counted_from_listings()
    # And counts it again when a port is listed there once more.
    add_location("Bennington Depot", position=(42.8790, -73.1970), ports=[port(CCS, "50")])
    assert summed()[was][0] == 1


def test_it_leaves_out_a_location_made_private_or_deleted(chargers):
    troy = chargers["Troy Music Hall"]
    troy.access = Access.PRIVATE
    troy.save()
    assert not Listing.objects.filter(site=troy).exists()
    assert summed() == counted_from_listings()
    chargers["Proctors Schenectady"].delete()
    assert summed() == counted_from_listings()
    assert sum(count for count, *_ in summed().values()) == 7


def test_it_follows_listings_written_in_sql(chargers):
    """Not only Listing.refresh: an UPDATE or DELETE in SQL moves the sums too."""
    x, y = map_grid.key(40.7128, -74.0060)
    Listing.objects.filter(site=chargers["Latham Farms"]).update(
        latitude=40.7128, longitude=-74.0060, map_x=x, map_y=y
    )
    Listing.objects.filter(site=chargers["Hampton Inn Albany"]).update(ports_total=0)
    Listing.objects.filter(site=chargers["Pine Hills Library"]).delete()
    assert summed() == counted_from_listings()
    assert sum(count for count, *_ in summed().values()) == 7


def test_it_keeps_the_squares_alone_when_only_a_status_changes(chargers):
    before = summed()
    with CaptureQueriesContext(connection) as queries:
        Listing.objects.filter(site=chargers["Troy Music Hall"]).update(ports_available=0)
    assert summed() == before
    if connection.vendor == "sqlite":  # its triggers run inside the UPDATE itself
        assert len(queries) == 1


VIEWS = [
    (NEW_YORK_STATE, 6),
    (NEW_YORK_STATE, 8),
    ("-75,42,-73,43", 7),  # across the capital region's squares
    ("-73.77,42.0,-72.0,43.5", 7),  # between Pine Hills (west) and the Capitol Garage
    ("-79,42.5,-73.2,43.0", 7),  # a strip cutting squares north and south
    ("-180,-90,180,90", 0),
]


@pytest.mark.parametrize(("bbox", "zoom"), VIEWS)
def test_its_cells_from_the_sums_are_the_cells_counted_from_the_listings(
    chargers, monkeypatch, bbox, zoom
):
    form = clusters.MapForm({"bbox": bbox, "zoom": str(zoom)})
    assert form.is_valid(), form.errors
    view = form.cleaned_data["bbox"]
    listings = filtered(form.cleaned_data, None, stale_checked=True)
    with CaptureQueriesContext(connection) as queries:
        from_sums = clusters._cells(listings, view, zoom)
    assert any("search_mapcell" in query["sql"] for query in queries)
    monkeypatch.setattr(clusters, "_only_the_view", lambda listings, bbox: False)
    counted = clusters._cells(listings, view, zoom)

    def by_cell(cells):
        return {
            (cell["cell_x"], cell["cell_y"]): (
                cell["count"],
                round(cell["lat"], 9),
                round(cell["lng"], 9),
                *(cell[side] for side in ("west", "south", "east", "north", "one")),
            )
            for cell in cells
        }

    assert by_cell(from_sums) == by_cell(counted)
    assert sum(cell["count"] for cell in from_sums) == listings.count()


def test_a_view_edge_through_a_square_counts_only_what_is_inside(client, chargers):
    # Pine Hills Library (-73.7862) is just west of this view; the Capitol Garage
    # (-73.7562), in the same square, just inside it; Schenectady farther west.
    with CaptureQueriesContext(connection) as queries:
        answer = ask(client, bbox="-73.77,42.0,-72.0,43.5", zoom=7)
    assert any("search_mapcell" in query["sql"] for query in queries)
    assert answer["total"] == located(answer) == 6
    wide = ask(client, bbox="-73.80,42.0,-72.0,43.5", zoom=7)
    assert wide["total"] == 7


def test_a_filter_counts_from_the_listings(client, chargers):
    with CaptureQueriesContext(connection) as queries:
        answer = ask(client, bbox=NEW_YORK_STATE, zoom=6, connector="ccs")
    assert not any("search_mapcell" in query["sql"] for query in queries)
    assert answer["total"] == 4


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time")
def test_two_writers_into_one_square_both_count(chargers):
    """The second waits for the first to commit, then counts the square with its row."""
    moved, started = threading.Event(), threading.Event()
    errors = []
    x, y = map_grid.key(40.7128, -74.0060)

    def move(site, *, first):
        try:
            if not first:
                moved.wait(10)
            with transaction.atomic():
                if not first:
                    started.set()
                Listing.objects.filter(site=site).update(
                    latitude=40.7128, longitude=-74.0060, map_x=x, map_y=y
                )
                if first:
                    moved.set()
                    started.wait(10)
                    time.sleep(0.3)  # the other's update now runs against this open one
        except Exception as error:  # noqa: BLE001 (reported below, in the test's thread)
            errors.append(error)
        finally:
            connection.close()

    writers = [
        threading.Thread(
            target=move, args=(chargers["Buffalo Canalside"],), kwargs={"first": True}
        ),
        threading.Thread(
            target=move, args=(chargers["Bennington Station"],), kwargs={"first": False}
        ),
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(30)
    assert errors == []
    assert summed() == counted_from_listings()
    assert summed()[map_grid.key(40.7128, -74.0060, map_grid.SUMMARY_LEVEL)][0] == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="copies are made in SQL there")
def test_copies_made_in_sql_for_benchmarks_are_counted(chargers):
    for number, site in enumerate(chargers.values()):
        type(site).objects.filter(pk=site.pk).update(origin="nrel", source_id=f"us2022-{number}")
    assert scale_copies.make_copies(3) == 2
    copies = Listing.objects.filter(site_id__gte=scale_copies.STRIDE)
    assert copies.filter(ports_total__gt=0).count() == 2 * 9
    for copy in copies:
        assert (copy.map_x, copy.map_y) == map_grid.key(copy.latitude, copy.longitude)
    assert summed() == counted_from_listings()
    assert sum(count for count, *_ in summed().values()) == 3 * 9

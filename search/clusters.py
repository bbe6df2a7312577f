"""The search map's answer: what is in view, as points when few, as clusters when many.

At country zoom the national data set would be 50,000 markers; instead the database
groups the listings by a grid cell sized from the zoom (a map_grid square of about
CELL_PIXELS on screen), one row per cell, in the same query on PostgreSQL and SQLite.
A cell holding one location comes back as that location's point.

Over a wide view with no filter (the map as it opens) the cells are added up from
search_mapcell, the listings summed per square (models.MapCell), and only the listings
in the squares the view's edges cut are read one by one: a country's map reads a few
thousand rows, not every location in it. With a filter, or closer in than the sums'
squares, the listings themselves are grouped; both ways give the same cells.
"""

import math

from django import forms
from django.db import connection
from django.db.models import Avg, Count, F, Max, Min

from ports.vocabulary import ConnectorType
from search import map_grid, places
from search.query import _SHOWN, Result, SearchForm, filtered, with_words, words_of
from sites.states import USState

POINTS_AT_MOST = 500  # every location as a point when the view holds no more
CLOSE_ZOOM = 15  # street level: points up to POINTS_AT_MOST_CLOSE
POINTS_AT_MOST_CLOSE = 2000
CELL_PIXELS = 64  # a cluster per cell of about this many pixels square
MAX_CELLS = 4096  # whatever zoom is claimed, no more cells than a large screen shows
TILE_PIXELS = 256
MAX_ZOOM = 19


class MapForm(SearchForm):
    """The search form's filters, and the map's view: bbox (required) and zoom."""

    zoom = forms.FloatField(min_value=0, max_value=MAX_ZOOM)

    def __init__(self, *args, **kwargs):
        # Not SearchForm's: it lists every network and state for its menus, two scans of
        # the listings whenever they change, for a form nobody sees. Here the lists are
        # read only to check a network or state the map was asked to filter by.
        forms.Form.__init__(self, *args, **kwargs)
        self.place = None
        self.fields["network"].choices = _networks
        self.fields["state"].choices = _states
        self.fields["bbox"].required = True

    def clean_bbox(self):
        text = self.cleaned_data["bbox"]
        try:
            west, south, east, north = (float(part) for part in text.split(","))
        except ValueError:
            raise forms.ValidationError(
                "bbox must be four numbers, west,south,east,north (e.g. -125,24,-66,50)."
            ) from None
        if not all(map(math.isfinite, (west, south, east, north))):
            raise forms.ValidationError("bbox must be four finite numbers.")
        # A map zoomed far out shows latitudes past the poles and the world repeated
        # sideways (Leaflet's bounds then run past ±180): what is on Earth is meant.
        south, north = max(south, -90.0), min(north, 90.0)
        if south >= north:
            raise forms.ValidationError("bbox: south must be less than north, both within ±90.")
        if east - west >= 360:
            west, east = -180.0, 180.0
        elif not (-180 <= west <= 180 and -180 <= east <= 180):
            west, east = _wrap(west), _wrap(east)
        return (west, south, east, north)


def _networks():
    return [("", "Any network"), *((name, name) for name in places.networks())]


def _states():
    listed = set(places.states())
    return [("", "Any state"), *(choice for choice in USState.choices if choice[0] in listed)]


def _wrap(longitude: float) -> float:
    return (longitude + 180) % 360 - 180


def answer(data: dict, place, *, stale_checked=False) -> dict:
    """The JSON the map reads: {"clusters": [...], "points": [...], "total": N}."""
    asked = tuple(ConnectorType(c) for c in data.get("connector") or [])
    listings = filtered(data, place, stale_checked=stale_checked)
    listings = with_words(listings, words_of(data.get("q")))
    zoom = data["zoom"]
    at_most = POINTS_AT_MOST_CLOSE if zoom >= CLOSE_ZOOM else POINTS_AT_MOST
    cells = _cells(listings, data["bbox"], zoom)
    total = sum(cell["count"] for cell in cells)
    if total <= at_most:
        rows = listings.order_by("-ports_available", "pk").values("site_id", *_SHOWN)
        return {"clusters": [], "points": _points(rows[:at_most], asked), "total": total}
    single = [cell["one"] for cell in cells if cell["count"] == 1]
    rows = []
    if single:  # a country's map often has none: no query to build for nothing
        rows = listings.filter(site_id__in=single).order_by("pk").values("site_id", *_SHOWN)
    return {
        "clusters": [_cluster(cell) for cell in cells if cell["count"] > 1],
        "points": _points(rows, asked),
        "total": total,
    }


def cell_level(bbox, zoom: float) -> int:
    """The map_grid level whose squares are about CELL_PIXELS on screen at this zoom.

    A tile of TILE_PIXELS spans a square of level zoom, so a cell of CELL_PIXELS is one
    of level zoom + log2(TILE_PIXELS / CELL_PIXELS); coarser while the view would hold
    more than MAX_CELLS of them.
    """
    level = round(zoom + math.log2(TILE_PIXELS / CELL_PIXELS))
    level = min(max(level, 0), map_grid.KEY_LEVEL)
    while level > 0 and _cells_in_view(bbox, level) > MAX_CELLS:
        level -= 1
    return level


def _cells_in_view(bbox, level: int) -> int:
    west, south, east, north = bbox
    x0, y0 = map_grid.key(north, west, level)
    x1, y1 = map_grid.key(south, east, level)
    across = x1 - x0 + 1 if west <= east else 2**level - x0 + x1 + 1
    return across * (y1 - y0 + 1)


def _cells(listings, bbox, zoom):
    level = cell_level(bbox, zoom)
    if level <= map_grid.SUMMARY_LEVEL and _only_the_view(listings, bbox):
        inner = _inner_squares(bbox)
        if inner:
            return _cells_from_sums(bbox, level, inner)
    shift = map_grid.KEY_LEVEL - level
    return list(
        listings.annotate(
            cell_x=F("map_x").bitrightshift(shift),
            cell_y=F("map_y").bitrightshift(shift),
        )
        .values("cell_x", "cell_y")
        .annotate(
            count=Count("site_id"),
            lat=Avg("latitude"),
            lng=Avg("longitude"),
            west=Min("longitude"),
            south=Min("latitude"),
            east=Max("longitude"),
            north=Max("latitude"),
            one=Min("site_id"),
        )
        .order_by()
    )


def _only_the_view(listings, bbox) -> bool:
    """Whether these are all listed locations in the view, as search_mapcell sums them.

    Compared with the search's own query for the bare view, so that a filter the search
    learns later can never be left out of the map's count.
    """
    west, _, east, _ = bbox
    if west > east:
        return False  # across the antimeridian: the sums' ranges would wrap
    asked, bare = listings.query, filtered({"bbox": bbox}, None, stale_checked=True).query
    return (
        asked.where == bare.where
        and asked.annotations == bare.annotations
        and asked.alias_map.keys() == bare.alias_map.keys()
    )


def _inner_squares(bbox) -> tuple[int, int, int, int] | None:
    """(x0, y0, x1, y1): the summary squares lying wholly inside the view, if any.

    Wholly: a hair inside each edge, so that a listing counted in one is in the view
    whatever the rounding of its key; never the top or bottom row of the world, where
    latitudes past map_grid.MAX_LATITUDE are kept.
    """
    west, south, east, north = bbox
    level, hair = map_grid.SUMMARY_LEVEL, 1e-7
    x0, y0 = map_grid.key(north, west, level)
    x1, y1 = map_grid.key(south, east, level)
    while map_grid.west_of(x0, level) < west + hair:
        x0 += 1
    while map_grid.west_of(x1 + 1, level) > east - hair:
        x1 -= 1
    while map_grid.north_of(y0, level) > north - hair:
        y0 += 1
    while map_grid.north_of(y1 + 1, level) < south + hair:
        y1 -= 1
    y0, y1 = max(y0, 1), min(y1, 2**level - 2)
    return (x0, y0, x1, y1) if x0 <= x1 and y0 <= y1 else None


# The squares inside the view from their sums, and the listings of the squares along
# its edges (which the view cuts) one by one, grouped together into the cells.
_FROM_SUMS = """
SELECT cell_x, cell_y, SUM(n), SUM(lat_sum) / SUM(n), SUM(lng_sum) / SUM(n),
    MIN(west), MIN(south), MAX(east), MAX(north), MIN(one)
FROM (
    SELECT x >> %s AS cell_x, y >> %s AS cell_y, count AS n, latitude_sum AS lat_sum,
        longitude_sum AS lng_sum, west, south, east, north, first_site_id AS one
    FROM search_mapcell WHERE x BETWEEN %s AND %s AND y BETWEEN %s AND %s
    {edges}
) AS parts
GROUP BY cell_x, cell_y
"""
_EDGE = """
    UNION ALL
    SELECT map_x >> %s, map_y >> %s, 1, latitude, longitude,
        longitude, latitude, longitude, latitude, site_id
    FROM search_listing
    WHERE ports_total > 0 AND latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s
        AND {keys}
"""
_CELL = ["cell_x", "cell_y", "count", "lat", "lng", "west", "south", "east", "north", "one"]


def _cells_from_sums(bbox, level, inner) -> list[dict]:
    west, south, east, north = bbox
    x0, y0, x1, y1 = inner
    up = map_grid.SUMMARY_SHIFT
    # In keys: the inner squares' bounds, and a key beyond each edge of the view.
    kx0, ky0, kx1, ky1 = x0 << up, y0 << up, ((x1 + 1) << up) - 1, ((y1 + 1) << up) - 1
    (ex0, ey0), (ex1, ey1) = map_grid.key(north, west), map_grid.key(south, east)
    edges = [  # west and east columns whole, then north and south between them
        ("map_x BETWEEN %s AND %s", [ex0 - 1, kx0 - 1]),
        ("map_x BETWEEN %s AND %s", [kx1 + 1, ex1 + 1]),
        ("map_y BETWEEN %s AND %s AND map_x BETWEEN %s AND %s", [ey0 - 1, ky0 - 1, kx0, kx1]),
        ("map_y BETWEEN %s AND %s AND map_x BETWEEN %s AND %s", [ky1 + 1, ey1 + 1, kx0, kx1]),
    ]
    shift = map_grid.KEY_LEVEL - level
    down = map_grid.SUMMARY_LEVEL - level
    sql = _FROM_SUMS.format(edges="".join(_EDGE.format(keys=keys) for keys, _ in edges))
    params = [down, down, x0, x1, y0, y1]
    for _, bounds in edges:
        params += [shift, shift, south, north, west, east, *bounds]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [dict(zip(_CELL, row, strict=True)) for row in cursor.fetchall()]


def _cluster(cell) -> dict:
    return {
        "lat": round(cell["lat"], 6),
        "lng": round(cell["lng"], 6),
        "count": cell["count"],
        "bbox": [round(cell[side], 6) for side in ("west", "south", "east", "north")],
    }


def _points(rows, asked) -> list[dict]:
    points = []
    for row in rows:
        item = Result(row, asked)
        points.append(
            {
                "id": item.site_id,
                "name": item.name,
                "lat": item.latitude,
                "lng": item.longitude,
                "summary": item.summary,
                "tone": item.tone,
                "url": item.url,
            }
        )
    return points

"""The search map's answer: what is in view, as points when few, as clusters when many.

At country zoom the national data set would be 50,000 markers; instead the database
groups the listings by a grid cell sized from the zoom (about CELL_PIXELS on screen),
one row per cell, in the same query on PostgreSQL and SQLite. A cell holding one
location comes back as that location's point.
"""

import math

from django import forms
from django.db.models import Avg, Count, F, Max, Min
from django.db.models.functions import Floor

from ports.vocabulary import ConnectorType
from search.query import _SHOWN, Result, SearchForm, filtered, with_words, words_of

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
        super().__init__(*args, **kwargs)
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
    rows = listings.filter(site_id__in=single).order_by("pk").values("site_id", *_SHOWN)
    return {
        "clusters": [_cluster(cell) for cell in cells if cell["count"] > 1],
        "points": _points(rows, asked),
        "total": total,
    }


def cell_size(bbox, zoom: float) -> tuple[float, float]:
    """(degrees of longitude, degrees of latitude) of a grid cell at this zoom and place.

    A tile of 256 pixels spans 360 / 2**zoom degrees of longitude; on the Mercator map
    a degree of latitude looks 1 / cos(latitude) times taller, so cells get shorter in
    degrees to look square. Never more than MAX_CELLS cells over the view.
    """
    west, south, east, north = bbox
    lng = 360 / 2**zoom / TILE_PIXELS * CELL_PIXELS
    middle = math.radians((south + north) / 2)
    lat = lng * max(math.cos(middle), 0.05)
    width = (east - west) % 360 or 360
    cells = math.ceil(width / lng) * math.ceil((north - south) / lat)
    if cells > MAX_CELLS:
        grow = math.sqrt(cells / MAX_CELLS)
        lng, lat = lng * grow, lat * grow
    return lng, lat


def _cells(listings, bbox, zoom):
    lng, lat = cell_size(bbox, zoom)
    return list(
        listings.annotate(
            cell_x=Floor(F("longitude") / lng),
            cell_y=Floor(F("latitude") / lat),
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

"""The map's grid: Web-Mercator squares, as the map draws them, numbered by integers.

At level L the world is 2**L squares wide and 2**L tall (x from the antimeridian
eastwards, y from the north edge southwards), so a square of level L - k is the
2**k x 2**k block of level-L squares whose numbers shifted right by k are its own.
Each listing stores its square at KEY_LEVEL (about 2 m); a cluster cell of any zoom
is that key shifted right, and search_mapcell sums the listings of each square of
SUMMARY_LEVEL once (see search/models.py MapCell), so that a country's clusters add
up a few thousand squares instead of every location in it.
"""

import math

KEY_LEVEL = 24  # 2**24 squares around the world: a location's own, in an integer column
SUMMARY_LEVEL = 10  # squares of about 39 km (at the equator) summed in search_mapcell
SUMMARY_SHIFT = KEY_LEVEL - SUMMARY_LEVEL
MAX_LATITUDE = 85.0511287798066  # where the square Web-Mercator world ends


def key(latitude: float, longitude: float, level: int = KEY_LEVEL) -> tuple[int, int]:
    """(x, y) of the square holding this point at this level."""
    size = 2**level
    x = math.floor((longitude + 180) / 360 * size)
    return min(max(x, 0), size - 1), _y(latitude, size)


def _y(latitude: float, size: int) -> int:
    latitude = min(max(latitude, -MAX_LATITUDE), MAX_LATITUDE)
    y = math.floor((1 - math.asinh(math.tan(math.radians(latitude))) / math.pi) / 2 * size)
    return min(max(y, 0), size - 1)


def west_of(x: int, level: int) -> float:
    """The longitude of a square's west edge (its east edge is west_of(x + 1))."""
    return x / 2**level * 360 - 180


def north_of(y: int, level: int) -> float:
    """The latitude of a square's north edge (its south edge is north_of(y + 1))."""
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / 2**level))))


def sql_key(latitude: str, longitude: str) -> tuple[str, str]:
    """The same key in PostgreSQL, for rows written in SQL (search/scale_copies.py)."""
    size = 2**KEY_LEVEL
    x = f"least(greatest(floor(({longitude} + 180) / 360 * {size}), 0), {size - 1})::integer"
    clamped = f"least(greatest({latitude}, {-MAX_LATITUDE}), {MAX_LATITUDE})"
    y = (
        f"least(greatest(floor((1 - asinh(tan(radians({clamped}))) / pi()) / 2 * {size}), 0), "
        f"{size - 1})::integer"
    )
    return x, y

"""`load_scale_data --multiply N` on PostgreSQL: the copies made in SQL, in minutes.

Through the importer a million locations take hours (each batch of 1,000 is planned,
written and listed in Python). A copy of the national set is the same locations moved a
little, so the database makes it: for copy k, every imported location, its hours,
stations, positions, ports and listing are inserted again with ids shifted by
k * STRIDE, each location moved up to JITTER_DEGREES (the same for its listing) and
its source id suffixed "-k" as the importer names copies. Each copy carries its
original's stations and ports, where the importer would draw new ones: the mix over the
country is the same. Copies already made are kept; status history is not copied.
"""

from django.db import connection, transaction

from ports.models import Port, Position
from search.map_grid import sql_key
from search.models import Listing
from search.scale_data import JITTER_DEGREES
from sites.models import OpeningHours, Site
from stations.models import Station

STRIDE = 10_000_000  # ids of copy k start at k * STRIDE: the national set stays below
BASE = f"origin = 'nrel' AND source_id LIKE 'us2022-%%' AND id < {STRIDE}"
BASE_SITES = f"SELECT id FROM sites_site WHERE {BASE}"


def _jitter(column: str, salt: int) -> str:
    # Deterministic per location and copy: a hash of both, spread over ±JITTER_DEGREES.
    spread = 2 * JITTER_DEGREES
    return f"((({column} * 2654435761 + %(k)s * {salt}) %% 1000003) / 1000003.0 - 0.5) * {spread}"


def _copy(model, overrides: dict[str, str], where: str, joins: str = "") -> str:
    table = model._meta.db_table
    columns = [field.column for field in model._meta.concrete_fields]
    values = [overrides.get(column, f"t.{column}") for column in columns]
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM {table} t {joins} WHERE {where}"
    )


# A copy's own square on the map, from its moved position (search_mapcell then counts
# it, by trigger, as any listing written).
_MAP_X, _MAP_Y = sql_key("s.latitude::float8", "s.longitude::float8")

STATEMENTS = [
    _copy(
        Site,
        {
            "id": "t.id + %(shift)s",
            "source_id": "t.source_id || '-' || %(k)s",
            "latitude": f"round(t.latitude + {_jitter('t.id', 40503)}::numeric, 6)",
            "longitude": f"round(t.longitude + {_jitter('t.id', 97787)}::numeric, 6)",
        },
        BASE.replace("origin", "t.origin").replace(" id <", " t.id <"),
    ),
    _copy(
        OpeningHours,
        {"id": "t.id + %(shift)s", "site_id": "t.site_id + %(shift)s"},
        f"t.site_id IN ({BASE_SITES})",
    ),
    _copy(
        Station,
        {"id": "t.id + %(shift)s", "site_id": "t.site_id + %(shift)s"},
        f"t.site_id IN ({BASE_SITES})",
    ),
    _copy(
        Position,
        {"id": "t.id + %(shift)s", "station_id": "t.station_id + %(shift)s"},
        f"t.station_id IN (SELECT id FROM stations_station WHERE site_id IN ({BASE_SITES}))",
    ),
    _copy(
        Port,
        {
            "id": "t.id + %(shift)s",
            "station_id": "t.station_id + %(shift)s",
            "position_id": "t.position_id + %(shift)s",
        },
        f"t.station_id IN (SELECT id FROM stations_station WHERE site_id IN ({BASE_SITES}))",
    ),
    _copy(
        Listing,
        {
            "site_id": "t.site_id + %(shift)s",
            "latitude": "s.latitude::float8",
            "longitude": "s.longitude::float8",
            "map_x": _MAP_X,
            "map_y": _MAP_Y,
        },
        f"t.site_id IN ({BASE_SITES})",
        joins="JOIN sites_site s ON s.id = t.site_id + %(shift)s",
    ),
]
TABLES = [Site, OpeningHours, Station, Position, Port]


def make_copies(multiply: int) -> int:
    """Copies 1 .. multiply-1 of the imported national set; returns how many were made."""
    made = 0
    for k in range(1, multiply):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM sites_site WHERE id >= %s AND id < %s LIMIT 1",
                [k * STRIDE, (k + 1) * STRIDE],
            )
            if cursor.fetchone():
                continue
            for statement in STATEMENTS:
                cursor.execute(statement, {"k": k, "shift": k * STRIDE})
            made += 1
    with connection.cursor() as cursor:
        for model in TABLES:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
    return made

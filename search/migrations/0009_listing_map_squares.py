"""Each listing's square on the map (search/map_grid.py), and search_mapcell: the listed
locations of each square of level 10 summed, kept exact by triggers on search_listing,
so that the map over a country adds up squares rather than reading every listing.

The triggers count a square again from its listings whenever a listing enters it, leaves
it, moves in it or stops (or starts) having listed ports: whatever writes the row. On
PostgreSQL once per statement (a bulk insert counts each square once), each square under
an advisory lock taken in one order, so that two transactions never count from rows the
other has not committed; SQLite runs one writer at a time and counts per row.
The numbers are written out here, as a migration must: map_grid.KEY_LEVEL = 24,
SUMMARY_LEVEL = 10, so a summary square is 2**14 key squares wide.
"""

import math

from django.db import migrations, models

SHIFT = 14  # KEY_LEVEL - SUMMARY_LEVEL
SIZE = 2**24
LOCK = 1835102307  # "mapc": this lock's class among advisory locks
MAX_LATITUDE = 85.0511287798066
CELL_COLUMNS = "x, y, count, latitude_sum, longitude_sum, west, south, east, north, first_site_id"
SUMS = (
    "count(*), sum(l.latitude), sum(l.longitude), min(l.longitude), min(l.latitude), "
    "max(l.longitude), max(l.latitude), min(l.site_id)"
)


def _key(latitude, longitude):
    x = math.floor((longitude + 180) / 360 * SIZE)
    latitude = min(max(latitude, -MAX_LATITUDE), MAX_LATITUDE)
    y = math.floor((1 - math.asinh(math.tan(math.radians(latitude))) / math.pi) / 2 * SIZE)
    return min(max(x, 0), SIZE - 1), min(max(y, 0), SIZE - 1)


PG_KEYS = f"""
UPDATE search_listing SET
    map_x = least(greatest(floor((longitude + 180) / 360 * {SIZE}), 0), {SIZE - 1})::integer,
    map_y = least(greatest(floor((1 - asinh(tan(radians(
        least(greatest(latitude, {-MAX_LATITUDE}), {MAX_LATITUDE})))) / pi()) / 2 * {SIZE}), 0),
        {SIZE - 1})::integer
"""


def fill_keys(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_KEYS)
        return
    Listing = apps.get_model("search", "Listing")
    rows = []
    for listing in Listing.objects.only("latitude", "longitude").iterator(chunk_size=2000):
        listing.map_x, listing.map_y = _key(listing.latitude, listing.longitude)
        rows.append(listing)
    Listing.objects.bulk_update(rows, ["map_x", "map_y"], batch_size=500)


SUMMARISE = f"""
INSERT INTO search_mapcell ({CELL_COLUMNS})
SELECT l.map_x >> {SHIFT}, l.map_y >> {SHIFT}, {SUMS}
FROM search_listing l WHERE l.ports_total > 0
GROUP BY l.map_x >> {SHIFT}, l.map_y >> {SHIFT}
"""

PG_TRIGGERS = f"""
CREATE FUNCTION search_mapcell_recount(xs integer[], ys integer[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    -- One writer per square at a time, taken in one order (no deadlock between two
    -- statements); the statements after it read with a snapshot taken after the wait.
    PERFORM pg_advisory_xact_lock({LOCK}, c.x * {2**10} + c.y)
    FROM (SELECT DISTINCT u.x, u.y FROM unnest(xs, ys) AS u(x, y) ORDER BY u.x, u.y) AS c;
    DELETE FROM search_mapcell AS m USING unnest(xs, ys) AS u(x, y)
    WHERE m.x = u.x AND m.y = u.y;
    INSERT INTO search_mapcell ({CELL_COLUMNS})
    SELECT c.x, c.y, {SUMS}
    FROM (SELECT DISTINCT u.x, u.y FROM unnest(xs, ys) AS u(x, y)) AS c
    JOIN search_listing AS l ON l.ports_total > 0
        AND l.map_x BETWEEN c.x * {2**SHIFT} AND c.x * {2**SHIFT} + {2**SHIFT - 1}
        AND l.map_y BETWEEN c.y * {2**SHIFT} AND c.y * {2**SHIFT} + {2**SHIFT - 1}
    GROUP BY c.x, c.y;
END $$;

CREATE FUNCTION search_listing_map_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_mapcell_recount(array_agg(map_x >> {SHIFT}), array_agg(map_y >> {SHIFT}))
    FROM new_rows WHERE ports_total > 0 HAVING count(*) > 0;
    RETURN NULL;
END $$;

CREATE FUNCTION search_listing_map_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_mapcell_recount(array_agg(map_x >> {SHIFT}), array_agg(map_y >> {SHIFT}))
    FROM old_rows WHERE ports_total > 0 HAVING count(*) > 0;
    RETURN NULL;
END $$;

-- Only rows whose place on the map or listed ports changed: a live status or a new
-- version of a page leaves the squares alone.
CREATE FUNCTION search_listing_map_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_mapcell_recount(array_agg(c.x), array_agg(c.y))
    FROM (
        SELECT o.map_x >> {SHIFT} AS x, o.map_y >> {SHIFT} AS y
        FROM old_rows AS o LEFT JOIN new_rows AS n ON n.site_id = o.site_id
        WHERE o.ports_total > 0 AND (n.site_id IS NULL
            OR (n.latitude, n.longitude, n.map_x, n.map_y, n.ports_total > 0)
            IS DISTINCT FROM (o.latitude, o.longitude, o.map_x, o.map_y, true))
        UNION
        SELECT n.map_x >> {SHIFT}, n.map_y >> {SHIFT}
        FROM new_rows AS n LEFT JOIN old_rows AS o ON o.site_id = n.site_id
        WHERE n.ports_total > 0 AND (o.site_id IS NULL
            OR (o.latitude, o.longitude, o.map_x, o.map_y, o.ports_total > 0)
            IS DISTINCT FROM (n.latitude, n.longitude, n.map_x, n.map_y, true))
    ) AS c
    HAVING count(*) > 0;
    RETURN NULL;
END $$;

CREATE FUNCTION search_listing_map_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_mapcell;
    RETURN NULL;
END $$;

CREATE TRIGGER search_listing_map_insert AFTER INSERT ON search_listing
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_listing_map_inserted();
CREATE TRIGGER search_listing_map_update AFTER UPDATE ON search_listing
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_listing_map_updated();
CREATE TRIGGER search_listing_map_delete AFTER DELETE ON search_listing
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_listing_map_deleted();
CREATE TRIGGER search_listing_map_truncate AFTER TRUNCATE ON search_listing
    FOR EACH STATEMENT EXECUTE FUNCTION search_listing_map_truncated();
"""

PG_DROP = """
DROP TRIGGER IF EXISTS search_listing_map_insert ON search_listing;
DROP TRIGGER IF EXISTS search_listing_map_update ON search_listing;
DROP TRIGGER IF EXISTS search_listing_map_delete ON search_listing;
DROP TRIGGER IF EXISTS search_listing_map_truncate ON search_listing;
DROP FUNCTION IF EXISTS search_listing_map_inserted();
DROP FUNCTION IF EXISTS search_listing_map_updated();
DROP FUNCTION IF EXISTS search_listing_map_deleted();
DROP FUNCTION IF EXISTS search_listing_map_truncated();
DROP FUNCTION IF EXISTS search_mapcell_recount(integer[], integer[]);
"""


def _sqlite_recount(row: str) -> str:
    """The square of NEW or OLD counted again from its listings."""
    x, y = f"({row}.map_x >> {SHIFT})", f"({row}.map_y >> {SHIFT})"
    width = 2**SHIFT
    return f"""
    DELETE FROM search_mapcell WHERE x = {x} AND y = {y};
    INSERT INTO search_mapcell ({CELL_COLUMNS})
    SELECT {x}, {y}, {SUMS} FROM search_listing l
    WHERE l.ports_total > 0
        AND l.map_x BETWEEN {x} * {width} AND {x} * {width} + {width - 1}
        AND l.map_y BETWEEN {y} * {width} AND {y} * {width} + {width - 1}
    GROUP BY l.map_x >> {SHIFT}, l.map_y >> {SHIFT};"""


SQLITE_CHANGED = " OR ".join(
    [f"OLD.{column} IS NOT NEW.{column}" for column in ("latitude", "longitude", "map_x", "map_y")]
    + ["(OLD.ports_total > 0) IS NOT (NEW.ports_total > 0)"]
)
SQLITE_TRIGGERS = [
    "CREATE TRIGGER search_listing_map_insert AFTER INSERT ON search_listing "
    f"WHEN NEW.ports_total > 0 BEGIN {_sqlite_recount('NEW')} END",
    "CREATE TRIGGER search_listing_map_delete AFTER DELETE ON search_listing "
    f"WHEN OLD.ports_total > 0 BEGIN {_sqlite_recount('OLD')} END",
    "CREATE TRIGGER search_listing_map_update AFTER UPDATE ON search_listing "
    f"WHEN {SQLITE_CHANGED} BEGIN {_sqlite_recount('OLD')} {_sqlite_recount('NEW')} END",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS search_listing_map_{event}" for event in ("insert", "delete", "update")
]


def summarise(apps, schema_editor):
    schema_editor.execute("DELETE FROM search_mapcell")
    schema_editor.execute(SUMMARISE)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_TRIGGERS)
    else:
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def unsummarise(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    else:
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0008_listing_nearness_index"),
        ("sites", "0005_owned_since"),
    ]

    operations = [
        migrations.CreateModel(
            name="MapCell",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "x", "y", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("x", models.IntegerField()),
                ("y", models.IntegerField()),
                ("count", models.PositiveIntegerField()),
                ("latitude_sum", models.FloatField()),
                ("longitude_sum", models.FloatField()),
                ("west", models.FloatField()),
                ("south", models.FloatField()),
                ("east", models.FloatField()),
                ("north", models.FloatField()),
                (
                    "first_site_id",
                    models.BigIntegerField(help_text="The lowest site id: the location when one."),
                ),
            ],
        ),
        migrations.AddField(
            model_name="listing", name="map_x", field=models.IntegerField(default=0)
        ),
        migrations.AddField(
            model_name="listing", name="map_y", field=models.IntegerField(default=0)
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop, elidable=False),
        migrations.AddIndex(
            model_name="listing",
            index=models.Index(
                condition=models.Q(("ports_total__gt", 0)),
                fields=["map_x", "map_y"],
                name="listing_map_x",
            ),
        ),
        migrations.AddIndex(
            model_name="listing",
            index=models.Index(
                condition=models.Q(("ports_total__gt", 0)),
                fields=["map_y", "map_x"],
                name="listing_map_y",
            ),
        ),
        migrations.RunPython(summarise, unsummarise, elidable=False),
    ]

"""On PostgreSQL the square sums follow an UPDATE of search_listing row by row, and only the
rows that moved or stopped (or started) having listed ports: a trigger's WHEN is tested
without calling any function.

0009's trigger ran once per statement over the statement's old and new rows, for every
UPDATE of the table: a live status marks its location's row stale (stale_after) hundreds
of times a second, and each paid a PL/pgSQL call and a join of two transition tables to
find that nothing had moved. PostgreSQL allows no transition tables on a trigger limited
to some columns, hence a row trigger. Inserts and deletes keep their statement triggers.
"""

import importlib

from django.db import migrations

SHIFT = 14  # as in 0009: KEY_LEVEL - SUMMARY_LEVEL

MOVED = """
(OLD.latitude, OLD.longitude, OLD.map_x, OLD.map_y, OLD.ports_total > 0)
IS DISTINCT FROM (NEW.latitude, NEW.longitude, NEW.map_x, NEW.map_y, NEW.ports_total > 0)
"""

PER_ROW = f"""
DROP TRIGGER IF EXISTS search_listing_map_update ON search_listing;
DROP FUNCTION IF EXISTS search_listing_map_updated();
CREATE FUNCTION search_listing_map_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Both squares counted again: the one it left and the one it is in (the same one
    -- when it moved within it); a square left empty loses its row.
    PERFORM search_mapcell_recount(
        ARRAY[OLD.map_x >> {SHIFT}, NEW.map_x >> {SHIFT}],
        ARRAY[OLD.map_y >> {SHIFT}, NEW.map_y >> {SHIFT}]
    );
    RETURN NULL;
END $$;
CREATE TRIGGER search_listing_map_update AFTER UPDATE ON search_listing
    FOR EACH ROW WHEN ({MOVED}) EXECUTE FUNCTION search_listing_map_moved();
"""


def per_row(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PER_ROW)


def per_statement(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    earlier = importlib.import_module("search.migrations.0009_listing_map_squares").PG_TRIGGERS
    function = earlier[earlier.index("CREATE FUNCTION search_listing_map_updated") :]
    function = function[: function.index("CREATE FUNCTION search_listing_map_truncated")]
    trigger = earlier[earlier.index("CREATE TRIGGER search_listing_map_update") :]
    trigger = trigger[: trigger.index("CREATE TRIGGER search_listing_map_delete")]
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS search_listing_map_update ON search_listing;"
        "DROP FUNCTION IF EXISTS search_listing_map_moved();" + function + trigger
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0009_listing_map_squares")]

    operations = [migrations.RunPython(per_row, per_statement, elidable=False)]

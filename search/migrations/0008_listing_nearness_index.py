"""On PostgreSQL, a GiST index of each listed location's point on the globe (cube and
earthdistance, shipped with PostgreSQL) answers "nearest first within N miles" by walking
the index outwards from the place, instead of sorting every location in a box around it.
SQLite has no such index: it filters a latitude/longitude box and sorts, as before."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS cube")
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS earthdistance")
        # Partial, as every search is: only locations with listed ports are found.
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS listing_nearness ON search_listing "
            "USING gist (ll_to_earth(latitude, longitude)) WHERE ports_total > 0"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The extensions stay: other databases' objects may use them, and they cost nothing.
        schema_editor.execute("DROP INDEX IF EXISTS listing_nearness")


class Migration(migrations.Migration):
    dependencies = [("search", "0007_listing_on_map_index")]
    operations = [migrations.RunPython(create, drop, elidable=False)]

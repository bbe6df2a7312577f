"""The community signal on each listing (community.CheckIn.objects.signal_for).

On SQLite, adding a CHECK constraint (and a column with a default) rebuilds the table,
which drops its triggers: the map-square triggers of migration 0009 are made again after
the rebuild, whichever way the migration runs. Rows start without a signal; a listing
gets one when it is next refreshed (a check-in marks it stale).
"""

import importlib

from django.db import migrations, models

SQUARES = importlib.import_module("search.migrations.0009_listing_map_squares")


def remake_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in [*SQUARES.SQLITE_DROP, *SQUARES.SQLITE_TRIGGERS]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0010_map_update_trigger_per_row"),
    ]

    operations = [
        # Unapplied, this runs last: after the rebuilds that undo the operations below.
        migrations.RunPython(migrations.RunPython.noop, remake_sqlite_triggers, elidable=False),
        migrations.AddField(
            model_name="listing",
            name="community_charged",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="drivers who charged"),
        ),
        migrations.AddField(
            model_name="listing",
            name="community_of",
            field=models.PositiveSmallIntegerField(
                default=0, verbose_name="drivers who checked in"
            ),
        ),
        migrations.AddConstraint(
            model_name="listing",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("community_charged__isnull", True), ("community_of", 0)),
                    models.Q(
                        ("community_charged__isnull", False),
                        ("community_charged__lte", models.F("community_of")),
                        ("community_of__gt", 0),
                    ),
                    _connector="OR",
                ),
                name="listing_community_charged_of_drivers",
            ),
        ),
        migrations.RunPython(remake_sqlite_triggers, migrations.RunPython.noop, elidable=False),
    ]

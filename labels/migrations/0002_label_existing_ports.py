from django.db import migrations

from labels.codes import new_code

BATCH = 1000


def label_existing_ports(apps, schema_editor):
    """Ports made before labels existed get theirs now, as new ones do on creation."""
    Port = apps.get_model("ports", "Port")
    PortLabel = apps.get_model("labels", "PortLabel")
    while True:
        unlabelled = list(
            Port.objects.filter(printed_label__isnull=True).values_list("pk", flat=True)[:BATCH]
        )
        if not unlabelled:
            return
        # A code drawn twice skips its row; the next pass picks that port up again.
        PortLabel.objects.bulk_create(
            [PortLabel(port_id=pk, code=new_code()) for pk in unlabelled], ignore_conflicts=True
        )


class Migration(migrations.Migration):
    dependencies = [
        ("labels", "0001_initial"),
    ]

    # Going back drops the table in 0001: nothing to undo here.
    operations = [migrations.RunPython(label_existing_ports, migrations.RunPython.noop)]

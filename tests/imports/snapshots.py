"""What an import wrote, comparable between two imports: rows by source id, no pks or times."""

from collections import defaultdict

from django.db import transaction

from ports.models import Port
from sites.models import OpeningHours, Site
from stations.models import Station

_NOT_COMPARED = {"id", "created_at", "updated_at", "verified_at"}
SITE_COLUMNS = [f.attname for f in Site._meta.concrete_fields if f.name not in _NOT_COMPARED]
PORT_COLUMNS = [
    f.attname
    for f in Port._meta.concrete_fields
    if f.name not in _NOT_COMPARED | {"station", "position", "out_of_service_since"}
]


def snapshot() -> dict:
    sites = {row["source_id"]: row for row in Site.objects.values(*SITE_COLUMNS)}
    stations = sorted(
        Station.objects.values_list(
            "site__source_id", "name", "manufacturer", "model", "network", "is_published"
        )
    )
    ports, sharing = [], defaultdict(list)
    for row in Port.objects.values(
        "station__site__source_id", "station__name", "position_id", *PORT_COLUMNS
    ):
        key = (row.pop("station__site__source_id"), row.pop("station__name"))
        position = row.pop("position_id")
        ports.append((*key, *row.values()))
        if position is not None:
            sharing[position].append((*key, row["label"]))
    positions = sorted(tuple(sorted(labels)) for labels in sharing.values())
    hours = sorted(
        OpeningHours.objects.values_list("site__source_id", "weekday", "opens", "closes")
    )
    return {
        "sites": sites,
        "stations": stations,
        "ports": sorted(ports),
        "positions": positions,
        "opening hours": hours,
    }


def imported(run) -> dict:
    """Run an import inside a transaction rolled back afterwards: what it wrote."""
    with transaction.atomic():
        run()
        written = snapshot()
        transaction.set_rollback(True)
    return written

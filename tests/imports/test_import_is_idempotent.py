"""Importing the same export again writes nothing; a changed record updates its unclaimed site."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ports.models import Port
from ports.vocabulary import ConnectorType, PowerType
from sites.models import Site
from stations.models import Station
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db

# CNG, L2 only, L2 + DC, L2 + 3 CCS, 3 DC types, an address on two lines.
IDS = ["108", "44174", "44176", "146876", "256121", "322998"]
ELEC_RECORDS = 5


def export(tmp_path, **changed_rows):
    """The export with some records' cells changed: export(tmp_path, **{"44176": {...}})."""
    rows = [ny_row(source_id, **changed_rows.get(source_id, {})) for source_id in IDS]
    return write_csv(tmp_path / "afdc.csv", rows)


def summary(output, label):
    return int(re.search(rf"^  {label}\s+([\d,]+)$", output, re.MULTILINE)[1])


def snapshot():
    return (
        list(Site.objects.order_by("pk").values_list("pk", "updated_at", "source_fingerprint")),
        list(Station.objects.order_by("pk").values_list("pk", "updated_at")),
        list(Port.objects.order_by("pk").values_list("pk", "updated_at")),
        Port.history.count(),
    )


def writes(queries):
    return [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_it_writes_nothing_when_nothing_changed(tmp_path):
    path = export(tmp_path)
    assert summary(run_import(path), "created") == ELEC_RECORDS
    before = snapshot()

    with CaptureQueriesContext(connection) as queries:
        output = run_import(path)

    assert writes(queries.captured_queries) == []
    assert snapshot() == before
    assert [summary(output, label) for label in ("created", "updated", "unchanged", "skipped")] == [
        0,
        0,
        ELEC_RECORDS,
        0,
    ]


def test_it_updates_an_unclaimed_site_whose_counts_changed(tmp_path):
    run_import(export(tmp_path))
    others = list(Port.objects.exclude(station__site__source_id="44176").values_list("pk"))

    changed = {"EV Level2 EVSE Num": "", "EV DC Fast Count": "3"}
    output = run_import(export(tmp_path, **{"44176": changed}))

    assert (summary(output, "updated"), summary(output, "unchanged")) == (1, ELEC_RECORDS - 1)
    site = Site.objects.get(source_id="44176")
    assert site.owner is None
    # Its DC station now has three positions. NREL no longer counts Level 2 chargers but
    # still lists J1772: one approximate Level 2 port keeps it findable.
    assert list(site.stations.values_list("name", flat=True)) == [
        "AC Level 2 chargers",
        "DC Fast chargers",
    ]
    assert list(
        Port.objects.filter(station__site=site)
        .order_by("station__name", "label")
        .values_list("connector_type", "power_type")
    ) == [
        (ConnectorType.J1772, PowerType.AC_LEVEL_2),
        (ConnectorType.CCS, PowerType.DC_FAST),
        (ConnectorType.CHADEMO, PowerType.DC_FAST),
        (ConnectorType.CCS, PowerType.DC_FAST),
    ]
    assert all(port.needs_review for port in Port.objects.filter(station__site=site))
    # Other locations keep their ports: same rows, not recreated.
    assert list(Port.objects.exclude(station__site__source_id="44176").values_list("pk")) == others


def test_it_updates_an_unclaimed_sites_pricing(tmp_path):
    run_import(export(tmp_path))
    site_pks = dict(Site.objects.values_list("source_id", "pk"))

    output = run_import(export(tmp_path, **{"256121": {"EV Pricing": "$0.69 per kWh"}}))

    assert summary(output, "updated") == 1
    assert Site.objects.get(source_id="256121").pricing == "$0.69 per kWh"
    assert dict(Site.objects.values_list("source_id", "pk")) == site_pks


def test_it_writes_nothing_the_run_after_a_change(tmp_path):
    run_import(export(tmp_path))
    changed = export(tmp_path, **{"256121": {"EV Pricing": "$0.69 per kWh"}})
    run_import(changed)
    before = snapshot()

    with CaptureQueriesContext(connection) as queries:
        output = run_import(changed)

    assert writes(queries.captured_queries) == []
    assert snapshot() == before
    assert summary(output, "unchanged") == ELEC_RECORDS


def test_it_moves_updated_at_of_an_updated_site(tmp_path):
    run_import(export(tmp_path))
    before = Site.objects.get(source_id="256121").updated_at

    run_import(export(tmp_path, **{"256121": {"EV Pricing": "$0.69 per kWh"}}))

    assert Site.objects.get(source_id="256121").updated_at > before


def test_it_keeps_a_site_whose_changed_record_is_now_bad(tmp_path):
    run_import(export(tmp_path))
    before = snapshot()

    output = run_import(export(tmp_path, **{"44174": {"Latitude": ""}}), "--max-skipped", "50")

    assert summary(output, "skipped") == 1
    assert "(id 44174): latitude is missing" in output
    assert snapshot() == before

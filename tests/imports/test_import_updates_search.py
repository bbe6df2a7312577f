"""The import writes in bulk, without per-row signals, and then tells whoever keeps copies of
locations (drivers' search) which ones changed: `sites.signals.locations_changed`.

The importer lives in its own app, `nrel`, and depends on the core only: it never imports a
feature app such as search.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

from search.models import Listing
from sites.models import Site
from sites.signals import bulk_writes, is_bulk_writing, locations_changed
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db

IDS = ["44174", "166207"]  # one Level 2 J1772; four DC positions


def test_it_lists_new_locations_for_drivers(tmp_path):
    run_import(write_csv(tmp_path / "afdc.csv", [ny_row(i) for i in IDS]))
    listings = {
        listing.site.source_id: listing for listing in Listing.objects.select_related("site")
    }
    assert set(listings) == set(IDS)
    assert "thruway nissan" in listings["44174"].search_text
    assert listings["166207"].ports_total == 4


def test_it_refreshes_the_listing_of_a_replaced_location(tmp_path):
    run_import(write_csv(tmp_path / "afdc.csv", [ny_row(i) for i in IDS]))
    changed = [
        ny_row("44174", **{"Station Name": "Thruway Nissan of Newburgh"}),
        ny_row("166207", **{"EV DC Fast Count": "2"}),
    ]
    run_import(write_csv(tmp_path / "afdc.csv", changed))
    assert "newburgh" in Listing.objects.get(site__source_id="44174").search_text
    assert Listing.objects.get(site__source_id="166207").ports_total == 2


def test_it_sends_one_signal_per_batch_with_the_changed_locations(tmp_path):
    received = []

    def receiver(sender, site_ids, **kwargs):
        received.append((sender, sorted(site_ids), is_bulk_writing()))

    locations_changed.connect(receiver)
    try:
        run_import(write_csv(tmp_path / "afdc.csv", [ny_row(i) for i in IDS]))
        run_import(write_csv(tmp_path / "afdc.csv", [ny_row(i) for i in IDS]))  # unchanged
    finally:
        locations_changed.disconnect(receiver)
    assert received == [(Site, sorted(Site.objects.values_list("pk", flat=True)), False)]


def test_bulk_writes_holds_only_inside_its_block():
    assert not is_bulk_writing()
    with bulk_writes():
        assert is_bulk_writing()
    assert not is_bulk_writing()


def test_the_importer_imports_no_feature_app():
    feature_apps = {"search", "ocpi", "claims", "reports", "photos"}
    for path in (Path(settings.BASE_DIR) / "nrel").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in feature_apps, f"{path} imports {name}"

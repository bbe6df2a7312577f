"""A cell that cannot be read costs that field, not the row; the summary says which cells went.

Rows are copies of a real NY record: Indian Castle Service Area (256121: 4 DC positions,
CHADEMO J1772COMBO TESLA, opened 2023-03-09, last confirmed 2024-08-15, $0.64 per kWh).
"""

import re
from datetime import date
from decimal import Decimal

import pytest

from ports.models import Port
from sites.models import Site
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db

TEMPLATE = "256121"


def row(source_id, **cells):
    return ny_row(TEMPLATE, ID=source_id, **cells)


UNREADABLE = {
    "ZIP": "1255O",
    "State": "ZZ",
    "Status Code": "X",
    "Open Date": "soon",
    "Date Last Confirmed": "32/13/2024",
    "Restricted Access": "maybe",
    "Access Detail Code": "VIP_ONLY",
    "Access Code": "members",
    "Station Phone": "12",
    "Country": "Atlantis",
}


@pytest.fixture
def output(tmp_path):
    rows = [
        row("900001", **UNREADABLE),
        # Five bad counts in one column: the summary shows three of them.
        *(
            row(f"90001{n}", **{"EV DC Fast Count": value})
            for n, value in enumerate(["four", "-1", "2.5", "four", "9999", "x"])
        ),
    ]
    return run_import(write_csv(tmp_path / "afdc.csv", rows))


def test_it_imports_every_row_without_the_cells_it_cannot_read(output):
    assert re.search(r"^  created\s+7$", output, re.MULTILINE)
    assert re.search(r"^  skipped\s+0$", output, re.MULTILINE)
    site = Site.objects.get(source_id="900001")
    assert (site.zip_code, site.state, site.country) == ("", "", "USA")
    assert (site.opened_on, site.source_confirmed_on) == (None, None)
    assert (site.restricted, site.access_detail, site.access, site.phone) == (
        False,
        "",
        "public",
        "",
    )
    # What could be read is kept.
    assert (site.name, site.city, site.price_per_kwh) == (
        "Indian Castle Service Area",
        "Little Falls",
        Decimal("0.64"),
    )
    assert Port.objects.filter(station__site=site).count() == 4


def test_it_reads_an_unreadable_status_as_available(output):
    site = Site.objects.get(source_id="900001")
    assert set(Port.objects.filter(station__site=site).values_list("status", flat=True)) == {
        "operational"
    }


def test_it_keeps_a_row_whose_count_is_unreadable_with_one_port_per_connector(output):
    # No DC count it can read, three connectors listed: each one stays findable.
    site = Site.objects.get(source_id="900010")
    assert sorted(
        Port.objects.filter(station__site=site).values_list("connector_type", "power_type")
    ) == [("ccs", "dc_fast"), ("chademo", "dc_fast"), ("tesla", "ac_level_2")]


def test_it_counts_the_unreadable_cells_by_column_with_examples(output):
    lines = output.splitlines()
    start = lines.index("Imported without cells that could not be read:") + 1
    summary = lines[start : start + len(UNREADABLE) + 1]
    assert "       6  unreadable EV DC Fast Count (e.g. “four”, “-1”, “2.5”)" in summary
    for column, value in UNREADABLE.items():
        assert f"       1  unreadable {column} (e.g. “{value}”)" in summary


def test_it_says_which_dates_it_could_read(tmp_path):
    rows = [
        row("900101", **{"Open Date": "3/9/2023", "Date Last Confirmed": "45519"}),
        row("900102", **{"Open Date": "2023-03-09 00:00:00 UTC", "Date Last Confirmed": "8/15/24"}),
    ]
    output = run_import(write_csv(tmp_path / "dates.csv", rows))
    assert "unreadable" not in output
    for site in Site.objects.all():
        assert (site.opened_on, site.source_confirmed_on) == (date(2023, 3, 9), date(2024, 8, 15))

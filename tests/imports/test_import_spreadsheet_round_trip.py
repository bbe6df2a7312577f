"""The whole New York export, and the same export as a spreadsheet saved it, import alike.

`saved_by_a_spreadsheet` writes every record of the shared file as a person's spreadsheet
would: dates as M/D/YYYY (every fourth row as a serial day number), ZIPs as numbers and
some with their +4, TRUE/FALSE, counts and ids as "2.0", line breaks as "_x000D_", stray
spaces in cells and titles, titles in another case and the columns in another order,
Windows-1252 with CRLF line ends. Each file imports in its own transaction, rolled back
after it; the two give the same locations, stations, positions, ports and fields, compared
by source id.
"""

import re

import pytest

from tests.imports.afdc import NY_EXPORT, ny_first_ids, ny_row, run_import
from tests.imports.snapshots import imported
from tests.imports.spreadsheet import saved_by_a_spreadsheet

pytestmark = pytest.mark.django_db

ALL_RECORDS = 10**6  # more than the export holds
ELEC_RECORDS = 4736
CHADEMO_LOCATIONS = 208  # ELEC records whose connector types name CHADEMO


@pytest.fixture(scope="module")
def damaged_export(tmp_path_factory):
    path = tmp_path_factory.mktemp("spreadsheet") / "afdc-ny-2025-04 (saved).csv"
    path.write_bytes(saved_by_a_spreadsheet([ny_row(i) for i in ny_first_ids(ALL_RECORDS)]))
    return path


def test_the_damaged_file_is_damaged(damaged_export):
    text = damaged_export.read_bytes().decode("cp1252")
    first = text.splitlines()[2]
    assert "_x000D_" in text and "\r\n" in text
    assert "/" in first or ".0" in first
    assert not damaged_export.read_bytes().startswith(b"\xef\xbb\xbf")


def test_both_files_import_every_electric_record_alike(damaged_export):
    outputs = {}
    clean = imported(lambda: outputs.setdefault("clean", run_import(NY_EXPORT)))
    damaged = imported(lambda: outputs.setdefault("damaged", run_import(damaged_export)))

    for output in outputs.values():
        assert re.search(rf"^  created\s+{ELEC_RECORDS:,}$", output, re.MULTILINE)
        assert re.search(r"^  skipped\s+0$", output, re.MULTILINE)
        assert "unreadable" not in output
    assert len(clean["sites"]) == ELEC_RECORDS
    assert clean["sites"].keys() == damaged["sites"].keys()
    differing = [i for i in clean["sites"] if clean["sites"][i] != damaged["sites"][i]]
    assert differing == [], _first_difference(clean["sites"], damaged["sites"], differing)
    for part in ("stations", "positions", "ports", "opening hours"):
        assert clean[part] == damaged[part], part
    assert len(clean["positions"]) == 129  # each DC position listing CHAdeMO and CCS, and more
    # Every location that lists CHAdeMO has a CHAdeMO port: before positions, 128 did not.
    with_chademo = {port[0] for port in clean["ports"] if "chademo" in port}
    assert len(with_chademo) == CHADEMO_LOCATIONS


def _first_difference(clean, damaged, ids):
    if not ids:
        return ""
    a, b = clean[ids[0]], damaged[ids[0]]
    return {key: (a[key], b[key]) for key in a if a[key] != b[key]}

"""A bad row is skipped with a reason a person can act on; the rows around it still import.

Each bad row is a copy of a real NY record (44174, one Level 2 J1772) with one cell broken.
"""

import re

import pytest

from sites.models import Site
from sites.nrel.importer import BATCH_SIZE
from tests.imports.afdc import csv_bytes, ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db

TEMPLATE = "44174"
PLACEHOLDER = "Caf\u00e9 Lot"  # written as Latin-1 below: the wrong encoding


def row(source_id, **changes):
    return ny_row(TEMPLATE, ID=source_id, **changes)


# line number in the file -> (id, cell changed, what the reason says)
BAD = {
    3: ("900002", {"Latitude": ""}, "latitude is missing"),
    4: ("900003", {"EV Connector Types": "J1772 FOO"}, "unknown connector code FOO"),
    6: ("900005", {"EV Level2 EVSE Num": "abc"}, "'abc' is not a number"),
    7: ("900006", {"Station Name": PLACEHOLDER}, "not valid UTF-8"),
    8: ("900007", {"ZIP": "1255O"}, "'1255O' is not a 5-digit ZIP code"),
    9: ("900008", {"State": "ZZ"}, "'ZZ' is not a US state"),
    10: ("900009", {"Status Code": "X"}, "'X' is not E, T or P"),
    11: ("900011", {"Longitude": "0"}, "longitude 0 is not a place in the US"),
}


@pytest.fixture
def bad_file(tmp_path):
    lines = {
        2: row("900001", **{"Station Name": "First listing"}),
        5: row("900004"),
        12: row("900001", **{"Station Name": "Second listing"}),  # the same id again
        13: row("900010"),
        **{line: row(source_id, **cells) for line, (source_id, cells, _) in BAD.items()},
    }
    rows = [lines[line] for line in sorted(lines)]
    assert sorted(lines) == list(range(2, 14))
    data = csv_bytes(rows).replace(PLACEHOLDER.encode(), PLACEHOLDER.encode("latin-1"))
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    return path


def skip_line(output, line):
    found = re.findall(rf"^  line {line} \(id (\d+)\): (.*)$", output, re.MULTILINE)
    assert len(found) == 1, f"line {line} not reported once in:\n{output}"
    return found[0]


def test_it_imports_the_good_rows_around_the_bad_ones(bad_file):
    output = run_import(bad_file)
    assert set(Site.objects.values_list("source_id", flat=True)) == {"900001", "900004", "900010"}
    assert re.search(r"^  created\s+3$", output, re.MULTILINE)
    assert re.search(r"^  skipped\s+9$", output, re.MULTILINE)


@pytest.mark.parametrize("line", BAD)
def test_it_reports_each_bad_row_with_its_line_and_reason(bad_file, line):
    output = run_import(bad_file)
    source_id, _, reason = BAD[line]
    reported_id, reported_reason = skip_line(output, line)
    assert reported_id == source_id
    assert reason in reported_reason
    assert not Site.objects.filter(source_id=source_id).exists()


def test_it_counts_the_skips_by_reason(bad_file):
    output = run_import(bad_file)
    reasons = output.split("Skipped, by reason:\n")[1].split("Skipped rows:")[0]
    assert len(reasons.splitlines()) == 9
    for _, _, reason in BAD.values():
        # Grouped by kind: the values in a reason ('abc', 12) are left out.
        kind = re.sub(r"'[^']*'|\b\d+(\.\d+)?\b", "…", reason.split(" (")[0])
        assert re.search(rf"^\s+1  .*{re.escape(kind)}", reasons, re.MULTILINE)


def test_it_reports_an_id_listed_twice_and_keeps_one_site(bad_file):
    output = run_import(bad_file)
    reported = re.findall(r"^  line (\d+) \(id 900001\): (.*)$", output, re.MULTILINE)
    assert len(reported) == 1
    line, reason = reported[0]
    assert "repeated" in reason
    assert {line, *re.findall(r"\d+", reason)} >= {"2", "12"}
    # The site holds the listing that was not skipped.
    kept = {"2": "Second listing", "12": "First listing"}[line]
    assert Site.objects.get(source_id="900001").name == kept


def test_it_never_aborts_for_a_row_of_a_wrong_encoding(tmp_path):
    # A whole file of Latin-1 names: every such row is reported, none stops the import.
    names = ["Caf\u00e9 Lot", "Jos\u00e9's Garage", "Cr\u00e8me Bakery"]
    rows = [row(f"90010{n}", **{"Station Name": name}) for n, name in enumerate(names)]
    rows.append(row("900109"))
    data = csv_bytes(rows)
    for name in names:
        data = data.replace(name.encode(), name.encode("latin-1"))
    output = run_import(write_bytes(tmp_path / "latin1.csv", data))
    assert list(Site.objects.values_list("source_id", flat=True)) == ["900109"]
    for line in (2, 3, 4):
        assert "not valid UTF-8" in skip_line(output, line)[1]


def test_it_repairs_what_it_can(tmp_path):
    # Seen in real exports: a ZIP that lost its leading zero, a non-breaking space.
    rows = [
        row("900201", State="MA", ZIP="2134"),
        row("900202", ZIP="12550\u00a0", **{"EV Network": "\u00a0ChargePoint Network"}),
    ]
    output = run_import(write_csv(tmp_path / "repairable.csv", rows))
    assert re.search(r"^  skipped\s+0$", output, re.MULTILINE)
    assert Site.objects.get(source_id="900201").zip_code == "02134"
    repaired = Site.objects.get(source_id="900202")
    assert (repaired.zip_code, repaired.network) == ("12550", "ChargePoint Network")


def test_it_reports_an_id_listed_twice_far_apart(tmp_path):
    rows = [row(str(910000 + n)) for n in range(BATCH_SIZE + 1)]
    rows.append(row("910000", **{"Station Name": "Listed again"}))
    output = run_import(write_csv(tmp_path / "long.csv", rows))
    assert Site.objects.count() == BATCH_SIZE + 1
    assert re.search(r"^  updated\s+0$", output, re.MULTILINE)
    assert re.search(r"^  skipped\s+1$", output, re.MULTILINE)
    reported = re.findall(r"^  line (\d+) \(id 910000\): (.*)$", output, re.MULTILINE)
    assert len(reported) == 1
    assert "repeated" in reported[0][1]
    assert {"2", str(BATCH_SIZE + 3)} <= {reported[0][0], *re.findall(r"\d+", reported[0][1])}


def test_it_reports_the_line_a_multi_line_row_starts_on(tmp_path):
    # The real export holds such a row (322998: "Six Flags Darien Lake_x000D_\n9993 ...").
    rows = [
        row("900301"),
        row("900302", **{"Street Address": "Six Flags Darien Lake\n9993 Alleghany R"}, ZIP="x"),
        row("900303", ZIP="y"),
    ]
    output = run_import(write_csv(tmp_path / "multiline.csv", rows))
    assert skip_line(output, 3)[0] == "900302"
    assert skip_line(output, 5)[0] == "900303"  # line 3 and 4 hold the row above


def write_bytes(path, data):
    path.write_bytes(data)
    return path

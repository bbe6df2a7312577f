"""Only a row without an id, a name or usable coordinates is skipped, with a reason a person can
act on; the rows around it still import.

Each row is a copy of a real NY record (44174, one Level 2 J1772) with one cell changed. A
location is a place on the map: without coordinates (missing, not a number, 0, off the map)
drivers cannot find it. Anything else a row lacks costs only that field (see
test_import_unreadable_cells.py).
"""

import re
from decimal import Decimal

import pytest

from nrel.importer import BATCH_SIZE
from sites.models import Site
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db

TEMPLATE = "44174"
ALLOW = ("--max-skipped", "100")  # these files are mostly bad on purpose


def row(source_id, **changes):
    return ny_row(TEMPLATE, ID=source_id, **changes)


# line number in the file -> (id, cells changed, the id reported, what the reason says)
BAD = {
    3: ("900002", {"Latitude": ""}, "900002", "latitude is missing (no coordinates)"),
    4: ("", {}, "?", "id is missing"),
    6: ("900005", {"Longitude": "abc"}, "900005", "longitude 'abc' is not a number"),
    7: ("900006", {"Station Name": "  _x000D_ "}, "900006", "station_name is missing"),
    8: ("900007", {"Latitude": "95.2"}, "900007", "latitude 95.2 is not on the map (-90 to 90)"),
    9: ("900008", {"Longitude": "0"}, "900008", "0 stands for an unknown coordinate"),
    10: ("900009", {"Longitude": "NaN"}, "900009", "longitude NaN is not on the map"),
    11: ("9" * 60, {}, "9" * 20, "too long to be an AFDC id"),
}
# Rows that lack other things, even all of them at once, import.
LACKING = {
    "900012": {"ZIP": "", "Street Address": "", "City": ""},
    "900013": {"State": "ZZ", "ZIP": "1255O", "Status Code": "X", "EV Level2 EVSE Num": "abc"},
}


@pytest.fixture
def bad_file(tmp_path):
    lines = {
        2: row("900001", **{"Station Name": "First listing"}),
        5: row("900004"),
        12: row("900001", **{"Station Name": "Second listing"}),  # the same id again
        13: row("900010"),
        14: row("900012", **LACKING["900012"]),
        15: row("900013", **LACKING["900013"]),
        **{line: row(source_id, **cells) for line, (source_id, cells, _, _) in BAD.items()},
    }
    assert sorted(lines) == list(range(2, 16))
    return write_csv(tmp_path / "bad.csv", [lines[line] for line in sorted(lines)])


def skip_line(output, line):
    found = re.findall(rf"^  line {line} \(id ([^)]+)\): (.*)$", output, re.MULTILINE)
    assert len(found) == 1, f"line {line} not reported once in:\n{output}"
    return found[0]


def test_it_imports_the_good_rows_around_the_bad_ones(bad_file):
    output = run_import(bad_file, *ALLOW)
    assert set(Site.objects.values_list("source_id", flat=True)) == {
        "900001",
        "900004",
        "900010",
        *LACKING,
    }
    assert re.search(r"^  created\s+5$", output, re.MULTILINE)
    assert re.search(r"^  skipped\s+9$", output, re.MULTILINE)


@pytest.mark.parametrize("line", BAD)
def test_it_reports_each_bad_row_with_its_line_and_reason(bad_file, line):
    output = run_import(bad_file, *ALLOW)
    source_id, _, reported_as, reason = BAD[line]
    reported_id, reported_reason = skip_line(output, line)
    assert reported_id == reported_as
    assert reason in reported_reason
    assert not Site.objects.filter(source_id=source_id).exists()


def test_it_imports_a_row_without_street_city_or_zip_at_its_coordinates(bad_file):
    run_import(bad_file, *ALLOW)
    site = Site.objects.get(source_id="900012")
    assert (site.street_address, site.city, site.zip_code) == ("", "", "")
    assert (site.state, site.name) == ("NY", "Thruway Nissan")
    assert site.latitude == ny_latitude()


def test_it_imports_a_row_whose_state_cannot_be_read_without_its_state(bad_file):
    run_import(bad_file, *ALLOW)
    site = Site.objects.get(source_id="900013")
    assert (site.state, site.zip_code, site.country) == ("", "", "USA")


def test_it_counts_the_skips_by_reason(bad_file):
    output = run_import(bad_file, *ALLOW)
    reasons = output.split("Skipped, by reason:\n")[1].split("Skipped rows:")[0]
    assert len(reasons.splitlines()) == 9
    for _, _, _, reason in BAD.values():
        # Grouped by kind: the values in a reason ('abc', 12) are left out.
        kind = re.sub(r"'[^']*'|-?\b\d+(\.\d+)?\b", "…", reason.split(" (")[0])
        assert re.search(rf"^\s+1  .*{re.escape(kind)}", reasons, re.MULTILINE)


def test_it_reports_an_id_listed_twice_and_keeps_one_site(bad_file):
    output = run_import(bad_file, *ALLOW)
    reported = re.findall(r"^  line (\d+) \(id 900001\): (.*)$", output, re.MULTILINE)
    assert len(reported) == 1
    line, reason = reported[0]
    assert "repeated" in reason
    assert {line, *re.findall(r"\d+", reason)} >= {"2", "12"}
    # The site holds the listing that was not skipped.
    kept = {"2": "Second listing", "12": "First listing"}[line]
    assert Site.objects.get(source_id="900001").name == kept


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
        row(
            "900302",
            **{"Street Address": "Six Flags Darien Lake\n9993 Alleghany R"},
            Latitude="",
        ),
        row("900303", Latitude=""),
    ]
    output = run_import(write_csv(tmp_path / "multiline.csv", rows), *ALLOW)
    assert skip_line(output, 3)[0] == "900302"
    assert skip_line(output, 5)[0] == "900303"  # line 3 and 4 hold the row above


def ny_latitude():
    return round(Decimal(ny_row(TEMPLATE)["Latitude"]), 6)

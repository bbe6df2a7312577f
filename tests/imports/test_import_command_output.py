"""What `manage.py import_afdc` prints: a summary an operator can act on."""

import re

import pytest
from django.core.management import CommandError, call_command

from sites.models import Site
from tests.factories import UserFactory
from tests.imports.afdc import ny_row, run_import, write_csv
from tests.shared_data import US_LOCATIONS

pytestmark = pytest.mark.django_db


# One row of each: another fuel, two good ones, an unreadable cell, a row without coordinates.
# One skipped row of four electric ones is 25%: these runs allow that.
ALLOW = ("--max-skipped", "50")


def rows():
    return [
        ny_row("108"),  # CNG
        ny_row("44174"),
        ny_row("44176"),
        ny_row("44178", ZIP="ABCDE"),
        ny_row("44180", Latitude=""),
    ]


def test_it_prints_the_summary(tmp_path):
    output = run_import(write_csv(tmp_path / "afdc-ny.csv", rows()), *ALLOW)
    lines = output.splitlines()
    assert re.fullmatch(r"Imported afdc-ny\.csv in \d+\.\d s", lines[0])
    assert lines[1:5] == [
        "  created          3",
        "  updated          0",
        "  unchanged        0",
        "  skipped          1",
    ]
    assert "  1 records of other fuels ignored." in lines
    assert lines[lines.index("Imported without cells that could not be read:") + 1] == (
        "       1  unreadable ZIP (e.g. “ABCDE”)"
    )
    assert lines[lines.index("Skipped rows:") + 1 :] == [
        "  line 6 (id 44180): latitude is missing (no coordinates)",
    ]


def test_it_prints_the_second_run(tmp_path):
    path = write_csv(tmp_path / "afdc-ny.csv", rows())
    run_import(path, *ALLOW)
    lines = run_import(path, *ALLOW).splitlines()
    assert lines[1:5] == [
        "  created          0",
        "  updated          0",
        "  unchanged        3",
        "  skipped          1",
    ]


def test_it_says_how_many_claimed_locations_got_suggestions(tmp_path):
    run_import(write_csv(tmp_path / "afdc-ny.csv", rows()), *ALLOW)
    Site.objects.filter(source_id="44176").update(owner=UserFactory())
    changed = [*rows()[:2], ny_row("44176", **{"EV Pricing": "$0.30 per kWh"})]

    output = run_import(write_csv(tmp_path / "afdc-ny.csv", changed))

    assert re.search(r"^  updated\s+0$", output, re.MULTILINE)
    assert (
        "  1 claimed location(s) left as their owners keep them; "
        "NREL's differences are waiting for them as suggestions." in output.splitlines()
    )


def test_it_groups_skips_by_reason_and_shows_the_first_fifty(tmp_path):
    bad = [ny_row("44174", ID=str(950000 + n), Latitude="") for n in range(53)]
    output = run_import(write_csv(tmp_path / "bad.csv", bad), "--max-skipped", "100")
    assert re.search(r"^  skipped\s+53$", output, re.MULTILINE)
    assert "      53  latitude is missing (no coordinates)" in output.splitlines()
    assert "  line 51 (id 950049): latitude is missing (no coordinates)" in output
    assert "line 52 " not in output
    assert output.splitlines()[-1] == "  ... and 3 more."


def test_it_names_a_missing_file(tmp_path):
    missing = tmp_path / "afdc-ny-2025-05.csv"
    with pytest.raises(CommandError, match=re.escape(f"{missing}: no such file")):
        call_command("import_afdc", str(missing))
    assert not Site.objects.exists()


def test_it_refuses_a_folder(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_afdc", str(tmp_path))


def test_it_needs_a_path():
    with pytest.raises(CommandError, match="path"):
        call_command("import_afdc")


def test_it_refuses_an_empty_file_as_not_an_export(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")  # what a failed download leaves behind
    with pytest.raises(CommandError, match="empty.csv: not an AFDC station export"):
        run_import(path)


def test_it_imports_a_header_only_export_as_nothing(tmp_path):
    lines = run_import(write_csv(tmp_path / "none.csv", [])).splitlines()
    assert lines[1] == "  created          0"
    assert lines[4] == "  skipped          0"


def test_it_refuses_a_csv_that_is_not_an_afdc_export(tmp_path):
    us_file = US_LOCATIONS.read_bytes()
    path = tmp_path / "us-locations.csv"
    path.write_bytes(b"".join(us_file.splitlines(keepends=True)[:3]))
    with pytest.raises(CommandError, match="Fuel Type Code"):
        call_command("import_afdc", str(path))
    assert not Site.objects.exists()

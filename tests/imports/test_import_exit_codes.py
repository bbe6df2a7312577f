"""`import_afdc` fails (a non-zero exit) with a message a person can act on when the file is not
an AFDC export, before writing anything, and when too many electric rows are skipped, after
importing the good ones.
"""

import json

import pytest

from sites.models import Site
from tests.imports.afdc import (
    api_station,
    ny_row,
    run_import,
    run_import_failing,
    write_csv,
    write_json,
)

pytestmark = pytest.mark.django_db


def open_charge_map(count):
    """Records shaped like Open Charge Map's POI export: a JSON list of objects."""
    return [
        {
            "ID": 100 + n,
            "UUID": f"6b1e7f2a-0000-4000-8000-{n:012d}",
            "AddressInfo": {
                "Title": f"Municipal Lot {n}",
                "Latitude": 41.7,
                "Longitude": -73.9,
                "StateOrProvince": "NY",
            },
            "Connections": [{"ConnectionTypeID": 25, "PowerKW": 7.2, "Quantity": 2}],
            "NumberOfPoints": 2,
            "StatusTypeID": 50,
        }
        for n in range(count)
    ]


def test_it_refuses_an_open_charge_map_file_before_writing_anything(tmp_path):
    path = tmp_path / "ocm.json"
    path.write_text(json.dumps(open_charge_map(684)))
    _, error = run_import_failing(path)
    assert error.startswith(f"{path}: not an AFDC station export: its first record has no ")
    assert "fuel_type_code" in error
    assert not Site.objects.exists()


def test_it_asks_for_a_csv_when_given_an_excel_workbook(tmp_path):
    import zipfile

    path = tmp_path / "afdc-ny.xlsx"
    with zipfile.ZipFile(path, "w") as workbook:
        workbook.writestr("xl/workbook.xml", "<workbook/>")
    _, error = run_import_failing(path)
    assert "an Excel workbook, not a CSV file" in error
    assert "save it as “CSV (Comma delimited)”" in error
    assert not Site.objects.exists()


def test_it_refuses_a_json_object_without_stations(tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    _, error = run_import_failing(path)
    assert 'not an AFDC station export: a JSON object without "fuel_stations"' in error


def test_it_refuses_a_json_list_of_other_things(tmp_path):
    path = tmp_path / "numbers.json"
    path.write_text("[1, 2, 3]")
    _, error = run_import_failing(path)
    assert "its records are not JSON objects" in error


def test_it_stops_at_a_damaged_json_file(tmp_path):
    path = write_json(tmp_path / "cut.json", [api_station(n) for n in range(1, 4)])
    path.write_bytes(path.read_bytes()[:-40])  # a download that stopped early
    _, error = run_import_failing(path)
    assert "the JSON is damaged after record 2" in error


def rows(bad, good):
    return [ny_row("44174", ID=str(900000 + n), Latitude="") for n in range(bad)] + [
        ny_row("44174", ID=str(910000 + n)) for n in range(good)
    ]


def test_it_fails_after_importing_the_good_rows_when_too_many_are_skipped(tmp_path):
    output, error = run_import_failing(write_csv(tmp_path / "afdc.csv", rows(bad=2, good=18)))
    assert Site.objects.count() == 18
    assert "  skipped          2" in output
    assert error == (
        f"{tmp_path / 'afdc.csv'}: 2 of 20 electric rows (10.0%) were skipped, more than "
        "--max-skipped 5%. The other rows are imported. Most common reasons: "
        "2 × latitude is missing (no coordinates)."
    )


def test_it_allows_up_to_the_share_given(tmp_path):
    path = write_csv(tmp_path / "afdc.csv", rows(bad=1, good=19))  # 5%: not more than 5%
    assert "  skipped          1" in run_import(path)
    assert "  skipped          1" in run_import(path, "--max-skipped", "10")
    run_import_failing(path, "--max-skipped", "0")


def test_it_does_not_count_other_fuels_as_skipped(tmp_path):
    path = write_csv(tmp_path / "afdc.csv", [ny_row("108"), *rows(bad=0, good=1)])
    assert "  1 records of other fuels ignored." in run_import(path, "--max-skipped", "0")

"""Each kind of damage a spreadsheet does to an export, alone, changes nothing that is imported.

Real NY rows: 256121 (DC, dates, phone, cards, price), 44329 (restricted: "true"),
389418 (hours per weekday, past midnight), 322998 (an address with a line break in it).
Each case imports the clean rows and the damaged ones, each in a transaction rolled back
after it, and compares what they wrote by source id.
"""

from functools import partial

import pytest

from tests.imports.afdc import header, ny_row, run_import
from tests.imports.snapshots import imported
from tests.imports.spreadsheet import (
    DATE_COLUMNS,
    WHOLE_NUMBER_COLUMNS,
    as_float,
    broken_line,
    changed,
    export_bytes,
    line_breaks,
    m_d_yy,
    m_d_yyyy,
    serial_day,
    shuffled_titles,
    spreadsheet_boolean,
    stray_spaces,
    written_title,
    zip_plus4,
    zip_without_zeros,
)

pytestmark = pytest.mark.django_db

IDS = ["256121", "44329", "389418", "322998"]
BOOLEANS = ["Restricted Access", "EV Workplace Charging"]


def cells(columns, change):
    return lambda rows: [changed(row, columns, change) for row in rows]


def with_zip(zip_code, state="NY"):
    """The rows moved to a ZIP that starts with zeros (the export has none)."""
    return lambda rows: [{**row, "ZIP": zip_code, "State": state} for row in rows]


# What a spreadsheet did -> the rows it wrote back.
CELL_DAMAGE = {
    "dates as M/D/YYYY": cells(DATE_COLUMNS, m_d_yyyy),
    "dates as M/D/YY": cells(DATE_COLUMNS, m_d_yy),
    "dates as serial day numbers": cells(DATE_COLUMNS, serial_day),
    "dates as serial day numbers with .0": cells(DATE_COLUMNS, partial(serial_day, decimal=True)),
    "ZIP+4 in one cell": cells(["ZIP"], zip_plus4),
    "ZIP+4 as one number": cells(["ZIP"], partial(zip_plus4, one_number=True)),
    "ZIP as 12207.0": cells(["ZIP"], lambda cell: f"{cell}.0"),
    "TRUE and FALSE": cells(BOOLEANS, spreadsheet_boolean),
    "1 and 0": cells(BOOLEANS, lambda cell: {"true": "1", "false": "0"}.get(cell, cell)),
    "yes and no": cells(BOOLEANS, lambda cell: {"true": "Yes", "false": "no"}.get(cell, cell)),
    "counts and ids as 2.0": cells(WHOLE_NUMBER_COLUMNS, as_float),
    "line breaks as _x000D_": cells(header(), line_breaks),
    "a line break typed into a cell": cells(["Station Name", "Access Days Time"], broken_line),
    "stray spaces in cells": cells(header(), stray_spaces),
}


@pytest.mark.parametrize("damage", CELL_DAMAGE)
def test_it_reads_damaged_cells_as_the_clean_ones(tmp_path, damage):
    rows = [ny_row(source_id) for source_id in IDS]
    assert_imports_alike(
        tmp_path, export_bytes(header(), rows), export_bytes(header(), CELL_DAMAGE[damage](rows))
    )


@pytest.mark.parametrize(
    ("state", "clean", "damaged"),
    [("MA", "02139", "2139"), ("PR", "00901", "901"), ("NJ", "07030", "7030.0")],
)
def test_it_puts_back_the_leading_zeros_of_a_zip(tmp_path, state, clean, damaged):
    rows = [ny_row(source_id) for source_id in IDS]
    clean_file = export_bytes(header(), with_zip(clean, state)(rows))
    damaged_file = export_bytes(
        header(), cells(["ZIP"], zip_without_zeros)(with_zip(damaged, state)(rows))
    )
    written = assert_imports_alike(tmp_path, clean_file, damaged_file)
    assert {site["zip_code"] for site in written["sites"].values()} == {clean}


FILE_DAMAGE = {
    "no byte-order mark": {"encoding": "utf-8"},
    "Windows-1252": {"encoding": "cp1252"},
    "UTF-16 text (tab-separated)": {"encoding": "utf-16", "delimiter": "\t"},
    "semicolons between cells": {"delimiter": ";"},
    "tabs between cells": {"delimiter": "\t"},
    "CRLF line ends": {"line_end": "\r\n"},
    "bare CR line ends": {"line_end": "\r"},
}


@pytest.mark.parametrize("damage", FILE_DAMAGE)
def test_it_reads_a_file_saved_another_way(tmp_path, damage):
    # "Café" and "’" are where a wrong encoding shows (Latin-1 writes é as Windows-1252 does).
    rows = [ny_row(source_id) for source_id in IDS]
    rows[0] = {**rows[0], "Station Name": "Café Indian Castle’s Service Area"}
    assert_imports_alike(
        tmp_path, export_bytes(header(), rows), export_bytes(header(), rows, **FILE_DAMAGE[damage])
    )


def test_it_reads_titles_in_another_case_order_and_spacing(tmp_path):
    rows = [ny_row(source_id) for source_id in IDS]
    titles = shuffled_titles(header(), seed=7)
    written = [written_title(title, n) for n, title in enumerate(titles)]
    assert written[:3] != titles[:3]
    assert_imports_alike(
        tmp_path,
        export_bytes(header(), rows),
        export_bytes(titles, rows, written_titles=written),
    )


def test_it_reads_rows_whose_empty_cells_at_the_end_are_dropped(tmp_path):
    rows = [ny_row(source_id) for source_id in IDS]
    clean = export_bytes(header(), rows)
    lines = clean.decode("utf-8-sig").split("\n")
    # Some programs write "a,b,," as "a,b": the missing cells are empty.
    trimmed = "\n".join([lines[0], *(line.rstrip(",") for line in lines[1:])])
    assert trimmed != clean.decode("utf-8-sig")
    assert_imports_alike(tmp_path, clean, trimmed.encode())


def test_it_ignores_the_empty_rows_below_the_data(tmp_path):
    rows = [ny_row(source_id) for source_id in IDS]
    clean = export_bytes(header(), rows)
    padded = clean + ("," * (len(header()) - 1) + "\n").encode() * 3
    written = assert_imports_alike(tmp_path, clean, padded)
    assert len(written["sites"]) == len(IDS)


def assert_imports_alike(tmp_path, clean: bytes, damaged: bytes) -> dict:
    (tmp_path / "clean.csv").write_bytes(clean)
    (tmp_path / "damaged.csv").write_bytes(damaged)
    outputs = []
    expected = imported(lambda: outputs.append(run_import(tmp_path / "clean.csv")))
    found = imported(lambda: outputs.append(run_import(tmp_path / "damaged.csv")))
    assert len(expected["sites"]) == len(IDS)
    assert "unreadable" not in outputs[1], outputs[1]
    assert found == expected
    return found

"""An AFDC export as a spreadsheet program saves it again, for the import tests.

Someone opens the CSV, looks, and saves: a cell that looks like a number or a date
becomes one, and is written back in the spreadsheet's own way
(../shared/reference/field-vocabulary.md, "What real exports look like after a person
has opened them"). Each kind of damage is a function here, so that a test can apply one
alone, and `saved_by_a_spreadsheet` applies them all, as a person's spreadsheet does.
"""

import csv
import io
import random
from datetime import date
from functools import partial

from tests.imports.afdc import header, ny_row

EXCEL_EPOCH = date(1899, 12, 30)
DATE_COLUMNS = ["Expected Date", "Date Last Confirmed", "Open Date", "Updated At"]
COUNT_COLUMNS = ["EV Level1 EVSE Num", "EV Level2 EVSE Num", "EV DC Fast Count"]
WHOLE_NUMBER_COLUMNS = ["ID", *COUNT_COLUMNS]


def _date_of(cell: str) -> date | None:
    return date.fromisoformat(cell[:10]) if cell else None


# Cells ---------------------------------------------------------------------------------


def m_d_yyyy(cell: str) -> str:
    """ "2024-11-16" -> "11/16/2024"; a time after the date stays (as "0:16")."""
    day = _date_of(cell)
    if day is None:
        return cell
    clock = cell[11:16]
    written = f"{day.month}/{day.day}/{day.year}"
    return f"{written} {int(clock[:2])}:{clock[3:]}" if clock else written


def m_d_yy(cell: str) -> str:
    day = _date_of(cell)
    return f"{day.month}/{day.day}/{day:%y}" if day else cell


def serial_day(cell: str, *, decimal: bool = False) -> str:
    """ "2024-11-16" -> "45612": days since the spreadsheet's day 0."""
    day = _date_of(cell)
    if day is None:
        return cell
    number = (day - EXCEL_EPOCH).days
    return f"{number}.0" if decimal else str(number)


def zip_without_zeros(cell: str) -> str:
    return str(int(cell)) if cell.isdigit() else cell


def zip_plus4(cell: str, plus4: str = "1234", *, one_number: bool = False) -> str:
    if not cell.isdigit():
        return cell
    return str(int(cell + plus4)) if one_number else f"{cell}-{plus4}"


def as_float(cell: str) -> str:
    return f"{int(cell)}.0" if cell.isdigit() else cell


def spreadsheet_boolean(cell: str) -> str:
    return {"true": "TRUE", "false": "FALSE"}.get(cell, cell)


def line_breaks(cell: str) -> str:
    """A line break inside a cell comes back as "_x000D_" and a newline."""
    return cell.replace("_x000D_\n", "\n").replace("\n", "_x000D_\n")


def broken_line(cell: str) -> str:
    """A person pressed Alt+Enter where a space was: the cell now spans two lines."""
    return cell.replace(" ", "_x000D_\n", 1)


def stray_spaces(cell: str) -> str:
    return f" {cell}  " if cell else cell


# Rows and files ------------------------------------------------------------------------


def changed(row: dict[str, str], columns, change) -> dict[str, str]:
    return {**row, **{column: change(row[column]) for column in columns if column in row}}


def boolean_columns(rows) -> list[str]:
    """Columns whose every filled cell is "true" or "false"."""
    return [
        column
        for column in header()
        if {row[column] for row in rows} - {""} <= {"true", "false"}
        and any(row[column] for row in rows)
    ]


def shuffled_titles(titles: list[str], seed: int) -> list[str]:
    """The columns in another order."""
    order = list(titles)
    random.Random(seed).shuffle(order)
    return order


def written_title(title: str, n: int) -> str:
    if n % 3 == 0:
        return title.lower()
    if n % 3 == 1:
        return f" {title.upper()} "
    return f"{title}  "


def export_bytes(
    titles: list[str],
    rows: list[dict[str, str]],
    *,
    encoding: str = "utf-8-sig",
    delimiter: str = ",",
    line_end: str = "\n",
    written_titles: list[str] | None = None,
) -> bytes:
    """The rows as a CSV file; `titles` picks and orders the columns."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end)
    writer.writerow(written_titles or titles)
    for row in rows:
        writer.writerow([row.get(title, "") for title in titles])
    return out.getvalue().encode(encoding)


def saved_by_a_spreadsheet(rows: list[dict[str, str]], *, seed: int = 2025) -> bytes:
    """Every damage at once, cell by cell and row by row, as a person's spreadsheet does."""
    booleans = boolean_columns(rows)
    damaged = []
    for n, row in enumerate(rows):
        if n % 4 == 0:
            row = changed(row, DATE_COLUMNS, partial(serial_day, decimal=n % 8 == 0))
        else:
            row = changed(row, DATE_COLUMNS, m_d_yyyy)
        if n % 5 == 0:
            row = changed(row, ["ZIP"], partial(zip_plus4, plus4=f"{n % 10000:04d}"))
        elif n % 7 == 0:
            row = changed(row, ["ZIP"], lambda cell: zip_plus4(cell, "0042", one_number=True))
        else:
            row = changed(row, ["ZIP"], zip_without_zeros)
        row = changed(row, WHOLE_NUMBER_COLUMNS, as_float)
        row = changed(row, booleans, spreadsheet_boolean)
        row = changed(row, header(), line_breaks)
        if n % 3 == 0:
            row = changed(row, ["Station Name", "City", "EV Pricing", "State"], stray_spaces)
        if n % 6 == 1:
            row = changed(row, ["Station Name", "Street Address", "Access Days Time"], broken_line)
        damaged.append(row)
    titles = shuffled_titles(header(), seed)
    return export_bytes(
        titles,
        damaged,
        encoding="cp1252",
        line_end="\r\n",
        written_titles=[written_title(title, n) for n, title in enumerate(titles)],
    )


def ny_rows(source_ids) -> list[dict[str, str]]:
    return [ny_row(source_id) for source_id in source_ids]

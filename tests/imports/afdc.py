"""AFDC files for the import tests: rows of the real NY export, written back as CSV or JSON.

The real export is read at test time and used unchanged; a test changes a copy of one row.
"""

import csv
import io
import json
from functools import cache
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.shared_data import NY_EXPORT

BOM = b"\xef\xbb\xbf"


@cache
def _ny_records() -> tuple[tuple[str, ...], dict[str, tuple[list[str], str]]]:
    """The export's header, and each record by id: its cells and its exact source text."""
    text = NY_EXPORT.read_bytes().decode("utf-8-sig")
    lines = [line + "\n" for line in text.split("\n")]
    if text.endswith("\n"):
        lines.pop()
    reader = csv.reader(lines)
    header = next(reader)
    records, start = {}, reader.line_num
    for cells in reader:
        # A quoted cell may hold a newline: keep every physical line of the record.
        records[cells[header.index("ID")]] = (cells, "".join(lines[start : reader.line_num]))
        start = reader.line_num
    return tuple(header), records


def header() -> list[str]:
    return list(_ny_records()[0])


def ny_row(source_id: str, **changes: str) -> dict[str, str]:
    """A copy of a real NY record, keyed by column title, with some cells changed."""
    cells = _ny_records()[1][source_id][0]
    row = dict(zip(header(), cells, strict=True))
    unknown = set(changes) - set(row)
    assert not unknown, f"not AFDC columns: {unknown}"
    return {**row, **changes}


def ny_source_lines(source_ids) -> str:
    """The exact text of these NY records, in the order given."""
    records = _ny_records()[1]
    return "".join(records[source_id][1] for source_id in source_ids)


def ny_first_ids(count: int) -> list[str]:
    """The ids of the export's first `count` records (any fuel), in file order."""
    return list(_ny_records()[1])[:count]


def ny_header_line() -> str:
    return NY_EXPORT.read_bytes().decode("utf-8-sig").split("\n", 1)[0] + "\n"


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    """A CSV export as AFDC writes it: BOM, the 75-column header, one line per row."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=header(), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return BOM + out.getvalue().encode()


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_bytes(csv_bytes(rows))
    return path


def write_json(path: Path, stations: list[dict], *, prefix: bytes = b"") -> Path:
    path.write_bytes(prefix + json.dumps({"fuel_stations": stations}).encode())
    return path


def run_import(path: Path, *options: str) -> str:
    """Run the command as an operator would; its printed output."""
    out = io.StringIO()
    call_command("import_afdc", str(path), *options, stdout=out)
    return out.getvalue()


def run_import_failing(path: Path, *options: str) -> tuple[str, str]:
    """Run the command expecting it to fail: its printed output and its error message."""
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_afdc", str(path), *options, stdout=out)
    return out.getvalue(), str(error.value)


def api_station(source_id: int, **changes) -> dict:
    """One record as the AFDC API returns it (snake_case keys; a few of its many fields)."""
    record = {
        "id": source_id,
        "fuel_type_code": "ELEC",
        "station_name": f"Municipal Lot {source_id}",
        "street_address": "14 Market Street",
        "city": "Poughkeepsie",
        "state": "NY",
        "zip": "12601",
        "country": "US",
        "latitude": 41.704,
        "longitude": -73.929,
        "status_code": "E",
        "expected_date": None,
        "access_code": "public",
        "access_days_time": "24 hours daily",
        "facility_type": "PARKING_LOT",
        "ev_network": "ChargePoint Network",
        "ev_network_web": "https://www.chargepoint.com/",
        "ev_connector_types": ["J1772"],
        "ev_level1_evse_num": None,
        "ev_level2_evse_num": 2,
        "ev_dc_fast_num": None,
        "ev_other_evse": None,
        "ev_pricing": "$0.25 per kWh",
        "date_last_confirmed": "2025-04-01",
        "updated_at": "2025-04-02T10:00:00Z",
        "open_date": "2021-06-01",
    }
    unknown = set(changes) - set(record) - {"ev_charging_units"}
    assert not unknown, f"not AFDC API keys: {unknown}"
    return {**record, **changes}

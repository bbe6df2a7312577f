"""Whatever one cell of a real row holds, the import never fails, and a row whose id, name and
coordinates are intact is never skipped: a bad cell costs at most its own field.

Hypothesis writes one cell of a real NY record (Indian Castle Service Area, 256121, which
fills most columns) with text a spreadsheet or a person might leave there, or any text at
all; each example imports in a transaction rolled back after it.
"""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nrel.importer import import_file
from tests.fuzzing import example_count
from tests.imports.afdc import api_station, csv_bytes, header, ny_row, write_json

pytestmark = pytest.mark.django_db

TEMPLATE = "256121"
ESSENTIAL = {"ID", "Station Name", "Latitude", "Longitude", "Fuel Type Code"}
LEFT_BY_SPREADSHEETS = [
    "",
    " ",
    "0",
    "2.0",
    "-1",
    "1e309",
    "NaN",
    "TRUE",
    "FALSE",
    "#N/A",
    "#VALUE!",
    "45612",
    "45612.0",
    "11/16/2024",
    "2/30/2024",
    "2024-13-45",
    "12207-1234",
    "999999999999999999999999",
    "_x000D_",
    "a_x000D_\nb",
    "\r",
    '"',
    ",;\t|",
    "Caf\u00e9 \u2019",
    "\ufeff",
    "\x00",
    "$",
    "$0.40 per kWh; $ per hour",
    "Mon 25:00am - 7:00pm",
    "Mon 9:00am - 5:00pm; Mon 9:00am - 5:00pm",
    "24 hours daily",
    "J1772 J1772 ???",
]
CELLS = st.one_of(st.sampled_from(LEFT_BY_SPREADSHEETS), st.text(max_size=80))
FUZZ = settings(
    max_examples=example_count(150),
    deadline=None,
    database=None,  # leave no example database in the tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def imports(path):
    with transaction.atomic():
        report = import_file(path)
        transaction.set_rollback(True)
    return report


@FUZZ
@given(column=st.sampled_from(header()), value=CELLS)
def test_a_fuzzed_csv_cell_costs_at_most_its_field(tmp_path, column, value):
    path = tmp_path / "fuzzed.csv"
    path.write_bytes(csv_bytes([ny_row(TEMPLATE, **{column: value})]))

    report = imports(path)

    if column not in ESSENTIAL:
        assert report.skipped == []
        assert report.created == 1


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)  # what JSON can hold
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=6,
)
API_KEYS = [
    key
    for key in api_station(1)
    if key not in {"id", "station_name", "latitude", "longitude", "fuel_type_code"}
]


@FUZZ
@given(key=st.sampled_from([*API_KEYS, "ev_charging_units"]), value=JSON_VALUES)
def test_a_fuzzed_json_value_costs_at_most_its_field(tmp_path, key, value):
    path = write_json(tmp_path / "fuzzed.json", [api_station(1, **{key: value})])

    report = imports(path)

    assert report.skipped == []
    assert report.created == 1

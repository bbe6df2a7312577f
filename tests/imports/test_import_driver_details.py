"""What else a driver reads before driving: phone, cards accepted, facility, open date and one
human name per network.

Real NY rows: Indian Castle Service Area (256121: APPLEGREEN, ANDROID_PAY APPLE_PAY CREDIT
Debit M V, TRAVEL_CENTER, opened 2023-03-09), 330358 (RIVIAN_ADVENTURE), 333718 (phone
"NA"), Thruway Nissan (44174, Non-Networked).
"""

from datetime import date

import pytest

from sites.models import Site
from stations.models import Station
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path):
    ids = ["256121", "330358", "333718", "44174"]
    return run_import(write_csv(tmp_path / "afdc.csv", [ny_row(i) for i in ids]))


def test_it_keeps_phone_cards_facility_and_open_date(imported):
    site = Site.objects.get(source_id="256121")
    assert site.phone == "888-557-7099"
    assert site.cards_accepted == "ANDROID_PAY APPLE_PAY CREDIT Debit M V"
    assert site.card_names == [
        "Google Pay",
        "Apple Pay",
        "Credit card",
        "Debit card",
        "Mastercard",
        "Visa",
    ]
    assert (site.facility_type, site.facility_name) == ("TRAVEL_CENTER", "Travel center")
    assert site.opened_on == date(2023, 3, 9)


def test_it_reads_na_as_no_phone(imported):
    assert Site.objects.get(source_id="333718").phone == ""


def test_it_names_each_network_as_drivers_know_it(imported):
    networks = dict(Site.objects.values_list("source_id", "network"))
    assert networks["256121"] == "Applegreen Electric"
    assert networks["330358"] == "Rivian Adventure Network"
    assert networks["44174"] == "Non-Networked"
    for station in Station.objects.select_related("site"):
        assert station.network == station.site.network


@pytest.mark.parametrize(
    ("written", "stored"),
    [("(845) 562-1000", "(845) 562-1000"), ("8455621000.0", "8455621000"), ("n/a", "")],
)
def test_it_reads_a_phone_as_a_spreadsheet_left_it(tmp_path, written, stored):
    run_import(write_csv(tmp_path / "a.csv", [ny_row("44174", **{"Station Phone": written})]))
    assert Site.objects.get().phone == stored

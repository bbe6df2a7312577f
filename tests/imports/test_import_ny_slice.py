"""Importing a slice of the real NY export: counts worked out by hand from the rows below.

The slice is the export's first 50 records (44 of other fuels, then 6 ELEC Nissan and
dealer chargers) and eight chosen ELEC records. Per record, from its cells:

| id     | connector types          | L1 | L2 | DC | ports (connector, power)              |
|--------|--------------------------|----|----|----|---------------------------------------|
| 44174  | J1772                    |    |  1 |    | 1 J1772 L2                            |
| 44176  | CHADEMO J1772 J1772COMBO |    |  2 |  2 | 2 J1772 L2; 1 CCS, 1 CHAdeMO          |
| 44178  | J1772                    |    |  1 |    | 1 J1772 L2                            |
| 44180  | CHADEMO J1772            |    |  1 |  1 | 1 J1772 L2; 1 CHAdeMO                 |
| 44184  | J1772                    |    |  1 |    | 1 J1772 L2                            |
| 44186  | CHADEMO J1772 J1772COMBO |    |  2 |  2 | 2 J1772 L2; 1 CCS, 1 CHAdeMO          |
| 88498  | J1772 NEMA520            |  1 |  1 |    | 1 Other (NEMA 5-20) L1; 1 J1772 L2    |
| 102327 | TESLA                    |    |    |  4 | 4 Tesla DC                            |
| 114885 | J1772 TESLA              |    |  3 |    | 2 J1772 L2, 1 Tesla L2 (taking turns) |
| 117740 | J1772COMBO               |    |    |  1 | 1 CCS                                 |
| 146876 | J1772 J1772COMBO         |    |  1 |  3 | 1 J1772 L2; 3 CCS                     |
| 166207 | CHADEMO J1772COMBO       |    |    |  4 | 2 CCS, 2 CHAdeMO (taking turns)       |
| 256121 | CHADEMO J1772COMBO TESLA |    |    |  4 | 2 CCS, 1 CHAdeMO, 1 Tesla DC          |
| 322998 | J1772 (address: 2 lines) |    | 11 |    | 11 J1772 L2                           |

One station per level present (L1, L2, DC). Each level's positions (its count) take turns
through the connectors it can serve; none of these rows lists more DC connectors than DC
positions, so every position holds one port (positions shared by two connectors have their
own test, test_import_positions.py). 88498's J1772 is placed on its Level 2 position and is
not added again to its Level 1 outlet.
Totals: 14 sites; 19 stations (1 L1, 10 L2, 8 DC); 46 ports (1 L1, 24 L2, 21 DC):
J1772 23, CCS 10, CHAdeMO 6, Tesla 6 (5 DC, 1 L2), Other 1.
"""

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from ports.models import Port
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from sites.access import Access, AccessDetail
from sites.models import Origin, Site
from stations.models import Station
from tests.imports.afdc import BOM, ny_first_ids, ny_header_line, ny_source_lines, run_import

pytestmark = pytest.mark.django_db

CHOSEN = ["88498", "102327", "114885", "117740", "146876", "166207", "256121", "322998"]
NEMA_SITE = "88498"
J1772, CCS, CHADEMO, TESLA, OTHER = (
    ConnectorType.J1772,
    ConnectorType.CCS,
    ConnectorType.CHADEMO,
    ConnectorType.TESLA,
    ConnectorType.OTHER,
)
L1, L2, DC = PowerType.AC_LEVEL_1, PowerType.AC_LEVEL_2, PowerType.DC_FAST


@pytest.fixture
def ny_slice(tmp_path):
    path = tmp_path / "afdc-ny-slice.csv"
    text = ny_header_line() + ny_source_lines(ny_first_ids(50) + CHOSEN)
    path.write_bytes(BOM + text.encode())
    return path


@pytest.fixture
def output(ny_slice):
    return run_import(ny_slice)


def test_it_creates_one_unclaimed_site_per_elec_record(output):
    assert Site.objects.count() == 14
    assert set(Site.objects.values_list("source_id", flat=True)) == {
        "44174",
        "44176",
        "44178",
        "44180",
        "44184",
        "44186",
        *CHOSEN,
    }
    assert not Site.objects.exclude(origin=Origin.NREL).exists()
    assert not Site.objects.claimed().exists()
    assert "44 records of other fuels ignored" in output


def test_it_makes_one_station_per_charging_level(output):
    assert Station.objects.count() == 19
    assert Counter(Station.objects.values_list("name", flat=True)) == {
        "AC Level 1 chargers": 1,
        "AC Level 2 chargers": 10,
        "DC Fast chargers": 8,
    }
    assert Station.objects.filter(is_published=True).count() == 19
    for station in Station.objects.select_related("site"):
        assert station.network == station.site.network


def test_it_makes_a_port_per_charging_position_at_the_typical_power(output):
    ports = Port.objects.all()
    assert ports.count() == 46
    assert Counter(ports.values_list("power_type", "max_power_kw")) == {
        (L1, Decimal("1.4")): 1,
        (L2, Decimal("7.2")): 24,
        (DC, Decimal("50")): 21,
    }
    for port in ports:
        assert "Approximate (imported from NREL)" in port.notes
        assert port.needs_review
        assert port.status == PortStatus.OPERATIONAL


def test_it_gives_ports_the_connectors_the_record_lists(output):
    # The NEMA 5-20 location has its own test below.
    ports = Port.objects.exclude(station__site__source_id=NEMA_SITE)
    assert Counter(ports.values_list("connector_type", "power_type")) == {
        (J1772, L2): 22,
        (CCS, DC): 10,
        (CHADEMO, DC): 6,
        (TESLA, DC): 5,
        (TESLA, L2): 1,
    }


def ports_of(source_id):
    return list(
        Port.objects.filter(station__site__source_id=source_id)
        .order_by("power_type", "label")
        .values_list("connector_type", "power_type", "label")
    )


def test_it_mixes_level_2_and_dc_fast_at_one_location(output):
    assert ports_of("44176") == [
        (J1772, L2, "Port 1"),
        (J1772, L2, "Port 2"),
        (CCS, DC, "Port 1"),
        (CHADEMO, DC, "Port 2"),
    ]


def test_it_takes_turns_through_the_connector_types(output):
    assert ports_of("114885") == [
        (J1772, L2, "Port 1"),
        (TESLA, L2, "Port 2"),
        (J1772, L2, "Port 3"),
    ]
    assert ports_of("166207") == [
        (CCS, DC, "Port 1"),
        (CHADEMO, DC, "Port 2"),
        (CCS, DC, "Port 3"),
        (CHADEMO, DC, "Port 4"),
    ]


def test_it_keeps_a_record_whose_address_spans_two_lines(output):
    site = Site.objects.get(source_id="322998")
    assert site.name == "Six Flags Darien Lake 9993 Alleghany Road Parking"
    assert site.city == "Corfu"
    assert Port.objects.filter(station__site=site, connector_type=J1772).count() == 11


def test_it_makes_the_nema_outlet_an_other_port_named_in_the_notes(output):
    # 88498's access hours say drivers "bring their own J1772 cordset for Level 1":
    # the Level 1 position is the NEMA 5-20 outlet, the Level 2 one the J1772.
    level1 = Port.objects.get(station__site__source_id=NEMA_SITE, power_type=L1)
    level2 = Port.objects.get(station__site__source_id=NEMA_SITE, power_type=L2)
    assert level1.connector_type == OTHER
    assert "NEMA 5-20 outlet" in level1.notes
    assert level2.connector_type == J1772
    assert Counter(Port.objects.values_list("connector_type", flat=True)) == {
        J1772: 23,
        CCS: 10,
        CHADEMO: 6,
        TESLA: 6,
        OTHER: 1,
    }


def test_it_keeps_the_record_fields_on_the_site(output):
    site = Site.objects.get(source_id="256121")
    assert site.name == "Indian Castle Service Area"
    assert site.street_address == "NYS Thruway Milepost 210 Eastbound"
    assert site.city == "Little Falls"
    assert site.state == "NY"
    assert site.zip_code == "13365"
    # The export gives 13 decimals; we keep 6 (about 10 cm).
    assert site.latitude == Decimal("43.016172")
    assert site.longitude == Decimal("-74.804118")
    assert site.network == "Applegreen Electric"  # the export's code, "APPLEGREEN", named
    assert (site.hours_note, site.always_open) == ("24 hours daily", True)
    assert (site.pricing, site.price_per_kwh, site.free) == (
        "$0.64 per kWh",
        Decimal("0.64"),
        False,
    )
    assert site.facility_type == "TRAVEL_CENTER"
    assert site.phone == "888-557-7099"
    assert site.cards_accepted == "ANDROID_PAY APPLE_PAY CREDIT Debit M V"
    assert (site.access, site.access_detail, site.restricted) == (Access.PUBLIC, "", False)
    assert site.opened_on == date(2023, 3, 9)
    assert site.time_zone == "America/New_York"
    assert site.source_confirmed_on == date(2024, 8, 15)
    assert site.origin == Origin.NREL
    assert site.owner is None
    assert ports_of("256121") == [
        (CCS, DC, "Port 1"),
        (CHADEMO, DC, "Port 2"),
        (TESLA, DC, "Port 3"),
        (CCS, DC, "Port 4"),
    ]


def test_it_keeps_a_dealers_hours_and_pricing(output):
    dealer = Site.objects.get(source_id="117740")
    assert dealer.network == "Non-Networked"
    assert dealer.hours_note == "Dealership business hours"
    assert (dealer.always_open, dealer.opening_hours.exists()) == (False, False)
    assert (dealer.pricing, dealer.free) == ("Free", True)
    assert (dealer.access_detail, dealer.restriction) == (AccessDetail.CALL, "Call ahead")
    assert dealer.source_confirmed_on == date(2024, 3, 14)

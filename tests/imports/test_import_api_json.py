"""The AFDC API's JSON (`{"fuel_stations": [...]}`), with and without `ev_charging_units`."""

import re
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from ports.models import Port
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from sites.access import Access
from sites.models import Origin, Site
from stations.models import Station
from tests.imports.afdc import BOM, api_station, run_import, write_json

pytestmark = pytest.mark.django_db

APPROXIMATE = "Approximate (imported from NREL)"
J1772, CCS, CHADEMO, TESLA, OTHER = (
    ConnectorType.J1772,
    ConnectorType.CCS,
    ConnectorType.CHADEMO,
    ConnectorType.TESLA,
    ConnectorType.OTHER,
)
L1, L2, DC = PowerType.AC_LEVEL_1, PowerType.AC_LEVEL_2, PowerType.DC_FAST


def ports(source_id):
    return Port.objects.filter(station__site__source_id=str(source_id)).order_by(
        "power_type", "label"
    )


def test_it_imports_the_api_json(tmp_path):
    stations = [
        api_station(
            501,
            ev_connector_types=["J1772", "J1772COMBO", "CHADEMO"],
            ev_level2_evse_num=2,
            ev_dc_fast_num=2,
        ),
        {**api_station(502), "fuel_type_code": "CNG", "ev_level2_evse_num": None},
    ]
    output = run_import(write_json(tmp_path / "stations.json", stations))

    site = Site.objects.get()
    assert (site.source_id, site.origin, site.owner) == ("501", Origin.NREL, None)
    assert (site.name, site.street_address, site.city, site.state, site.zip_code) == (
        "Municipal Lot 501",
        "14 Market Street",
        "Poughkeepsie",
        "NY",
        "12601",
    )
    assert (site.latitude, site.longitude) == (Decimal("41.704"), Decimal("-73.929"))
    # One name per network; the hours and the price read into fields, their words kept.
    assert (site.network, site.hours_note, site.pricing) == (
        "ChargePoint",
        "24 hours daily",
        "$0.25 per kWh",
    )
    assert (site.always_open, site.price_per_kwh, site.free) == (True, Decimal("0.25"), False)
    assert (site.access, site.facility_type, site.opened_on) == (
        Access.PUBLIC,
        "PARKING_LOT",
        date(2021, 6, 1),
    )
    assert site.source_confirmed_on == date(2025, 4, 1)
    assert [(p.connector_type, p.power_type, p.max_power_kw, p.label) for p in ports(501)] == [
        (J1772, L2, Decimal("7.2"), "Port 1"),
        (J1772, L2, Decimal("7.2"), "Port 2"),
        (CCS, DC, Decimal("50"), "Port 1"),
        (CHADEMO, DC, Decimal("50"), "Port 2"),
    ]
    assert all(APPROXIMATE in p.notes and p.needs_review for p in ports(501))
    assert "1 records of other fuels ignored" in output


def test_it_names_a_network_nrel_leaves_blank_non_networked(tmp_path):
    run_import(write_json(tmp_path / "stations.json", [api_station(503, ev_network=None)]))
    assert Site.objects.get().network == "Non-Networked"
    assert Station.objects.get().network == "Non-Networked"


def test_it_accepts_j3400_as_tesla(tmp_path):
    station = api_station(
        504, ev_connector_types=["J3400"], ev_level2_evse_num=None, ev_dc_fast_num=2
    )
    run_import(write_json(tmp_path / "stations.json", [station]))
    assert Counter(ports(504).values_list("connector_type", "power_type")) == {(TESLA, DC): 2}


CHARGING_UNITS = [
    {
        "charging_level": "dc_fast",
        "port_count": 2,
        "connectors": {
            "J1772COMBO": {"power_kw": 150, "port_count": 2},
            "CHADEMO": {"power_kw": None, "port_count": 0},
        },
    },
    {
        "charging_level": "level2",
        "port_count": 4,
        "connectors": {
            "J1772": {"power_kw": 11.5, "port_count": 3},
            "TESLA": {"power_kw": None, "port_count": 1},
        },
    },
]


@pytest.fixture
def with_units(tmp_path):
    # The location-wide counts disagree with the units: the units are the exact word.
    station = api_station(
        601,
        ev_connector_types=["J1772", "J1772COMBO", "CHADEMO", "TESLA"],
        ev_level2_evse_num=1,
        ev_dc_fast_num=4,
        ev_charging_units=CHARGING_UNITS,
    )
    return run_import(write_json(tmp_path / "units.json", [station]))


def test_it_takes_exact_connectors_counts_and_power_from_charging_units(with_units):
    assert [(p.connector_type, p.power_type, p.max_power_kw, p.label) for p in ports(601)] == [
        (J1772, L2, Decimal("11.5"), "Port 1"),
        (J1772, L2, Decimal("11.5"), "Port 2"),
        (J1772, L2, Decimal("11.5"), "Port 3"),
        (TESLA, L2, Decimal("7.2"), "Port 4"),
        (CCS, DC, Decimal("150"), "Port 1"),
        (CCS, DC, Decimal("150"), "Port 2"),
    ]
    assert sorted(Station.objects.values_list("name", flat=True)) == [
        "AC Level 2 chargers",
        "DC Fast chargers",
    ]


def test_it_says_approximate_only_where_the_power_is_not_given(with_units):
    exact = ports(601).exclude(connector_type=TESLA)
    assert [APPROXIMATE in p.notes for p in exact] == [False] * 5
    tesla = ports(601).get(connector_type=TESLA)
    assert APPROXIMATE in tesla.notes
    assert all(p.needs_review for p in ports(601))


def test_it_reads_json_that_starts_with_a_byte_order_mark(tmp_path):
    path = write_json(tmp_path / "bom.json", [api_station(701)], prefix=BOM)
    output = run_import(path)
    assert re.search(r"^  created\s+1$", output, re.MULTILINE)
    assert Site.objects.get().source_id == "701"


def test_it_reads_json_that_starts_with_whitespace(tmp_path):
    path = write_json(tmp_path / "spaced.json", [api_station(702)], prefix=b"\n  \t\r\n")
    run_import(path)
    assert Site.objects.get().source_id == "702"


def test_it_marks_a_temporarily_unavailable_location_out_of_service(tmp_path):
    station = api_station(801, status_code="T", expected_date="2025-06-30")
    run_import(write_json(tmp_path / "t.json", [station]))

    assert ports(801).count() == 2
    for port in ports(801):
        assert port.status == PortStatus.OUT_OF_SERVICE
        assert port.out_of_service_since is not None
        assert "2025-06-30" in port.notes
        assert APPROXIMATE in port.notes
    assert Station.objects.get().is_published


def test_it_marks_an_available_location_operational(tmp_path):
    run_import(write_json(tmp_path / "e.json", [api_station(802, status_code="E")]))
    assert set(ports(802).values_list("status", flat=True)) == {PortStatus.OPERATIONAL}
    assert Station.objects.get().is_published


def test_it_keeps_a_planned_location_as_a_draft(tmp_path):
    station = api_station(803, status_code="P", expected_date="2025-09-01")
    run_import(write_json(tmp_path / "p.json", [station]))

    station = Station.objects.get()
    assert not station.is_published
    assert station.ports.count() == 2
    assert not Port.objects.listed().exists()  # drivers do not see it yet


def test_it_keeps_a_record_with_unreadable_cells_and_skips_one_without_coordinates(tmp_path):
    stations = [
        api_station(901),
        api_station(902, ev_level2_evse_num="abc"),
        api_station(903, ev_connector_types=["J1772", "FOO"]),
        api_station(904, latitude=None),
        api_station(905),
    ]
    output = run_import(write_json(tmp_path / "mixed.json", stations), "--max-skipped", "50")
    assert set(Site.objects.values_list("source_id", flat=True)) == {"901", "902", "903", "905"}
    assert "  record 4 (id 904): latitude is missing (no coordinates)" in output
    assert "       1  unreadable ev_level2_evse_num (e.g. “abc”)" in output
    # 902 lists J1772 without a count it can read: one approximate port keeps it findable.
    assert list(ports(902).values_list("connector_type", "power_type")) == [(J1772, L2)]
    assert list(ports(903).values_list("connector_type", flat=True)) == [J1772, J1772, OTHER]


def test_it_reads_a_json_record_of_a_wrong_encoding(tmp_path):
    path = write_json(
        tmp_path / "latin1.json",
        [api_station(911), api_station(912, station_name="Caf\u00e9 Lot"), api_station(913)],
    )
    # json.dumps escapes é as \u00e9; put the raw Latin-1 byte there instead.
    path.write_bytes(path.read_bytes().replace(b"Caf\\u00e9", b"Caf\xe9"))
    run_import(path)
    assert Site.objects.get(source_id="912").name == "Caf\u00e9 Lot"
    assert Site.objects.count() == 3

"""AFDC counts are charging positions; every connector a record lists is findable.

Each level's connectors take turns through its positions. When a level lists more
connectors than it has positions, the extra ones join positions already there: one
position then holds two ports, of which one car at a time charges (a `Position` row).

| id     | connector types          | L2 | DC | positions                                      |
|--------|--------------------------|----|----|------------------------------------------------|
| 167633 | CHADEMO J1772COMBO       |    |  1 | DC: 1 holding a CCS and a CHAdeMO port          |
| 44218  | CHADEMO J1772 J1772COMBO |  2 |  1 | L2: 2 J1772; DC: 1 holding CCS and CHAdeMO      |
| 324389 | J1772COMBO TESLA         |    |  1 | DC: 1 holding a CCS and a Tesla port            |
| 166207 | CHADEMO J1772COMBO       |    |  4 | DC: 4 of one port each: CCS, CHAdeMO, CCS, …    |
| 114885 | J1772 TESLA              |  3 |    | L2: 3 of one port each: J1772, Tesla, J1772     |

Before positions, 167633 had one CCS port and CHAdeMO only in its notes: in the NY export
that hid 128 of 208 CHAdeMO locations from a driver filtering by CHAdeMO.
"""

import pytest

from ports.models import Port, Position
from ports.vocabulary import ConnectorType, PowerType
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db

IDS = ["167633", "44218", "324389", "166207", "114885"]
CCS, CHADEMO, J1772, TESLA = (
    ConnectorType.CCS,
    ConnectorType.CHADEMO,
    ConnectorType.J1772,
    ConnectorType.TESLA,
)


@pytest.fixture
def imported(tmp_path):
    return run_import(write_csv(tmp_path / "afdc.csv", [ny_row(i) for i in IDS]))


def positions_of(source_id):
    """Each position's ports as (power, connectors), a port without a position alone."""
    groups = {}
    ports = Port.objects.filter(station__site__source_id=source_id).order_by("pk")
    for port in ports:
        groups.setdefault(port.position_key, (port.power_type, []))[1].append(port.connector_type)
    return sorted((power, tuple(connectors)) for power, connectors in groups.values())


def test_it_makes_one_dc_position_with_a_ccs_and_a_chademo_port(imported):
    assert positions_of("167633") == [(PowerType.DC_FAST, (CCS, CHADEMO))]
    position = Position.objects.get(station__site__source_id="167633")
    assert position.station.name == "DC Fast chargers"
    assert [p.label for p in position.ports.order_by("label")] == ["Port 1", "Port 2"]
    for port in position.ports.all():
        assert "Approximate (imported from NREL)" in port.notes
        assert "also lists" not in port.notes  # CHAdeMO is a port now, not a note


def test_it_shares_only_the_dc_position_of_a_dealer_with_level_2_too(imported):
    assert positions_of("44218") == [
        (PowerType.AC_LEVEL_2, (J1772,)),
        (PowerType.AC_LEVEL_2, (J1772,)),
        (PowerType.DC_FAST, (CCS, CHADEMO)),
    ]


def test_it_puts_a_tesla_cable_on_the_ccs_position(imported):
    assert positions_of("324389") == [(PowerType.DC_FAST, (CCS, TESLA))]


def test_it_keeps_one_port_per_position_when_there_are_enough_positions(imported):
    assert (
        positions_of("166207")
        == [(PowerType.DC_FAST, (CCS,))] * 2 + [(PowerType.DC_FAST, (CHADEMO,))] * 2
    )
    assert positions_of("114885") == [(PowerType.AC_LEVEL_2, (J1772,))] * 2 + [
        (PowerType.AC_LEVEL_2, (TESLA,))
    ]
    assert not Position.objects.filter(station__site__source_id__in=["166207", "114885"]).exists()


def test_it_creates_position_rows_only_for_shared_positions(imported):
    assert Position.objects.count() == 3
    assert Port.objects.filter(position__isnull=False).count() == 6


def test_it_replaces_the_positions_of_an_unclaimed_site_that_changed(tmp_path, imported):
    changed = [ny_row(i) for i in IDS[1:]] + [ny_row("167633", **{"EV DC Fast Count": "2"})]
    run_import(write_csv(tmp_path / "afdc.csv", changed))
    assert positions_of("167633") == [(PowerType.DC_FAST, (CCS,)), (PowerType.DC_FAST, (CHADEMO,))]
    assert not Position.objects.filter(station__site__source_id="167633").exists()
    assert Position.objects.count() == 2

"""A record that lists connectors but counts no positions gets one approximate port per
connector, each its own position, at the connector's natural level.

Indian Castle Service Area (256121) lists CHADEMO J1772COMBO TESLA; here its counts are
blank or 0. J1772 and NEMA 14-50 are Level 2, NEMA 5-15 and 5-20 Level 1, CCS and CHAdeMO
DC Fast; a Tesla connector is DC Fast on Tesla's Supercharger network, else Level 2.
"""

import pytest

from ports.models import Port, Position
from ports.vocabulary import ConnectorType, PowerType
from sites.models import Site
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db

NO_COUNTS = {"EV Level1 EVSE Num": "0", "EV Level2 EVSE Num": "", "EV DC Fast Count": "0.0"}
L1, L2, DC = PowerType.AC_LEVEL_1, PowerType.AC_LEVEL_2, PowerType.DC_FAST


def import_row(tmp_path, **cells):
    run_import(write_csv(tmp_path / "afdc.csv", [ny_row("256121", **NO_COUNTS, **cells)]))
    return sorted(Port.objects.values_list("connector_type", "power_type"))


def test_it_gives_each_listed_connector_a_port(tmp_path):
    assert import_row(tmp_path) == [
        (ConnectorType.CCS, DC),
        (ConnectorType.CHADEMO, DC),
        (ConnectorType.TESLA, L2),
    ]
    assert not Position.objects.exists()  # each port its own position
    for port in Port.objects.all():
        assert "Approximate (imported from NREL)" in port.notes
        assert "without a count of chargers" in port.notes


def test_it_puts_a_tesla_connector_of_the_supercharger_network_on_dc(tmp_path):
    ports = import_row(tmp_path, **{"EV Network": "Tesla", "EV Connector Types": "TESLA"})
    assert ports == [(ConnectorType.TESLA, DC)]


@pytest.mark.parametrize(
    ("code", "port"),
    [
        ("J1772", (ConnectorType.J1772, L2)),
        ("NEMA1450", (ConnectorType.OTHER, L2)),
        ("NEMA515", (ConnectorType.OTHER, L1)),
        ("NEMA520", (ConnectorType.OTHER, L1)),
        ("J1772COMBO", (ConnectorType.CCS, DC)),
        ("J3400", (ConnectorType.TESLA, L2)),
        ("ACME9", (ConnectorType.OTHER, L2)),
    ],
)
def test_it_puts_each_connector_at_its_natural_level(tmp_path, code, port):
    assert import_row(tmp_path, **{"EV Connector Types": code}) == [port]


def test_it_imports_a_location_that_lists_nothing_without_ports(tmp_path):
    assert import_row(tmp_path, **{"EV Connector Types": ""}) == []
    assert Site.objects.get().source_id == "256121"

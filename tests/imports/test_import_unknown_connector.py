"""A connector code we do not know becomes an "Other" port whose notes name the code.

Thruway Nissan (44174) lists J1772 on one Level 2 position; here it also lists "GBT" (the
Chinese standard) or a code in lower case. No counted level can take an unknown code, so it
gets one approximate position of its own at Level 2, the level an unknown code is assumed.
"""

import re

import pytest

from ports.models import Port
from ports.vocabulary import ConnectorType, PowerType
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("listed", ["J1772 GBT", "J1772 gbt", "J1772, GBT"])
def test_it_makes_an_other_port_named_after_the_code(tmp_path, listed):
    rows = [ny_row("44174", **{"EV Connector Types": listed})]
    output = run_import(write_csv(tmp_path / "afdc.csv", rows))

    assert re.search(r"^  created\s+1$", output, re.MULTILINE)
    assert "unreadable" not in output
    ports = Port.objects.order_by("label")
    assert list(ports.values_list("connector_type", "power_type", "label")) == [
        (ConnectorType.J1772, PowerType.AC_LEVEL_2, "Port 1"),
        (ConnectorType.OTHER, PowerType.AC_LEVEL_2, "Port 2"),
    ]
    other = ports.get(connector_type=ConnectorType.OTHER)
    assert other.notes.startswith("Connector listed by NREL as “GBT”.")
    assert "Approximate (imported from NREL)" in other.notes
    assert other.position is None


def test_it_drops_a_code_that_is_not_a_code_and_says_so(tmp_path):
    rows = [ny_row("44174", **{"EV Connector Types": "J1772 <b>"})]
    output = run_import(write_csv(tmp_path / "afdc.csv", rows))
    assert "       1  unreadable EV Connector Types (e.g. “J1772 <b>”)" in output
    assert list(Port.objects.values_list("connector_type", flat=True)) == [ConnectorType.J1772]

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ports.models import Port
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.factories import PortFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:ports_historicalport_changelist")
HistoricalPort = Port.history.model

PORT_1 = {
    "connector_type": ConnectorType.J1772,
    "power_type": PowerType.AC_LEVEL_2,
    "max_power_kw": "7.2",
    "status": PortStatus.OPERATIONAL,
    "label": "Port 1",
    "notes": "",
}


def rows(response):
    """The changelist's rows as support staff read them: user, action, port, station, changes."""
    assert response.status_code == 200
    body = response.text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    table = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        # Drop the date (it is when the test ran) and the markup around each cell.
        table.append([unescape(re.sub(r"<[^>]+>", " ", cell)).split() for cell in cells[1:]])
    return [[" ".join(words) for words in row] for row in table]


def admin_port_data(port, **changes):
    data = {
        "station": port.station_id,
        "connector_type": port.connector_type,
        "power_type": port.power_type,
        "max_power_kw": str(port.max_power_kw),
        "voltage": "",
        "amperage": "",
        "status": port.status,
        "label": port.label,
        "notes": port.notes,
        "expected_repair_date": "",
    }
    return data | changes


def test_it_lists_who_did_what_to_a_port_until_it_was_deleted(
    alice_client, staff_client, support_client, station
):
    alice_client.post(reverse("ports:add", args=[station.pk]), PORT_1)
    port = Port.objects.get()
    alice_client.post(reverse("ports:status", args=[port.pk]), {"status": "out_of_service"})
    port.refresh_from_db()
    staff_client.post(
        reverse("admin:ports_port_change", args=[port.pk]),
        admin_port_data(port, notes="Awaiting parts"),
    )
    alice_client.post(reverse("ports:delete", args=[port.pk]))
    assert not Port.objects.exists()

    response = support_client.get(CHANGELIST)
    name = f"#{port.pk} Port 1"
    assert rows(response) == [
        ["Alice", "Deleted", name, "ChargePoint CT4000", "(no field changed)"],
        ["Root", "Changed", name, "ChargePoint CT4000", "Notes: (empty) → Awaiting parts"],
        [
            "Alice",
            "Changed",
            name,
            "ChargePoint CT4000",
            "Operational status: Operational → Out of Service",
        ],
        ["Alice", "Created", name, "ChargePoint CT4000", "(first record)"],
    ]


def test_it_shows_every_field_that_changed_from_what_to_what(staff_client, port):
    data = admin_port_data(
        port,
        connector_type=ConnectorType.CCS,
        power_type=PowerType.DC_FAST,
        max_power_kw="150",
        label="Fast",
    )
    staff_client.post(reverse("admin:ports_port_change", args=[port.pk]), data)
    changed = rows(staff_client.get(CHANGELIST))[0]
    assert changed[:2] == ["Root", "Changed"]
    for change in [
        "Connector type: J1772 → CCS",
        "Power type: AC Level 2 → DC Fast",
        "Max power (kW): 7.2 kW → 150 kW",
        "Port label: Port 1 → Fast",
    ]:
        assert change in changed[4]


def test_it_names_a_user_without_a_display_name_by_email(
    alice, alice_client, staff_client, station
):
    alice.display_name = ""
    alice.save()
    alice_client.post(reverse("ports:add", args=[station.pk]), PORT_1)
    assert rows(staff_client.get(CHANGELIST))[0][:2] == ["alice@example.com", "Created"]


def test_it_keeps_a_deleted_ports_history_after_its_station_is_deleted(
    alice_client, staff_client, port, station
):
    second = PortFactory(station=station, label="Port 2")
    alice_client.post(reverse("ports:delete", args=[port.pk]))
    response = staff_client.post(
        reverse("admin:stations_station_delete", args=[station.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Port.objects.exists()

    table = rows(staff_client.get(CHANGELIST))
    gone = f"#{station.pk} (deleted)"
    assert ["Root", "Deleted", f"#{second.pk} Port 2", gone, "(no field changed)"] in table
    assert ["Alice", "Deleted", f"#{port.pk} Port 1", gone, "(no field changed)"] in table
    assert [
        "(a script or import)",
        "Created",
        f"#{port.pk} Port 1",
        gone,
        "(first record)",
    ] in table
    assert len(table) == 4


def test_it_finds_a_ports_history_by_port_number(staff_client, port):
    other = PortFactory(station=port.station, label="Port 2")
    table = rows(staff_client.get(CHANGELIST, {"q": str(other.pk)}))
    assert [row[2] for row in table] == [f"#{other.pk} Port 2"]


def test_it_allows_no_add_change_or_delete(staff_client, port):
    record = HistoricalPort.objects.get()
    change = reverse("admin:ports_historicalport_change", args=[record.pk])
    delete = reverse("admin:ports_historicalport_delete", args=[record.pk])

    response = staff_client.get(CHANGELIST)
    assert reverse("admin:ports_historicalport_add") not in response.text
    assert "delete_selected" not in response.text
    assert staff_client.get(reverse("admin:ports_historicalport_add")).status_code == 403

    page = staff_client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert staff_client.post(change, {"label": "Forged"}).status_code == 403

    assert staff_client.get(delete).status_code == 403
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"}
    staff_client.post(CHANGELIST, bulk)

    record.refresh_from_db()
    assert record.label == "Port 1"
    assert HistoricalPort.objects.count() == 1


def test_it_lists_the_history_in_a_fixed_number_of_queries(staff_client, station):
    """N+1 guard: a row's previous record and its station must not cost queries of their own."""

    def queries():
        with CaptureQueriesContext(connection) as context:
            rows(staff_client.get(CHANGELIST))
        return len(context)

    port = PortFactory(station=station)
    staff_client.post(
        reverse("admin:ports_port_change", args=[port.pk]), admin_port_data(port, notes="Cable")
    )
    few = queries()
    for port in PortFactory.create_batch(5, station=station):
        staff_client.post(
            reverse("admin:ports_port_change", args=[port.pk]),
            admin_port_data(port, notes="Cable"),
        )
    assert queries() == few

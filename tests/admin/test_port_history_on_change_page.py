"""A port's change page shows its last changes (when, who, what) in the words of the forms,
and its full history page says the same; an empty change reason is never shown as "None"."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.utils import update_change_reason

from ports.admin import RECENT_CHANGES
from ports.models import Port
from ports.vocabulary import PortStatus
from tests.admin.reading import element, elements, table_rows, text
from tests.factories import PortFactory

pytestmark = pytest.mark.django_db

HistoricalPort = Port.history.model


def change_page(client, port):
    response = client.get(reverse("admin:ports_port_change", args=[port.pk]))
    assert response.status_code == 200
    return response.text


def recent_changes(client, port):
    """Who and what of each row of the change page's "Recent changes", newest first."""
    section = element(change_page(client, port), id="recent-changes")
    return [row[1:] for row in table_rows(section)]


def admin_data(port, **changes):
    data = {
        "station": port.station_id,
        "connector_type": port.connector_type,
        "power_type": port.power_type,
        "max_power_kw": str(port.max_power_kw),
        "voltage": port.voltage or "",
        "amperage": port.amperage or "",
        "status": port.status,
        "label": port.label,
        "notes": port.notes,
        "expected_repair_date": port.expected_repair_date or "",
    }
    return data | changes


def test_it_shows_who_changed_what_on_the_change_page(alice_client, staff_client, station, alice):
    alice_client.post(
        reverse("ports:add", args=[station.pk]),
        {
            "connector_type": "j1772",
            "power_type": "ac_level_2",
            "max_power_kw": "7.2",
            "status": "operational",
            "label": "Port 1",
            "notes": "",
        },
    )
    port = Port.objects.get()
    alice_client.post(reverse("ports:status", args=[port.pk]), {"status": "out_of_service"})
    port.refresh_from_db()
    repair = datetime.date(2026, 6, 1)
    staff_client.post(
        reverse("admin:ports_port_change", args=[port.pk]),
        admin_data(port, notes="Awaiting parts", expected_repair_date=repair, max_power_kw="6.6"),
    )

    assert recent_changes(staff_client, port) == [
        [
            "Root",
            "Changed Max power (kW): 7.2 kW → 6.6 kW Notes: (empty) → Awaiting parts "
            "Expected repair date: (empty) → June 1, 2026",
        ],
        ["Alice", "Changed Operational status: Operational → Out of Service"],
        ["Alice", "Created"],
    ]


def test_it_dates_each_change(staff_client, port):
    record = HistoricalPort.objects.get()
    section = element(change_page(staff_client, port), id="recent-changes")
    moment = element(section, name="time")
    shown = datetime.datetime.fromisoformat(dict(moment.attributes)["datetime"])
    assert shown == record.history_date


def test_it_shows_a_change_reason_only_when_there_is_one(staff_client, port):
    port.status = PortStatus.OUT_OF_SERVICE
    port.save()
    update_change_reason(port, "Driver reported a broken cable")
    port.notes = "Cable replaced"
    port.status = PortStatus.OPERATIONAL
    port.save()

    page = change_page(staff_client, port)
    changes = recent_changes(staff_client, port)
    assert "Reason: Driver reported a broken cable" in changes[1][1]
    assert "Reason" not in changes[0][1] and "Reason" not in changes[2][1]
    assert "None" not in text(element(page, id="recent-changes"))


def test_it_names_a_change_made_by_no_one_as_a_script(staff_client, port):
    # Ports made by imports and commands have no user.
    assert recent_changes(staff_client, port) == [["(a script or import)", "Created"]]


def test_it_shows_the_last_ten_and_links_to_the_rest(staff_client, port):
    for n in range(RECENT_CHANGES + 2):
        port.notes = f"Visit {n}"
        port.save()
    page = change_page(staff_client, port)
    changes = recent_changes(staff_client, port)
    assert len(changes) == RECENT_CHANGES
    assert changes[0][1] == "Changed Notes: Visit 10 → Visit 11"
    # The oldest shown is still compared with the one before it.
    assert changes[-1][1] == "Changed Notes: Visit 1 → Visit 2"
    link = element(element(page, id="recent-changes"), name="a")
    assert dict(link.attributes)["href"] == reverse("admin:ports_port_history", args=[port.pk])
    assert text(link) == "Every change to this port"


def test_it_shows_no_history_on_the_add_page(staff_client, port):
    response = staff_client.get(reverse("admin:ports_port_add"))
    assert response.status_code == 200
    assert not elements(response.text, id="recent-changes")


def test_it_costs_the_same_queries_however_long_the_history(staff_client, port):
    """N+1 guard: the section reads a bounded number of records in one query."""

    def queries():
        with CaptureQueriesContext(connection) as context:
            change_page(staff_client, port)
        return len(context)

    port.notes = "First"
    port.save()
    few = queries()
    for n in range(RECENT_CHANGES * 2):
        port.notes = f"Visit {n}"
        port.save()
    assert queries() == few


def test_it_names_a_moved_ports_stations(staff_client, port, station):
    other = PortFactory(station__site=station.site, station__name="Bank B").station
    staff_client.post(
        reverse("admin:ports_port_change", args=[port.pk]), admin_data(port, station=other.pk)
    )
    assert recent_changes(staff_client, port)[0] == [
        "Root",
        "Changed Station: ChargePoint CT4000 → Bank B",
    ]


def test_its_full_history_page_uses_the_same_words(staff_client, alice_client, port):
    alice_client.post(reverse("ports:status", args=[port.pk]), {"status": "out_of_service"})
    response = staff_client.get(reverse("admin:ports_port_history", args=[port.pk]))
    assert response.status_code == 200
    table = element(response.text, id="change-history")
    headers = [text(cell) for cell in elements(element(table, name="thead"), name="th")]
    assert "Change reason" not in headers
    rows = [row[1:3] for row in table_rows(table)]
    assert rows == [
        ["Alice", "Changed Operational status: Operational → Out of Service"],
        ["(a script or import)", "Created"],
    ]
    assert "None" not in text(table)


def test_a_records_own_page_hides_an_empty_reason(staff_client, port):
    record = HistoricalPort.objects.get()
    page = staff_client.get(reverse("admin:ports_historicalport_change", args=[record.pk]))
    assert page.status_code == 200
    assert not elements(page.text, css_class="field-history_change_reason")
    update_change_reason(port, "Imported from NREL")
    record.refresh_from_db()
    page = staff_client.get(reverse("admin:ports_historicalport_change", args=[record.pk]))
    assert "Imported from NREL" in text(element(page.text, css_class="field-history_change_reason"))

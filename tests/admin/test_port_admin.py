import datetime
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ports.models import Port
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.factories import PortFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:ports_port_changelist")


def change_url(port):
    return reverse("admin:ports_port_change", args=[port.pk])


def form_data(port, **changes):
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


def listed(response):
    assert response.status_code == 200
    return {port.label for port in response.context["cl"].result_list}


@pytest.fixture
def three_ports(station):
    PortFactory(station=station, label="Level 2")
    PortFactory(
        station=station,
        label="Fast",
        connector_type=ConnectorType.CCS,
        power_type=PowerType.DC_FAST,
        max_power_kw="150",
    )
    PortFactory(
        station=station,
        label="Broken",
        connector_type=ConnectorType.CHADEMO,
        power_type=PowerType.DC_FAST,
        max_power_kw="50",
        status=PortStatus.OUT_OF_SERVICE,
        notes="Awaiting parts",
    )


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"connector_type__exact": ConnectorType.CCS}, {"Fast"}),
        ({"connector_type__exact": ConnectorType.J1772}, {"Level 2"}),
        ({"power_type__exact": PowerType.DC_FAST}, {"Fast", "Broken"}),
        ({"power_type__exact": PowerType.AC_LEVEL_2}, {"Level 2"}),
        ({"status__exact": PortStatus.OUT_OF_SERVICE}, {"Broken"}),
        ({"status__exact": PortStatus.OPERATIONAL}, {"Level 2", "Fast"}),
        (
            {"power_type__exact": PowerType.DC_FAST, "status__exact": PortStatus.OPERATIONAL},
            {"Fast"},
        ),
    ],
)
def test_it_filters_by_connector_power_type_and_status(support_client, three_ports, params, found):
    assert listed(support_client.get(CHANGELIST, params)) == found


def test_it_saves_a_change_as_the_staff_user(support_client, support, port, alice):
    Port.objects.filter(pk=port.pk).update(updated_by=alice)
    data = form_data(port, status=PortStatus.OUT_OF_SERVICE, notes="Awaiting parts")
    response = support_client.post(change_url(port), data)
    assert response.status_code == 302
    port.refresh_from_db()
    assert (port.status, port.notes) == (PortStatus.OUT_OF_SERVICE, "Awaiting parts")
    assert port.out_of_service_since is not None
    assert port.updated_by == support


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"voltage": "240", "amperage": "30", "max_power_kw": "11"},
            "Don't overestimate power: 240 V × 30 A gives 7.2 kW, less than 11 kW.",
        ),
        (
            {"connector_type": ConnectorType.CCS},
            "CCS ports are DC: choose DC Fast, or pick J1772 for an AC port.",
        ),
        (
            {"connector_type": ConnectorType.OTHER},
            "Name the connector in the notes (for example “NEMA 14-50 outlet”)",
        ),
        (
            {"expected_repair_date": "2026-06-01"},
            "Only ports that are Out of Service have an expected repair date",
        ),
        ({"max_power_kw": "1500"}, "Max power can be at most 1,000 kW."),
    ],
    ids=["volts-times-amps", "ccs-on-ac", "other-unnamed", "repair-date", "too-much-power"],
)
def test_it_refuses_what_the_model_refuses(staff_client, port, changes, message):
    port.refresh_from_db()
    before = form_data(port)
    response = staff_client.post(change_url(port), form_data(port, **changes))
    assert response.status_code == 200
    assert message in unescape(response.text)
    port.refresh_from_db()
    assert form_data(port) == before
    assert port.updated_by is None


def test_it_keeps_the_repair_date_of_an_out_of_service_port(staff_client, port):
    data = form_data(
        port, status=PortStatus.OUT_OF_SERVICE, expected_repair_date="2026-06-01", notes="Parts"
    )
    response = staff_client.post(change_url(port), data)
    assert response.status_code == 302
    port.refresh_from_db()
    assert port.expected_repair_date == datetime.date(2026, 6, 1)


def test_it_lists_ports_in_a_fixed_number_of_queries(staff_client):
    """N+1 guard: the changelist costs the same whatever the row count."""

    def queries():
        with CaptureQueriesContext(connection) as context:
            listed(staff_client.get(CHANGELIST))
        return len(context)

    PortFactory()
    few = queries()
    PortFactory.create_batch(5)
    assert queries() == few

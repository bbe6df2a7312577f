from decimal import Decimal

import pytest
from django.urls import reverse

from ports.models import Port
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.factories import PortFactory

pytestmark = pytest.mark.django_db

NEW_PORT = {
    "connector_type": ConnectorType.CCS,
    "power_type": PowerType.DC_FAST,
    "max_power_kw": "150",
    "voltage": "",
    "amperage": "",
    "status": PortStatus.OPERATIONAL,
    "label": "Port 2",
    "notes": "",
    "expected_repair_date": "",
}


def change_url(station):
    return reverse("admin:stations_station_change", args=[station.pk])


def shown(port):
    """An existing port's inline row, as the change page renders it."""
    return {
        "id": port.pk,
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


def form_data(station, ports):
    """The change form with its ports inline: existing rows (with an id) first, then new ones."""
    data = {
        "site": station.site_id,
        "name": station.name,
        "manufacturer": station.manufacturer,
        "model": station.model,
        "network": station.network,
        "is_published": "on",
        "ports-TOTAL_FORMS": len(ports),
        "ports-INITIAL_FORMS": sum("id" in port for port in ports),
        "ports-MIN_NUM_FORMS": 0,
        "ports-MAX_NUM_FORMS": 1000,
    }
    for i, port in enumerate(ports):
        data |= {f"ports-{i}-{field}": value for field, value in port.items()}
    return data


@pytest.fixture
def port(station, alice):
    return PortFactory(station=station, label="Port 1", updated_by=alice)


def test_it_shows_the_ports_inline(support_client, port):
    response = support_client.get(change_url(port.station))
    assert response.status_code == 200
    assert 'name="ports-TOTAL_FORMS" value="1"' in response.text
    assert 'name="ports-0-label" value="Port 1"' in response.text
    assert reverse("admin:ports_port_change", args=[port.pk]) in response.text


def test_it_saves_inline_ports_as_the_staff_user(support_client, support, port, alice):
    left_alone = PortFactory(station=port.station, label="Port 3", updated_by=alice)
    changed = {**shown(port), "status": PortStatus.OUT_OF_SERVICE, "notes": "Awaiting parts"}
    data = form_data(port.station, [changed, shown(left_alone), NEW_PORT])
    response = support_client.post(change_url(port.station), data)
    assert response.status_code == 302
    port.refresh_from_db()
    left_alone.refresh_from_db()
    new = Port.objects.get(label="Port 2")
    assert (port.status, port.notes) == (PortStatus.OUT_OF_SERVICE, "Awaiting parts")
    assert port.out_of_service_since is not None
    assert (new.station, new.max_power_kw) == (port.station, Decimal("150"))
    assert port.updated_by == support
    assert new.updated_by == support
    assert left_alone.updated_by == alice


def test_it_deletes_a_port_inline(staff_client, port):
    data = form_data(port.station, [{**shown(port), "DELETE": "on"}])
    response = staff_client.post(change_url(port.station), data)
    assert response.status_code == 302
    assert not Port.objects.exists()


def test_it_refuses_a_ccs_port_on_ac(staff_client, port):
    changed = {**shown(port), "status": PortStatus.OUT_OF_SERVICE}
    bad = {**NEW_PORT, "power_type": PowerType.AC_LEVEL_2, "max_power_kw": "7.2"}
    response = staff_client.post(change_url(port.station), form_data(port.station, [changed, bad]))
    assert response.status_code == 200
    assert "CCS ports are DC: choose DC Fast, or pick J1772 for an AC port." in response.text
    assert list(Port.objects.all()) == [port]
    port.refresh_from_db()
    assert port.status == PortStatus.OPERATIONAL


def test_it_refuses_a_label_another_port_of_the_station_has(staff_client, port):
    data = form_data(port.station, [shown(port), {**NEW_PORT, "label": "Port 1"}])
    response = staff_client.post(change_url(port.station), data)
    assert response.status_code == 200
    assert "Give each port its own label." in response.text
    assert list(Port.objects.all()) == [port]


def test_it_refuses_two_new_ports_with_the_same_label(staff_client, station):
    data = form_data(station, [NEW_PORT, {**NEW_PORT, "connector_type": ConnectorType.CHADEMO}])
    response = staff_client.post(change_url(station), data)
    assert response.status_code == 200
    assert "Give each port its own label." in response.text
    assert not Port.objects.exists()

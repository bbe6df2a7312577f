from decimal import Decimal

import pytest
from django.urls import reverse

from ports.models import Port
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.conftest import HTMX
from tests.factories import PortFactory

pytestmark = pytest.mark.django_db

PORT_1 = {
    "connector_type": ConnectorType.J1772,
    "power_type": PowerType.AC_LEVEL_2,
    "max_power_kw": "7.2",
    "status": PortStatus.OPERATIONAL,
    "label": "Port 1",
    "notes": "",
}


def url(station):
    return reverse("ports:add", args=[station.pk])


def test_it_shows_the_form_as_a_page(alice_client, station):
    response = alice_client.get(url(station))
    assert response.status_code == 200
    assert b"<html" in response.content
    for label in [
        "Connector type",
        "Power type",
        "Max power (kW)",
        "Voltage (V)",
        "Amperage (A)",
        "Operational status",
        "Port label",
        "Notes",
        "Expected repair date",
    ]:
        assert label in response.text


def test_it_shows_only_the_form_to_htmx(alice_client, station):
    response = alice_client.get(url(station), headers=HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert f'hx-post="{url(station)}"' in response.text


def test_it_adds_a_port_and_redirects(alice_client, alice, station):
    response = alice_client.post(url(station), PORT_1)
    port = Port.objects.get()
    assert response.status_code == 302
    assert response.url == f"{station.get_absolute_url()}?added={port.pk}#charging-ports"
    assert (port.station, port.label, port.max_power_kw) == (station, "Port 1", Decimal("7.2"))
    assert port.updated_by == alice


def test_it_offers_add_another_port_after_the_redirect(alice_client, station):
    response = alice_client.post(url(station), PORT_1, follow=True)
    assert "“Port 1” added" in response.text
    assert "Add Another Port" in response.text


def test_it_answers_htmx_with_the_new_row_and_add_another_port(alice_client, station):
    response = alice_client.post(url(station), PORT_1, headers=HTMX)
    port = Port.objects.get()
    assert b"<html" not in response.content
    assert "Add Another Port" in response.text
    assert f'id="port-{port.pk}"' in response.text
    assert 'hx-swap-oob="true"' in response.text


def test_it_shows_errors_beside_the_field(alice_client, station):
    data = {**PORT_1, "connector_type": ConnectorType.CCS}
    response = alice_client.post(url(station), data, headers=HTMX)
    assert response.status_code == 200
    assert "CCS ports are DC: choose DC Fast" in response.text
    assert not Port.objects.exists()


def test_it_makes_the_port_visible_to_drivers_at_once(alice_client, station):
    alice_client.post(url(station), PORT_1)
    response = alice_client.get(reverse("sites:public", args=[station.site.pk]))
    assert "Port 1" in response.text
    assert "1 port available" in response.text


def test_it_allows_as_many_ports_as_exist(alice_client, station):
    PortFactory.create_batch(40, station=station)
    response = alice_client.post(url(station), {**PORT_1, "label": "Port 41"})
    assert response.status_code == 302
    assert station.ports.count() == 41


def test_it_is_404_for_a_stranger(bob_client, station):
    assert bob_client.get(url(station)).status_code == 404
    assert bob_client.post(url(station), PORT_1).status_code == 404
    assert not Port.objects.exists()


def test_it_sends_anonymous_visitors_to_log_in(client, station):
    response = client.post(url(station), PORT_1)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

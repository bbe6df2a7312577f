import re
from decimal import Decimal

import pytest
from django.urls import reverse

from ports.models import Port
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.conftest import HTMX
from tests.factories import PortFactory
from tests.ports.pages import announced, field

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
    # The opened form takes the keyboard to its first field (static/js/app.js).
    assert "data-focus" in field(response, "connector_type")


def test_it_names_connectors_as_owners_see_them(alice_client, station):
    connector = field(alice_client.get(url(station)), "connector_type")
    for value, label in [
        ("j1772", "J1772"),
        ("ccs", "CCS (CCS1 in North America)"),
        ("chademo", "CHAdeMO"),
        ("tesla", "Tesla"),
        ("other", "Other (specify in notes)"),
    ]:
        assert f'<option value="{value}">{label}</option>' in connector


def test_it_teaches_how_to_tell_the_connector(alice_client, station):
    response = alice_client.get(url(station))
    assert (
        "Tip: Look at the physical connector on your station. "
        "When in doubt, J1772 is most common for Level 2."
    ) in " ".join(response.text.split())
    assert f'<a href="{reverse("help:connector_types")}">Learn more about connector types</a>' in (
        response.text
    )


def test_it_shows_each_power_types_range_and_its_connectors(alice_client, station):
    power = field(alice_client.get(url(station)), "power_type")
    for value, connectors, label in [
        ("ac_level_1", "j1772 other", "AC Level 1 · 1.4-1.9 kW (standard outlet)"),
        ("ac_level_2", "j1772 tesla other", "AC Level 2 · 3-19 kW"),
        ("dc_fast", "ccs chademo tesla other", "DC Fast · 50+ kW"),
    ]:
        assert f'<option value="{value}" data-connectors="{connectors}">{label}</option>' in power


def test_it_suggests_common_power_values(alice_client, station):
    response = alice_client.get(url(station))
    assert 'list="new-port-max_power_kw_common"' in field(response, "max_power_kw")
    suggested = re.search(
        r'<datalist id="new-port-max_power_kw_common">(.*?)</datalist>', response.text, re.S
    ).group(1)
    values = re.findall(r'<option value="([^"]+)">', suggested)
    assert values == ["3.3", "6.6", "7.2", "11", "19.2", "50", "100", "150", "250", "350"]


def test_it_helps_with_voltage_and_amperage(alice_client, station):
    response = alice_client.get(url(station))
    assert (
        "Most stations: 240V, 30A (7.2 kW) or 240V, 40A (9.6 kW). Leave blank if unsure"
        in response.text
    )


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
    assert f'<tr id="port-{port.pk}" class="port operational just-saved">' in response.text
    # The keyboard lands on the message and its "Add Another Port".
    assert 'class="notice notice--success port-added" role="status" data-focus' in response.text
    assert announced(response) == "Port 1 added"


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

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from ports.vocabulary import ConnectorType, PowerType
from tests.conftest import HTMX
from tests.factories import PortFactory
from tests.ports.pages import announced, edit_form_data, field, row

pytestmark = pytest.mark.django_db


def url(port):
    return reverse("ports:edit", args=[port.pk])


def test_it_shows_the_form_as_a_page(alice_client, port):
    response = alice_client.get(url(port))
    assert response.status_code == 200
    assert b"<html" in response.content
    assert "Edit Port 1" in response.text
    assert 'value="Port 1"' in field(response, "label")
    assert "Save Changes" in response.text


def test_it_opens_the_row_into_the_form_for_htmx(alice_client, port):
    response = alice_client.get(url(port), headers=HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    panel = row(response, port)
    assert panel.startswith(f'<tr id="port-{port.pk}" class="port-panel">')
    assert f'hx-post="{url(port)}" hx-target="#port-{port.pk}"' in panel
    assert "Save Changes" in panel
    # The owner lands on the form's first field (static/js/app.js focuses data-focus).
    assert "data-focus" in field(response, "connector_type")
    # Cancel puts the row back as it was.
    assert f'hx-get="{reverse("ports:detail", args=[port.pk])}"' in panel


def test_it_saves_and_redirects_to_the_station_page(alice_client, port, station):
    response = alice_client.post(url(port), edit_form_data(port, notes="Call office if stuck"))
    assert response.status_code == 302
    assert response.url == f"{station.get_absolute_url()}#port-{port.pk}"
    port.refresh_from_db()
    assert port.notes == "Call office if stuck"


def test_it_says_the_changes_were_saved(alice_client, port):
    response = alice_client.post(url(port), edit_form_data(port), follow=True)
    assert "Changes to “Port 1” saved." in response.text


def test_it_answers_htmx_with_the_updated_row(alice_client, port):
    response = alice_client.post(url(port), edit_form_data(port, max_power_kw="11"), headers=HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    updated = row(response, port)
    assert updated.startswith(
        f'<tr id="port-{port.pk}" class="port operational just-saved" data-focus>'
    )
    assert "11 kW" in updated
    assert announced(response) == "Port 1 saved"


def test_it_shows_decimals_as_people_write_them(alice_client, port):
    assert 'value="7.2"' in field(alice_client.get(url(port)), "max_power_kw")


def test_it_records_who_changed_the_port(alice_client, alice, port):
    alice_client.post(url(port), edit_form_data(port, label="Left Port"))
    port.refresh_from_db()
    assert port.updated_by == alice
    assert port.history.first().history_user == alice


def test_it_updates_the_power_after_an_upgrade(alice_client, port, station):
    data = edit_form_data(port, max_power_kw="9.6", voltage="240", amperage="40")
    alice_client.post(url(port), data)
    port.refresh_from_db()
    assert (port.max_power_kw, port.voltage, port.amperage) == (Decimal("9.6"), 240, 40)
    assert "9.6 kW" in row(alice_client.get(station.get_absolute_url()), port)


def test_it_saves_a_fast_charger_with_its_voltage_and_amperage(alice_client, station):
    port = PortFactory(
        station=station,
        connector_type=ConnectorType.CCS,
        power_type=PowerType.DC_FAST,
        max_power_kw=Decimal("150"),
    )
    data = edit_form_data(port, max_power_kw="350", voltage="920", amperage="400")
    response = alice_client.post(url(port), data)
    assert response.status_code == 302
    port.refresh_from_db()
    assert (port.max_power_kw, port.voltage, port.amperage) == (Decimal("350"), 920, 400)


def test_it_fixes_an_incorrect_connector_type(alice_client, port, station):
    alice_client.post(url(port), edit_form_data(port, connector_type=ConnectorType.TESLA))
    port.refresh_from_db()
    assert port.connector_type == ConnectorType.TESLA
    assert 'alt="Tesla (NACS)"' in row(alice_client.get(station.get_absolute_url()), port)


def test_it_puts_the_owner_on_the_summary_of_what_to_fix(alice_client, port):
    data = edit_form_data(port, connector_type=ConnectorType.CCS, label="P" * 51)
    response = alice_client.post(url(port), data, headers=HTMX)
    summary = re.search(
        r'<div class="errors" role="alert" data-focus>.*?</div>', response.text, re.S
    )
    assert summary, "no error summary to focus"
    assert "fix 2 things first" in summary.group()
    assert f'href="#port-{port.pk}-power_type">Power type</a>' in summary.group()
    assert f'href="#port-{port.pk}-label">Port label</a>' in summary.group()
    assert not announced(response)


def test_it_fixes_a_connector_type_that_needs_another_power_type(alice_client, port):
    data = edit_form_data(
        port, connector_type=ConnectorType.CCS, power_type=PowerType.DC_FAST, max_power_kw="150"
    )
    alice_client.post(url(port), data)
    port.refresh_from_db()
    assert (port.connector_type, port.power_type) == (ConnectorType.CCS, PowerType.DC_FAST)


def test_it_shows_errors_beside_their_field_in_the_panel(alice_client, port):
    data = edit_form_data(port, connector_type=ConnectorType.CCS, max_power_kw="fast")
    response = alice_client.post(url(port), data, headers=HTMX)
    assert response.status_code == 200
    assert row(response, port).startswith(f'<tr id="port-{port.pk}" class="port-panel">')
    assert "CCS ports are DC: choose DC Fast" in field(response, "power_type")
    assert "Enter a number." in field(response, "max_power_kw")
    port.refresh_from_db()
    assert (port.connector_type, port.max_power_kw) == (ConnectorType.J1772, Decimal("7.2"))


def test_it_shows_errors_on_the_page_without_javascript(alice_client, port):
    response = alice_client.post(url(port), edit_form_data(port, max_power_kw=""))
    assert response.status_code == 200
    assert b"<html" in response.content
    assert "This field is required." in field(response, "max_power_kw")


def test_it_refuses_a_label_another_port_on_the_station_has(alice_client, port, station):
    PortFactory(station=station, label="Port 2")
    response = alice_client.post(url(port), edit_form_data(port, label="Port 2"), headers=HTMX)
    assert "Another port on this station is labelled “Port 2”" in field(response, "label")
    port.refresh_from_db()
    assert port.label == "Port 1"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("connector_type", "usb-c", "Select a valid choice."),
        ("power_type", "ac_level_3", "Select a valid choice."),
        ("max_power_kw", "seven", "Enter a number."),
        pytest.param("max_power_kw", "0", "Max power must be above 0 kW."),
        pytest.param(
            "max_power_kw",
            "7200",
            "a figure in watts must be divided by 1,000",
        ),
        ("max_power_kw", "7.255", "Ensure that there are no more than 2 decimal places."),
        ("voltage", "-240", "greater than or equal to"),
        ("voltage", "240V", "Enter a whole number."),
        ("amperage", "99999", "less than or equal to"),
        ("status", "broken", "Select a valid choice."),
        ("label", "P" * 51, "at most 50 characters"),
        ("notes", "n" * 501, "at most 500 characters"),
        ("expected_repair_date", "next week", "Enter a valid date."),
    ],
)
def test_it_explains_bad_input_beside_the_field(alice_client, port, name, value, message):
    saved = edit_form_data(port)
    response = alice_client.post(url(port), {**saved, name: value}, headers=HTMX)
    assert response.status_code == 200
    assert "has-error" in field(response, name)
    assert message in field(response, name)
    port.refresh_from_db()
    assert edit_form_data(port) == saved


def test_it_lets_a_browser_submit_a_two_decimal_power(alice_client, port):
    max_power = field(alice_client.get(url(port)), "max_power_kw")
    assert 'step="0.01"' in max_power or 'step="any"' in max_power


def test_it_is_404_for_a_stranger(bob_client, port):
    assert bob_client.get(url(port)).status_code == 404
    assert bob_client.get(url(port), headers=HTMX).status_code == 404
    response = bob_client.post(url(port), edit_form_data(port, label="Mine now"))
    assert response.status_code == 404
    port.refresh_from_db()
    assert port.label == "Port 1"


def test_it_sends_anonymous_visitors_to_log_in(client, port):
    changed = edit_form_data(port, label="Mine now")
    for response in [client.get(url(port)), client.post(url(port), changed)]:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    port.refresh_from_db()
    assert port.label == "Port 1"

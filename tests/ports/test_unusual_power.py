"""Power outside the spec's typical range for its power type is questioned once, not refused:
an amber warning beside max power with "Save anyway" inside it, asked only once nothing else is
wrong."""

from decimal import Decimal

import pytest
from django.urls import reverse

from ports.models import Port
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.conftest import HTMX
from tests.factories import PortFactory
from tests.ports.pages import edit_form_data, field, warning

pytestmark = pytest.mark.django_db

CONFIRM = "Save anyway"
SLOW_CCS = {
    "connector_type": ConnectorType.CCS,
    "power_type": PowerType.DC_FAST,
    "max_power_kw": "24",
    "status": PortStatus.OPERATIONAL,
    "label": "Port 1",
    "notes": "",
}
WARNING_24_KW = "24 kW is outside the usual range for DC Fast (50–1000 kW)."


def add_url(station):
    return reverse("ports:add", args=[station.pk])


def edit_url(port):
    return reverse("ports:edit", args=[port.pk])


def test_it_warns_beside_max_power_and_saves_nothing(alice_client, station):
    response = alice_client.post(add_url(station), SLOW_CCS)
    assert response.status_code == 200
    assert b"<html" in response.content
    amber = warning(response)
    assert WARNING_24_KW in amber
    assert "tick “Save anyway” and save again" in amber
    assert 'type="checkbox" name="confirm_power"' in amber
    assert CONFIRM in amber
    # A warning, not an error: nothing red, nothing in the summary of what to fix.
    assert "has-error" not in field(response, "max_power_kw")
    assert 'class="errors"' not in response.text
    # It sits right after the max power field.
    assert response.text.index(field(response, "max_power_kw")) < response.text.index(amber)
    assert response.text.index(amber) < response.text.index(field(response, "voltage"))
    assert not Port.objects.exists()


def test_it_warns_inside_the_htmx_form(alice_client, station):
    response = alice_client.post(add_url(station), SLOW_CCS, headers=HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert WARNING_24_KW in warning(response)
    assert 'class="field-warning" role="status" data-focus' in warning(response)
    assert not Port.objects.exists()


def test_it_does_not_warn_while_a_real_error_stands(alice_client, station):
    # 30 kW on AC Level 2 is unusual, but a CCS port cannot be AC at all: that comes first.
    data = {**SLOW_CCS, "power_type": PowerType.AC_LEVEL_2, "max_power_kw": "30"}
    response = alice_client.post(add_url(station), data, headers=HTMX)
    assert "CCS ports are DC: choose DC Fast" in field(response, "power_type")
    assert warning(response) == ""
    assert CONFIRM not in response.text
    # Fixed: now the warning.
    data = {**data, "connector_type": ConnectorType.J1772}
    response = alice_client.post(add_url(station), data, headers=HTMX)
    assert "30 kW is outside the usual range for AC Level 2 (3–19.2 kW)" in warning(response)
    assert 'class="errors"' not in response.text
    assert not Port.objects.exists()


def test_it_does_not_warn_beside_another_fields_error(alice_client, station):
    response = alice_client.post(add_url(station), {**SLOW_CCS, "label": "P" * 51})
    assert "at most 50 characters" in field(response, "label")
    assert warning(response) == ""


def test_it_saves_once_the_owner_confirms(alice_client, station):
    response = alice_client.post(add_url(station), {**SLOW_CCS, "confirm_power": "on"})
    assert response.status_code == 302
    port = Port.objects.get()
    assert (port.connector_type, port.max_power_kw) == (ConnectorType.CCS, Decimal("24"))


def test_it_does_not_offer_the_checkbox_before_a_warning(alice_client, station, port):
    assert CONFIRM not in alice_client.get(add_url(station)).text
    assert CONFIRM not in alice_client.get(edit_url(port)).text


@pytest.mark.parametrize(
    ("power_type", "max_power_kw"),
    [
        (PowerType.AC_LEVEL_1, "1.4"),
        (PowerType.AC_LEVEL_1, "1.9"),
        (PowerType.AC_LEVEL_2, "3"),
        (PowerType.AC_LEVEL_2, "7.2"),
        (PowerType.AC_LEVEL_2, "19.2"),
        (PowerType.DC_FAST, "50"),
        (PowerType.DC_FAST, "350"),
    ],
)
def test_it_does_not_question_typical_power(alice_client, station, power_type, max_power_kw):
    connector = ConnectorType.CCS if power_type == PowerType.DC_FAST else ConnectorType.J1772
    data = {
        **SLOW_CCS,
        "connector_type": connector,
        "power_type": power_type,
        "max_power_kw": max_power_kw,
    }
    assert alice_client.post(add_url(station), data).status_code == 302


@pytest.mark.parametrize(
    ("power_type", "max_power_kw", "usual"),
    [
        (PowerType.AC_LEVEL_1, "2.4", "AC Level 1 (1.4–1.9 kW)"),
        (PowerType.AC_LEVEL_2, "22", "AC Level 2 (3–19.2 kW)"),
        (PowerType.AC_LEVEL_2, "1.9", "AC Level 2 (3–19.2 kW)"),
    ],
)
def test_it_questions_unusual_ac_power_on_edit(alice_client, port, power_type, max_power_kw, usual):
    data = edit_form_data(port, power_type=power_type, max_power_kw=max_power_kw)
    response = alice_client.post(edit_url(port), data, headers=HTMX)
    assert f"{max_power_kw} kW is outside the usual range for {usual}" in warning(response)
    port.refresh_from_db()
    assert port.max_power_kw == Decimal("7.2")

    response = alice_client.post(edit_url(port), {**data, "confirm_power": "on"}, headers=HTMX)
    assert response.status_code == 200
    port.refresh_from_db()
    assert port.max_power_kw == Decimal(max_power_kw)


def test_it_does_not_ask_again_when_the_power_is_unchanged(alice_client, station):
    port = PortFactory(
        station=station,
        connector_type=ConnectorType.CCS,
        power_type=PowerType.DC_FAST,
        max_power_kw=Decimal("24"),
    )
    response = alice_client.post(edit_url(port), edit_form_data(port, label="Slow CCS"))
    assert response.status_code == 302
    port.refresh_from_db()
    assert port.label == "Slow CCS"


def test_it_asks_again_when_the_power_changes(alice_client, station):
    port = PortFactory(
        station=station,
        connector_type=ConnectorType.CCS,
        power_type=PowerType.DC_FAST,
        max_power_kw=Decimal("24"),
    )
    response = alice_client.post(edit_url(port), edit_form_data(port, max_power_kw="25"))
    assert response.status_code == 200
    assert "25 kW is outside the usual range" in warning(response)
    port.refresh_from_db()
    assert port.max_power_kw == Decimal("24")


def test_it_still_refuses_a_power_the_connector_cannot_deliver(alice_client, station):
    data = {**SLOW_CCS, "power_type": PowerType.AC_LEVEL_2, "confirm_power": "on"}
    response = alice_client.post(add_url(station), data)
    assert "CCS ports are DC: choose DC Fast" in field(response, "power_type")
    assert not Port.objects.exists()


@pytest.mark.parametrize(
    ("max_power_kw", "message"),
    [("0", "Max power must be above 0 kW."), ("7200", "a figure in watts must be divided by")],
)
def test_it_refuses_an_impossible_power_at_once(alice_client, station, max_power_kw, message):
    response = alice_client.post(add_url(station), {**SLOW_CCS, "max_power_kw": max_power_kw})
    max_power = field(response, "max_power_kw")
    assert message in max_power
    assert CONFIRM not in response.text
    assert not Port.objects.exists()

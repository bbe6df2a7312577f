"""The spec's "Marking Ports Out of Service": through Edit, and the one-click buttons in the row."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.conftest import HTMX
from tests.factories import PortFactory
from tests.ports.pages import edit_form_data, field, row, text

pytestmark = pytest.mark.django_db

REPAIR_DATE = date(2030, 3, 14)
REMOVE_THE_NOTES = "Remove the notes: the port is back in service"


def edit_url(port):
    return reverse("ports:edit", args=[port.pk])


def status_url(port):
    return reverse("ports:status", args=[port.pk])


@pytest.fixture
def broken_port(station):
    return PortFactory(
        station=station,
        label="Port 2",
        status=PortStatus.OUT_OF_SERVICE,
        notes="Awaiting parts",
        expected_repair_date=REPAIR_DATE,
    )


# Through Edit, as the spec describes it.


def test_it_marks_a_port_out_of_service_through_edit(alice_client, port, station):
    data = edit_form_data(
        port,
        status=PortStatus.OUT_OF_SERVICE,
        notes="Awaiting parts",
        expected_repair_date="2030-03-14",
    )
    response = alice_client.post(edit_url(port), data)
    assert response.status_code == 302
    port.refresh_from_db()
    assert port.status == PortStatus.OUT_OF_SERVICE
    assert (port.notes, port.expected_repair_date) == ("Awaiting parts", REPAIR_DATE)
    assert port.out_of_service_since is not None
    listed = text(row(alice_client.get(station.get_absolute_url()), port))
    assert "🔧 Out of Service" in listed
    assert "Expected repair: Mar 14, 2030" in listed
    assert "Awaiting parts" in listed


def test_it_tells_drivers_the_port_is_out_of_service(alice_client, port, site):
    data = edit_form_data(port, status=PortStatus.OUT_OF_SERVICE, expected_repair_date="2030-03-14")
    alice_client.post(edit_url(port), data)
    response = alice_client.get(reverse("sites:public", args=[site.pk]))
    assert "0 ports available" in response.text
    assert "🔧 Out of Service · expected back Mar 14, 2030" in text(response.text)


def test_it_answers_htmx_edit_with_the_out_of_service_row(alice_client, port):
    data = edit_form_data(port, status=PortStatus.OUT_OF_SERVICE, notes="Awaiting parts")
    response = alice_client.post(edit_url(port), data, headers=HTMX)
    assert b"<html" not in response.content
    updated = row(response, port)
    assert updated.startswith(f'<tr id="port-{port.pk}" class="port out_of_service just-saved">')
    assert "Mark Operational" in updated


def test_it_refuses_a_repair_date_for_a_working_port(alice_client, port):
    data = edit_form_data(port, expected_repair_date="2030-03-14")
    response = alice_client.post(edit_url(port), data, headers=HTMX)
    assert response.status_code == 200
    assert "set the status to Out of Service" in field(response, "expected_repair_date")
    port.refresh_from_db()
    assert port.expected_repair_date is None


@pytest.mark.parametrize(
    ("status", "notes", "offered"),
    [
        (PortStatus.OUT_OF_SERVICE, "Awaiting parts", True),
        (PortStatus.OUT_OF_SERVICE, "", False),
        (PortStatus.OPERATIONAL, "Requires ChargePoint app to activate", False),
        (PortStatus.DECOMMISSIONED, "Removed in 2024", False),
    ],
)
def test_it_offers_to_remove_the_notes_only_for_a_broken_port_with_notes(
    alice_client, station, status, notes, offered
):
    port = PortFactory(station=station, status=status, notes=notes)
    for headers in [{}, HTMX]:
        response = alice_client.get(edit_url(port), headers=headers)
        assert (REMOVE_THE_NOTES in response.text) is offered


def test_it_clears_the_repair_date_and_keeps_the_notes_when_repaired(alice_client, broken_port):
    # The form still holds the old date: being back in service is enough to drop it.
    data = edit_form_data(broken_port, status=PortStatus.OPERATIONAL)
    response = alice_client.post(edit_url(broken_port), data)
    assert response.status_code == 302
    broken_port.refresh_from_db()
    assert broken_port.status == PortStatus.OPERATIONAL
    assert broken_port.expected_repair_date is None
    assert broken_port.out_of_service_since is None
    assert broken_port.notes == "Awaiting parts"


def test_it_removes_the_notes_when_asked(alice_client, broken_port):
    data = edit_form_data(broken_port, status=PortStatus.OPERATIONAL, clear_notes="on")
    response = alice_client.post(edit_url(broken_port), data, headers=HTMX)
    assert row(response, broken_port).startswith(f'<tr id="port-{broken_port.pk}" class="port ')
    broken_port.refresh_from_db()
    assert (broken_port.status, broken_port.notes) == (PortStatus.OPERATIONAL, "")
    assert broken_port.expected_repair_date is None


def test_it_keeps_the_notes_while_the_port_stays_out_of_service(alice_client, broken_port):
    data = edit_form_data(broken_port, notes="Parts arrive Friday", clear_notes="on")
    alice_client.post(edit_url(broken_port), data)
    broken_port.refresh_from_db()
    assert broken_port.status == PortStatus.OUT_OF_SERVICE
    assert (broken_port.notes, broken_port.expected_repair_date) == (
        "Parts arrive Friday",
        REPAIR_DATE,
    )


def test_it_keeps_the_remove_the_notes_box_when_the_form_comes_back_with_an_error(
    alice_client, broken_port
):
    data = edit_form_data(
        broken_port, status=PortStatus.OPERATIONAL, clear_notes="on", max_power_kw=""
    )
    response = alice_client.post(edit_url(broken_port), data, headers=HTMX)
    assert "This field is required." in field(response, "max_power_kw")
    assert "checked" in field(response, "clear_notes")


def test_it_explains_why_an_other_port_keeps_its_notes_through_edit(alice_client, station):
    port = PortFactory(
        station=station,
        connector_type=ConnectorType.OTHER,
        status=PortStatus.OUT_OF_SERVICE,
        notes="NEMA 14-50 outlet",
    )
    data = edit_form_data(port, status=PortStatus.OPERATIONAL, clear_notes="on")
    response = alice_client.post(edit_url(port), data, headers=HTMX)
    assert response.status_code == 200
    assert "Name the connector in the notes" in field(response, "notes")
    port.refresh_from_db()
    assert (port.status, port.notes) == (PortStatus.OUT_OF_SERVICE, "NEMA 14-50 outlet")


# The one-click buttons in the port's row.


def test_it_marks_out_of_service_in_one_click_for_htmx(alice_client, alice, port):
    response = alice_client.post(
        status_url(port), {"status": PortStatus.OUT_OF_SERVICE}, headers=HTMX
    )
    assert response.status_code == 200
    assert b"<html" not in response.content
    updated = row(response, port)
    assert updated.startswith(f'<tr id="port-{port.pk}" class="port out_of_service just-saved">')
    assert "Mark Operational" in updated
    port.refresh_from_db()
    assert (port.status, port.updated_by) == (PortStatus.OUT_OF_SERVICE, alice)


def test_it_marks_out_of_service_in_one_click_and_redirects(alice_client, port, station):
    response = alice_client.post(status_url(port), {"status": PortStatus.OUT_OF_SERVICE})
    assert response.status_code == 302
    assert response.url == f"{station.get_absolute_url()}#port-{port.pk}"
    page = alice_client.get(response.url)
    assert "“Port 1” is now Out of Service." in page.text
    port.refresh_from_db()
    assert port.status == PortStatus.OUT_OF_SERVICE


def test_it_marks_operational_in_one_click(alice_client, broken_port, station):
    response = alice_client.post(status_url(broken_port), {"status": PortStatus.OPERATIONAL})
    assert response.url == f"{station.get_absolute_url()}#port-{broken_port.pk}"
    assert "“Port 2” is now Operational." in alice_client.get(response.url).text
    broken_port.refresh_from_db()
    assert broken_port.status == PortStatus.OPERATIONAL
    assert broken_port.expected_repair_date is None
    assert broken_port.notes == "Awaiting parts"


def test_it_removes_the_notes_in_one_click_when_ticked(alice_client, broken_port):
    data = {"status": PortStatus.OPERATIONAL, "clear_notes": "1"}
    response = alice_client.post(status_url(broken_port), data, headers=HTMX)
    assert "Awaiting parts" not in row(response, broken_port)
    broken_port.refresh_from_db()
    assert (broken_port.status, broken_port.notes) == (PortStatus.OPERATIONAL, "")


def test_it_times_how_long_a_port_has_been_out_of_service(alice_client, port):
    before = timezone.now()
    alice_client.post(status_url(port), {"status": PortStatus.OUT_OF_SERVICE})
    port.refresh_from_db()
    since = port.out_of_service_since
    assert before <= since <= timezone.now()

    # Editing a broken port does not restart the clock.
    alice_client.post(edit_url(port), edit_form_data(port, notes="Awaiting parts"))
    port.refresh_from_db()
    assert port.out_of_service_since == since

    alice_client.post(status_url(port), {"status": PortStatus.OPERATIONAL})
    port.refresh_from_db()
    assert port.out_of_service_since is None


def test_it_offers_the_right_button_in_each_row(alice_client, port, broken_port, station):
    gone = PortFactory(station=station, status=PortStatus.DECOMMISSIONED)
    page = alice_client.get(station.get_absolute_url())
    assert "Mark Out of Service" in row(page, port)
    assert "Mark Operational" not in row(page, port)
    assert "Mark Operational" in row(page, broken_port)
    assert 'name="clear_notes" value="1"' in row(page, broken_port)
    assert "Mark " not in row(page, gone)
    assert "Edit" in row(page, gone)


@pytest.mark.parametrize("status", ["decommissioned", "broken", ""])
def test_it_rejects_an_unknown_status_with_400(alice_client, port, status):
    for headers in [{}, HTMX]:
        response = alice_client.post(status_url(port), {"status": status}, headers=headers)
        assert response.status_code == 400
    port.refresh_from_db()
    assert port.status == PortStatus.OPERATIONAL


def test_it_keeps_an_other_port_unchanged_when_its_notes_would_be_cleared(alice_client, station):
    port = PortFactory(
        station=station,
        label="Dryer outlet",
        connector_type=ConnectorType.OTHER,
        power_type=PowerType.AC_LEVEL_2,
        status=PortStatus.OUT_OF_SERVICE,
        notes="NEMA 14-50 outlet",
    )
    data = {"status": PortStatus.OPERATIONAL, "clear_notes": "1"}

    response = alice_client.post(status_url(port), data, headers=HTMX)
    assert response.status_code == 200
    unchanged = row(response, port)
    assert unchanged.startswith(f'<tr id="port-{port.pk}" class="port out_of_service">')
    assert "Name the connector in the notes" in unchanged

    response = alice_client.post(status_url(port), data, follow=True)
    assert "“Dryer outlet” was not changed: Name the connector in the notes" in response.text

    port.refresh_from_db()
    assert (port.status, port.notes) == (PortStatus.OUT_OF_SERVICE, "NEMA 14-50 outlet")


def test_it_is_404_for_a_stranger(bob_client, port):
    assert bob_client.get(edit_url(port)).status_code == 404
    data = edit_form_data(port, status=PortStatus.OUT_OF_SERVICE)
    assert bob_client.post(edit_url(port), data).status_code == 404
    for headers in [{}, HTMX]:
        response = bob_client.post(
            status_url(port), {"status": PortStatus.OUT_OF_SERVICE}, headers=headers
        )
        assert response.status_code == 404
    port.refresh_from_db()
    assert port.status == PortStatus.OPERATIONAL


def test_it_sends_anonymous_visitors_to_log_in(client, port):
    response = client.post(status_url(port), {"status": PortStatus.OUT_OF_SERVICE})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    port.refresh_from_db()
    assert port.status == PortStatus.OPERATIONAL


def test_it_only_accepts_post_for_one_click(alice_client, port):
    assert alice_client.get(status_url(port)).status_code == 405

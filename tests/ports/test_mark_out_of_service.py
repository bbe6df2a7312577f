"""The spec's "Marking Ports Out of Service": through Edit, and the row's "Mark Out of Service"
(asking in place for a note and an expected repair date) and "Mark Operational" buttons."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.conftest import HTMX
from tests.factories import PortFactory
from tests.ports.pages import announced, edit_form_data, field, row, text

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
    assert "Out of Service" in listed
    assert 'class="pill pill--warn"' in row(alice_client.get(station.get_absolute_url()), port)
    assert "Expected repair: Mar 14, 2030" in listed
    assert "Awaiting parts" in listed


def test_it_tells_drivers_the_port_is_out_of_service(alice_client, port, site):
    data = edit_form_data(port, status=PortStatus.OUT_OF_SERVICE, expected_repair_date="2030-03-14")
    alice_client.post(edit_url(port), data)
    response = alice_client.get(reverse("sites:public", args=[site.pk]))
    assert "0 ports available" in response.text
    assert "Out of Service · expected back Mar 14, 2030" in text(response.text)


def test_it_answers_htmx_edit_with_the_out_of_service_row(alice_client, port):
    data = edit_form_data(port, status=PortStatus.OUT_OF_SERVICE, notes="Awaiting parts")
    response = alice_client.post(edit_url(port), data, headers=HTMX)
    assert b"<html" not in response.content
    updated = row(response, port)
    # Amber, not the green "saved": drivers lose a port.
    assert updated.startswith(
        f'<tr id="port-{port.pk}" class="port out_of_service just-warned" data-focus>'
    )
    assert "Mark Operational" in updated
    assert announced(response) == "Port 1 saved"


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


# The row's buttons: "Mark Out of Service" asks in place for a note and a repair date.


def test_it_asks_for_a_note_and_a_repair_date_in_the_row(alice_client, port):
    response = alice_client.get(status_url(port), {"to": "out_of_service"}, headers=HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    panel = row(response, port)
    assert panel.startswith(f'<tr id="port-{port.pk}" class="port-panel">')
    assert f'hx-post="{status_url(port)}" hx-target="#port-{port.pk}"' in panel
    assert 'name="status" value="out_of_service"' in panel
    assert "Note for drivers (optional)" in field(response, "note")
    assert "data-focus" in field(response, "note")  # the owner starts typing at once
    assert "“Expected repair: March 14” or “Awaiting parts”" in field(response, "note")
    assert 'type="date"' in field(response, "expected_repair_date")
    assert "Mark Out of Service" in panel
    assert f'hx-get="{reverse("ports:detail", args=[port.pk])}"' in panel  # Cancel


def test_it_asks_on_a_page_without_javascript(alice_client, port):
    response = alice_client.get(status_url(port), {"to": "out_of_service"})
    assert response.status_code == 200
    assert b"<html" in response.content
    assert "<h1>Mark Port 1 Out of Service</h1>" in response.text
    assert f'<form method="post" action="{status_url(port)}"' in response.text
    assert "Note for drivers (optional)" in response.text


def test_it_offers_the_notes_there_are_to_edit(alice_client, station):
    port = PortFactory(station=station, notes="Requires ChargePoint app to activate")
    response = alice_client.get(status_url(port), {"to": "out_of_service"}, headers=HTMX)
    assert "Requires ChargePoint app to activate</textarea>" in field(response, "note")


def test_it_marks_out_of_service_with_a_note_and_date_for_htmx(alice_client, alice, port):
    data = {
        "status": PortStatus.OUT_OF_SERVICE,
        "note": "Awaiting parts",
        "expected_repair_date": "2030-03-14",
    }
    response = alice_client.post(status_url(port), data, headers=HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    updated = row(response, port)
    assert updated.startswith(
        f'<tr id="port-{port.pk}" class="port out_of_service just-warned" data-focus>'
    )
    assert "Expected repair: Mar 14, 2030" in text(updated)
    assert "Awaiting parts" in updated
    assert "Mark Operational" in updated
    assert announced(response) == "Port 1 marked Out of Service"
    port.refresh_from_db()
    assert (port.status, port.notes, port.expected_repair_date, port.updated_by) == (
        PortStatus.OUT_OF_SERVICE,
        "Awaiting parts",
        REPAIR_DATE,
        alice,
    )


def test_it_marks_out_of_service_and_redirects(alice_client, port, station):
    data = {"status": PortStatus.OUT_OF_SERVICE, "note": "", "expected_repair_date": ""}
    response = alice_client.post(status_url(port), data)
    assert response.status_code == 302
    assert response.url == f"{station.get_absolute_url()}#port-{port.pk}"
    page = alice_client.get(response.url)
    assert "“Port 1” is now Out of Service." in page.text
    port.refresh_from_db()
    assert (port.status, port.notes, port.expected_repair_date) == (
        PortStatus.OUT_OF_SERVICE,
        "",
        None,
    )


def test_it_keeps_the_notes_when_a_button_posts_only_the_status(alice_client, station):
    port = PortFactory(station=station, notes="Call office if port not working")
    response = alice_client.post(status_url(port), {"status": PortStatus.OUT_OF_SERVICE})
    assert response.status_code == 302
    port.refresh_from_db()
    assert (port.status, port.notes) == (
        PortStatus.OUT_OF_SERVICE,
        "Call office if port not working",
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("expected_repair_date", "next week", "Enter a valid date."),
        ("expected_repair_date", "2030-02-30", "Enter a valid date."),
        ("note", "n" * 501, "at most 500 characters"),
    ],
)
def test_it_explains_bad_input_in_the_row(alice_client, port, name, value, message):
    data = {"status": PortStatus.OUT_OF_SERVICE, "note": "", name: value}
    for headers in [HTMX, {}]:
        response = alice_client.post(status_url(port), data, headers=headers)
        assert response.status_code == 200
        assert message in field(response, name)
        assert "“Port 1” was not changed" in response.text
    port.refresh_from_db()
    assert (port.status, port.notes) == (PortStatus.OPERATIONAL, "")


def test_it_keeps_an_other_port_named_when_its_note_is_emptied(alice_client, station):
    port = PortFactory(
        station=station,
        label="Dryer outlet",
        connector_type=ConnectorType.OTHER,
        power_type=PowerType.AC_LEVEL_2,
        notes="NEMA 14-50 outlet",
    )
    data = {"status": PortStatus.OUT_OF_SERVICE, "note": " "}
    response = alice_client.post(status_url(port), data, headers=HTMX)
    assert response.status_code == 200
    assert row(response, port).startswith(f'<tr id="port-{port.pk}" class="port-panel">')
    assert "Name the connector in the notes" in field(response, "note")
    port.refresh_from_db()
    assert (port.status, port.notes) == (PortStatus.OPERATIONAL, "NEMA 14-50 outlet")


# "Mark Operational": one click, or a small confirm step when there are repair notes.


def test_it_marks_operational_in_one_click(alice_client, broken_port, station):
    response = alice_client.post(status_url(broken_port), {"status": PortStatus.OPERATIONAL})
    assert response.url == f"{station.get_absolute_url()}#port-{broken_port.pk}"
    assert "“Port 2” is now Operational." in alice_client.get(response.url).text
    broken_port.refresh_from_db()
    assert broken_port.status == PortStatus.OPERATIONAL
    assert broken_port.expected_repair_date is None
    assert broken_port.notes == "Awaiting parts"


def test_it_answers_htmx_with_the_repaired_row(alice_client, broken_port):
    data = {"status": PortStatus.OPERATIONAL}
    response = alice_client.post(status_url(broken_port), data, headers=HTMX)
    assert row(response, broken_port).startswith(
        f'<tr id="port-{broken_port.pk}" class="port operational just-saved" data-focus>'
    )
    assert announced(response) == "Port 2 marked Operational"


def test_it_asks_whether_the_repair_notes_go_too(alice_client, broken_port):
    for headers in [HTMX, {}]:
        response = alice_client.get(status_url(broken_port), {"to": "operational"}, headers=headers)
        assert response.status_code == 200
        assert "Awaiting parts" in response.text  # the notes, quoted
        assert "Remove the repair notes" in field(response, "clear_notes")
        assert 'name="status" value="operational"' in response.text
        assert "Mark Operational</button>" in response.text
        assert "data-focus" in field(response, "clear_notes")


def test_it_removes_the_notes_when_ticked(alice_client, broken_port):
    data = {"status": PortStatus.OPERATIONAL, "clear_notes": "on"}
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
    repaired_quietly = PortFactory(station=station, status=PortStatus.OUT_OF_SERVICE)
    page = alice_client.get(station.get_absolute_url())
    assert "Mark Out of Service" in row(page, port)
    assert 'name="to" value="out_of_service"' in row(page, port)  # asks first
    assert "Mark Operational" not in row(page, port)
    assert "Mark Operational" in row(page, broken_port)
    # Notes to keep or remove: asked in its own step, no stray box among the actions.
    assert 'name="to" value="operational"' in row(page, broken_port)
    assert "clear_notes" not in row(page, broken_port)
    # Nothing to ask: one click.
    assert 'name="status" value="operational"' in row(page, repaired_quietly)
    assert "Mark " not in row(page, gone)
    assert "Edit" in row(page, gone)


@pytest.mark.parametrize("status", ["decommissioned", "broken", ""])
def test_it_rejects_an_unknown_status_with_400(alice_client, port, status):
    for headers in [{}, HTMX]:
        response = alice_client.post(status_url(port), {"status": status}, headers=headers)
        assert response.status_code == 400
        response = alice_client.get(status_url(port), {"to": status or "x"}, headers=headers)
        assert response.status_code == 400
    port.refresh_from_db()
    assert port.status == PortStatus.OPERATIONAL


def test_it_sends_a_decommissioned_port_to_edit(alice_client, station):
    port = PortFactory(station=station, label="Old", status=PortStatus.DECOMMISSIONED)
    for headers in [HTMX, {}]:
        response = alice_client.post(
            status_url(port), {"status": PortStatus.OPERATIONAL}, headers=headers
        )
        assert response.status_code == 200
        assert "“Old” is Decommissioned: it changes status through Edit." in response.text
    port.refresh_from_db()
    assert port.status == PortStatus.DECOMMISSIONED


def test_it_keeps_an_other_port_unchanged_when_its_notes_would_be_cleared(alice_client, station):
    port = PortFactory(
        station=station,
        label="Dryer outlet",
        connector_type=ConnectorType.OTHER,
        power_type=PowerType.AC_LEVEL_2,
        status=PortStatus.OUT_OF_SERVICE,
        notes="NEMA 14-50 outlet",
    )
    data = {"status": PortStatus.OPERATIONAL, "clear_notes": "on"}

    response = alice_client.post(status_url(port), data, headers=HTMX)
    assert response.status_code == 200
    panel = row(response, port)
    assert panel.startswith(f'<tr id="port-{port.pk}" class="port-panel">')
    assert "Name the connector in the notes" in panel

    response = alice_client.post(status_url(port), data)
    assert "“Dryer outlet” was not changed" in response.text
    assert "Name the connector in the notes" in response.text

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
        response = bob_client.get(status_url(port), {"to": "out_of_service"}, headers=headers)
        assert response.status_code == 404
    port.refresh_from_db()
    assert port.status == PortStatus.OPERATIONAL


def test_it_sends_anonymous_visitors_to_log_in(client, port):
    response = client.post(status_url(port), {"status": PortStatus.OUT_OF_SERVICE})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    port.refresh_from_db()
    assert port.status == PortStatus.OPERATIONAL


def test_it_only_reads_and_posts(alice_client, port):
    assert alice_client.put(status_url(port)).status_code == 405

"""What a change of status does to a port's repair date and notes has one home, on the model
(`Port.set_status` / `Port.mark`), whatever the entry point: Edit, the row's buttons, reports."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ports.vocabulary import PortStatus
from tests.factories import PortFactory

pytestmark = pytest.mark.django_db

REPAIR_DATE = date(2030, 3, 14)


@pytest.fixture
def broken(station):
    return PortFactory(
        station=station,
        status=PortStatus.OUT_OF_SERVICE,
        notes="Awaiting parts",
        expected_repair_date=REPAIR_DATE,
    )


@pytest.mark.parametrize("status", [PortStatus.OPERATIONAL, PortStatus.DECOMMISSIONED])
def test_it_drops_the_repair_date_once_no_longer_out_of_service(broken, status):
    broken.set_status(status)
    assert (broken.status, broken.expected_repair_date, broken.notes) == (
        status,
        None,
        "Awaiting parts",
    )


def test_it_removes_the_notes_only_when_asked(broken):
    broken.set_status(PortStatus.OPERATIONAL, clear_notes=True)
    assert broken.notes == ""


def test_it_keeps_the_notes_and_date_of_a_port_still_out_of_service(broken):
    broken.set_status(PortStatus.OUT_OF_SERVICE, clear_notes=True)
    assert (broken.notes, broken.expected_repair_date) == ("Awaiting parts", REPAIR_DATE)


def test_it_marks_out_of_service_with_a_note_and_date(port, alice):
    port.mark(PortStatus.OUT_OF_SERVICE, by=alice, note=" Awaiting parts ", repair_date=REPAIR_DATE)
    port.refresh_from_db()
    assert (port.status, port.notes, port.expected_repair_date, port.updated_by) == (
        PortStatus.OUT_OF_SERVICE,
        "Awaiting parts",
        REPAIR_DATE,
        alice,
    )


def test_it_keeps_the_notes_when_no_note_is_given(station, alice):
    port = PortFactory(station=station, notes="Requires ChargePoint app to activate")
    port.mark(PortStatus.OUT_OF_SERVICE, by=alice)
    port.refresh_from_db()
    assert port.notes == "Requires ChargePoint app to activate"


def test_it_sends_a_decommissioned_port_through_edit(station, alice):
    port = PortFactory(station=station, label="Old", status=PortStatus.DECOMMISSIONED)
    with pytest.raises(ValidationError, match="“Old” is Decommissioned: it changes status"):
        port.mark(PortStatus.OPERATIONAL, by=alice)
    port.refresh_from_db()
    assert port.status == PortStatus.DECOMMISSIONED


def test_it_decommissions_only_through_edit(port, alice):
    with pytest.raises(ValidationError, match="Decommission a port through Edit"):
        port.mark(PortStatus.DECOMMISSIONED, by=alice)
    port.refresh_from_db()
    assert port.status == PortStatus.OPERATIONAL

"""From a report, one click marks the port Out of Service with a note and resolves the report."""

import pytest
from django.urls import reverse

from ports.models import StatusChange
from ports.vocabulary import PortStatus
from reports.models import Problem, Report
from tests.factories import PortFactory
from tests.reports.conftest import driver

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("sites:dashboard")
THANKS = "Thanks: the port is marked Out of Service until it is repaired."


def url(report):
    return reverse("reports:out_of_service", args=[report.pk])


def test_it_marks_the_port_out_of_service_and_resolves_the_report(
    alice_client, alice, report, port
):
    response = alice_client.post(url(report))
    assert response.status_code == 302
    assert response.url == DASHBOARD
    port.refresh_from_db()
    assert port.status == PortStatus.OUT_OF_SERVICE
    assert port.out_of_service_since is not None
    assert port.notes == "Drivers report: Not working."
    assert port.updated_by == alice
    report.refresh_from_db()
    assert not report.is_open
    assert (report.resolved_by, report.reply) == (alice, THANKS)


def test_it_moves_the_port_from_reports_to_out_of_service(alice_client, report, port):
    response = alice_client.post(url(report), follow=True)
    assert "“Port 1” is now Out of Service." in response.text
    assert response.context["reports"] == []
    assert list(response.context["needs_attention"]) == [port]


def test_it_tells_drivers(alice_client, report, port):
    alice_client.post(url(report))
    page = driver(9).get(reverse("sites:public", args=[port.station.site.pk])).text
    assert "Out of Service" in page
    assert "Drivers report: Not working." in page
    assert f"Owner's reply to a driver's report (not working): {THANKS}" in page


def test_it_keeps_the_owners_notes(alice_client, station):
    port = PortFactory(station=station, notes="Card reader only")
    report = Report.objects.create(port=port, problem=Problem.SLOW, client="x" * 64)
    alice_client.post(url(report))
    port.refresh_from_db()
    assert port.notes == "Card reader only Drivers report: Charging slower than listed."


def test_it_records_the_change_in_the_port_history(alice_client, report, port):
    alice_client.post(url(report))
    change = StatusChange.objects.filter(port=port).last()
    assert (change.old, change.new) == (PortStatus.OPERATIONAL, PortStatus.OUT_OF_SERVICE)


def test_it_only_resolves_a_report_on_a_port_already_out_of_service(alice_client, station):
    port = PortFactory(station=station, status=PortStatus.OUT_OF_SERVICE, notes="Awaiting parts")
    report = Report.objects.create(port=port, problem=Problem.NOT_WORKING, client="x" * 64)
    alice_client.post(url(report))
    port.refresh_from_db()
    assert (port.status, port.notes) == (PortStatus.OUT_OF_SERVICE, "Awaiting parts")
    report.refresh_from_db()
    assert not report.is_open


def test_it_is_404_for_a_stranger(bob_client, report, port):
    assert bob_client.post(url(report)).status_code == 404
    port.refresh_from_db()
    assert port.status == PortStatus.OPERATIONAL
    report.refresh_from_db()
    assert report.is_open


def test_it_sends_anonymous_visitors_to_log_in(client, report, port):
    response = client.post(url(report))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    port.refresh_from_db()
    assert port.status == PortStatus.OPERATIONAL


def test_it_takes_only_post(alice_client, report, port):
    assert alice_client.get(url(report)).status_code == 405
    port.refresh_from_db()
    assert port.status == PortStatus.OPERATIONAL


def test_it_marks_the_location_owner_verified(alice_client, report, site):
    alice_client.post(url(report))
    site.refresh_from_db()
    assert site.verified_at is not None


def test_it_leaves_a_decommissioned_port_decommissioned(alice_client, report, port):
    # The driver reported it; the owner decommissioned it before reading the report.
    port.status = PortStatus.DECOMMISSIONED
    port.save()
    response = alice_client.post(url(report), follow=True)
    port.refresh_from_db()
    assert port.status == PortStatus.DECOMMISSIONED
    assert "Decommissioned" in response.text

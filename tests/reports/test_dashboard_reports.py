"""Owners see open driver reports in "Needs attention", beside Out of Service ports."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ports.vocabulary import PortStatus
from reports.models import Problem, Report
from tests.factories import PortFactory
from tests.live.pages import text
from tests.reports.conftest import driver, send

pytestmark = pytest.mark.django_db

URL = reverse("sites:dashboard")


def add_report(port, problem=Problem.BLOCKED, comment=""):
    return Report.objects.create(port=port, problem=problem, comment=comment, client="x" * 64)


def test_it_lists_an_open_report_with_its_actions(alice_client, port, station):
    send(port, Problem.BLOCKED, comment="A white van since 9am", by=driver(1))
    report = Report.objects.get()
    response = alice_client.get(URL)
    assert response.context["reports"] == [report]
    assert "Driver reports" in response.text
    assert "Maple Street Market · ChargePoint CT4000 · Port 1" in response.text
    assert "Blocked by a vehicle" in text(response.text)
    assert "“A white van since 9am”" in response.text
    assert f'href="{station.get_absolute_url()}#port-{port.pk}"' in response.text
    assert f'action="{reverse("reports:out_of_service", args=[report.pk])}"' in response.text
    assert f'action="{reverse("reports:resolve", args=[report.pk])}"' in response.text
    assert "Nothing needs attention" not in response.text


def test_it_lists_reports_beside_out_of_service_ports(alice_client, port, station):
    PortFactory(station=station, label="Port 2", status=PortStatus.OUT_OF_SERVICE)
    add_report(port)
    response = alice_client.get(URL)
    assert "Driver reports" in response.text
    assert "Out of Service since" in text(response.text)  # the status pill, then its date
    assert "Maple Street Market · ChargePoint CT4000 · Port 2" in response.text


def test_it_leaves_out_resolved_reports(alice_client, alice, port):
    add_report(port).resolve(alice)
    response = alice_client.get(URL)
    assert response.context["reports"] == []
    assert "Driver reports" not in response.text
    assert "Nothing needs attention: every port is working." in response.text


def test_it_shows_no_one_else_the_reports(bob_client, port):
    add_report(port, comment="Screen is black")
    response = bob_client.get(URL)
    assert response.context["reports"] == []
    assert "Screen is black" not in response.text


def test_it_lists_the_newest_first(alice_client, port, station):
    older = add_report(port)
    Report.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(hours=2))
    newer = add_report(PortFactory(station=station))
    assert alice_client.get(URL).context["reports"] == [newer, older]


def test_it_escapes_the_drivers_comment(alice_client, port):
    add_report(port, comment="<b>broken</b>")
    response = alice_client.get(URL)
    assert "<b>broken</b>" not in response.text
    assert "&lt;b&gt;broken&lt;/b&gt;" in response.text


def queries_for(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def test_it_runs_as_many_queries_for_20_reports_as_for_1(alice_client, alice, port):
    """N+1 guard: a report row must not fetch its port, station, location or flag one by one."""
    add_report(port, Problem.NOT_WORKING)
    with_1 = queries_for(alice_client)
    for n in range(19):
        other = PortFactory(station__site__owner=alice, label=f"Port {n + 2}")
        add_report(other, Problem.NOT_WORKING, comment=f"Report {n}")
    with_20 = queries_for(alice_client)
    assert len(alice_client.get(URL).context["reports"]) == 20
    assert with_20 == with_1

"""A driver reports a problem on a port: no account, four kinds, an optional comment."""

import pytest
from django.urls import reverse

from ports.vocabulary import PortStatus
from reports.models import Problem, Report
from tests.factories import PortFactory
from tests.reports.conftest import driver, report_url, send

pytestmark = pytest.mark.django_db


def test_it_shows_the_form_without_an_account(port):
    response = driver().get(report_url(port))
    assert response.status_code == 200
    assert "Report a problem" in response.text
    assert "Maple Street Market · ChargePoint CT4000 · <strong>Port 1</strong>" in response.text
    for label in [
        "Not working",
        "Blocked by a vehicle",
        "Charging slower than listed",
        "Wrong information",
        "Anything to add? (optional)",
    ]:
        assert label in response.text


def test_it_is_linked_from_every_port_on_the_location_page(port, station):
    other = PortFactory(station=station, label="Port 2")
    response = driver().get(reverse("sites:public", args=[station.site.pk]))
    for listed in [port, other]:
        assert f'href="{report_url(listed)}">' in response.text
        assert f'Report a problem<span class="visually-hidden"> with {listed.label}</span>' in (
            response.text
        )


@pytest.mark.parametrize("problem", Problem.values)
def test_it_sends_each_kind_of_report(port, problem):
    response = send(port, problem, comment="")
    assert response.status_code == 302
    assert response.url == port.station.site.get_public_url()
    report = Report.objects.get()
    assert (report.port, report.problem, report.comment) == (port, problem, "")
    assert report.is_open


def test_it_keeps_the_comment_and_thanks_the_driver(port):
    response = send(port, Problem.SLOW, comment="  Only 3 kW all afternoon  ", follow=True)
    assert "Thank you: the owner of this location has your report." in response.text
    assert Report.objects.get().comment == "Only 3 kW all afternoon"


def test_it_stores_a_hash_of_the_client_not_its_address(port):
    send(port)
    client = Report.objects.get().client
    assert len(client) == 64
    assert "10.0.0.1" not in client


def test_it_refuses_a_report_without_a_problem(port):
    response = driver().post(report_url(port), {"comment": "Something"})
    assert response.status_code == 200
    assert "Choose what is wrong with this port." in response.text
    assert not Report.objects.exists()


def test_it_refuses_an_unknown_problem(port):
    response = send(port, "on_fire")
    assert response.status_code == 200
    assert "Choose one of the problems listed." in response.text
    assert not Report.objects.exists()


def test_it_refuses_a_comment_over_500_characters(port):
    response = send(port, comment="Broken. " * 70)
    assert response.status_code == 200
    assert "at most 500 characters" in response.text
    assert not Report.objects.exists()


HIDDEN_PORTS = {
    "draft station": lambda site: PortFactory(station__site=site, station__is_published=False),
    "decommissioned": lambda site: PortFactory(
        station__site=site, status=PortStatus.DECOMMISSIONED
    ),
    "removed by its network": lambda site: PortFactory(station__site=site, network_removed=True),
}


@pytest.mark.parametrize("make_port", HIDDEN_PORTS.values(), ids=HIDDEN_PORTS.keys())
def test_it_is_404_for_a_port_drivers_cannot_see(site, make_port):
    port = make_port(site)
    assert driver().get(report_url(port)).status_code == 404
    assert send(port).status_code == 404
    assert not Report.objects.exists()


def test_it_is_404_for_a_port_that_does_not_exist(db):
    response = driver().get(reverse("reports:report", args=[999999]))
    assert response.status_code == 404


def test_it_accepts_reports_on_an_out_of_service_port(station):
    port = PortFactory(station=station, status=PortStatus.OUT_OF_SERVICE)
    assert send(port, Problem.WRONG_INFO).status_code == 302
    assert Report.objects.get().port == port

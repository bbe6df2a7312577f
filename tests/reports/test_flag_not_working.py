"""Three "Not working" reports on one port within 24 hours flag it to its owner and support."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from reports.models import Problem, Report
from tests.factories import PortFactory, UserFactory
from tests.reports.conftest import driver, send

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("sites:dashboard")
ADMIN = reverse("admin:reports_report_changelist")
FLAGGED = "Flagged: several drivers say it is not working"


def reports_from(port, drivers, problem=Problem.NOT_WORKING):
    for n in drivers:
        assert send(port, problem, by=driver(n)).status_code == 302


def backdate_all(hours):
    Report.objects.update(created_at=timezone.now() - timedelta(hours=hours))


def test_it_emails_the_owner_and_support_once_at_the_third(port, settings):
    reports_from(port, [1, 2])
    assert mail.outbox == []
    reports_from(port, [3])
    (message,) = mail.outbox
    assert sorted(message.to) == sorted(["alice@example.com", settings.SUPPORT_EMAIL])
    assert message.subject == "3 drivers report Port 1 at Maple Street Market not working"
    assert "ChargePoint CT4000" in message.body
    assert reverse("stations:detail", args=[port.station.pk]) in message.body
    reports_from(port, [4])
    assert len(mail.outbox) == 1


def test_it_counts_only_not_working(port):
    reports_from(port, [1, 2], Problem.NOT_WORKING)
    reports_from(port, [3], Problem.BLOCKED)
    reports_from(port, [4], Problem.SLOW)
    reports_from(port, [5], Problem.WRONG_INFO)
    assert mail.outbox == []


def test_it_counts_each_port_on_its_own(port, station):
    other = PortFactory(station=station)
    reports_from(port, [1, 2])
    reports_from(other, [3])
    assert mail.outbox == []


def test_it_does_not_count_reports_older_than_24_hours(port):
    reports_from(port, [1, 2])
    backdate_all(25)
    reports_from(port, [3])
    assert mail.outbox == []
    reports_from(port, [4, 5])
    assert len(mail.outbox) == 1


def test_it_counts_reports_from_the_last_24_hours(port):
    reports_from(port, [1, 2])
    backdate_all(23)
    reports_from(port, [3])
    assert len(mail.outbox) == 1


def test_it_shows_flagged_on_the_dashboard(alice_client, port, station):
    quiet = PortFactory(station=station, label="Port 2")
    reports_from(port, [1, 2, 3])
    reports_from(quiet, [4])
    response = alice_client.get(DASHBOARD)
    flags = {report.port: report.flagged for report in response.context["reports"]}
    assert flags == {port: True, quiet: False}
    assert response.text.count(FLAGGED) == 3  # each of the port's three open reports


def test_it_does_not_flag_after_24_hours(alice_client, port):
    reports_from(port, [1, 2, 3])
    backdate_all(25)
    response = alice_client.get(DASHBOARD)
    assert FLAGGED not in response.text
    assert not any(report.flagged for report in response.context["reports"])


def test_it_filters_flagged_reports_in_the_admin(port, station, client):
    quiet = PortFactory(station=station, label="Port 2")
    reports_from(port, [1, 2, 3])
    reports_from(quiet, [4])
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    everything = client.get(ADMIN)
    assert everything.status_code == 200
    assert "Flagged ports" in everything.text
    assert everything.context["cl"].result_count == 4
    flagged = client.get(ADMIN + "?flagged=yes")
    assert flagged.status_code == 200
    assert {report.port for report in flagged.context["cl"].result_list} == {port}
    assert flagged.context["cl"].result_count == 3


def test_it_leaves_old_reports_out_of_the_admin_filter(port, client):
    reports_from(port, [1, 2, 3])
    backdate_all(25)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(ADMIN + "?flagged=yes")
    assert response.context["cl"].result_count == 0

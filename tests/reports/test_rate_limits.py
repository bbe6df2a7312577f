"""One client sends at most 5 reports an hour, and one per port every 30 minutes."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from reports.models import Problem, Report, TooManyReports
from tests.factories import PortFactory
from tests.reports.conftest import driver, send

pytestmark = pytest.mark.django_db

LIMITED = "You have sent several reports in a short time. Please try again later"


def backdate(minutes):
    Report.objects.update(created_at=timezone.now() - timedelta(minutes=minutes))


@pytest.fixture
def ports(station):
    return PortFactory.create_batch(6, station=station)


def test_it_takes_five_reports_an_hour_from_one_client(ports):
    alone = driver(1)
    for port in ports[:5]:
        assert send(port, by=alone).status_code == 302
    response = send(ports[5], by=alone)
    assert response.status_code == 429
    assert LIMITED in response.text
    assert Report.objects.count() == 5
    assert not Report.objects.filter(port=ports[5]).exists()


def test_it_takes_reports_again_after_an_hour(ports):
    alone = driver(1)
    for port in ports[:5]:
        send(port, by=alone)
    backdate(61)
    assert send(ports[5], by=alone).status_code == 302
    assert Report.objects.count() == 6


def test_it_takes_one_report_per_port_every_30_minutes_from_one_client(port):
    alone = driver(1)
    assert send(port, Problem.NOT_WORKING, by=alone).status_code == 302
    response = send(port, Problem.BLOCKED, by=alone)
    assert response.status_code == 429
    assert LIMITED in response.text
    assert Report.objects.count() == 1
    backdate(31)
    assert send(port, Problem.BLOCKED, by=alone).status_code == 302
    assert Report.objects.count() == 2


def test_it_limits_each_client_on_its_own(port):
    for n in range(1, 4):
        assert send(port, by=driver(n)).status_code == 302
    assert Report.objects.count() == 3


def test_it_counts_every_browser_on_one_address_as_one_client(ports):
    # A new User-Agent costs a script nothing: it is not a new client.
    for n, port in enumerate(ports[:5]):
        assert (
            send(port, by=Client(REMOTE_ADDR="10.0.0.1", HTTP_USER_AGENT=f"Bot {n}")).status_code
            == 302
        )
    response = send(ports[5], by=Client(REMOTE_ADDR="10.0.0.1", HTTP_USER_AGENT="Safari"))
    assert response.status_code == 429
    assert Report.objects.count() == 5


def test_it_ignores_forwarded_for_without_a_trusted_proxy(port, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    second = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert send(port, by=first).status_code == 302
    assert send(port, by=second).status_code == 429


def test_it_tells_apart_drivers_behind_a_trusted_proxy(port, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    first = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="203.0.113.5")
    second = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert send(port, by=first).status_code == 302
    assert send(port, by=second).status_code == 302
    assert send(port, by=first).status_code == 429
    assert Report.objects.count() == 2


def test_it_reads_forwarded_for_from_the_right(ports, settings):
    # The proxy appends the address it saw; whatever the driver wrote comes before it.
    settings.TRUSTED_PROXY_COUNT = 1
    for n, port in enumerate(ports[:5]):
        forged = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.5")
        assert send(port, by=forged).status_code == 302
    forged = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.5")
    assert send(ports[5], by=forged).status_code == 429
    assert Report.objects.count() == 5


def test_it_counts_an_ipv6_network_as_one_client(ports):
    # An IPv6 client is handed a whole /64: each of its addresses is the same client.
    for n, port in enumerate(ports[:5], 1):
        assert send(port, by=Client(REMOTE_ADDR=f"2001:db8:1:2::{n}")).status_code == 302
    assert send(ports[5], by=Client(REMOTE_ADDR="2001:db8:1:2:ffff::9")).status_code == 429
    assert send(ports[5], by=Client(REMOTE_ADDR="2001:db8:1:3::1")).status_code == 302


def test_it_holds_the_limit_for_reports_filed_outside_the_form(ports):
    # The rule lives with the reports: the admin, an import or a script meet it too.
    for port in ports[:5]:
        Report.objects.file(port, Problem.SLOW, client="10.0.0.1")
    with pytest.raises(TooManyReports):
        Report.objects.file(ports[5], Problem.SLOW, client="10.0.0.1")
    with pytest.raises(TooManyReports):
        Report.objects.file(ports[0], Problem.BLOCKED, client="10.0.0.1")
    assert Report.objects.count() == 5


def test_it_does_not_count_refused_reports(ports):
    alone = driver(1)
    for _ in range(5):
        send(ports[0], comment="see http://spam.example", by=alone)
    assert send(ports[0], by=alone).status_code == 302
    assert Report.objects.count() == 1

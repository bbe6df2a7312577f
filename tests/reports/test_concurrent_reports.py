"""The report limits hold when one client's reports arrive at the same moment (PostgreSQL)."""

import pytest
from django.core import mail
from django.test import Client

from reports.models import Problem, Report
from tests.factories import PortFactory
from tests.reports.conftest import report_url
from tests.threads import postgresql_only, race, slow_down_saves

pytestmark = [
    pytest.mark.django_db(transaction=True),
    postgresql_only,
]

THREADS = 20


@pytest.fixture(autouse=True)
def slow_saves(monkeypatch):
    slow_down_saves(monkeypatch, Report, seconds=0.05)


def post_from(address, ports, problem=Problem.SLOW):
    """An action for race(): client i posts a report on ports[i] from this address."""
    clients = [Client(REMOTE_ADDR=address(i)) for i in range(len(ports))]
    return lambda i: clients[i].post(report_url(ports[i]), {"problem": problem}).status_code


def test_it_stores_five_of_twenty_simultaneous_reports_from_one_client(station):
    ports = PortFactory.create_batch(THREADS, station=station)
    outcomes = race(post_from(lambda i: "10.0.0.1", ports), threads=THREADS)
    assert sorted(outcomes) == [302] * 5 + [429] * (THREADS - 5)
    assert Report.objects.count() == 5


def test_it_stores_one_of_twenty_simultaneous_reports_on_one_port(port):
    outcomes = race(post_from(lambda i: "10.0.0.1", [port] * THREADS), threads=THREADS)
    assert sorted(outcomes) == [302] + [429] * (THREADS - 1)
    assert Report.objects.count() == 1


def test_it_stores_simultaneous_reports_from_different_clients(port):
    outcomes = race(post_from(lambda i: f"10.0.1.{i}", [port] * THREADS), threads=THREADS)
    assert outcomes == [302] * THREADS
    assert Report.objects.count() == THREADS


def test_it_flags_a_port_once_when_the_third_report_arrives_with_others(port):
    first_two = post_from(lambda i: f"10.0.2.{i}", [port] * 2, Problem.NOT_WORKING)
    assert [first_two(0), first_two(1)] == [302, 302]
    outcomes = race(post_from(lambda i: f"10.0.1.{i}", [port] * 6, Problem.NOT_WORKING), threads=6)
    assert outcomes == [302] * 6
    assert len(mail.outbox) == 1
    assert Report.objects.filter(notified=True).count() == 1

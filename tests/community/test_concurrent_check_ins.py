"""The check-in limits hold when one driver's check-ins arrive at the same moment (PostgreSQL)."""

import pytest
from django.core import mail

from community.models import CheckIn, Outcome
from tests.community.conftest import check_in_url
from tests.conftest import logged_in
from tests.factories import PortFactory, UserFactory
from tests.threads import postgresql_only, race, slow_down_saves

pytestmark = [pytest.mark.django_db(transaction=True), postgresql_only]

THREADS = 12


@pytest.fixture(autouse=True)
def slow_saves(monkeypatch):
    slow_down_saves(monkeypatch, CheckIn, seconds=0.05)


def post_as(drivers, ports, outcome=Outcome.CHARGED):
    clients = [logged_in(driver) for driver in drivers]
    site = ports[0].station.site
    return lambda i: (
        clients[i].post(check_in_url(site), {"port": ports[i].pk, "outcome": outcome}).status_code
    )


def test_it_stores_four_of_many_simultaneous_check_ins_from_one_driver(station):
    carol = UserFactory()
    ports = PortFactory.create_batch(THREADS, station=station)
    outcomes = race(post_as([carol] * THREADS, ports), threads=THREADS)
    assert sorted(outcomes) == [302] * 4 + [429] * (THREADS - 4)
    assert CheckIn.objects.count() == 4


def test_it_flags_a_port_once_when_couldnt_charge_arrives_from_many_at_once(port):
    drivers = UserFactory.create_batch(6)
    outcomes = race(post_as(drivers, [port] * 6, Outcome.COULD_NOT), threads=6)
    assert outcomes == [302] * 6
    assert len(mail.outbox) == 1

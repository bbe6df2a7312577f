"""The request limit holds when one client's requests arrive at the same moment (PostgreSQL)."""

import pytest
from django.test import Client

from helpcenter.models import PER_HOUR, SupportRequest
from tests.helpcenter.conftest import CONTACT_URL, request_data
from tests.threads import postgresql_only, race, slow_down_saves

pytestmark = [pytest.mark.django_db(transaction=True), postgresql_only]

THREADS = 10


@pytest.fixture(autouse=True)
def slow_saves(monkeypatch):
    slow_down_saves(monkeypatch, SupportRequest, seconds=0.05)


def post_from(address):
    clients = [Client(REMOTE_ADDR=address(i)) for i in range(THREADS)]
    return lambda i: clients[i].post(CONTACT_URL, request_data()).status_code


def test_it_stores_three_of_ten_simultaneous_requests_from_one_client(db):
    outcomes = race(post_from(lambda i: "10.1.0.1"), threads=THREADS)
    assert sorted(outcomes) == [302] * PER_HOUR + [429] * (THREADS - PER_HOUR)
    assert SupportRequest.objects.count() == PER_HOUR


def test_it_stores_simultaneous_requests_from_different_clients(db):
    outcomes = race(post_from(lambda i: f"10.1.1.{i}"), threads=THREADS)
    assert outcomes == [302] * THREADS
    assert SupportRequest.objects.count() == THREADS

"""The community signal: of the last 10 drivers who checked in within 90 days, how many
charged on their latest check-in there. One query for any number of locations."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.models import CheckIn, Outcome
from tests.community.factories import CheckInFactory
from tests.factories import PortFactory, UserFactory

pytestmark = pytest.mark.django_db


def at(port, outcome, days_ago=0, driver=None, minutes_ago=0):
    moment = timezone.now() - timedelta(days=days_ago, minutes=minutes_ago)
    return CheckInFactory(
        port=port, outcome=outcome, created_at=moment, driver=driver or UserFactory()
    )


def test_it_counts_charged_of_the_drivers(site, port):
    for outcome in [Outcome.CHARGED] * 3 + [Outcome.COULD_NOT, Outcome.SLOW, Outcome.WAITED]:
        at(port, outcome)
    assert CheckIn.objects.signal_for([site.pk]) == {site.pk: (3, 6)}


def test_it_counts_each_driver_once_by_their_latest_check_in(site, port):
    carol = UserFactory()
    at(port, Outcome.CHARGED, driver=carol, minutes_ago=30)
    at(port, Outcome.CHARGED, driver=carol, minutes_ago=20)
    at(port, Outcome.COULD_NOT, driver=carol, minutes_ago=10)
    at(port, Outcome.CHARGED)
    assert CheckIn.objects.signal_for([site.pk]) == {site.pk: (1, 2)}


def test_it_reads_only_the_last_10_drivers(site, port):
    for minutes in range(5):  # the newest five could not charge
        at(port, Outcome.COULD_NOT, minutes_ago=minutes)
    for minutes in range(10, 20):  # the older ten did
        at(port, Outcome.CHARGED, minutes_ago=minutes)
    assert CheckIn.objects.signal_for([site.pk]) == {site.pk: (5, 10)}


def test_it_forgets_check_ins_older_than_90_days(site, port):
    at(port, Outcome.CHARGED, days_ago=91)
    at(port, Outcome.CHARGED, days_ago=89)
    assert CheckIn.objects.signal_for([site.pk]) == {site.pk: (1, 1)}


def test_it_leaves_out_locations_without_check_ins(site, port):
    assert CheckIn.objects.signal_for([site.pk]) == {}


def test_it_takes_one_query_for_many_locations(django_assert_num_queries):
    ports = PortFactory.create_batch(5)
    for port in ports:
        for _ in range(3):
            at(port, Outcome.CHARGED)
    site_ids = [port.station.site_id for port in ports]
    with django_assert_num_queries(1):
        signal = CheckIn.objects.signal_for(site_ids)
    assert signal == dict.fromkeys(site_ids, (3, 3))

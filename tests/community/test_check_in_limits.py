"""A driver checks in at most 4 times an hour, and on one port once every 20 minutes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.models import CheckIn, Outcome, TooManyCheckIns
from tests.community.conftest import check_in
from tests.conftest import HTMX, logged_in
from tests.factories import PortFactory, UserFactory

pytestmark = pytest.mark.django_db

LIMITED = "You have checked in several times in a short time"


def backdate(minutes):
    CheckIn.objects.update(created_at=timezone.now() - timedelta(minutes=minutes))


@pytest.fixture
def ports(station):
    return PortFactory.create_batch(5, station=station)


def test_it_takes_four_check_ins_an_hour_from_one_driver(carol_client, site, ports):
    for port in ports[:4]:
        assert check_in(carol_client, site, port).status_code == 302
    response = check_in(carol_client, site, ports[4])
    assert response.status_code == 429
    assert LIMITED in response.text
    assert CheckIn.objects.count() == 4
    backdate(61)
    assert check_in(carol_client, site, ports[4]).status_code == 302


def test_it_takes_one_check_in_per_port_every_20_minutes(carol_client, site, port):
    assert check_in(carol_client, site, port).status_code == 302
    response = check_in(carol_client, site, port, Outcome.COULD_NOT, headers=HTMX)
    assert response.status_code == 429
    assert LIMITED in response.text
    backdate(21)
    assert check_in(carol_client, site, port).status_code == 302
    assert CheckIn.objects.count() == 2


def test_it_limits_each_driver_on_their_own(site, port):
    for _ in range(3):
        assert check_in(logged_in(UserFactory()), site, port).status_code == 302
    assert CheckIn.objects.count() == 3


def test_it_holds_the_limit_outside_the_form(carol, site, ports):
    # The rule lives with the check-ins: the admin, a script or a label page meet it too.
    for port in ports[:4]:
        CheckIn.objects.record(driver=carol, site=site, port=port, outcome=Outcome.CHARGED)
    with pytest.raises(TooManyCheckIns):
        CheckIn.objects.record(driver=carol, site=site, port=ports[4], outcome=Outcome.CHARGED)
    assert CheckIn.objects.count() == 4


def test_it_does_not_count_refused_check_ins(carol_client, site, port):
    for _ in range(5):
        check_in(carol_client, site, port, outcome="")
    assert check_in(carol_client, site, port).status_code == 302

"""The hot calls stay a handful of queries whatever a charger's number of ports: a server
stores hundreds of status changes a second only so. One statement each on PostgreSQL (a
heartbeat that has a write due: a read, then the write)."""

import pytest
from django.db import connection

from chargers import live
from tests.chargers.live_helpers import charger_with_ports

pytestmark = pytest.mark.django_db

ONE_STATEMENT = connection.vendor == "postgresql"


@pytest.mark.parametrize("ports", [1, 6])
def test_a_status_change_takes_a_fixed_number_of_queries(ports, django_assert_max_num_queries):
    charger, _ = charger_with_ports(ports)
    live.status(charger.pk, 1, "Available")

    with django_assert_max_num_queries(1 if ONE_STATEMENT else 9):
        live.status(charger.pk, 1, "Charging")
    with django_assert_max_num_queries(1 if ONE_STATEMENT else 9):
        live.status(charger.pk, 0, "Unavailable")  # every port at once


@pytest.mark.parametrize("ports", [1, 6])
def test_a_heartbeat_takes_a_fixed_number_of_queries(ports, django_assert_max_num_queries):
    charger, _ = charger_with_ports(ports)
    live.status(charger.pk, 0, "Available")

    with django_assert_max_num_queries(2 if ONE_STATEMENT else 5):
        live.heard(charger.pk)  # a write is due: the charger was never heard
    with django_assert_max_num_queries(1 if ONE_STATEMENT else 3):
        live.heard(charger.pk)  # heard a moment ago: a read

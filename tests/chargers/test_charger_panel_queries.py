"""N+1 guard: the station page's charger section costs the same queries for 1 charger as for 5."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chargers.models import AcceptedTag, Charger, ChargerConnector
from tests.chargers.factories import ChargerFactory
from tests.factories import PortFactory

pytestmark = pytest.mark.django_db


def charger_with_two_connectors_and_tags(station):
    charger = ChargerFactory(station=station, accepts=Charger.Accepts.LISTED)
    for n in (1, 2):
        port = PortFactory(station=station)
        ChargerConnector.objects.create(charger=charger, connector_id=n, port=port)
    AcceptedTag.objects.create(charger=charger, id_tag=f"T{charger.pk}A")
    AcceptedTag.objects.create(charger=charger, id_tag=f"T{charger.pk}B")
    return charger


def test_it_runs_the_same_queries_for_1_charger_as_for_5(alice_client, station):
    def queries_to_show_the_page():
        with CaptureQueriesContext(connection) as queries:
            response = alice_client.get(station.get_absolute_url())
        assert response.status_code == 200
        return len(queries), response.text.count('class="card charger')

    charger_with_two_connectors_and_tags(station)
    one = queries_to_show_the_page()
    for _ in range(4):
        charger_with_two_connectors_and_tags(station)
    five = queries_to_show_the_page()
    assert (one[1], five[1]) == (1, 5)
    assert five[0] == one[0]


def test_it_costs_two_queries_more_once_there_are_chargers(alice_client, station):
    """Without chargers, one query (none found); with them, their connectors and tags too.
    The ports come from the list the page already holds."""
    PortFactory(station=station)
    with CaptureQueriesContext(connection) as without:
        alice_client.get(station.get_absolute_url())
    charger_with_two_connectors_and_tags(station)
    with CaptureQueriesContext(connection) as with_one:
        alice_client.get(station.get_absolute_url())
    assert len(with_one) - len(without) == 2

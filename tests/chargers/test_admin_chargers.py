"""Support staff see chargers (station, location, connection, vendor), their connectors and
tags, and read charging sessions without editing them."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from chargers.models import Charger
from tests.chargers.factories import (
    CHARGER_PASSWORD,
    ChargerConnectorFactory,
    ChargerFactory,
    ChargingSessionFactory,
)
from tests.factories import PortFactory, StationFactory, UserFactory

pytestmark = pytest.mark.django_db

CHARGERS = reverse("admin:chargers_charger_changelist")
SESSIONS = reverse("admin:chargers_chargingsession_changelist")


@pytest.fixture
def staff_client(db):
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def password_shown(response, charge_point_id) -> str:
    found = re.search(rf"Password for {charge_point_id}: (\S+) ", unescape(response.text))
    assert found, "no password in the messages"
    return found.group(1)


def test_the_list_shows_station_location_connection_and_vendor(staff_client):
    now = timezone.now()
    online = ChargerFactory(vendor="Wallbox", last_heard_at=now)
    offline = ChargerFactory(
        last_heard_at=now - timedelta(hours=1), offline_since=now - timedelta(hours=1)
    )
    never = ChargerFactory()

    page = staff_client.get(CHARGERS).text

    assert online.station.name in page and online.station.site.name in page
    assert "Wallbox" in page
    assert "Connected · last heard" in page
    assert "Offline since" in page and "Never connected" in page
    assert {c.charge_point_id for c in (online, offline, never)} <= set(
        re.findall(r"CS[A-Z0-9]{10}", page)
    )


def test_the_list_filters_by_connection(staff_client):
    online = ChargerFactory(last_heard_at=timezone.now())
    never = ChargerFactory()

    page = staff_client.get(CHARGERS, {"connection": "online"}).text

    assert online.charge_point_id in page and never.charge_point_id not in page


def test_the_list_takes_the_same_queries_for_many_chargers(
    staff_client, django_assert_max_num_queries
):
    """N+1 guard: station and location come in the list's own query."""
    ChargerFactory()
    with django_assert_max_num_queries(20) as few:
        staff_client.get(CHARGERS)
    for _ in range(5):
        ChargerFactory(last_heard_at=timezone.now())
    with django_assert_max_num_queries(len(few)):
        staff_client.get(CHARGERS)


def test_adding_a_charger_shows_its_password_once(client, staff_client):
    station = StationFactory()
    data = {
        "charge_point_id": "CSADMIN00001",
        "station": station.pk,
        "accepts": Charger.Accepts.EVERYONE,
        "heartbeat_interval": "60",
        "connectors-TOTAL_FORMS": "0",
        "connectors-INITIAL_FORMS": "0",
        "tags-TOTAL_FORMS": "0",
        "tags-INITIAL_FORMS": "0",
    }

    response = staff_client.post(reverse("admin:chargers_charger_add"), data, follow=True)

    password = password_shown(response, "CSADMIN00001")
    assert Charger.objects.authenticate("CSADMIN00001", password) is not None
    charger = Charger.objects.get()
    again = staff_client.get(reverse("admin:chargers_charger_change", args=[charger.pk]))
    assert password not in again.text


def test_issuing_new_passwords_stops_the_old_ones(staff_client):
    charger = ChargerFactory()

    response = staff_client.post(
        CHARGERS,
        {"action": "issue_new_passwords", "_selected_action": [charger.pk]},
        follow=True,
    )

    password = password_shown(response, charger.charge_point_id)
    assert Charger.objects.authenticate(charger.charge_point_id, CHARGER_PASSWORD) is None
    assert Charger.objects.authenticate(charger.charge_point_id, password) is not None
    charger.refresh_from_db()
    assert charger.password_version == 2


def test_a_connector_is_mapped_to_a_port_of_its_own_station_only(staff_client):
    charger = ChargerFactory()
    connector = ChargerConnectorFactory(charger=charger, connector_id=1)
    foreign = PortFactory(station=StationFactory())
    data = {
        "charge_point_id": charger.charge_point_id,
        "station": charger.station_id,
        "accepts": charger.accepts,
        "heartbeat_interval": "60",
        "connectors-TOTAL_FORMS": "1",
        "connectors-INITIAL_FORMS": "1",
        "connectors-0-id": connector.pk,
        "connectors-0-charger": charger.pk,
        "connectors-0-connector_id": "1",
        "connectors-0-port": foreign.pk,
        "tags-TOTAL_FORMS": "0",
        "tags-INITIAL_FORMS": "0",
    }

    response = staff_client.post(reverse("admin:chargers_charger_change", args=[charger.pk]), data)

    assert "Choose a port of this charger&#x27;s station." in response.text
    connector.refresh_from_db()
    assert connector.port is None


def test_sessions_are_listed_with_their_energy_and_cannot_be_edited(staff_client):
    session = ChargingSessionFactory(meter_start_wh=1000, meter_stop_wh=8500)

    page = staff_client.get(SESSIONS).text
    assert session.charger.charge_point_id in page and "7.50" in page

    assert staff_client.get(reverse("admin:chargers_chargingsession_add")).status_code == 403
    change = reverse("admin:chargers_chargingsession_change", args=[session.pk])
    assert 'name="_save"' not in staff_client.get(change).text
    staff_client.post(change, {"meter_stop_wh": "1"})
    session.refresh_from_db()
    assert session.meter_stop_wh == 8500

"""Remove a charger: asked first; its ports stay."""

import pytest
from django.urls import reverse
from django.utils import timezone

from chargers.models import Charger, ChargingSession
from ports.models import Port
from tests.chargers.factories import ChargerFactory
from tests.conftest import HTMX
from tests.ports.pages import announced

pytestmark = pytest.mark.django_db


@pytest.fixture
def charger(station):
    return ChargerFactory(station=station, charge_point_id="RM1")


def url(charger):
    return reverse("chargers:remove", args=[charger.pk])


def test_it_asks_first_and_counts_the_sessions_that_go(alice_client, charger):
    ChargingSession.objects.create(
        charger=charger, connector_id=1, id_tag="X", started_at=timezone.now(), meter_start_wh=0
    )
    page = alice_client.get(url(charger))
    assert "Remove charger RM1 from ChargePoint CT4000?" in page.text
    assert "its 1 recorded charging session goes too" in page.text
    fragment = alice_client.get(url(charger), headers=HTMX)
    assert b"<html" not in fragment.content
    assert Charger.objects.exists()


def test_it_removes_the_charger_and_keeps_the_ports(alice_client, charger, port, station):
    response = alice_client.post(url(charger))
    assert response.status_code == 302
    assert response.url == f"{station.get_absolute_url()}#chargers"
    assert not Charger.objects.exists()
    assert Port.objects.filter(pk=port.pk).exists()


def test_it_says_so_in_place_for_htmx(alice_client, charger):
    response = alice_client.post(url(charger), headers=HTMX)
    assert "Charger RM1 removed." in response.text
    assert announced(response) == "Charger RM1 removed"
    assert not Charger.objects.exists()


def test_it_is_404_for_a_stranger(bob_client, charger):
    assert bob_client.get(url(charger)).status_code == 404
    assert bob_client.post(url(charger)).status_code == 404
    assert bob_client.get(reverse("chargers:detail", args=[charger.pk])).status_code == 404
    assert Charger.objects.exists()

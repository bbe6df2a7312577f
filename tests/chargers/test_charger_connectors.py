"""Which port each OCPP connector is: the owner changes the mapping among this station's ports."""

import pytest
from django.urls import reverse
from django.utils import timezone

from chargers.models import Charger, ChargerConnector
from chargers.vocabulary import LIVE_SOURCE
from ports.models import Port
from ports.vocabulary import LiveStatus
from tests.chargers.factories import ChargerFactory
from tests.conftest import HTMX
from tests.factories import PortFactory, StationFactory
from tests.ports.pages import announced, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def ports(station):
    return [PortFactory(station=station, label=f"Bay {n}") for n in (1, 2, 3)]


@pytest.fixture
def charger(station, ports):
    charger = ChargerFactory(station=station, charge_point_id="MAP1")
    for n, port in ((1, ports[0]), (2, ports[1])):
        ChargerConnector.objects.create(charger=charger, connector_id=n, port=port)
    return charger


def url(charger):
    return reverse("chargers:connectors", args=[charger.pk])


def mapping(charger):
    return dict(charger.connectors.values_list("connector_id", "port__label"))


def test_it_changes_which_port_a_connector_is(alice_client, charger, ports):
    response = alice_client.post(
        url(charger), {"connector_1": ports[2].pk, "connector_2": ports[1].pk}
    )
    assert response.status_code == 302
    assert response.url == f"{charger.station.get_absolute_url()}#charger-{charger.pk}"
    assert mapping(charger) == {1: "Bay 3", 2: "Bay 2"}


def test_it_lets_two_connectors_swap_ports(alice_client, charger, ports):
    response = alice_client.post(
        url(charger), {"connector_1": ports[1].pk, "connector_2": ports[0].pk}, headers=HTMX
    )
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert f'<article id="charger-{charger.pk}" class="card charger just-saved"' in response.text
    assert announced(response) == "Connectors saved for MAP1"
    assert mapping(charger) == {1: "Bay 2", 2: "Bay 1"}


def test_it_unmaps_a_connector_and_offers_to_add_a_port(alice_client, charger, station):
    alice_client.post(url(charger), {"connector_1": "", "connector_2": ""})
    assert mapping(charger) == {1: None, 2: None}
    page = alice_client.get(station.get_absolute_url()).text
    add = reverse("ports:add", args=[station.pk])
    assert page.count(f'<a href="{add}">') == 2
    assert "No port yet. Add Port for it, then choose it here." in text(page)


def test_it_refuses_one_port_for_two_connectors(alice_client, charger, ports):
    response = alice_client.post(
        url(charger), {"connector_1": ports[2].pk, "connector_2": ports[2].pk}, headers=HTMX
    )
    assert response.status_code == 200
    assert "The connectors were not saved" in response.text
    assert "Connector 1 is already “Bay 3”: a port is one connector." in response.text
    assert mapping(charger) == {1: "Bay 1", 2: "Bay 2"}


def test_it_shows_the_errors_on_a_page_without_javascript(alice_client, charger, ports):
    response = alice_client.post(
        url(charger), {"connector_1": ports[2].pk, "connector_2": ports[2].pk}
    )
    assert response.status_code == 200 and b"<html" in response.content
    assert "Connector 1 is already “Bay 3”" in response.text


def test_it_refuses_a_port_of_another_station(alice_client, charger, site):
    elsewhere = PortFactory(station=StationFactory(site=site), label="Elsewhere")
    response = alice_client.post(url(charger), {"connector_1": elsewhere.pk, "connector_2": ""})
    assert "Select a valid choice" in response.text
    assert mapping(charger) == {1: "Bay 1", 2: "Bay 2"}


def test_it_does_not_offer_a_port_another_charger_holds(alice_client, charger, station, ports):
    other = ChargerFactory(station=station, charge_point_id="MAP2")
    ChargerConnector.objects.create(charger=other, connector_id=1, port=ports[2])
    page = alice_client.get(station.get_absolute_url()).text
    card = page.split(f'<article id="charger-{charger.pk}"')[1].split("</article>")[0]
    assert "Bay 3" not in card
    response = alice_client.post(url(charger), {"connector_1": ports[2].pk, "connector_2": ""})
    assert "Select a valid choice" in response.text
    assert mapping(other) == {1: "Bay 3"}


def test_it_is_404_for_a_stranger(bob_client, charger, ports):
    response = bob_client.post(url(charger), {"connector_1": ports[2].pk, "connector_2": ""})
    assert response.status_code == 404
    assert mapping(charger) == {1: "Bay 1", 2: "Bay 2"}


def test_it_answers_only_posts(alice_client, charger):
    assert alice_client.get(url(charger)).status_code == 405


def test_it_gives_a_newly_mapped_port_the_live_status_of_a_connected_charger(
    alice_client, charger, ports
):
    now = timezone.now()
    Charger.objects.filter(pk=charger.pk).update(last_heard_at=now, connected_at=now)
    charger.connectors.filter(connector_id=1).update(status="Charging", status_at=now)
    alice_client.post(url(charger), {"connector_1": ports[2].pk, "connector_2": ports[1].pk})
    moved = Port.objects.get(pk=ports[2].pk)
    assert (moved.live_status, moved.live_source) == (LiveStatus.IN_USE, LIVE_SOURCE)


def test_it_leaves_live_status_alone_for_an_offline_charger(alice_client, charger, ports):
    charger.connectors.filter(connector_id=1).update(status="Charging", status_at=timezone.now())
    alice_client.post(url(charger), {"connector_1": ports[2].pk, "connector_2": ports[1].pk})
    assert Port.objects.get(pk=ports[2].pk).live_status == ""

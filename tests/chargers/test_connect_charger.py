"""Connect this charger: a new Charger, its endpoint, its id, and its password shown once."""

import re

import pytest
from django.urls import reverse

from chargers.models import Charger
from tests.chargers.factories import ChargerFactory
from tests.conftest import HTMX
from tests.factories import StationFactory
from tests.ports.pages import announced, text

pytestmark = pytest.mark.django_db


def url(station):
    return reverse("chargers:connect", args=[station.pk])


def shown_password(response) -> str:
    found = re.search(
        r'<code class="secret" id="charger-\d+-password">([^<]+)</code>', response.text
    )
    assert found, "no password shown"
    return found.group(1)


def test_it_offers_to_connect_a_charger_on_the_station_page(alice_client, station):
    page = alice_client.get(station.get_absolute_url())
    assert f'<a class="button button--secondary" id="connect-charger" href="{url(station)}"' in (
        page.text
    )
    assert f'hx-get="{url(station)}" hx-target="#charger-editor"' in page.text
    assert "Connect this charger" in page.text


def test_it_shows_the_form_as_a_page_and_to_htmx(alice_client, station):
    page = alice_client.get(url(station))
    assert page.status_code == 200 and b"<html" in page.content
    assert "Charge point id (optional)" in page.text
    fragment = alice_client.get(url(station), headers=HTMX)
    assert b"<html" not in fragment.content
    assert f'hx-post="{url(station)}" hx-target="#charger-editor"' in fragment.text


def test_it_creates_a_charger_and_shows_its_password_once(alice_client, station):
    response = alice_client.post(url(station), {"charge_point_id": ""})
    assert response.status_code == 200
    charger = Charger.objects.get(station=station)
    password = shown_password(response)
    assert Charger.objects.authenticate(charger.charge_point_id, password) == charger
    assert password not in charger.password_hash
    assert charger.password_version == 1
    assert f"wss://testserver/ocpp/1.6/{charger.charge_point_id}" in response.text
    assert "It is shown only this once" in text(response.text)
    # Never cached anywhere, and never on the page again.
    assert "no-store" in response.headers["Cache-Control"]
    assert password not in alice_client.get(station.get_absolute_url()).text
    assert password not in alice_client.get(reverse("chargers:detail", args=[charger.pk])).text


def test_it_adds_the_charger_to_the_list_for_htmx(alice_client, station):
    ChargerFactory(station=station, charge_point_id="FIRST")
    response = alice_client.post(url(station), {"charge_point_id": "SECOND"}, headers=HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert '<div id="charger-list" class="charger-list" hx-swap-oob="true">' in response.text
    assert "Charger <code>FIRST</code>" in response.text
    assert "Charger <code>SECOND</code>" in response.text
    assert response.text.count('class="secret"') == 1  # only the new one's password
    assert announced(response) == "Charger SECOND added"
    assert "no-store" in response.headers["Cache-Control"]


def test_it_keeps_an_id_the_charger_cannot_change(alice_client, station):
    alice_client.post(url(station), {"charge_point_id": " EVB-P2134.A_7 "})
    assert Charger.objects.get(station=station).charge_point_id == "EVB-P2134.A_7"


@pytest.mark.parametrize("bad", ["has space", "slash/es", "é", "x" * 49, "a?b"])
def test_it_refuses_an_id_a_url_cannot_carry(alice_client, station, bad):
    response = alice_client.post(url(station), {"charge_point_id": bad})
    assert response.status_code == 200
    assert not Charger.objects.exists()
    assert "The charger was not added: fix the charge point id below." in response.text
    assert "letters, digits, dots, dashes and underscores" in response.text


def test_it_refuses_an_id_another_charger_uses(alice_client, station):
    ChargerFactory(station=StationFactory(), charge_point_id="TAKEN1")
    response = alice_client.post(url(station), {"charge_point_id": "TAKEN1"}, headers=HTMX)
    assert "Another charger already uses this charge point id" in response.text
    assert Charger.objects.filter(station=station).count() == 0


def test_it_says_ws_in_development(alice_client, station, settings):
    settings.DEBUG = True
    response = alice_client.post(url(station), {"charge_point_id": "DEV1"})
    assert "ws://testserver/ocpp/1.6/DEV1" in response.text
    assert "This is a development server" in text(response.text)


@pytest.mark.parametrize(
    "public, endpoint",
    [
        ("wss://ocpp.chargesites.example", "wss://ocpp.chargesites.example/ocpp/1.6/PUB1"),
        (
            "wss://ocpp.chargesites.example:8443/",
            "wss://ocpp.chargesites.example:8443/ocpp/1.6/PUB1",
        ),
        ("ws://127.0.0.1:9000", "ws://127.0.0.1:9000/ocpp/1.6/PUB1"),
        ("ocpp.chargesites.example", "wss://ocpp.chargesites.example/ocpp/1.6/PUB1"),
    ],
)
def test_it_uses_the_public_ocpp_url_when_set(alice_client, station, settings, public, endpoint):
    settings.OCPP_PUBLIC_URL = public
    ChargerFactory(station=station, charge_point_id="PUB1")
    assert endpoint in alice_client.get(station.get_absolute_url()).text


def test_it_explains_where_each_value_goes(alice_client, station):
    ChargerFactory(station=station, charge_point_id="HOW1")
    read = text(alice_client.get(station.get_absolute_url()).text)
    assert "How to point your charger here" in read
    assert "choose OCPP 1.6J" in read
    assert "type it without the id: wss://testserver/ocpp/1.6/" in read
    assert "In Charge point id (also called ChargeBox identity or OCPP id), type HOW1" in read
    assert "the connection is encrypted (TLS)" in read


def test_it_is_404_for_a_stranger(bob_client, station):
    assert bob_client.get(url(station)).status_code == 404
    assert bob_client.post(url(station), {"charge_point_id": ""}).status_code == 404
    assert not Charger.objects.exists()


def test_it_sends_anonymous_visitors_to_log_in(client, station):
    response = client.post(url(station), {"charge_point_id": ""})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))

"""Who may charge: every driver, or only the RFID tags the owner lists."""

import pytest
from django.urls import reverse

from chargers.models import AcceptedTag, Charger
from tests.chargers.factories import ChargerFactory
from tests.conftest import HTMX
from tests.ports.pages import announced, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def charger(station):
    return ChargerFactory(station=station, charge_point_id="TAG1", accepts=Charger.Accepts.LISTED)


def test_it_switches_to_listed_tags_and_back(alice_client, station):
    charger = ChargerFactory(station=station, charge_point_id="TAG0")
    accepts = reverse("chargers:accepts", args=[charger.pk])
    response = alice_client.post(accepts, {"accepts": "listed"}, headers=HTMX)
    assert announced(response) == "Charger TAG0 accepts only the RFID tags listed"
    assert "until you add one, the charger turns every driver away" in response.text
    charger.refresh_from_db()
    assert charger.accepts == Charger.Accepts.LISTED
    response = alice_client.post(accepts, {"accepts": "everyone"})
    assert response.status_code == 302
    charger.refresh_from_db()
    assert charger.accepts == Charger.Accepts.EVERYONE


def test_it_refuses_an_unknown_choice(alice_client, charger):
    accepts = reverse("chargers:accepts", args=[charger.pk])
    response = alice_client.post(accepts, {"accepts": "friends"})
    assert response.status_code == 200
    assert "Choose who may charge: every driver, or only the listed tags." in response.text


def test_it_adds_a_tag(alice_client, charger):
    add = reverse("chargers:add_tag", args=[charger.pk])
    response = alice_client.post(add, {"id_tag": " 04A2B3C4D5E6F7 ", "label": "Fleet van 3"})
    assert response.status_code == 302
    tag = AcceptedTag.objects.get(charger=charger)
    assert (tag.id_tag, tag.label) == ("04A2B3C4D5E6F7", "Fleet van 3")
    page = text(alice_client.get(charger.station.get_absolute_url()).text)
    assert "04A2B3C4D5E6F7 Fleet van 3 Remove tag 04A2B3C4D5E6F7" in page


def test_it_adds_a_tag_for_htmx(alice_client, charger):
    add = reverse("chargers:add_tag", args=[charger.pk])
    response = alice_client.post(add, {"id_tag": "CAFE01", "label": ""}, headers=HTMX)
    assert b"<html" not in response.content
    assert "<code>CAFE01</code>" in response.text
    assert announced(response) == "Tag CAFE01 accepted by TAG1"


@pytest.mark.parametrize(
    "bad, said",
    [
        ("", "Type the RFID tag to accept."),
        ("has space", "Type the tag without spaces"),
        ("x" * 21, "An RFID tag is at most 20 characters"),
        ("cafe01", "This charger already accepts that tag."),
    ],
)
def test_it_refuses_a_tag_it_cannot_use(alice_client, charger, bad, said):
    AcceptedTag.objects.create(charger=charger, id_tag="CAFE01")
    add = reverse("chargers:add_tag", args=[charger.pk])
    response = alice_client.post(add, {"id_tag": bad, "label": ""}, headers=HTMX)
    assert response.status_code == 200
    assert said in response.text
    assert list(charger.tags.values_list("id_tag", flat=True)) == ["CAFE01"]


def test_it_removes_a_tag(alice_client, charger):
    tag = AcceptedTag.objects.create(charger=charger, id_tag="CAFE01")
    remove = reverse("chargers:remove_tag", args=[tag.pk])
    response = alice_client.post(remove, headers=HTMX)
    assert announced(response) == "Tag CAFE01 no longer accepted by TAG1"
    assert not AcceptedTag.objects.exists()


def test_it_is_404_for_a_stranger(bob_client, charger):
    tag = AcceptedTag.objects.create(charger=charger, id_tag="CAFE01")
    assert bob_client.post(reverse("chargers:remove_tag", args=[tag.pk])).status_code == 404
    add = reverse("chargers:add_tag", args=[charger.pk])
    assert bob_client.post(add, {"id_tag": "BOB1"}).status_code == 404
    accepts = reverse("chargers:accepts", args=[charger.pk])
    assert bob_client.post(accepts, {"accepts": "everyone"}).status_code == 404
    assert list(charger.tags.values_list("id_tag", flat=True)) == ["CAFE01"]
    charger.refresh_from_db()
    assert charger.accepts == Charger.Accepts.LISTED

"""A charge point id or RFID tag taken between the form's check and the save (a second
request, another tab) reads as the form's message, never a server error; the database
keeps the rule: one charger per id, and one tag per charger whatever its letters' case."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from chargers.forms import ConnectForm, TagForm
from chargers.models import AcceptedTag, Charger
from tests.chargers.factories import ChargerFactory
from tests.factories import StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def checks_pass(monkeypatch):
    """The forms' own checks see nothing taken, as when the other request commits after."""
    monkeypatch.setattr(ConnectForm, "validate_unique", lambda self: None)
    monkeypatch.setattr(TagForm, "clean_id_tag", lambda self: self.cleaned_data["id_tag"].strip())


def test_a_charge_point_id_taken_meanwhile_is_the_forms_message(alice_client, station, checks_pass):
    ChargerFactory(station=StationFactory(), charge_point_id="TAKEN1")
    url = reverse("chargers:connect", args=[station.pk])
    response = alice_client.post(url, {"charge_point_id": "TAKEN1"})
    assert response.status_code == 200  # the form again, as for any refused value
    assert "Another charger already uses this charge point id" in response.text
    assert not Charger.objects.filter(station=station).exists()


def test_a_tag_taken_meanwhile_is_the_forms_message(alice_client, station, checks_pass):
    charger = ChargerFactory(station=station, accepts=Charger.Accepts.LISTED)
    AcceptedTag.objects.create(charger=charger, id_tag="cafe01")
    url = reverse("chargers:add_tag", args=[charger.pk])
    response = alice_client.post(url, {"id_tag": "CAFE01", "label": ""})
    assert response.status_code == 200  # the form again, as for any refused value
    assert "This charger already accepts that tag." in response.text
    assert list(charger.tags.values_list("id_tag", flat=True)) == ["cafe01"]


def test_the_database_refuses_a_tag_that_differs_only_in_case(station):
    charger = ChargerFactory(station=station)
    AcceptedTag.objects.create(charger=charger, id_tag="cafe01")
    with pytest.raises(IntegrityError), transaction.atomic():
        AcceptedTag.objects.bulk_create([AcceptedTag(charger=charger, id_tag="CAFE01")])


def test_a_save_outside_any_form_says_which_field(station):
    ChargerFactory(station=station, charge_point_id="TAKEN2")
    with pytest.raises(ValidationError) as raised:
        Charger(station=station, charge_point_id="TAKEN2").save()
    assert "charge_point_id" in raised.value.message_dict

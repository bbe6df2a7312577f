"""Issue a new password: asked first, shown once, and the old one stops working at once."""

import pytest
from django.urls import reverse

from chargers.models import Charger
from tests.chargers.factories import CHARGER_PASSWORD, ChargerFactory
from tests.chargers.test_connect_charger import shown_password
from tests.conftest import HTMX
from tests.ports.pages import announced, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def charger(station):
    return ChargerFactory(station=station, charge_point_id="PW1")


def url(charger):
    return reverse("chargers:password", args=[charger.pk])


def test_it_asks_first(alice_client, charger):
    page = alice_client.get(url(charger))
    assert page.status_code == 200 and b"<html" in page.content
    assert "The current password stops working at once" in page.text
    fragment = alice_client.get(url(charger), headers=HTMX)
    assert b"<html" not in fragment.content
    assert f'hx-post="{url(charger)}" hx-target="#charger-{charger.pk}"' in fragment.text
    assert Charger.objects.authenticate("PW1", CHARGER_PASSWORD) == charger


def test_it_issues_a_new_password_and_revokes_the_old(alice_client, charger):
    response = alice_client.post(url(charger))
    assert response.status_code == 200
    new = shown_password(response)
    assert Charger.objects.authenticate("PW1", CHARGER_PASSWORD) is None
    assert Charger.objects.authenticate("PW1", new) == charger
    charger.refresh_from_db()
    assert charger.password_version == 2
    assert charger.password_issued_at is not None
    assert "The old password no longer works" in text(response.text)
    assert "no-store" in response.headers["Cache-Control"]


def test_it_shows_the_new_password_in_the_card_for_htmx(alice_client, charger):
    response = alice_client.post(url(charger), headers=HTMX)
    assert b"<html" not in response.content
    assert f'<article id="charger-{charger.pk}"' in response.text
    new = shown_password(response)
    assert Charger.objects.authenticate("PW1", new) == charger
    assert announced(response) == "New password for PW1"
    # The keyboard lands on the password (static/js/app.js).
    assert 'class="notice notice--success password-once" role="status" data-focus' in response.text


def test_it_is_404_for_a_stranger(bob_client, charger):
    assert bob_client.get(url(charger)).status_code == 404
    assert bob_client.post(url(charger)).status_code == 404
    assert Charger.objects.authenticate("PW1", CHARGER_PASSWORD) == charger


def test_it_refuses_other_methods(alice_client, charger):
    assert alice_client.put(url(charger)).status_code == 405

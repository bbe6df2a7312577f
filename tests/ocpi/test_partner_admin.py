"""Support staff add a partner in the admin and pass its token on: shown once, kept hashed."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from ocpi.models import Partner, hash_token
from tests.factories import UserFactory
from tests.ocpi.network import encode, envelope

pytestmark = pytest.mark.django_db

SENDER = reverse("ocpi:our_locations")


@pytest.fixture
def staff_client(db):
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def token_shown(response, name) -> str:
    found = re.search(rf"Token for {name}: (\S+) ", unescape(response.text))
    assert found, "no token in the messages"
    return found.group(1)


def signed(token):
    return {"Authorization": f"Token {encode(token)}"}


def add_partner(staff_client):
    data = {"name": "Capital Power", "country_code": "US", "party_id": "CPT", "is_active": "on"}
    return staff_client.post(reverse("admin:ocpi_partner_add"), data, follow=True)


def test_it_shows_the_new_partners_token_once(client, staff_client):
    response = add_partner(staff_client)
    token = token_shown(response, "Capital Power")
    partner = Partner.objects.get()
    assert partner.token_hash == hash_token(token)
    assert partner.token_hint == token[:6]
    envelope(client.get(SENDER, headers=signed(token)))
    again = staff_client.get(reverse("admin:ocpi_partner_change", args=[partner.pk]))
    assert token not in again.text


def test_it_issues_a_new_token_and_the_old_one_stops_working(client, staff_client):
    old = token_shown(add_partner(staff_client), "Capital Power")
    response = staff_client.post(
        reverse("admin:ocpi_partner_changelist"),
        {"action": "issue_new_tokens", "_selected_action": [Partner.objects.get().pk]},
        follow=True,
    )
    new = token_shown(response, "Capital Power")
    assert new != old
    envelope(client.get(SENDER, headers=signed(old)), status=401, code=2000)
    envelope(client.get(SENDER, headers=signed(new)))

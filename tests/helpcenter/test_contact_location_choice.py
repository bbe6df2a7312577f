"""An owner may name one of their own locations; never a stranger's, never as a visitor."""

import pytest
from django.core.exceptions import ValidationError

from helpcenter.models import SupportRequest, Topic
from tests.conftest import logged_in
from tests.factories import SiteFactory
from tests.helpcenter.conftest import CONTACT_URL, options, send

pytestmark = pytest.mark.django_db

NOT_YOURS = "Choose one of your own locations, or “No particular location”."


def test_it_offers_an_owner_only_their_own_locations(alice_client, alice, bob, site):
    SiteFactory(owner=alice, name="Elm Street Garage")
    SiteFactory(owner=bob, name="Bob's Diner")
    SiteFactory(owner=None, name="Unclaimed Lot")
    offered = options(alice_client.get(CONTACT_URL).text, "location")
    assert offered == ["No particular location", "Elm Street Garage", "Maple Street Market"]


def test_it_refuses_a_strangers_location_with_a_field_message(bob, site):
    SiteFactory(owner=bob, name="Bob's Diner")
    response = send(by=logged_in(bob), location=site.pk)
    assert response.status_code == 200
    assert f'<a href="#id_location">Location</a>: {NOT_YOURS}' in response.text
    assert not SupportRequest.objects.exists()


def test_it_refuses_a_location_that_does_not_exist(alice_client, site):
    response = send(by=alice_client, location=999_999)
    assert response.status_code == 200
    assert NOT_YOURS in response.text
    assert not SupportRequest.objects.exists()


def test_it_asks_no_location_of_a_visitor_or_an_owner_without_one(client, bob_client):
    assert 'name="location"' not in client.get(CONTACT_URL).text
    assert 'name="location"' not in bob_client.get(CONTACT_URL).text


def test_it_ignores_a_location_a_visitor_posts(site):
    assert send(location=site.pk).status_code == 302
    assert SupportRequest.objects.get().location is None


def test_it_ignores_a_location_an_owner_without_locations_posts(bob, site):
    assert send(by=logged_in(bob), location=site.pk).status_code == 302
    assert SupportRequest.objects.get().location is None


def test_it_preselects_a_location_a_link_names(alice_client, site):
    response = alice_client.get(f"{CONTACT_URL}?location={site.pk}")
    assert f'<option value="{site.pk}" selected>Maple Street Market</option>' in response.text


def test_it_keeps_the_rule_on_the_model(bob, site):
    with pytest.raises(ValidationError) as error:
        SupportRequest.objects.file(
            client="10.1.0.1",
            requester=bob,
            location=site,
            name="Bob",
            email="bob@example.com",
            topic=Topic.CLAIM,
            message="This one is mine, really.",
        )
    assert error.value.message_dict == {"location": [NOT_YOURS]}

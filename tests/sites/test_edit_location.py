from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.plans import Plan
from sites.models import Site
from tests.factories import SiteFactory

pytestmark = pytest.mark.django_db

CHANGED = {
    "name": "Maple Street Market & Café",
    "street_address": "122 Maple Street",
    "city": "Albany",
    "state": "NY",
    "zip_code": "12208",
    "latitude": "42.651299",
    "longitude": "-73.754999",
}


def url(site):
    return reverse("sites:edit", args=[site.pk])


def test_it_shows_the_form_filled_in(alice_client, site):
    response = alice_client.get(url(site))
    assert response.status_code == 200
    assert "Edit Maple Street Market" in response.text
    assert 'value="1 Main Street"' in response.text
    assert "Save Changes" in response.text


def test_it_saves_the_changes_and_redirects(alice_client, alice, site):
    response = alice_client.post(url(site), CHANGED)
    assert response.status_code == 302
    assert response.url == site.get_absolute_url()
    site.refresh_from_db()
    assert site.name == "Maple Street Market & Café"
    assert site.full_address == "122 Maple Street, Albany, NY 12208"
    assert (site.latitude, site.longitude) == (Decimal("42.651299"), Decimal("-73.754999"))
    assert site.owner == alice


def test_it_confirms_the_save(alice_client, site):
    response = alice_client.post(url(site), CHANGED, follow=True)
    assert "Location saved." in response.text


def test_it_rounds_coordinates_pasted_with_many_decimals(alice_client, site):
    alice_client.post(url(site), {**CHANGED, "latitude": "42.65129951234", "longitude": "-73.7"})
    site.refresh_from_db()
    assert site.latitude == Decimal("42.651300")


def test_it_explains_a_bad_zip_code_and_saves_nothing(alice_client, site):
    response = alice_client.post(url(site), {**CHANGED, "zip_code": "1220"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "zip_code": ["Enter a 5-digit ZIP code, like 10001 or 10001-1234."]
    }
    site.refresh_from_db()
    assert (site.name, site.zip_code) == ("Maple Street Market", "12207")


def test_it_refuses_an_unknown_state(alice_client, site):
    response = alice_client.post(url(site), {**CHANGED, "state": "XX"})
    assert response.status_code == 200
    assert "state" in response.context["form"].errors
    site.refresh_from_db()
    assert site.state == "NY"


def test_it_never_blocks_editing_after_a_downgrade(alice_client, alice):
    alice.plan = Plan.PREMIUM
    alice.save()
    sites = SiteFactory.create_batch(3, owner=alice)
    alice.plan = Plan.FREE
    alice.save()
    response = alice_client.post(url(sites[2]), CHANGED)
    assert response.status_code == 302
    sites[2].refresh_from_db()
    assert sites[2].name == CHANGED["name"]
    assert Site.objects.filter(owner=alice).count() == 3


def test_it_is_404_for_a_stranger(bob_client, site):
    assert bob_client.get(url(site)).status_code == 404
    assert bob_client.post(url(site), CHANGED).status_code == 404
    site.refresh_from_db()
    assert site.name == "Maple Street Market"


def test_it_is_404_for_an_unclaimed_location(alice_client):
    unclaimed = SiteFactory(owner=None)
    assert alice_client.get(url(unclaimed)).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, site):
    response = client.post(url(site), CHANGED)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    site.refresh_from_db()
    assert site.name == "Maple Street Market"

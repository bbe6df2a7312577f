from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.plans import Plan
from sites.models import Site
from tests.factories import SiteFactory

pytestmark = pytest.mark.django_db

URL = reverse("sites:add")
MAPLE = {
    "name": "Maple Street Market",
    "street_address": "120 Maple Street",
    "city": "Albany",
    "state": "NY",
    "zip_code": "12207",
    "latitude": "42.6512",
    "longitude": "-73.7549",
}


def test_it_shows_the_form(alice_client):
    response = alice_client.get(URL)
    assert response.status_code == 200
    for label in ["Name", "Street address", "City", "State", "ZIP code", "Latitude", "Longitude"]:
        assert label in response.text
    # Browsers must not refuse coordinates pasted with many decimals.
    assert 'step="any"' in response.text


def test_it_adds_a_location_for_the_owner_and_redirects_to_it(alice_client, alice):
    response = alice_client.post(URL, MAPLE)
    site = Site.objects.get()
    assert response.status_code == 302
    assert response.url == site.get_absolute_url()
    assert site.owner == alice
    assert site.full_address == "120 Maple Street, Albany, NY 12207"
    assert (site.latitude, site.longitude) == (Decimal("42.6512"), Decimal("-73.7549"))


def test_it_says_what_to_do_next(alice_client):
    response = alice_client.post(URL, MAPLE, follow=True)
    assert "“Maple Street Market” added. Now add its stations." in response.text


def test_it_accepts_a_zip_plus_four(alice_client):
    alice_client.post(URL, {**MAPLE, "zip_code": "12207-1234"})
    assert Site.objects.get().zip_code == "12207-1234"


def test_it_rounds_coordinates_pasted_with_many_decimals(alice_client):
    data = {**MAPLE, "latitude": "40.748817123456789", "longitude": "-73.985428654321987"}
    response = alice_client.post(URL, data)
    assert response.status_code == 302
    site = Site.objects.get()
    assert (site.latitude, site.longitude) == (Decimal("40.748817"), Decimal("-73.985429"))


@pytest.mark.parametrize("zip_code", ["1220", "ABCDE", "12207-12", "122071"])
def test_it_explains_a_bad_zip_code(alice_client, zip_code):
    response = alice_client.post(URL, {**MAPLE, "zip_code": zip_code})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "zip_code": ["Enter a 5-digit ZIP code, like 10001 or 10001-1234."]
    }
    assert "Enter a 5-digit ZIP code, like 10001 or 10001-1234." in response.text
    assert not Site.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"), [("latitude", "91"), ("longitude", "-180.5"), ("latitude", "north")]
)
def test_it_refuses_coordinates_off_the_earth(alice_client, field, value):
    response = alice_client.post(URL, {**MAPLE, field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Site.objects.exists()


@pytest.mark.parametrize("value", ["1e30", "Infinity", "123456789012345678901234"])
def test_it_refuses_an_absurd_coordinate_with_a_message(alice_client, value):
    response = alice_client.post(URL, {**MAPLE, "latitude": value})
    assert response.status_code == 200
    assert "latitude" in response.context["form"].errors
    assert not Site.objects.exists()


def test_it_requires_every_field(alice_client):
    response = alice_client.post(URL, dict.fromkeys(MAPLE, ""))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == set(MAPLE)
    assert "This field is required." in response.text
    assert not Site.objects.exists()


def test_it_refuses_a_second_location_on_the_free_plan(alice_client, site):
    response = alice_client.post(URL, {**MAPLE, "name": "Second Place"})
    assert response.status_code == 200
    message = "Your Free plan allows 1 location. Upgrade to Premium for 3 locations."
    assert response.context["form"].non_field_errors() == [message]
    assert message in response.text
    assert f'href="{reverse("plan")}">Compare plans</a>' in response.text
    assert Site.objects.count() == 1


def test_it_names_the_premium_limit_and_the_next_plan(alice_client, alice):
    alice.plan = Plan.PREMIUM
    alice.save()
    SiteFactory.create_batch(3, owner=alice)
    response = alice_client.post(URL, MAPLE)
    assert "Your Premium plan allows 3 locations. Upgrade to Premium Multi for 5 locations." in (
        response.text
    )
    assert Site.objects.count() == 3


def test_it_tells_a_premium_multi_owner_at_the_limit_to_contact_support(alice_client, alice):
    alice.plan = Plan.PREMIUM_MULTI
    alice.save()
    SiteFactory.create_batch(5, owner=alice)
    response = alice_client.post(URL, MAPLE)
    assert (
        "Your Premium Multi plan allows 5 locations. Contact support if you need more."
        in response.text
    )
    assert Site.objects.count() == 5


def test_it_does_not_count_other_owners_locations(alice_client, bob):
    elsewhere = {"street_address": "5 Pine Road", "latitude": "40.7128", "longitude": "-74.006"}
    SiteFactory(owner=bob, **elsewhere)
    SiteFactory(owner=None, **elsewhere)
    response = alice_client.post(URL, MAPLE)
    assert response.status_code == 302
    assert Site.objects.filter(owner__email="alice@example.com").count() == 1


def test_it_ignores_an_owner_sent_in_the_form(alice_client, alice, bob):
    alice_client.post(URL, {**MAPLE, "owner": bob.pk})
    assert Site.objects.get().owner == alice


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.post(URL, MAPLE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Site.objects.exists()

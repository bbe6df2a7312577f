"""Add Location shows listings already at or near the typed address: the same street address
in the same city or ZIP code, or within 150 m of the typed pin. An unclaimed one offers
"Claim it instead"; the owner's own is theirs to open; another owner's private one stays hidden."""

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sites.access import Access
from sites.models import Origin, Site
from tests.conftest import HTMX
from tests.factories import SiteFactory
from tests.fuzzing import example_count
from tests.ports.pages import text

pytestmark = pytest.mark.django_db

NEARBY = reverse("sites:nearby")
ADD = reverse("sites:add")
CENTRAL = {
    "street_address": "350 Central Avenue",
    "city": "Albany",
    "zip_code": "12206",
    "latitude": Decimal("42.664500"),
    "longitude": Decimal("-73.774000"),
}
NEW = {
    "name": "Central Garage EV",
    "street_address": "350 Central Ave.",
    "city": "Albany",
    "state": "NY",
    "zip_code": "12206",
    "latitude": "42.6646",
    "longitude": "-73.7741",
}


@pytest.fixture
def listed(db):
    """An imported listing nobody manages yet."""
    return SiteFactory(
        owner=None, origin=Origin.NREL, source_id="44174", name="Central Avenue Garage", **CENTRAL
    )


def claim_url(site):
    return reverse("claims:claim", args=[site.pk])


def test_it_finds_a_listing_by_its_address_however_abbreviated(alice_client, listed):
    query = {"street_address": "350 central ave", "city": "ALBANY"}
    response = alice_client.get(NEARBY, query, headers=HTMX)
    assert response.status_code == 200
    assert [match.site for match in response.context["matches"]] == [listed]
    page = text(response.text)
    assert "Central Avenue Garage Same address" in page
    assert "Is this yours? Claim it instead" in page
    assert f'href="{claim_url(listed)}"' in response.text
    assert "<html" not in response.text  # the fragment only


def test_it_finds_a_listing_by_zip_code_when_the_city_is_spelled_otherwise(alice_client, listed):
    query = {"street_address": "350 Central Av", "city": "Albany City", "zip_code": "12206-1234"}
    response = alice_client.get(NEARBY, query, headers=HTMX)
    assert [match.site for match in response.context["matches"]] == [listed]


def test_it_finds_a_listing_within_150_metres_of_the_pin(alice_client, listed):
    # About 100 m north, written as another address entirely.
    query = {"street_address": "1 Other Road", "latitude": "42.6654", "longitude": "-73.774"}
    response = alice_client.get(NEARBY, query, headers=HTMX)
    (match,) = response.context["matches"]
    assert match.site == listed
    assert "About 100 m from your pin" in text(response.text)


def test_it_leaves_out_listings_further_than_150_metres(alice_client, listed):
    query = {"latitude": "42.6600", "longitude": "-73.774"}  # about 500 m south
    response = alice_client.get(NEARBY, query, headers=HTMX)
    assert response.context["matches"] == []
    assert "Claim it instead" not in response.text


def test_it_needs_the_city_or_zip_code_with_the_street(alice_client, listed):
    response = alice_client.get(NEARBY, {"street_address": "350 Central Avenue"}, headers=HTMX)
    assert response.context["matches"] == []


def test_it_never_offers_the_owners_own_location_as_claimable(alice_client, alice):
    own = SiteFactory(owner=alice, name="Alice's Garage", **CENTRAL)
    response = alice_client.get(NEARBY, {"street_address": "350 Central Ave", "city": "Albany"})
    (match,) = response.context["matches"]
    assert (match.site, match.relation) == (own, "yours")
    assert "You already manage this location." in text(response.text)
    assert f'href="{claim_url(own)}"' not in response.text
    assert f'href="{own.get_absolute_url()}"' in response.text


def test_it_says_another_owner_manages_a_claimed_location(alice_client, bob):
    theirs = SiteFactory(owner=bob, name="Bob's Garage", **CENTRAL)
    response = alice_client.get(NEARBY, {"street_address": "350 Central Ave", "city": "Albany"})
    assert "Another owner manages it on ChargeSites." in text(response.text)
    assert f'href="{claim_url(theirs)}"' not in response.text
    assert f'href="{reverse("help:contact")}"' in response.text


def test_it_hides_another_owners_private_location(alice_client, bob):
    SiteFactory(owner=bob, name="Bob's Depot", access=Access.PRIVATE, **CENTRAL)
    response = alice_client.get(NEARBY, {"street_address": "350 Central Ave", "city": "Albany"})
    assert response.context["matches"] == []
    assert "Bob&#x27;s Depot" not in response.text


def test_without_javascript_it_shows_the_add_page_filled_in(alice_client, listed):
    response = alice_client.get(NEARBY, {"street_address": "350 Central Ave", "city": "Albany"})
    assert "<html" in response.text
    assert 'value="350 Central Ave"' in response.text
    assert f'href="{claim_url(listed)}"' in response.text


@pytest.mark.parametrize("bad", [{"latitude": "north"}, {"latitude": "95", "longitude": "0"}])
def test_it_ignores_bad_coordinates(alice_client, listed, bad):
    query = {"street_address": "350 Central Ave", "city": "Albany", **bad}
    response = alice_client.get(NEARBY, query, headers=HTMX)
    assert response.status_code == 200
    assert [match.site for match in response.context["matches"]] == [listed]


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.get(NEARBY, {"city": "Albany"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_submitting_shows_the_listing_and_asks_before_adding(alice_client, listed):
    response = alice_client.post(ADD, NEW)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "none_of_these": [
            "ChargeSites already lists a location here: if it is yours, claim it instead; "
            "otherwise tick “None of these is my location”."
        ]
    }
    assert f'href="{claim_url(listed)}"' in response.text
    assert Site.objects.count() == 1


def test_it_adds_the_location_once_none_of_them_is_the_owners(alice_client, alice, listed):
    response = alice_client.post(ADD, {**NEW, "none_of_these": "on"})
    assert response.status_code == 302
    assert Site.objects.get(name="Central Garage EV").owner == alice


def test_the_form_asks_for_the_address_before_the_pin(alice_client):
    response = alice_client.get(ADD)
    page = response.text
    assert page.index('name="street_address"') < page.index('id="nearby"')
    assert page.index('id="nearby"') < page.index('name="latitude"')
    assert f'hx-get="{NEARBY}"' in page
    assert 'class="lookup"' in page


@settings(
    max_examples=example_count(30),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    query=st.dictionaries(
        st.sampled_from(["street_address", "city", "zip_code", "latitude", "longitude"]),
        st.text(max_size=300),
    )
)
def test_it_answers_any_input(alice_client, listed, query):
    """Hostile text in any field: always an answer, never a 500 (reads only: no undo needed)."""
    for headers in ({}, HTMX):
        assert alice_client.get(NEARBY, query, headers=headers).status_code == 200

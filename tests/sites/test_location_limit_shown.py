"""At the plan's location limit, "Add Location" is disabled before any form, with the reason
and the way to more; the add page explains instead of showing a form."""

import pytest
from django.urls import reverse

from accounts.plans import Plan
from sites.models import Site
from tests.factories import SiteFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db

FREE_LIMIT = "Your Free plan allows 1 location. Upgrade to Premium for 3 locations."
DISABLED = '<span class="button" aria-disabled="true" aria-describedby="add-location-reason">'


@pytest.mark.parametrize("page", ["sites:list", "sites:dashboard"])
def test_it_disables_add_location_at_the_limit_and_says_why(alice_client, site, page):
    response = alice_client.get(reverse(page))
    assert DISABLED in response.text
    assert f'href="{reverse("sites:add")}"' not in response.text.split("Needs attention")[0]
    reason = response.text.split('id="add-location-reason">')[1].split("</p>")[0]
    assert FREE_LIMIT in text(reason)
    assert f'href="{reverse("plan")}"' in reason
    assert f'href="{reverse("help:subscription_limits")}"' in reason


@pytest.mark.parametrize("page", ["sites:list", "sites:dashboard"])
def test_it_offers_add_location_below_the_limit(alice_client, alice, site, page):
    alice.plan = Plan.PREMIUM
    alice.save()
    response = alice_client.get(reverse(page))
    assert f'href="{reverse("sites:add")}">Add Location</a>' in response.text
    assert "aria-disabled" not in response.text


def test_it_names_the_premium_limit(alice_client, alice):
    alice.plan = Plan.PREMIUM
    alice.save()
    SiteFactory.create_batch(3, owner=alice)
    response = alice_client.get(reverse("sites:list"))
    assert (
        "Your Premium plan allows 3 locations. Upgrade to Premium Multi for 5 locations."
        in text(response.text)
    )


def test_the_add_page_explains_the_limit_instead_of_a_form(alice_client, site):
    response = alice_client.get(reverse("sites:add"))
    assert response.status_code == 200
    assert "form" not in response.context
    page = text(response.text)
    assert f"You have every location your plan allows. {FREE_LIMIT}" in page
    assert 'name="street_address"' not in response.text
    assert f'href="{reverse("help:subscription_limits")}"' in response.text


def test_the_add_page_still_refuses_a_post_at_the_limit(alice_client, site):
    data = {
        "name": "Second Place",
        "street_address": "9 Elm Street",
        "city": "Troy",
        "state": "NY",
        "zip_code": "12180",
        "latitude": "42.7284",
        "longitude": "-73.6918",
    }
    response = alice_client.post(reverse("sites:add"), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [FREE_LIMIT]
    assert Site.objects.count() == 1


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("sites:add"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

"""At the plan's station limit, a location's "Add Station" is disabled with the reason, and
the add page explains instead of showing a form."""

import pytest
from django.urls import reverse

from accounts.plans import Plan
from stations.models import Station
from tests.factories import StationFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db

FREE_LIMIT = (
    "Your Free plan allows 3 stations per location. "
    "Upgrade to Premium for 10 stations per location."
)


@pytest.fixture
def full(site):
    StationFactory.create_batch(3, site=site)
    return site


def test_it_disables_add_station_at_the_limit_and_says_why(alice_client, full):
    response = alice_client.get(reverse("sites:detail", args=[full.pk]))
    assert '<span class="button" aria-disabled="true"' in response.text
    assert f'href="{reverse("stations:add", args=[full.pk])}"' not in response.text
    reason = response.text.split('id="add-station-reason">')[1].split("</p>")[0]
    assert FREE_LIMIT in text(reason)
    assert f'href="{reverse("plan")}"' in reason
    assert f'href="{reverse("help:subscription_limits")}"' in reason


def test_it_offers_add_station_below_the_limit(alice_client, site):
    StationFactory.create_batch(2, site=site)
    response = alice_client.get(reverse("sites:detail", args=[site.pk]))
    assert f'href="{reverse("stations:add", args=[site.pk])}">Add Station</a>' in response.text
    assert "add-station-reason" not in response.text


def test_it_never_limits_premium_multi(alice_client, alice, site):
    alice.plan = Plan.PREMIUM_MULTI
    alice.save()
    StationFactory.create_batch(12, site=site)
    response = alice_client.get(reverse("sites:detail", args=[site.pk]))
    assert "add-station-reason" not in response.text


def test_the_add_page_explains_the_limit_instead_of_a_form(alice_client, full):
    response = alice_client.get(reverse("stations:add", args=[full.pk]))
    assert response.status_code == 200
    assert "form" not in response.context
    assert FREE_LIMIT in text(response.text)
    assert 'name="name"' not in response.text


def test_the_add_page_still_refuses_a_post_at_the_limit(alice_client, full):
    response = alice_client.post(
        reverse("stations:add", args=[full.pk]), {"name": "Bank D", "network": "Blink"}
    )
    assert response.status_code == 200
    assert FREE_LIMIT in text(response.text)
    assert f'href="{reverse("help:subscription_limits")}"' in response.text
    assert Station.objects.filter(site=full).count() == 3


def test_a_stranger_gets_404(bob_client, full):
    assert bob_client.get(reverse("stations:add", args=[full.pk])).status_code == 404

import pytest
from django.urls import reverse

from accounts.plans import Plan
from tests.factories import SiteFactory

pytestmark = pytest.mark.django_db

URL = reverse("plan")


def test_it_shows_the_owners_plan_and_how_much_of_it_is_used(alice_client, site):
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert "Your plan: Free" in response.text
    assert "You manage 1 of 1 location." in response.text
    assert "Free (yours)" in response.text


def test_it_compares_every_plan(alice_client):
    response = alice_client.get(URL)
    plans = response.context["plans"]
    assert plans == [Plan.FREE, Plan.PREMIUM, Plan.PREMIUM_MULTI]
    text = " ".join(response.text.split())
    assert '<th scope="row">Free (yours)</th> <td>1</td> <td>3</td> <td>3</td>' in text
    assert '<th scope="row">Premium</th> <td>3</td> <td>10</td> <td>25</td>' in text
    assert (
        '<th scope="row">Premium Multi</th> <td>5</td> <td>Unlimited</td> <td>Unlimited</td>'
        in text
    )
    assert text.count("<td>No limit</td>") == 3


def test_it_shows_a_premium_owners_plan(alice_client, alice):
    alice.plan = Plan.PREMIUM
    alice.save()
    SiteFactory.create_batch(2, owner=alice)
    response = alice_client.get(URL)
    assert "Your plan: Premium" in response.text
    assert "You manage 2 of 3 locations." in response.text
    assert "Premium (yours)" in response.text


def test_it_says_how_to_upgrade(alice_client):
    response = alice_client.get(URL)
    assert 'href="mailto:support@chargesites.example?subject=' in response.text


def test_it_counts_only_the_owners_own_locations(alice_client, bob):
    SiteFactory(owner=bob)
    SiteFactory(owner=None)
    response = alice_client.get(URL)
    assert "You manage 0 of 1 location." in response.text


def test_it_is_linked_from_the_dashboard(alice_client):
    response = alice_client.get(reverse("sites:dashboard"))
    assert f'href="{URL}"' in response.text


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_is_read_only(alice_client):
    assert alice_client.post(URL).status_code == 405

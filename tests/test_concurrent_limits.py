"""Rules hold when requests arrive at the same moment: parallel adds and double-submits.

Plan limits count under a row lock on the owner (PostgreSQL); these tests prove it.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.plans import Plan
from sites.models import Site
from stations.models import Station
from tests.factories import PASSWORD, SiteFactory, StationFactory, UserFactory
from tests.threads import postgresql_only, slow_down_saves
from tests.threads import race as threads_race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    postgresql_only,
]

THREADS = 4


@pytest.fixture(autouse=True)
def slow_saves(monkeypatch):
    slow_down_saves(monkeypatch, Site, Station)


def race(action, threads=THREADS):
    return threads_race(action, threads)


def save(build):
    """An action that validates and saves build(i)'s object in one transaction, as views do."""

    def action(i):
        try:
            with transaction.atomic():
                obj = build(i)
                obj.full_clean()
                obj.save()
        except ValidationError as error:
            return error.messages
        return "saved"

    return action


def logged_in_clients(user, url, count=2):
    """Clients for a double-submit, each warmed up on the form so both posts start alike."""
    clients = [Client() for _ in range(count)]
    for client in clients:
        if user is not None:
            client.force_login(user)
        assert client.get(url).status_code == 200
    return clients


def test_it_lets_only_one_of_several_simultaneous_locations_in():
    owner = UserFactory(plan=Plan.FREE)
    outcomes = race(save(lambda i: SiteFactory.build(owner=owner, name=f"Location {i}")))
    limit = ["Your Free plan allows 1 location. Upgrade to Premium for 3 locations."]
    assert sorted(outcomes, key=str) == sorted(["saved"] + [limit] * (THREADS - 1), key=str)
    assert Site.objects.filter(owner=owner).count() == 1


def test_it_lets_only_one_of_several_simultaneous_stations_in():
    site = SiteFactory(owner=UserFactory(plan=Plan.FREE))
    StationFactory.create_batch(2, site=site)
    outcomes = race(save(lambda i: StationFactory.build(site=site, name=f"Bank {i}")))
    limit = [
        "Your Free plan allows 3 stations per location. "
        "Upgrade to Premium for 10 stations per location."
    ]
    assert sorted(outcomes, key=str) == sorted(["saved"] + [limit] * (THREADS - 1), key=str)
    assert Station.objects.filter(site=site).count() == 3


def test_it_refuses_a_double_submitted_location_on_the_free_plan():
    owner = UserFactory(plan=Plan.FREE)
    clients = logged_in_clients(owner, reverse("sites:add"))
    data = {
        "name": "Maple Street Market",
        "street_address": "120 Maple Street",
        "city": "Albany",
        "state": "NY",
        "zip_code": "12207",
        "latitude": "42.6512",
        "longitude": "-73.7549",
    }
    outcomes = race(lambda i: clients[i].post(reverse("sites:add"), data).status_code, threads=2)
    assert sorted(outcomes) == [200, 302]
    assert Site.objects.filter(owner=owner).count() == 1


def test_it_tells_a_double_submitted_station_that_its_name_is_taken():
    site = SiteFactory(owner=UserFactory(plan=Plan.PREMIUM))
    url = reverse("stations:add", args=[site.pk])
    clients = logged_in_clients(site.owner, url)
    data = {"name": "Bank A", "network": "ChargePoint", "is_published": "on"}

    def submit(i):
        response = clients[i].post(url, data)
        if response.status_code == 200:
            return response.context["form"].errors.get("name")
        return response.status_code

    outcomes = race(submit, threads=2)
    taken = [
        "This location already has a station with that name. "
        "Give each station its own name, like “Bank A” and “Bank B”."
    ]
    assert sorted(outcomes, key=str) == sorted([302, taken], key=str)
    assert Station.objects.filter(site=site).count() == 1


def test_it_makes_one_account_of_a_double_submitted_signup(settings):
    # Production's hasher: slow on purpose, which is what keeps the race open.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    data = {
        "email": "carol@example.com",
        "display_name": "Carol",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    clients = logged_in_clients(None, reverse("signup"))

    def submit(i):
        response = clients[i].post(reverse("signup"), data)
        return response.status_code, response.get("Location")

    outcomes = race(submit, threads=2)
    # Both hear "check your email", as for any address (accounts.models.UserManager.sign_up).
    assert outcomes == [(302, reverse("signup_done"))] * 2
    assert User.objects.filter(email="carol@example.com").count() == 1

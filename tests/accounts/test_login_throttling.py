"""Repeated wrong passwords lock an account out from that address for a while (django-axes)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
ADMIN_LOGIN = reverse("admin:login")
LOCKED_OUT = (
    "Too many failed attempts for this account from your address. "
    "Try again in 15 minutes, or reset your password."
)
WRONG = "That email and password don&#x27;t match an account"


def attempt(client, password, email="alice@example.com", url=LOGIN, **extra):
    return client.post(url, {"username": email, "password": password}, **extra)


def fail(client, times, **kwargs):
    return [attempt(client, "wrong", **kwargs).status_code for _ in range(times)]


def test_it_refuses_the_right_password_after_thirty_wrong_ones(client, alice):
    fail(client, 30)
    response = attempt(client, PASSWORD)
    assert response.status_code == 429
    assert not get_user(client).is_authenticated


def test_it_locks_out_at_the_fifth_failure(client, alice):
    assert fail(client, 4) == [200] * 4
    response = attempt(client, "wrong")
    assert response.status_code == 429
    assert LOCKED_OUT in response.text
    assert WRONG not in response.text


def test_it_says_so_on_the_login_page(client, alice):
    fail(client, 5)
    response = attempt(client, PASSWORD)
    assert response.status_code == 429
    assert "<h1>Log in</h1>" in response.text
    assert '<div class="errors" role="alert"><p>' + LOCKED_OUT in response.text
    assert 'value="alice@example.com"' in response.text
    assert f'href="{reverse("password_reset")}"' in response.text


def test_it_counts_the_account_whatever_the_case_of_the_email(client, alice):
    for email in [
        "ALICE@example.com",
        "Alice@Example.com",
        " alice@example.com",
        "alice@EXAMPLE.COM",
    ]:
        attempt(client, "wrong", email=email)
    assert attempt(client, "wrong").status_code == 429


def test_it_is_not_fooled_by_a_new_user_agent(client, alice):
    for n in range(5):
        attempt(client, "wrong", headers={"User-Agent": f"bot/{n}"})
    assert attempt(client, PASSWORD, headers={"User-Agent": "fresh/1"}).status_code == 429


def test_it_locks_out_only_that_account_from_that_address(client, alice, bob):
    fail(client, 5, REMOTE_ADDR="203.0.113.7")
    elsewhere = attempt(client, PASSWORD, REMOTE_ADDR="198.51.100.2")
    assert elsewhere.status_code == 302
    client.logout()
    other_account = attempt(client, PASSWORD, email=bob.email, REMOTE_ADDR="203.0.113.7")
    assert other_account.status_code == 302


def test_it_lets_the_owner_in_again_after_the_cool_off(client, alice):
    fail(client, 5)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    response = attempt(client, PASSWORD)
    assert response.status_code == 302
    assert get_user(client) == alice


def test_it_forgets_earlier_failures_after_a_successful_login(client, alice):
    fail(client, 4)
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    assert fail(client, 4) == [200] * 4
    assert attempt(client, PASSWORD).status_code == 302


def test_it_protects_the_admin_login_too(client, staff):
    for _ in range(5):
        attempt(client, "wrong", email=staff.email, url=ADMIN_LOGIN)
    response = attempt(client, PASSWORD, email=staff.email, url=ADMIN_LOGIN)
    assert response.status_code == 429
    assert LOCKED_OUT in response.text
    assert "ChargeSites support" in response.text  # the admin's own login page
    assert not get_user(client).is_authenticated


def test_the_two_login_pages_share_one_count(client, staff):
    fail(client, 3, email=staff.email, url=ADMIN_LOGIN)
    fail(client, 2, email=staff.email)
    assert attempt(client, PASSWORD, email=staff.email, url=ADMIN_LOGIN).status_code == 429


def test_it_keys_on_the_address_the_trusted_proxy_saw(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # What a client writes in X-Forwarded-For itself comes before what our proxy appends.
    for n in range(5):
        attempt(client, "wrong", headers={"X-Forwarded-For": f"10.0.0.{n}, 203.0.113.7"})
    behind_proxy = {"REMOTE_ADDR": "10.1.1.1"}
    locked = attempt(client, PASSWORD, headers={"X-Forwarded-For": "203.0.113.7"}, **behind_proxy)
    assert locked.status_code == 429
    other = attempt(client, PASSWORD, headers={"X-Forwarded-For": "198.51.100.2"}, **behind_proxy)
    assert other.status_code == 302

import pytest
from django.contrib.auth import get_user
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
LOGOUT = reverse("logout")


def test_it_shows_the_form(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "Email" in response.text
    assert "Forgot your password?" in response.text


def test_it_logs_in_with_email_and_password(client, alice):
    response = client.post(LOGIN, {"username": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("sites:dashboard")
    assert get_user(client) == alice


@pytest.mark.parametrize("email", ["ALICE@EXAMPLE.COM", "Alice@Example.com", " alice@example.com "])
def test_it_ignores_the_case_of_the_email(client, alice, email):
    response = client.post(LOGIN, {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    assert get_user(client) == alice


def test_it_refuses_a_wrong_password(client, alice):
    response = client.post(LOGIN, {"username": "alice@example.com", "password": "wrong"})
    assert response.status_code == 200
    assert "That email and password don&#x27;t match an account" in response.text
    assert not get_user(client).is_authenticated


def test_it_refuses_an_unknown_email(client):
    response = client.post(LOGIN, {"username": "nobody@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert "That email and password don&#x27;t match an account" in response.text


def test_it_goes_back_to_the_page_that_asked_for_a_login(client, alice):
    sites = reverse("sites:list")
    response = client.post(
        f"{LOGIN}?next={sites}",
        {"username": "alice@example.com", "password": PASSWORD, "next": sites},
    )
    assert response.status_code == 302
    assert response.url == sites


def test_it_logs_out_with_a_post(alice_client):
    response = alice_client.post(LOGOUT)
    assert response.status_code == 302
    assert response.url == reverse("sites:home")
    assert not get_user(alice_client).is_authenticated


def test_it_does_not_log_out_on_a_get(alice_client, alice):
    # A link or an <img> on another site must not be able to log an owner out.
    assert alice_client.get(LOGOUT).status_code == 405
    assert get_user(alice_client) == alice


def test_it_offers_log_out_as_a_form_that_posts(alice_client):
    response = alice_client.get(reverse("sites:dashboard"))
    assert f'<form method="post" action="{LOGOUT}"' in response.text

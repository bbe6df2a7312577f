import pytest
from django.contrib.auth import get_user
from django.urls import reverse

from accounts.models import User
from accounts.plans import Plan
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

URL = reverse("signup")
CAROL = {
    "email": "carol@example.com",
    "display_name": "Carol's Café",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


def test_it_shows_the_form(client):
    response = client.get(URL)
    assert response.status_code == 200
    for label in ["Email", "Display name", "Password", "Password confirmation"]:
        assert label in response.text
    assert "Every account starts on the Free plan" in response.text


def test_it_creates_the_owner_and_logs_them_in(client):
    response = client.post(URL, CAROL)
    assert response.status_code == 302
    assert response.url == reverse("sites:dashboard")
    carol = User.objects.get()
    assert (carol.email, carol.display_name) == ("carol@example.com", "Carol's Café")
    assert carol.check_password(PASSWORD)
    assert get_user(client) == carol


def test_it_greets_the_new_owner_on_the_dashboard(client):
    response = client.post(URL, CAROL, follow=True)
    assert "Hello Carol&#x27;s Café" in response.text


def test_it_puts_new_owners_on_the_free_plan(client):
    client.post(URL, CAROL)
    carol = User.objects.get()
    assert carol.plan == Plan.FREE
    assert not carol.is_staff
    assert not carol.is_superuser


def test_it_stores_the_email_in_lower_case(client):
    client.post(URL, {**CAROL, "email": "  Carol@Example.COM "})
    assert User.objects.get().email == "carol@example.com"


def test_it_refuses_an_email_already_used_in_another_case(client, alice):
    response = client.post(URL, {**CAROL, "email": "ALICE@example.com"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["An account with this email already exists. Log in, or reset your password."]
    }
    assert "An account with this email already exists" in response.text
    assert User.objects.count() == 1
    assert not get_user(client).is_authenticated


def test_it_requires_a_display_name(client):
    response = client.post(URL, {**CAROL, "display_name": ""})
    assert response.status_code == 200
    assert "display_name" in response.context["form"].errors
    assert not User.objects.exists()


def test_it_refuses_a_weak_password(client):
    response = client.post(URL, {**CAROL, "password1": "123", "password2": "123"})
    assert response.status_code == 200
    assert "This password is too short" in response.text
    assert not User.objects.exists()


def test_it_refuses_passwords_that_differ(client):
    response = client.post(URL, {**CAROL, "password2": PASSWORD + "x"})
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not User.objects.exists()


def test_it_refuses_a_malformed_email(client):
    response = client.post(URL, {**CAROL, "email": "carol-at-example"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.context["form"].errors["email"]
    assert not User.objects.exists()


def test_it_sends_an_owner_already_logged_in_to_the_dashboard(alice_client):
    response = alice_client.get(URL)
    assert response.status_code == 302
    assert response.url == reverse("sites:dashboard")

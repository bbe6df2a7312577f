"""Sign-up: an unconfirmed account and a mailed link, and the same answer for a taken address."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.plans import Plan
from tests.accounts.mailbox import link_in, only_mail, page_as_seen
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("signup")
DONE = reverse("signup_done")
CAROL = {
    "email": "carol@example.com",
    "display_name": "Carol's Café",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """Post the form; return the response and how many mails it queued."""

    def post(data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = client.post(URL, data, **kwargs)
        return response, len(callbacks)

    return post


class CountingHasher(MD5PasswordHasher):
    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


def test_it_shows_the_form(client):
    response = client.get(URL)
    assert response.status_code == 200
    for label in ["Email", "Display name", "Password", "Password confirmation"]:
        assert label in response.text
    assert "Every account starts on the Free plan" in response.text


def test_it_creates_an_unconfirmed_owner_and_mails_a_confirmation_link(client, sign_up):
    response, _ = sign_up(CAROL)
    assert response.status_code == 302
    assert response.url == DONE
    carol = User.objects.get()
    assert (carol.email, carol.display_name) == ("carol@example.com", "Carol's Café")
    assert carol.check_password(PASSWORD)
    assert carol.email_confirmed_at is None
    assert not get_user(client).is_authenticated
    message = only_mail("carol@example.com")
    assert message.subject == "Confirm your ChargeSites email"
    assert "Hello Carol's Café," in message.body
    assert link_in(message).startswith("/accounts/confirm-email/")


def test_it_asks_the_new_owner_to_check_their_email(client, sign_up):
    response, _ = sign_up(CAROL, follow=True)
    assert "<h1>Check your email</h1>" in response.text


def test_it_puts_new_owners_on_the_free_plan(sign_up):
    sign_up(CAROL)
    carol = User.objects.get()
    assert carol.plan == Plan.FREE
    assert not carol.is_staff
    assert not carol.is_superuser


def test_it_stores_the_email_in_lower_case(sign_up):
    sign_up({**CAROL, "email": "  Carol@Example.COM "})
    assert User.objects.get().email == "carol@example.com"
    only_mail("carol@example.com")


@pytest.mark.parametrize("email", ["alice@example.com", "ALICE@example.com"])
def test_it_answers_a_taken_address_exactly_as_a_new_one(client, sign_up, alice, email):
    new, _ = sign_up(CAROL, follow=True)
    mail.outbox.clear()
    taken, _ = sign_up({**CAROL, "email": email}, follow=True)
    assert taken.status_code == new.status_code == 200
    assert taken.redirect_chain == new.redirect_chain
    assert page_as_seen(taken) == page_as_seen(new)
    assert not get_user(client).is_authenticated


def test_it_tells_the_addresss_owner_instead(sign_up, alice):
    sign_up({**CAROL, "email": "ALICE@example.com"})
    assert User.objects.filter(email="alice@example.com").count() == 1
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert alice.display_name == "Alice"
    message = only_mail("alice@example.com")
    assert message.subject == "Someone tried to sign up with your email"
    assert "log in instead" in message.body
    assert reverse("login") in message.body
    assert "reset your password" in message.body
    assert reverse("password_reset") in message.body
    assert "confirm-email" not in message.body  # alice is confirmed already


def test_it_offers_a_new_confirmation_link_to_an_unconfirmed_owner_who_signs_up_again(sign_up):
    sign_up(CAROL)
    mail.outbox.clear()
    sign_up(CAROL)
    message = only_mail("carol@example.com")
    assert message.subject == "Someone tried to sign up with your email"
    assert "You haven't confirmed this address yet" in message.body
    assert f"{settings.SITE_URL}/accounts/confirm-email/" in message.body


@pytest.mark.parametrize("email", ["carol@example.com", "alice@example.com"])
def test_both_answers_do_the_same_work(sign_up, alice, settings, email):
    """Timing would tell what the page does not: both branches hash once and queue one mail."""
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.hashed = 0
    _, queued = sign_up({**CAROL, "email": email})
    assert CountingHasher.hashed == 1
    assert queued == 1
    only_mail(email)


def test_it_never_says_an_address_is_taken(client, alice):
    weak = {"password1": "123", "password2": "123"}
    new = client.post(URL, {**CAROL, **weak}).context["form"].errors
    taken = client.post(URL, {**CAROL, **weak, "email": "alice@example.com"}).context["form"].errors
    assert taken == new
    assert "email" not in taken


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
    assert not mail.outbox


def test_it_sends_an_owner_already_logged_in_to_the_dashboard(alice_client):
    response = alice_client.get(URL)
    assert response.status_code == 302
    assert response.url == reverse("sites:dashboard")


def test_the_link_carries_the_page_that_asked_for_an_account(sign_up):
    claim = reverse("claims:claim", args=[7])
    sign_up({**CAROL, "next": claim})
    link = urlsplit(link_in(only_mail("carol@example.com")))
    assert parse_qs(link.query) == {"next": [claim]}


def test_the_link_leaves_out_a_next_that_leaves_the_site(sign_up):
    sign_up({**CAROL, "next": "https://evil.example/claim/"})
    assert "next=" not in link_in(only_mail("carol@example.com"))


def test_accounts_made_by_staff_or_commands_count_as_confirmed(db):
    assert User.objects.create_user("dana@example.com", PASSWORD).email_confirmed_at is not None
    assert UserFactory().email_confirmed_at is not None

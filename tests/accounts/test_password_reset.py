import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.urls import reverse

from tests.accounts.mailbox import link_in, only_mail, page_as_seen
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("password_reset")
NEW_PASSWORD = "a-brand-new-passphrase-2026"


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Ask for a reset; return the response and how many mails it queued."""

    def post(email, **kwargs):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = client.post(URL, {"email": email}, **kwargs)
        return response, len(callbacks)

    return post


def reset_link():
    link = link_in(mail.outbox[-1])
    assert link.startswith("/accounts/reset/")
    return link


def test_it_shows_the_form(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Enter your account's email" in response.text


def test_it_mails_a_reset_link(ask, alice):
    response, _ = ask("alice@example.com")
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    message = only_mail("alice@example.com")
    assert message.subject == "Reset your ChargeSites password"
    assert "Hello Alice," in message.body
    assert reset_link()


def test_it_finds_the_account_whatever_the_case_of_the_email(ask, alice):
    ask("ALICE@Example.com")
    only_mail("alice@example.com")


def test_the_link_sets_a_new_password(client, ask, alice):
    ask("alice@example.com")
    response = client.get(reset_link(), follow=True)
    assert "Choose a new password" in response.text
    assert response.context["validlink"]
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert not alice.check_password(PASSWORD)
    logged_in = client.post(
        reverse("login"), {"username": "alice@example.com", "password": NEW_PASSWORD}
    )
    assert logged_in.status_code == 302
    assert get_user(client) == alice


def test_the_link_works_only_once(client, ask, alice):
    ask("alice@example.com")
    link = reset_link()
    form_url = client.get(link).url
    client.get(form_url)
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.get(link, follow=True)
    assert "This reset link has expired or was already used" in response.text


@pytest.mark.parametrize("unknown", ["nobody@example.com", "inactive@example.com"])
def test_it_answers_an_unknown_address_exactly_as_a_known_one(ask, alice, unknown):
    UserFactory(email="inactive@example.com", is_active=False)
    known, _ = ask("alice@example.com", follow=True)
    other, _ = ask(unknown, follow=True)
    assert other.status_code == known.status_code == 200
    assert other.redirect_chain == known.redirect_chain
    assert page_as_seen(other) == page_as_seen(known)
    assert "If an account uses that address" in other.text


@pytest.mark.parametrize("email", ["alice@example.com", "nobody@example.com"])
def test_both_answers_do_the_same_work(ask, alice, email):
    """Timing would tell what the page does not: either way one mail is queued, to that address."""
    _, queued = ask(email)
    assert queued == 1
    only_mail(email)


def test_it_tells_an_address_with_no_account_so(ask, alice):
    ask("nobody@example.com")
    message = only_mail("nobody@example.com")
    assert message.subject == "Reset your ChargeSites password"
    assert "no ChargeSites account you can log in to uses this address" in message.body
    assert reverse("signup") in message.body
    assert "/accounts/reset/" not in message.body


def test_it_says_what_is_wrong_with_a_malformed_email(client):
    response = client.post(URL, {"email": "not-an-email"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.text
    assert not mail.outbox

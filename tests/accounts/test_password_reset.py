import re

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

URL = reverse("password_reset")
NEW_PASSWORD = "a-brand-new-passphrase-2026"


def reset_link():
    (message,) = mail.outbox
    match = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_it_shows_the_form(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Enter your account's email" in response.text


def test_it_mails_a_reset_link(client, alice):
    response = client.post(URL, {"email": "alice@example.com"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.to == ["alice@example.com"]
    assert message.subject == "Reset your ChargeSites password"
    assert "Hello Alice," in message.body
    assert reset_link()


def test_it_finds_the_account_whatever_the_case_of_the_email(client, alice):
    client.post(URL, {"email": "ALICE@Example.com"})
    (message,) = mail.outbox
    assert message.to == ["alice@example.com"]


def test_the_link_sets_a_new_password(client, alice):
    client.post(URL, {"email": "alice@example.com"})
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


def test_the_link_works_only_once(client, alice):
    client.post(URL, {"email": "alice@example.com"})
    link = reset_link()
    form_url = client.get(link).url
    client.get(form_url)
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.get(link, follow=True)
    assert "This reset link has expired or was already used" in response.text


def test_it_gives_the_same_page_for_an_unknown_email(client, alice):
    known = client.post(URL, {"email": "alice@example.com"}, follow=True)
    unknown = client.post(URL, {"email": "nobody@example.com"}, follow=True)
    assert unknown.redirect_chain == known.redirect_chain
    assert "If an account uses that address" in unknown.text
    assert len(mail.outbox) == 1  # only alice's


def test_it_says_what_is_wrong_with_a_malformed_email(client):
    response = client.post(URL, {"email": "not-an-email"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.text
    assert not mail.outbox

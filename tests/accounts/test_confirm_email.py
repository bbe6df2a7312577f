"""The mailed link confirms an owner's address, once they show it is their account."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from tests.accounts.mailbox import link_in, only_mail
from tests.conftest import logged_in
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

FIRST = reverse("confirm_email")
INVALID = "This link is not valid or has expired."


@pytest.fixture
def carol(db):
    return UserFactory(email="carol@example.com", display_name="Carol", email_confirmed_at=None)


def link(user, next_url=None):
    url = reverse("confirm_email_link", args=[user.email_confirmation_token()])
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def confirmed(user):
    user.refresh_from_db()
    return user.email_confirmed_at is not None


def test_it_asks_for_the_password_of_the_account(client, carol):
    response = client.get(link(carol))
    assert response.status_code == 200
    assert "<h1>Confirm your email</h1>" in response.text
    assert "carol@example.com" in response.text
    assert 'type="password"' in response.text
    assert not confirmed(carol)


def test_the_right_password_confirms_and_logs_in(client, carol):
    response = client.post(link(carol), {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("sites:dashboard")
    assert "Your email is confirmed." in response.text
    assert confirmed(carol)
    assert get_user(client) == carol


def test_it_goes_on_to_the_page_that_asked_for_it(client, carol):
    claim = reverse("claims:claim", args=[7])
    response = client.post(link(carol, claim), {"password": PASSWORD})
    assert response.url == claim


def test_it_refuses_a_next_that_leaves_the_site(client, carol):
    response = client.post(link(carol, "https://evil.example/"), {"password": PASSWORD})
    assert response.url == reverse("sites:dashboard")


def test_a_wrong_password_confirms_nothing(client, carol):
    """Whoever signed up with someone else's address cannot confirm it from that inbox."""
    response = client.post(link(carol), {"password": "wrong"})
    assert response.status_code == 200
    assert "That email and password don&#x27;t match an account" in response.text
    assert not confirmed(carol)
    assert not get_user(client).is_authenticated


def test_wrong_passwords_count_towards_the_lockout(client, carol):
    for _ in range(5):
        response = client.post(link(carol), {"password": "wrong"})
    assert response.status_code == 429
    assert "Too many failed attempts for this account from your address." in response.text
    assert client.post(link(carol), {"password": PASSWORD}).status_code == 429
    assert not confirmed(carol)


def test_the_owner_already_logged_in_only_presses_confirm(carol):
    client = logged_in(carol)
    response = client.get(link(carol))
    assert 'type="password"' not in response.text
    assert ">Confirm my email</button>" in response.text
    response = client.post(link(carol))
    assert response.status_code == 302
    assert confirmed(carol)


def test_it_does_not_confirm_on_a_get(client, carol):
    # Mail scanners open links; confirming takes the owner's own POST.
    client.get(link(carol))
    assert not confirmed(carol)


def test_it_refuses_an_expired_link(client, carol, monkeypatch):
    old = timezone.now() - timedelta(days=4)
    monkeypatch.setattr(signing.time, "time", lambda: old.timestamp())
    url = link(carol)
    monkeypatch.undo()
    response = client.post(url, {"password": PASSWORD})
    assert response.status_code == 400
    assert INVALID in response.text
    assert not confirmed(carol)


@pytest.mark.parametrize("token", ["nonsense", "a:b:c", "W10:1:2"])
def test_it_refuses_a_made_up_link(client, carol, token):
    response = client.post(reverse("confirm_email_link", args=[token]), {"password": PASSWORD})
    assert response.status_code == 400
    assert INVALID in response.text


def test_it_refuses_a_link_for_an_address_the_account_no_longer_has(client, carol):
    url = link(carol)
    User.objects.filter(pk=carol.pk).update(email="carol@elsewhere.example")
    response = client.post(url, {"password": PASSWORD})
    assert response.status_code == 400
    assert not confirmed(carol)


def test_it_says_so_when_already_confirmed(alice):
    client = logged_in(alice)
    response = client.get(link(alice), follow=True)
    assert "Your email is already confirmed." in response.text


def test_a_password_reset_link_confirms_the_address_too(
    client, carol, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": carol.email})
    form_url = client.get(link_in(only_mail(carol.email))).url
    client.get(form_url)
    new = "a-brand-new-passphrase-2026"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    assert confirmed(carol)


# The "confirm your email first" page, where claiming and linking send an unconfirmed owner.


def test_it_says_where_the_link_went_and_offers_another(carol):
    response = logged_in(carol).get(FIRST)
    assert response.status_code == 200
    assert "<h1>Confirm your email first</h1>" in response.text
    assert "carol@example.com" in response.text
    assert ">Send the link again</button>" in response.text


def test_it_sends_the_link_again(carol, django_capture_on_commit_callbacks):
    client = logged_in(carol)
    claim = reverse("claims:claim", args=[7])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FIRST, {"next": claim}, follow=True)
    assert "We sent a new link to carol@example.com." in response.text
    assert f'name="next" value="{claim}"' in response.text  # for another try, if need be
    message = only_mail("carol@example.com")
    assert message.subject == "Confirm your ChargeSites email"
    assert client.post(link_in(message)).url == claim


def test_it_sends_at_most_one_link_a_minute(carol, django_capture_on_commit_callbacks):
    client = logged_in(carol)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FIRST)
        response = client.post(FIRST, follow=True)
    assert len(mail.outbox) == 1
    assert "We sent you a link less than a minute ago" in response.text


def test_it_sends_a_confirmed_owner_on(alice_client):
    assert alice_client.get(FIRST).url == reverse("sites:dashboard")


def test_it_needs_a_login(client):
    assert client.get(FIRST).url.startswith(reverse("login"))

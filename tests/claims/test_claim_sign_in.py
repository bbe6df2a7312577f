"""An anonymous visitor who claims a location logs in, or signs up and confirms their email,
and lands on the claim form."""

from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import get_user
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def claim_url(site):
    return reverse("claims:claim", args=[site.pk])


def login_url(site):
    return f"{reverse('login')}?next={quote(claim_url(site))}"


def test_it_sends_anonymous_visitors_to_log_in_and_back(client, unclaimed):
    response = client.get(claim_url(unclaimed))
    assert response.status_code == 302
    assert response.url == login_url(unclaimed)


def test_it_returns_to_the_claim_form_after_logging_in(client, alice, unclaimed):
    response = client.post(
        reverse("login"),
        {"username": alice.email, "password": PASSWORD, "next": claim_url(unclaimed)},
    )
    assert response.status_code == 302
    assert response.url == claim_url(unclaimed)
    response = client.get(response.url)
    assert response.status_code == 200
    assert "Proof of ownership" in response.text


def test_it_keeps_next_on_the_way_to_signing_up(client, unclaimed):
    response = client.get(login_url(unclaimed))
    signup = f"{reverse('signup')}?next={quote(claim_url(unclaimed))}"
    assert f'href="{signup}"' in response.text
    response = client.get(signup)
    assert f'name="next" value="{claim_url(unclaimed)}"' in response.text


def sign_up_and_confirm(client, capture, next_url):
    """Sign up, then open the mailed link and confirm with the password (accounts/emails.py)."""
    with capture(execute=True):
        response = client.post(
            reverse("signup"),
            {
                "email": "carol@example.com",
                "display_name": "Carol",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "next": next_url,
            },
        )
    assert response.url == reverse("signup_done")
    (message,) = mail.outbox
    link = message.body.split(settings.SITE_URL, 1)[1].split()[0]
    return client.post(link, {"password": PASSWORD})


def test_it_returns_to_the_claim_form_after_signing_up(
    client, unclaimed, django_capture_on_commit_callbacks
):
    response = sign_up_and_confirm(client, django_capture_on_commit_callbacks, claim_url(unclaimed))
    assert response.status_code == 302
    assert response.url == claim_url(unclaimed)
    assert get_user(client) == User.objects.get(email="carol@example.com")
    assert "Proof of ownership" in client.get(response.url).text


def test_it_refuses_a_next_that_leaves_the_site(client, django_capture_on_commit_callbacks):
    response = sign_up_and_confirm(
        client, django_capture_on_commit_callbacks, "https://evil.example/claim/"
    )
    assert response.url == reverse("sites:dashboard")

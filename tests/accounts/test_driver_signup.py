"""A driver signs up to check in: no location needed, back to the location once confirmed."""

from urllib.parse import quote

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from accounts.models import User
from tests.accounts.mailbox import link_in, only_mail
from tests.factories import PASSWORD, PortFactory

pytestmark = pytest.mark.django_db


def page_text(url):
    return Client().get(url).text


CAROL = {
    "email": "carol@example.com",
    "display_name": "Carol",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "as": "driver",
}


def test_it_offers_driver_sign_up_and_keeps_where_to_go_back():
    port = PortFactory()
    check_in = reverse("community:check_in", args=[port.station.site_id])
    owner_page = page_text(f"{reverse('signup')}?next={quote(check_in)}")
    assert "Sign up as a location owner" in owner_page
    assert f"?as=driver&amp;next={quote(check_in)}" in owner_page
    page = page_text(f"{reverse('signup')}?as=driver&next={quote(check_in)}")
    assert "Sign up as a driver" in page
    assert "You need no location of your own" in page
    assert "Free plan" not in page


def test_a_driver_confirms_and_lands_back_on_the_check_in(client):
    port = PortFactory()
    check_in = reverse("community:check_in", args=[port.station.site_id])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("signup"), CAROL | {"next": check_in})
    assert response.url == reverse("signup_done")
    carol = User.objects.get(email="carol@example.com")
    assert not carol.email_confirmed and not carol.sites.exists()
    link = link_in(only_mail("carol@example.com"))
    confirmed = client.post(link, {"password": PASSWORD})
    assert confirmed.status_code == 302
    assert confirmed.url == check_in
    assert client.get(check_in).status_code == 200


def test_it_shows_the_driver_wording_again_with_errors(client):
    response = client.post(reverse("signup"), CAROL | {"password2": "other"})
    assert response.status_code == 200
    assert "Sign up as a driver" in response.text

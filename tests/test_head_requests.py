"""HEAD answers like GET, without the body: link checkers and monitors ask pages with it."""

import pytest
from django.urls import reverse

from sites.models import Origin
from tests.factories import SiteFactory

pytestmark = pytest.mark.django_db


def assert_like_get(client, url):
    got = client.get(url)
    head = client.head(url)
    assert head.status_code == got.status_code == 200, url
    assert head["Content-Type"] == got["Content-Type"]
    assert head.content == b""


def test_it_answers_head_on_the_home_page(client):
    assert_like_get(client, reverse("sites:home"))


def test_it_answers_head_on_search(client, site, port):
    assert_like_get(client, reverse("search:locations") + "?q=Albany")


def test_it_answers_head_on_a_location_page(client, site, port):
    assert_like_get(client, reverse("sites:public", args=[site.pk]))


def test_it_answers_head_on_owner_pages(alice_client, site, station, port):
    pages = [
        reverse("sites:dashboard"),
        reverse("sites:list"),
        reverse("sites:detail", args=[site.pk]),
        reverse("stations:detail", args=[station.pk]),
        reverse("ports:detail", args=[port.pk]),
        reverse("plan"),
    ]
    for url in pages:
        assert_like_get(alice_client, url)


def test_it_answers_head_on_form_pages(alice_client, site, station, port):
    unclaimed = SiteFactory(owner=None, origin=Origin.NREL, source_id="123")
    pages = [
        reverse("sites:add"),
        reverse("sites:edit", args=[site.pk]),
        reverse("stations:add", args=[site.pk]),
        reverse("stations:edit", args=[station.pk]),
        reverse("ports:add", args=[station.pk]),
        reverse("ports:edit", args=[port.pk]),
        reverse("claims:claim", args=[unclaimed.pk]),
    ]
    for url in pages:
        assert_like_get(alice_client, url)


def test_it_saves_nothing_on_head_to_a_form(alice_client, station):
    alice_client.head(reverse("ports:add", args=[station.pk]))
    assert not station.ports.exists()


def test_it_still_refuses_other_methods(client):
    assert client.put(reverse("sites:home")).status_code == 405
    assert client.delete(reverse("search:locations")).status_code == 405


def test_it_answers_head_on_the_report_and_photo_pages(client, alice_client, site, port):
    assert_like_get(client, reverse("reports:report", args=[port.pk]))
    assert_like_get(alice_client, reverse("photos:site", args=[site.pk]))

"""Owners' pages are never stored by the browser, so Back after an HTMX change shows the page
as it is now; public pages stay cacheable."""

import pytest
from django.urls import reverse

from sites.models import Origin
from tests.conftest import HTMX
from tests.factories import SiteFactory

pytestmark = pytest.mark.django_db


def owner_pages(site, station, port):
    yield reverse("sites:dashboard")
    yield reverse("sites:list")
    yield reverse("sites:add")
    yield reverse("sites:detail", args=[site.pk])
    yield reverse("sites:edit", args=[site.pk])
    yield reverse("stations:detail", args=[station.pk])
    yield reverse("stations:add", args=[site.pk])
    yield reverse("ports:detail", args=[port.pk])
    yield reverse("ports:add", args=[station.pk])
    yield reverse("ports:edit", args=[port.pk])
    yield reverse("photos:site", args=[site.pk])
    yield reverse("plan")


def assert_not_stored(response):
    assert response.status_code == 200, response
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def assert_cacheable(response):
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_it_keeps_owner_pages_out_of_the_browsers_cache(alice_client, site, station, port):
    for url in owner_pages(site, station, port):
        assert_not_stored(alice_client.get(url))


def test_it_keeps_htmx_fragments_out_of_the_cache_too(alice_client, station, port):
    assert_not_stored(alice_client.get(reverse("ports:edit", args=[port.pk]), headers=HTMX))
    assert_not_stored(alice_client.get(reverse("ports:detail", args=[port.pk]), headers=HTMX))


def test_it_keeps_the_claim_page_out_of_the_cache(alice_client):
    unclaimed = SiteFactory(owner=None, origin=Origin.NREL, source_id="123")
    assert_not_stored(alice_client.get(reverse("claims:claim", args=[unclaimed.pk])))


def test_it_keeps_what_a_post_answers_out_of_the_cache(alice_client, station):
    response = alice_client.post(reverse("ports:add", args=[station.pk]), {}, headers=HTMX)
    assert response.status_code == 200  # the form again, with its errors
    assert "no-store" in response["Cache-Control"]


def test_it_leaves_public_pages_cacheable(client, site, port):
    assert_cacheable(client.get(reverse("sites:home")))
    assert_cacheable(client.get(reverse("search:locations"), {"q": "Albany"}))
    assert_cacheable(client.get(reverse("sites:public", args=[site.pk])))


def test_it_leaves_public_pages_cacheable_for_a_logged_in_owner(alice_client, site, port):
    assert_cacheable(alice_client.get(reverse("sites:public", args=[site.pk])))
    assert_cacheable(alice_client.get(reverse("search:locations")))

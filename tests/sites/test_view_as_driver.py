import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_owners_location_page_links_to_the_public_page(alice_client, site):
    response = alice_client.get(reverse("sites:detail", args=[site.pk]))
    public = reverse("sites:public", args=[site.pk])
    assert site.get_public_url() == public
    assert f'href="{public}">View as driver</a>' in response.text


def test_the_station_page_links_to_the_public_page(alice_client, station):
    response = alice_client.get(station.get_absolute_url())
    assert f'href="{station.site.get_public_url()}">View as driver</a>' in response.text


def test_the_public_page_shows_the_owner_the_way_back(alice_client, site):
    response = alice_client.get(site.get_public_url())
    assert response.status_code == 200
    assert f'<a href="{site.get_absolute_url()}">You manage this location' in response.text


def test_the_public_page_shows_no_way_back_to_a_stranger(bob_client, client, site):
    for visitor in [bob_client, client]:
        response = visitor.get(site.get_public_url())
        assert response.status_code == 200
        assert "You manage this location" not in response.text
        assert site.get_absolute_url() not in response.text

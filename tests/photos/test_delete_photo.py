from pathlib import Path

import pytest
from django.urls import reverse

from photos.models import Photo
from tests.photos.factories import PhotoFactory
from tests.photos.uploads import url

pytestmark = pytest.mark.django_db


def delete(client, photo):
    return client.post(reverse("photos:delete", args=[photo.pk]))


def test_it_deletes_the_photo_and_both_files(alice_client, site):
    photo = PhotoFactory(site=site)
    files = [Path(photo.image.path), Path(photo.thumbnail.path)]
    assert all(file.exists() for file in files)
    response = delete(alice_client, photo)
    assert response.status_code == 302
    assert response.url == url(site)
    assert not Photo.objects.exists()
    assert not any(file.exists() for file in files)


def test_it_says_so(alice_client, site):
    response = alice_client.post(
        reverse("photos:delete", args=[PhotoFactory(site=site).pk]), follow=True
    )
    assert "Photo deleted." in response.text
    assert "No photos yet." in response.text


def test_it_is_404_for_a_stranger(bob_client, site):
    photo = PhotoFactory(site=site)
    assert delete(bob_client, photo).status_code == 404
    assert Photo.objects.filter(pk=photo.pk).exists()
    assert Path(photo.image.path).exists()


def test_it_sends_anonymous_visitors_to_log_in(client, site):
    photo = PhotoFactory(site=site)
    response = delete(client, photo)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_it_refuses_a_get(alice_client, site):
    photo = PhotoFactory(site=site)
    assert alice_client.get(reverse("photos:delete", args=[photo.pk])).status_code == 405
    assert Photo.objects.filter(pk=photo.pk).exists()

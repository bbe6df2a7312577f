"""We keep a web-size version (at most 1600 px) and a thumbnail (at most 320 px)."""

import pytest

from photos.models import Photo
from tests.photos.uploads import opened, photo_file, url
from tests.photos.uploads import upload as form_data

pytestmark = pytest.mark.django_db


def upload(client, site, file):
    response = client.post(url(site), form_data(file, caption="CCS cable"))
    assert response.status_code == 302
    return Photo.objects.get()


@pytest.mark.parametrize(
    "fmt, size, web, thumbnail",
    [
        ("JPEG", (4000, 3000), (1600, 1200), (320, 240)),
        ("PNG", (1000, 3000), (533, 1600), (107, 320)),
        ("WEBP", (2000, 1000), (1600, 800), (320, 160)),
    ],
)
def test_it_shrinks_large_photos_keeping_their_shape(alice_client, site, fmt, size, web, thumbnail):
    photo = upload(alice_client, site, photo_file(fmt, size=size))
    assert opened(photo.image).size == web
    assert opened(photo.thumbnail).size == thumbnail
    assert (photo.width, photo.height) == web


def test_it_never_enlarges_a_small_photo(alice_client, site):
    photo = upload(alice_client, site, photo_file("JPEG", size=(300, 200)))
    assert opened(photo.image).size == (300, 200)
    assert opened(photo.thumbnail).size == (300, 200)


def test_it_shrinks_only_the_thumbnail_of_a_middling_photo(alice_client, site):
    photo = upload(alice_client, site, photo_file("PNG", size=(1600, 640)))
    assert opened(photo.image).size == (1600, 640)
    assert opened(photo.thumbnail).size == (320, 128)

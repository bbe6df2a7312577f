"""Photos are served with a content type from the name we gave them, never the uploader's."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from photos.models import Photo
from tests.photos.uploads import CONTENT_TYPES, image_bytes, photo_file, url
from tests.photos.uploads import upload as form_data

pytestmark = pytest.mark.django_db


def upload(client, site, file):
    response = client.post(url(site), form_data(file, caption="CCS cable"))
    assert response.status_code == 302
    return Photo.objects.get()


def fetch(client, path):
    response = client.get(path)
    try:
        content = b"".join(response.streaming_content) if response.streaming else response.content
    finally:
        response.close()
    return response, content


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_it_serves_both_versions_with_their_type(client, alice_client, site, fmt):
    photo = upload(alice_client, site, photo_file(fmt))
    for field in [photo.image, photo.thumbnail]:
        response, content = fetch(client, field.url)
        assert response.status_code == 200
        assert response["Content-Type"] == CONTENT_TYPES[fmt]
        assert response["X-Content-Type-Options"] == "nosniff"
        with field.open("rb") as stored:
            assert content == stored.read()


def test_it_serves_a_png_named_html_as_a_png(client, alice_client, site, settings):
    evil = SimpleUploadedFile("evil.html", image_bytes("PNG"), content_type="text/html")
    photo = upload(alice_client, site, evil)
    assert photo.image.name.endswith(".png")
    assert photo.image.path.startswith(str(settings.MEDIA_ROOT))
    response, content = fetch(client, photo.image.url)
    assert response["Content-Type"] == "image/png"
    assert content.startswith(b"\x89PNG")
    assert "html" not in response["Content-Type"]


def test_it_is_404_for_a_missing_file(client):
    response, _ = fetch(client, "/media/photos/nothing-here.jpg")
    assert response.status_code == 404


def test_it_does_not_reach_outside_media_root(client, settings):
    secret = settings.MEDIA_ROOT.parent / "secret.txt"
    secret.write_text("not public")
    response, content = fetch(client, "/media/../secret.txt")
    assert response.status_code == 400
    assert b"not public" not in content

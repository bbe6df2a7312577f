"""Phones write where a photo was taken; drivers must not be able to read it back."""

import pytest
from PIL import ExifTags, Image

from photos.models import Photo
from tests.photos.uploads import gps_exif, opened, photo_file, url
from tests.photos.uploads import upload as form_data

pytestmark = pytest.mark.django_db


def upload(client, site, file):
    response = client.post(url(site), form_data(file, caption="CCS cable"))
    assert response.status_code == 302
    return Photo.objects.get()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_it_removes_gps_and_all_exif(alice_client, site, fmt):
    file = photo_file(fmt, exif=gps_exif(orientation=1))
    with Image.open(file) as sent:  # the test's own file does carry a location
        assert sent.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    file.seek(0)

    photo = upload(alice_client, site, file)
    for stored in [opened(photo.image), opened(photo.thumbnail)]:
        exif = stored.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert ExifTags.Base.Orientation not in exif
        assert ExifTags.Base.Make not in exif
        assert "exif" not in stored.info


def test_it_leaves_no_gps_bytes_in_the_files(alice_client, site):
    photo = upload(alice_client, site, photo_file("JPEG", exif=gps_exif()))
    for field in [photo.image, photo.thumbnail]:
        with field.open("rb") as stored:
            content = stored.read()
        assert b"Exif" not in content
        assert b"PhoneCo" not in content


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_it_turns_the_photo_upright_before_dropping_the_orientation(alice_client, site, fmt):
    # Orientation 6: the camera was turned, so the 200×100 pixels show a 100×200 scene,
    # with the stored left half on top.
    image = Image.new("RGB", (200, 100), "blue")
    image.paste((255, 0, 0), (0, 0, 100, 100))
    file = photo_file(fmt, image=image, exif=gps_exif(orientation=6))
    photo = upload(alice_client, site, file)
    stored = opened(photo.image).convert("RGB")
    assert stored.size == (100, 200)
    assert (photo.width, photo.height) == (100, 200)
    top, bottom = stored.getpixel((50, 20)), stored.getpixel((50, 180))
    assert top[0] > 200 and top[2] < 60  # red
    assert bottom[2] > 200 and bottom[0] < 60  # blue
    assert opened(photo.thumbnail).size == (100, 200)

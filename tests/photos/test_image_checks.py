"""Pillow, not the file name or the browser, decides what an upload is."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from photos.models import Photo
from tests.photos.uploads import image_bytes, stored_files, url
from tests.photos.uploads import upload as form_data

pytestmark = pytest.mark.django_db

RULE = "Photos must be JPEG, PNG or WebP images of at most 10 MB"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)


def upload(client, site, name, content, content_type):
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(url(site), form_data(file, caption="CCS cable"))


def image_errors(response):
    return response.context["form"].errors["images"]


def bomb(size) -> bytes:
    # A one-bit PNG of zeros compresses to almost nothing, whatever it claims to be.
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG")
    return buffer.getvalue()


def assert_refused(response, settings, message):
    assert response.status_code == 200
    assert message in " ".join(image_errors(response))
    beside_the_field = re.findall(r'<p class="error">([^<]*)</p>', response.text)
    assert any(message in error for error in beside_the_field)
    assert not Photo.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_it_refuses_text_named_jpg(alice_client, site, settings):
    response = upload(alice_client, site, "cable.jpg", b"not a photo at all\n" * 50, "image/jpeg")
    assert_refused(response, settings, f"{RULE}: “cable.jpg” is not an image we can read.")


def test_it_refuses_a_gif_named_png(alice_client, site, settings):
    response = upload(alice_client, site, "cable.png", image_bytes("GIF"), "image/png")
    assert_refused(response, settings, f"{RULE}: “cable.png” is a GIF")


def test_it_refuses_an_svg(alice_client, site, settings):
    response = upload(alice_client, site, "cable.svg", SVG, "image/svg+xml")
    assert_refused(response, settings, f"{RULE}: “cable.svg” is not an image we can read.")


def test_it_refuses_an_svg_named_png(alice_client, site, settings):
    response = upload(alice_client, site, "cable.png", SVG, "image/png")
    assert_refused(response, settings, "is not an image we can read")


def test_it_refuses_a_truncated_jpeg(alice_client, site, settings):
    whole = image_bytes("JPEG", size=(800, 600), color="red")
    response = upload(alice_client, site, "cable.jpg", whole[: len(whole) // 2], "image/jpeg")
    assert_refused(response, settings, "is not an image we can read")


@pytest.mark.parametrize("size", [(20000, 20000), (10000, 10000)], ids=["bomb", "near-bomb"])
def test_it_refuses_a_decompression_bomb(alice_client, site, settings, size):
    content = bomb(size)
    assert len(content) < 200_000
    response = upload(alice_client, site, "bomb.png", content, "image/png")
    assert_refused(response, settings, "“bomb.png” would expand into an enormous image")


def test_it_refuses_more_than_40_megapixels(alice_client, site, settings):
    response = upload(alice_client, site, "huge.png", bomb((7000, 6000)), "image/png")
    assert_refused(response, settings, "“huge.png” is 7000×6000 pixels: too large")


def test_it_refuses_a_file_over_10_mb(alice_client, site, settings):
    content = image_bytes("JPEG") + b"\0" * (10 * 1024 * 1024)
    response = upload(alice_client, site, "big.jpg", content, "image/jpeg")
    assert_refused(response, settings, f"{RULE}: “big.jpg” is 10.0 MB.")


def test_it_accepts_a_file_of_exactly_10_mb(alice_client, site):
    photo = image_bytes("JPEG")
    content = photo + b"\0" * (10 * 1024 * 1024 - len(photo))
    response = upload(alice_client, site, "big.jpg", content, "image/jpeg")
    assert response.status_code == 302
    assert Photo.objects.count() == 1


def test_it_names_the_file_by_what_it_is_not_what_it_claims(alice_client, site):
    response = upload(alice_client, site, "evil.html", image_bytes("PNG"), "text/html")
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.image.name.endswith(".png")
    assert "evil" not in photo.image.name


def test_it_accepts_a_phone_jpeg_with_a_second_image(alice_client, site):
    buffer = io.BytesIO()
    main, gain_map = Image.new("RGB", (400, 300), "red"), Image.new("RGB", (200, 150), "gray")
    main.save(buffer, "MPO", save_all=True, append_images=[gain_map])
    assert buffer.getvalue()[:3] == b"\xff\xd8\xff"  # a JPEG file by any reader's standard
    response = upload(alice_client, site, "IMG_0001.jpg", buffer.getvalue(), "image/jpeg")
    assert response.status_code == 302
    assert Photo.objects.get().image.name.endswith(".jpg")

"""Every photo needs a caption (drivers who cannot see it read it), and a caption needs a photo.

One bad form in a batch saves nothing at all.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from photos.models import Photo
from tests.factories import PortFactory
from tests.photos.uploads import formset, image_bytes, photo_file, stored_files, url

pytestmark = pytest.mark.django_db

DESCRIBE = "Describe the photo: drivers who cannot see it read this."
CHOOSE = "Choose the photo this caption describes."


def errors_beside(response, field):
    """The error paragraphs inside the field's own wrapper."""
    block = re.search(
        rf'<div class="field has-error">\s*<label for="id_{field}">.*?</div>', response.text, re.S
    )
    assert block, f"no error beside {field}"
    return re.findall(r'<p class="error">([^<]*)</p>', block.group(0))


def assert_nothing_saved(settings):
    assert not Photo.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


@pytest.mark.parametrize("caption", ["", "   "])
def test_it_asks_for_a_caption(alice_client, site, settings, caption):
    response = alice_client.post(url(site), formset({"image": photo_file(), "caption": caption}))
    assert response.status_code == 200
    assert errors_beside(response, "photos-0-caption") == [DESCRIBE]
    assert_nothing_saved(settings)


def test_it_asks_for_the_photo_a_caption_describes(alice_client, site, settings):
    response = alice_client.post(url(site), formset({"caption": "CCS cable"}))
    assert response.status_code == 200
    assert errors_beside(response, "photos-0-image") == [CHOOSE]
    assert_nothing_saved(settings)


def test_it_stores_the_caption_trimmed(alice_client, site):
    alice_client.post(url(site), formset({"image": photo_file(), "caption": "  CCS cable  "}))
    assert Photo.objects.get().caption == "CCS cable"


def test_it_refuses_a_caption_over_200_characters(alice_client, site, settings):
    data = formset({"image": photo_file(), "caption": "x" * 201})
    response = alice_client.post(url(site), data)
    assert response.status_code == 200
    assert errors_beside(response, "photos-0-caption")
    assert_nothing_saved(settings)


def test_it_saves_nothing_when_one_photo_of_a_batch_lacks_a_caption(alice_client, site, settings):
    data = formset(
        {"image": photo_file(), "caption": "CCS cable"},
        {"image": photo_file("PNG"), "caption": ""},
        {"image": photo_file("WEBP"), "caption": "J1772 holster"},
    )
    response = alice_client.post(url(site), data)
    assert response.status_code == 200
    assert errors_beside(response, "photos-1-caption") == [DESCRIBE]
    assert_nothing_saved(settings)


def test_it_saves_nothing_when_one_file_of_a_batch_is_not_an_image(alice_client, site, settings):
    data = formset(
        {"image": photo_file(), "caption": "CCS cable"},
        {
            "image": SimpleUploadedFile("cable.png", image_bytes("GIF"), content_type="image/png"),
            "caption": "GIF",
        },
    )
    response = alice_client.post(url(site), data)
    assert response.status_code == 200
    assert "is a GIF" in errors_beside(response, "photos-1-image")[0]
    assert_nothing_saved(settings)


def test_it_saves_nothing_when_one_photo_of_a_batch_shows_a_stranger_port(
    alice_client, site, settings
):
    elsewhere = PortFactory()
    data = formset(
        {"image": photo_file(), "caption": "CCS cable"},
        {"image": photo_file(), "caption": "Theirs", "shows": f"port:{elsewhere.pk}"},
    )
    response = alice_client.post(url(site), data)
    assert response.status_code == 200
    assert "Select a valid choice" in errors_beside(response, "photos-1-shows")[0]
    assert_nothing_saved(settings)


def test_it_keeps_the_captions_typed_when_it_refuses(alice_client, site):
    data = formset(
        {"image": photo_file(), "caption": "CCS cable"},
        {"image": photo_file(), "caption": ""},
    )
    response = alice_client.post(url(site), data)
    assert 'value="CCS cable"' in response.text

"""Every photo needs a caption (drivers who cannot see it read it), and a caption needs a photo.

Several photos chosen at once share the caption, numbered; each can be changed afterwards.
"""

import re

import pytest

from photos.models import Photo
from tests.factories import PortFactory
from tests.photos.uploads import photo_file, stored_files, upload, url

pytestmark = pytest.mark.django_db

DESCRIBE = "Describe the photo: drivers who cannot see it read this."
CHOOSE = "Choose the photos this caption describes."


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
    response = alice_client.post(url(site), upload(photo_file(), caption=caption))
    assert response.status_code == 200
    assert errors_beside(response, "caption") == [DESCRIBE]
    assert (
        "No photo was added: fix what is marked below, then choose the photos again."
        in response.text
    )
    assert_nothing_saved(settings)


def test_it_asks_for_the_photo_a_caption_describes(alice_client, site, settings):
    response = alice_client.post(url(site), upload(caption="CCS cable"))
    assert response.status_code == 200
    assert errors_beside(response, "images") == [CHOOSE]
    assert_nothing_saved(settings)


def test_it_stores_the_caption_trimmed(alice_client, site):
    alice_client.post(url(site), upload(photo_file(), caption="  CCS cable  "))
    assert Photo.objects.get().caption == "CCS cable"


def test_it_numbers_a_caption_shared_by_several_photos(alice_client, site):
    alice_client.post(url(site), upload(photo_file(), photo_file("PNG"), caption="Bank A"))
    assert list(Photo.objects.order_by("position").values_list("caption", flat=True)) == [
        "Bank A (1 of 2)",
        "Bank A (2 of 2)",
    ]


def test_it_refuses_a_caption_too_long_to_number(alice_client, site, settings):
    response = alice_client.post(url(site), upload(photo_file(), caption="x" * 186))
    assert response.status_code == 200
    assert errors_beside(response, "caption")
    assert_nothing_saved(settings)


def test_it_saves_nothing_when_the_batch_shows_a_stranger_port(alice_client, site, settings):
    elsewhere = PortFactory()
    data = upload(photo_file(), photo_file(), caption="Theirs", shows=f"port:{elsewhere.pk}")
    response = alice_client.post(url(site), data)
    assert response.status_code == 200
    assert "Select a valid choice" in errors_beside(response, "shows")[0]
    assert_nothing_saved(settings)


def test_it_keeps_the_caption_typed_when_it_refuses(alice_client, site):
    response = alice_client.post(url(site), upload(caption="CCS cable"))
    assert 'value="CCS cable"' in response.text

"""One bad file among several chosen at once does not cost the good ones: they are saved, and
the bad one is named with what to do about it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from photos.models import Photo
from tests.conftest import HTMX
from tests.photos.uploads import image_bytes, photo_file, stored_files, upload, url

pytestmark = pytest.mark.django_db

GIF_REFUSED = (
    "Not added: Photos must be JPEG, PNG or WebP images of at most 10 MB: "
    "“animation.gif” is a GIF file."
)


def gif(name="animation.gif"):
    return SimpleUploadedFile(name, image_bytes("GIF"), content_type="image/gif")


def test_it_keeps_the_good_photos_and_names_the_bad_file(alice_client, site, settings):
    data = upload(photo_file(), gif(), photo_file("PNG"), caption="CCS cable")
    response = alice_client.post(url(site), data, follow=True)
    assert response.redirect_chain[-1][0] == url(site)
    assert "2 photos added." in response.text
    assert GIF_REFUSED in response.text
    assert list(Photo.objects.order_by("position").values_list("caption", flat=True)) == [
        "CCS cable (1 of 2)",
        "CCS cable (2 of 2)",
    ]
    assert len(stored_files(settings.MEDIA_ROOT)) == 4  # web size and thumbnail of each


def test_it_names_each_bad_file_on_its_own(alice_client, site):
    broken = SimpleUploadedFile("broken.jpg", b"not a photo at all\n" * 50, "image/jpeg")
    data = upload(photo_file(), gif(), broken)
    response = alice_client.post(url(site), data, follow=True)
    assert "1 photo added." in response.text
    assert GIF_REFUSED in response.text
    assert "“broken.jpg” is not an image we can read." in response.text
    assert Photo.objects.count() == 1


def test_it_names_every_bad_file_beside_the_input_when_none_is_good(alice_client, site, settings):
    response = alice_client.post(url(site), upload(gif(), gif("second.gif")))
    assert response.status_code == 200
    errors = response.context["form"].errors["images"]
    assert errors == [GIF_REFUSED, GIF_REFUSED.replace("animation.gif", "second.gif")]
    assert not Photo.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_it_says_so_aloud_after_an_htmx_upload(alice_client, site):
    response = alice_client.post(url(site), upload(photo_file(), gif()), headers=HTMX)
    assert response.status_code == 200
    assert GIF_REFUSED in response.text
    assert "1 photo added." in response.headers["HX-Trigger"]
    assert "animation.gif" in response.headers["HX-Trigger"]

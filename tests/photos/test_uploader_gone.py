"""A photo outlives the account that uploaded it (uploaded_by is SET_NULL)."""

import pytest

from photos.models import Photo
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def test_it_keeps_the_photo_when_the_uploader_leaves(site, alice):
    photo = PhotoFactory(site=site)
    alice.delete()
    photo.refresh_from_db()
    assert photo.uploaded_by is None
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_it_still_validates_a_photo_whose_uploader_left(site, alice):
    photo = PhotoFactory(site=site)
    alice.delete()
    photo.refresh_from_db()
    photo.caption = "CCS cable, left"
    photo.full_clean()

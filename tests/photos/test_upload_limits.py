"""Uploads are held to their limits while the request is read, not after it is stored whole.

A request over the size cap is answered 413 from its Content-Length; a file over the per-file cap
is not kept past it (the form still says how big it was); a request with too many files is a
clear 400. Images are generated here; nothing near these sizes is stored in the repository.
"""

import pytest
from django.core.files import uploadhandler
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.plans import Plan
from claims import proof
from photos import images
from photos.forms import MAX_FILES
from photos.models import Photo
from tests.photos.uploads import image_bytes, photo_file, stored_files, upload, url

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture
def kept(monkeypatch):
    """How many bytes of uploaded files were kept, in memory or in temporary files."""
    received = {"bytes": 0}
    memory, disk = uploadhandler.MemoryFileUploadHandler, uploadhandler.TemporaryFileUploadHandler

    def in_memory(self, raw_data, start, _receive=memory.receive_data_chunk):
        if self.activated:
            received["bytes"] += len(raw_data)
        return _receive(self, raw_data, start)

    def on_disk(self, raw_data, start, _receive=disk.receive_data_chunk):
        received["bytes"] += len(raw_data)
        return _receive(self, raw_data, start)

    monkeypatch.setattr(memory, "receive_data_chunk", in_memory)
    monkeypatch.setattr(disk, "receive_data_chunk", on_disk)
    return received


def big_jpeg(size):
    photo = image_bytes("JPEG")
    return SimpleUploadedFile("big.jpg", photo + b"\0" * (size - len(photo)), "image/jpeg")


def test_it_answers_413_to_a_request_over_the_cap(alice_client, site, settings, kept):
    settings.UPLOAD_MAX_REQUEST_BYTES = 1 * MB
    data = upload(big_jpeg(2 * MB))
    response = alice_client.post(url(site), data)
    assert response.status_code == 413
    assert "This upload is 2.0 MB: we take at most 1.0 MB in one request." in response.text
    assert "Send fewer or smaller files." in response.text
    assert kept["bytes"] == 0
    assert not Photo.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_it_refuses_a_huge_request_from_its_length_before_reading_it(alice_client, site, settings):
    # The body says 500 MB is coming; not a byte of it is read (the test payload is tiny).
    data = upload(photo_file())
    response = alice_client.post(url(site), data, CONTENT_LENGTH=str(500 * MB))
    assert response.status_code == 413
    assert "This upload is 500.0 MB" in response.text


def test_it_caps_no_lower_than_the_forms_allow(settings):
    # The caps only stop what no form of ours takes: the forms give the friendly messages.
    assert max(images.MAX_BYTES, proof.MAX_BYTES) <= settings.UPLOAD_MAX_FILE_BYTES
    assert MAX_FILES <= settings.DATA_UPLOAD_MAX_NUMBER_FILES
    limit = settings.UPLOAD_MAX_REQUEST_BYTES
    assert limit >= settings.DATA_UPLOAD_MAX_NUMBER_FILES * settings.UPLOAD_MAX_FILE_BYTES
    assert limit <= 120 * MB


def test_it_keeps_no_more_than_the_cap_of_an_oversized_file(alice_client, site, settings, kept):
    response = alice_client.post(url(site), upload(big_jpeg(14 * MB)))
    assert response.status_code == 200
    errors = response.context["form"].errors["images"]
    assert errors == [
        "Not added: Photos must be JPEG, PNG or WebP images of at most 10 MB: “big.jpg” is 14.0 MB."
    ]
    assert kept["bytes"] <= settings.UPLOAD_MAX_FILE_BYTES
    assert not Photo.objects.exists()


def test_it_still_takes_a_photo_of_exactly_the_cap(alice_client, site, kept):
    response = alice_client.post(url(site), upload(big_jpeg(10 * MB)))
    assert response.status_code == 302
    assert kept["bytes"] == 10 * MB
    assert Photo.objects.count() == 1


def test_it_refuses_more_files_than_a_form_sends_in_one_request(alice, site):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    response = client.post(url(site), upload(*[photo_file() for _ in range(11)]))
    assert response.status_code == 400
    assert "This form sent 11 files or more: send at most 10 in one request." in response.text
    assert not Photo.objects.exists()


def test_it_takes_ten_photos_in_one_request(alice, alice_client, site):
    alice.plan = Plan.PREMIUM
    alice.save()
    response = alice_client.post(url(site), upload(*[photo_file() for _ in range(10)]))
    assert response.status_code == 302
    assert Photo.objects.count() == 10

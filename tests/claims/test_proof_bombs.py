"""A proof image that would expand into an enormous picture is refused on the form, undecoded;
a proof over the size limit is not kept past the upload cap."""

import pytest
from django.core.files import uploadhandler
from django.urls import reverse
from PIL import ImageFile

from claims.models import Claim
from tests.claims.documents import MB, claim_data, pdf, upload
from tests.photos.uploads import blank_png
from tests.ports.pages import field, text

pytestmark = pytest.mark.django_db

BOMB = "would expand into an enormous image; it is refused. You can also send a PDF."


def url(site):
    return reverse("claims:claim", args=[site.pk])


@pytest.fixture
def never_decoded(monkeypatch):
    """Fail the test if any image is decoded: the checks must read only headers."""

    def load(self):
        raise AssertionError(f"{self.size} image decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)


def refused(client, site, proof, private_media) -> str:
    response = client.post(url(site), claim_data(proof=proof))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["proof"]
    assert not Claim.objects.exists()
    assert not any(private_media.rglob("*.*"))
    return text(field(response, "proof"))


@pytest.mark.parametrize("size", [(20000, 20000), (10000, 10000)], ids=["bomb", "near-bomb"])
def test_it_refuses_a_decompression_bomb_as_proof(
    alice_client, unclaimed, private_media, never_decoded, size
):
    content = blank_png(*size)
    assert len(content) < 100_000
    message = refused(
        alice_client, unclaimed, upload("bill.png", content, "image/png"), private_media
    )
    assert f"Proof of ownership: “bill.png” {BOMB}" in message


def test_it_refuses_a_proof_image_over_40_megapixels(
    alice_client, unclaimed, private_media, never_decoded
):
    proof = upload("bill.png", blank_png(7000, 6000), "image/png")
    message = refused(alice_client, unclaimed, proof, private_media)
    assert (
        "Proof of ownership: “bill.png” is 7000×6000 pixels: too large an image for us to "
        "process. Send a smaller one (up to 40 megapixels). You can also send a PDF."
    ) in message


def test_it_takes_a_large_scan_within_40_megapixels_without_decoding_it(
    alice_client, unclaimed, never_decoded
):
    proof = upload("bill.png", blank_png(6000, 6600), "image/png")
    response = alice_client.post(url(unclaimed), claim_data(proof=proof))
    assert response.status_code == 302
    assert Claim.objects.get().proof_type == "png"


def test_it_keeps_no_more_than_the_upload_cap_of_a_huge_proof(
    alice_client, unclaimed, private_media, settings, monkeypatch
):
    kept = []
    disk = uploadhandler.TemporaryFileUploadHandler

    def counting(self, raw_data, start, _receive=disk.receive_data_chunk):
        kept.append(len(raw_data))
        return _receive(self, raw_data, start)

    monkeypatch.setattr(disk, "receive_data_chunk", counting)
    message = refused(alice_client, unclaimed, pdf("scan.pdf", size=24 * MB), private_media)
    assert "“scan.pdf” is 24.0 MB. Send a smaller scan." in message
    assert sum(kept) <= settings.UPLOAD_MAX_FILE_BYTES

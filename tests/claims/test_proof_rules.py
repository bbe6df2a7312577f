"""Proof of ownership is a PDF, JPG or PNG of at most 5 MB, judged by its bytes, not its name."""

import pytest
from django.urls import reverse

from claims.models import Claim
from tests.claims.documents import MB, PDF, claim_data, image, pdf, upload
from tests.ports.pages import field, text

pytestmark = pytest.mark.django_db

RULE = "Proof of ownership must be a PDF, JPG or PNG file of at most 5 MB"


def url(site):
    return reverse("claims:claim", args=[site.pk])


def refused(client, site, proof, private_media) -> str:
    """Post the claim with this proof; check nothing was kept; return the proof field's text."""
    response = client.post(url(site), claim_data(proof=proof))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["proof"]
    assert not Claim.objects.exists()
    assert not any(private_media.rglob("*.*"))
    proof_field = text(field(response, "proof"))
    assert proof_field.startswith("Proof of ownership")  # the error sits under its label
    return proof_field


def test_it_refuses_a_word_document(alice_client, unclaimed, private_media):
    docx = upload(
        "deed.docx",
        b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 200,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    message = refused(alice_client, unclaimed, docx, private_media)
    assert f"{RULE}; “deed.docx” is none of those." in message


def test_it_refuses_a_text_file_named_like_a_pdf(alice_client, unclaimed, private_media):
    fake = upload("deed.pdf", b"This is my deed, honest.\n", "application/pdf")
    message = refused(alice_client, unclaimed, fake, private_media)
    assert f"{RULE}; “deed.pdf” is none of those." in message


def test_it_refuses_a_png_header_with_garbage_after_it(alice_client, unclaimed, private_media):
    broken = upload("bill.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 50, "image/png")
    message = refused(alice_client, unclaimed, broken, private_media)
    assert "“bill.png” looks like a PNG image but cannot be read." in message
    assert "Export it again, or send a PDF." in message


def test_it_refuses_a_truncated_png(alice_client, unclaimed, private_media):
    broken = upload("bill.png", image("PNG")[:60], "image/png")
    message = refused(alice_client, unclaimed, broken, private_media)
    assert "“bill.png” looks like a PNG image but cannot be read." in message


def test_it_refuses_a_jpeg_header_with_garbage_after_it(alice_client, unclaimed, private_media):
    broken = upload("licence.jpg", b"\xff\xd8\xff" + b"garbage" * 50, "image/jpeg")
    message = refused(alice_client, unclaimed, broken, private_media)
    assert "“licence.jpg” looks like a JPEG image but cannot be read." in message


def test_it_refuses_a_pdf_over_5_mb(alice_client, unclaimed, private_media):
    message = refused(alice_client, unclaimed, pdf("scan.pdf", size=6 * MB), private_media)
    assert f"{RULE}; “scan.pdf” is 6.0 MB. Send a smaller scan." in message


def test_it_accepts_a_pdf_of_exactly_5_mb(alice_client, unclaimed):
    response = alice_client.post(url(unclaimed), claim_data(proof=pdf(size=5 * MB)))
    assert response.status_code == 302
    assert Claim.objects.get().proof.size == 5 * MB


def test_it_refuses_an_empty_file(alice_client, unclaimed, private_media):
    message = refused(
        alice_client, unclaimed, upload("deed.pdf", b"", "application/pdf"), private_media
    )
    assert "The submitted file is empty." in message


def test_it_judges_by_content_not_by_name_or_declared_type(alice_client, unclaimed):
    disguised = upload("deed.docx", PDF, "application/msword")
    response = alice_client.post(url(unclaimed), claim_data(proof=disguised))
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.proof_type == "pdf"
    assert claim.proof.name.endswith(".pdf")


def test_it_says_which_files_it_takes_on_the_form(alice_client, unclaimed):
    response = alice_client.get(url(unclaimed))
    proof_field = field(response, "proof")
    assert 'accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"' in proof_field
    assert "PDF, JPG or PNG, up to 5 MB" in proof_field

"""Proof documents are private: the claimant and support staff open them, nobody else."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from tests.claims.documents import PDF, claim_data, image, upload
from tests.claims.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def url(claim):
    return reverse("claims:proof", args=[claim.pk])


def body(response) -> bytes:
    # Reading the stream to the end also closes the file.
    return b"".join(response.streaming_content)


@pytest.fixture
def claim(alice, unclaimed):
    return ClaimFactory(site=unclaimed, claimant=alice)


def test_it_serves_the_claimant_their_document(alice_client, claim):
    response = alice_client.get(url(claim))
    assert response.status_code == 200
    assert body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="claim-{claim.pk}-proof.pdf"'


def test_it_is_never_cached(alice_client, claim):
    response = alice_client.get(url(claim))
    body(response)
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_it_serves_support_staff(staff_client, support_client, claim):
    for staff in [staff_client, support_client]:
        response = staff.get(url(claim))
        assert response.status_code == 200
        assert body(response) == PDF


def test_it_is_404_for_another_owner(bob_client, claim):
    response = bob_client.get(url(claim))
    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_it_is_404_for_whoever_owns_the_location_now(bob_client, bob, claim):
    claim.site.owner = bob
    claim.site.save()
    assert bob_client.get(url(claim)).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, claim):
    response = client.get(url(claim))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={quote(url(claim))}"


def test_it_is_404_for_a_claim_that_does_not_exist(staff_client):
    assert staff_client.get(reverse("claims:proof", args=[999999])).status_code == 404


def test_it_is_404_when_the_file_is_gone(alice_client, claim):
    claim.proof.storage.delete(claim.proof.name)
    assert alice_client.get(url(claim)).status_code == 404


def test_it_answers_only_get(alice_client, claim):
    assert alice_client.post(url(claim)).status_code == 405


@pytest.mark.parametrize(
    ("name", "kind", "declared", "served", "extension"),
    [
        ("bill.pdf", "PNG", "application/pdf", "image/png", "png"),
        ("bill.png", "JPEG", "image/png", "image/jpeg", "jpeg"),
        ("bill.html", "PDF", "text/html", "application/pdf", "pdf"),
    ],
)
def test_it_serves_the_type_it_found_not_the_uploaders(
    alice_client, unclaimed, name, kind, declared, served, extension
):
    content = PDF if kind == "PDF" else image(kind)
    proof = upload(name, content, declared)
    alice_client.post(reverse("claims:claim", args=[unclaimed.pk]), claim_data(proof=proof))
    response = alice_client.get(url(unclaimed.claims.get()))
    assert response["Content-Type"] == served
    assert response["Content-Disposition"].endswith(f'-proof.{extension}"')
    assert body(response) == content

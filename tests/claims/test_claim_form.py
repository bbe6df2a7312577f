"""An owner claims an unclaimed location: who they are, their business, and a proof of ownership."""

from pathlib import Path

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimStatus, Relationship
from tests.claims.documents import CLAIM, claim_data, jpeg, png
from tests.ports.pages import field, text

pytestmark = pytest.mark.django_db


def url(site):
    return reverse("claims:claim", args=[site.pk])


def test_it_shows_the_form(alice_client, unclaimed):
    response = alice_client.get(url(unclaimed))
    assert response.status_code == 200
    assert "Claim Highway Rest Area" in response.text
    for label in [
        "Your name",
        "Your title",
        "Business name",
        "Contact email",
        "Contact phone",
        "Relationship to the property",
        "Proof of ownership",
    ]:
        assert label in response.text
    for relationship in Relationship:
        assert f'value="{relationship.value}"' in response.text
    assert 'enctype="multipart/form-data"' in response.text
    assert "PDF, JPG or PNG, up to 5 MB" in response.text


def test_it_fills_in_the_owners_email(alice_client, unclaimed):
    response = alice_client.get(url(unclaimed))
    assert 'value="alice@example.com"' in field(response, "contact_email")


def test_it_files_a_pending_claim_and_redirects_to_the_dashboard(alice_client, alice, unclaimed):
    response = alice_client.post(url(unclaimed), claim_data())
    assert response.status_code == 302
    assert response.url == reverse("sites:dashboard")
    claim = Claim.objects.get()
    assert (claim.site, claim.claimant, claim.status) == (unclaimed, alice, ClaimStatus.PENDING)
    assert {name: getattr(claim, name) for name in CLAIM} == CLAIM
    assert claim.proof_type == "pdf"
    unclaimed.refresh_from_db()
    assert unclaimed.owner is None  # only support staff make owners


def test_it_tells_the_claimant_what_happens_next(alice_client, unclaimed):
    response = alice_client.post(url(unclaimed), claim_data(), follow=True)
    assert "Your claim for “Highway Rest Area” is with our support staff" in text(response.text)


@pytest.mark.parametrize(
    ("make_proof", "kind"), [(png, "png"), (jpeg, "jpeg")], ids=["png", "jpeg"]
)
def test_it_accepts_images(alice_client, unclaimed, make_proof, kind):
    response = alice_client.post(url(unclaimed), claim_data(proof=make_proof()))
    assert response.status_code == 302
    assert Claim.objects.get().proof_type == kind


@pytest.mark.parametrize("relationship", Relationship.values)
def test_it_accepts_each_relationship(alice_client, unclaimed, relationship):
    alice_client.post(url(unclaimed), claim_data(relationship=relationship))
    assert Claim.objects.get().relationship == relationship


def test_it_keeps_the_proof_privately_under_its_own_name(
    alice_client, unclaimed, private_media, settings
):
    alice_client.post(url(unclaimed), claim_data(proof=png("../../My Bill <1>.png")))
    proof = Claim.objects.get().proof
    stored = Path(proof.path)
    assert stored.is_relative_to(private_media)
    assert not stored.is_relative_to(settings.MEDIA_ROOT)
    assert stored.parent == private_media / "claims"
    assert stored.suffix == ".png"
    assert "Bill" not in proof.name


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("full_name", "This field is required."),
        ("title", "This field is required."),
        ("business_name", "This field is required."),
        ("contact_email", "This field is required."),
        ("contact_phone", "This field is required."),
        ("relationship", "This field is required."),
    ],
)
def test_it_requires_every_field(alice_client, unclaimed, name, error):
    response = alice_client.post(url(unclaimed), claim_data(**{name: ""}))
    assert response.status_code == 200
    assert response.context["form"].errors == {name: [error]}
    assert error in field(response, name)
    assert not Claim.objects.exists()


def test_it_requires_a_proof(alice_client, unclaimed):
    data = claim_data()
    del data["proof"]
    response = alice_client.post(url(unclaimed), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"proof": ["This field is required."]}
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    ("name", "value", "error"),
    [
        ("contact_email", "alice at example", "Enter a valid email address."),
        (
            "contact_phone",
            "call me",
            "Enter a phone number, like 518-555-0123 or +1 518 555 0123.",
        ),
        (
            "relationship",
            "tenant",
            "Select a valid choice. tenant is not one of the available choices.",
        ),
    ],
)
def test_it_explains_a_wrong_value_beside_its_field(alice_client, unclaimed, name, value, error):
    response = alice_client.post(url(unclaimed), claim_data(**{name: value}))
    assert response.status_code == 200
    assert response.context["form"].errors == {name: [error]}
    assert error in text(field(response, name))
    assert not Claim.objects.exists()


def test_it_is_404_for_a_location_that_does_not_exist(alice_client):
    missing = reverse("claims:claim", args=[999999])
    assert alice_client.get(missing).status_code == 404
    assert alice_client.post(missing, claim_data()).status_code == 404
    assert not Claim.objects.exists()


def test_it_sends_anonymous_visitors_to_log_in(client, unclaimed):
    response = client.post(url(unclaimed), claim_data())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Claim.objects.exists()


def test_it_answers_only_get_and_post(alice_client, unclaimed):
    assert alice_client.put(url(unclaimed)).status_code == 405

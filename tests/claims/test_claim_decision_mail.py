"""The claimant hears of support's decision by mail, sent by the task worker after the
decision commits: a mail server down never undoes a decision."""

import pytest
from django.core import mail
from django.urls import reverse

from claims.models import ClaimStatus
from tests.claims.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(alice, unclaimed):
    return ClaimFactory(site=unclaimed, claimant=alice)


def decide(staff_client, claim, decision, note, capture):
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    with capture(execute=True):
        staff_client.post(url, {"decision": decision, "review_note": note})
    claim.refresh_from_db()


def test_it_tells_the_claimant_of_an_approval(
    staff_client, claim, alice, django_capture_on_commit_callbacks
):
    decide(staff_client, claim, "approve", "", django_capture_on_commit_callbacks)
    assert claim.status == ClaimStatus.APPROVED
    [sent] = mail.outbox
    assert sent.to == [alice.email]
    assert sent.subject == "Your claim for Highway Rest Area is approved"


def test_it_tells_the_claimant_why_a_claim_was_rejected(
    staff_client, claim, alice, django_capture_on_commit_callbacks
):
    decide(
        staff_client,
        claim,
        "reject",
        "The bill names another company.",
        django_capture_on_commit_callbacks,
    )
    assert claim.status == ClaimStatus.REJECTED
    [sent] = mail.outbox
    assert sent.to == [alice.email]
    assert "The bill names another company." in sent.body


def test_it_keeps_the_decision_when_the_mail_server_is_down(
    staff_client, claim, unclaimed, alice, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1},
        }
    }
    decide(staff_client, claim, "approve", "", django_capture_on_commit_callbacks)
    unclaimed.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert unclaimed.owner == alice

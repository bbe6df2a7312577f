"""Owners answer a check-in or a review publicly, once, editable; the driver is mailed once."""

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from community.models import Outcome
from tests.community.factories import CheckInFactory, ReviewFactory
from tests.conftest import HTMX

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(port, carol):
    return CheckInFactory(port=port, driver=carol, outcome=Outcome.COULD_NOT, comment="Dead screen")


@pytest.fixture
def low_review(site, carol):
    return ReviewFactory(site=site, driver=carol, rating=1, text="Never works")


def answer(client, answered, text, **kwargs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(answered.get_answer_url(), {"answer": text}, **kwargs)


def test_it_publishes_the_answer_and_mails_the_driver(alice_client, complaint, site):
    assert "Dead screen" in alice_client.get(complaint.get_answer_url()).text
    response = answer(alice_client, complaint, "  Repaired this morning. ")
    assert response.status_code == 302
    assert response.url == reverse("sites:dashboard")
    complaint.refresh_from_db()
    assert complaint.answer == "Repaired this morning."
    assert complaint.answered_at is not None and complaint.answer_edited_at is None
    (message,) = mail.outbox
    assert message.to == ["carol@example.com"]
    assert message.subject == "The owner of Maple Street Market answered your check-in"
    assert "Repaired this morning." in message.body
    assert site.get_public_url() in message.body


def test_an_edit_changes_the_one_answer_without_mailing_again(alice_client, complaint):
    answer(alice_client, complaint, "Looking into it.")
    page = alice_client.get(complaint.get_answer_url())
    assert page.context["form"]["answer"].value() == "Looking into it."
    assert "Edit your answer" in page.text
    answer(alice_client, complaint, "Repaired.")
    complaint.refresh_from_db()
    assert complaint.answer == "Repaired."
    assert complaint.answer_edited_at is not None
    assert len(mail.outbox) == 1


def test_it_answers_a_review(alice_client, low_review):
    answer(alice_client, low_review, "Sorry: we replaced the charger.")
    low_review.refresh_from_db()
    assert low_review.answer == "Sorry: we replaced the charger."
    (message,) = mail.outbox
    assert message.subject.endswith("answered your review")


def test_it_answers_htmx_with_a_client_redirect(alice_client, complaint):
    response = answer(alice_client, complaint, "On it.", headers=HTMX)
    assert response["HX-Redirect"] == reverse("sites:dashboard")


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Write your answer"), ("   ", "Write your answer"), ("x" * 1001, "it has 1001")],
)
def test_it_says_what_to_fix(alice_client, complaint, text, message):
    response = answer(alice_client, complaint, text)
    assert response.status_code == 400
    assert message in response.text
    complaint.refresh_from_db()
    assert not complaint.is_answered
    assert mail.outbox == []


def test_bad_input_over_htmx_gets_the_form_region(alice_client, complaint):
    response = answer(alice_client, complaint, "", headers=HTMX)
    assert response.status_code == 400
    assert 'id="answer-form"' in response.text and "<html" not in response.text


def test_a_stranger_gets_404(bob_client, complaint, low_review):
    assert bob_client.get(complaint.get_answer_url()).status_code == 404
    assert answer(bob_client, complaint, "Mine now").status_code == 404
    assert answer(bob_client, low_review, "Mine now").status_code == 404
    complaint.refresh_from_db()
    assert not complaint.is_answered


def test_anonymous_visitors_are_sent_to_log_in(client, complaint):
    response = client.get(complaint.get_answer_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

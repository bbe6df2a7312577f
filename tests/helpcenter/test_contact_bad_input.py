"""A request the form cannot take is refused with the field and the fix; nothing is sent,
and what the person wrote is still there to correct."""

import pytest
from django.core import mail
from django.utils.html import escape

from helpcenter.models import MESSAGE_MAX, SupportRequest
from tests.helpcenter.conftest import send

pytestmark = pytest.mark.django_db


def refused(response, field_id, label, message):
    assert response.status_code == 200
    text = response.text
    # In the summary at the top, linked to the field, and under the field itself.
    assert f'<li><a href="#{field_id}">{label}</a>: {escape(message)}</li>' in text
    assert f'<p class="error">{escape(message)}</p>' in text
    assert not SupportRequest.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "field_id", "label", "message"),
    [
        (
            {"name": "  "},
            "id_name",
            "Your name",
            "Enter your name, so we know whom we are answering.",
        ),
        (
            {"name": "N" * 101},
            "id_name",
            "Your name",
            "Your name is 101 characters long: shorten it to 100 or fewer.",
        ),
        (
            {"email": ""},
            "id_email",
            "Your email",
            "Enter your email address: we send our answer there.",
        ),
        (
            {"email": "dana at example"},
            "id_email",
            "Your email",
            "Enter your email address as name@example.com: we send our answer there.",
        ),
        (
            {"topic": ""},
            "id_topic",
            "Topic",
            "Choose a topic: it brings your request to the right person.",
        ),
        ({"topic": "refund-now"}, "id_topic", "Topic", "Choose one of the topics in the list."),
        (
            {"message": ""},
            "id_message",
            "Your message",
            "Write your message: what happened, and what you expected.",
        ),
        (
            {"message": "help"},
            "id_message",
            "Your message",
            "Tell us a little more (at least 10 characters), so we can help with the first answer.",
        ),
        (
            {"message": "Port two is\x00 broken"},
            "id_message",
            "Your message",
            "Remove the invisible control character (NUL) from this field: it cannot be stored.",
        ),
    ],
)
def test_it_names_the_field_and_the_fix(changes, field_id, label, message):
    refused(send(**changes), field_id, label, message)


def test_it_refuses_an_oversized_message_and_says_by_how_much():
    message = "The display flickers. " * 250  # 5,500 characters
    response = send(message=message)
    refused(
        response,
        "id_message",
        "Your message",
        f"Your message is {len(message.strip())} characters long: shorten it to {MESSAGE_MAX} "
        "or fewer, or send the rest in a second request.",
    )
    assert escape(message) in response.text  # kept, to shorten rather than retype


def test_it_keeps_what_was_typed_when_it_refuses(db):
    response = send(email="not-an-address", message="The CCS cable at bay 4 is cut.")
    assert 'value="Dana Driver"' in response.text
    assert 'value="not-an-address"' in response.text
    assert "The CCS cable at bay 4 is cut." in response.text
    assert '<option value="ports" selected>' in response.text


def test_it_lists_every_problem_at_once():
    response = send(name="", email="", message="")
    text = response.text
    for field_id in ["id_name", "id_email", "id_message"]:
        assert f'<a href="#{field_id}">' in text
    assert "Your request was not sent yet" in text


def test_it_caps_the_fields_in_the_browser_too(client):
    page = client.get("/help/contact/").text
    assert f'maxlength="{MESSAGE_MAX}"' in page
    assert 'maxlength="100"' in page

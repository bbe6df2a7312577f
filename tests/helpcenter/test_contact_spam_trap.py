"""A bot fills the hidden trap field and is refused; people never meet the trap, not even
with a keyboard or a screen reader."""

import pytest
from django.conf import settings
from django.core import mail

from helpcenter.models import SupportRequest
from tests.helpcenter.conftest import CONTACT_URL, elements, send, visitor

pytestmark = pytest.mark.django_db


def test_it_refuses_a_filled_trap_and_says_what_to_do_instead(db):
    response = send(website="https://spam.example")
    assert response.status_code == 200
    assert "This request looks automated and was not sent." in response.text
    assert f"write to {settings.SUPPORT_EMAIL} instead" in response.text
    assert not SupportRequest.objects.exists()
    assert mail.outbox == []


def test_it_hides_the_trap_from_screen_readers_and_keyboards(db):
    page = visitor().get(CONTACT_URL).text
    [trap] = elements(page, "div", "help-trap")
    assert dict(trap.attributes)["aria-hidden"] == "true"
    [field] = elements(str(trap), "input")
    attributes = dict(field.attributes)
    assert attributes["name"] == "website"
    assert attributes["tabindex"] == "-1"
    assert attributes["autocomplete"] == "off"
    [label] = elements(str(trap), "label")
    assert dict(label.attributes)["for"] == attributes["id"]
    assert "Leave this field empty" in str(label)
    # The only field a person cannot see.
    assert [dict(i.attributes)["name"] for i in elements(page, "input")].count("website") == 1


def test_it_keeps_the_trap_out_of_the_error_summary(db):
    response = send(website="x", name="")
    assert '<a href="#id_website">' not in response.text

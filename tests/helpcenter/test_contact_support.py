"""Contact Support: a visitor or an owner writes; both they and support staff get a mail."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from helpcenter.models import RequestStatus, SupportRequest, Topic
from tests.conftest import logged_in
from tests.helpcenter.conftest import CONTACT_URL, send, visitor

pytestmark = pytest.mark.django_db

SENT_URL = "/help/contact/sent/"


def test_it_takes_a_visitors_request(db):
    response = send()
    assert response.status_code == 302
    assert response.url == SENT_URL
    sent = SupportRequest.objects.get()
    assert (sent.name, sent.email, sent.topic) == ("Dana Driver", "dana@example.com", Topic.PORTS)
    assert sent.message == "Port 2 at Maple Street shows CCS but it is a CHAdeMO plug."
    assert sent.requester is None and sent.location is None
    assert sent.status == RequestStatus.OPEN
    assert len(sent.client) == 64 and "10.1.0.1" not in sent.client  # hashed, not the address


def test_it_confirms_where_the_answer_will_go(db):
    response = send(follow=True)
    assert response.redirect_chain == [(SENT_URL, 302)]
    assert "We got your request" in response.text
    assert "We answer by email to <strong>dana@example.com</strong>" in response.text
    assert "usually within one business day" in response.text


def test_it_acknowledges_the_request_by_mail_and_tells_support(db):
    send()
    sent = SupportRequest.objects.get()
    acknowledgement, to_support = mail.outbox
    assert acknowledgement.to == ["dana@example.com"]
    assert acknowledgement.subject == f"We got your ChargeSites support request #{sent.pk}"
    assert "usually within one business day" in acknowledgement.body
    assert to_support.to == [settings.SUPPORT_EMAIL]
    assert to_support.subject == f"Support request #{sent.pk}: Ports and stations from Dana Driver"
    assert sent.message in to_support.body
    assert reverse("admin:helpcenter_supportrequest_change", args=[sent.pk]) in to_support.body


def test_it_never_sends_the_message_back_to_the_address_given(db):
    # Else the form would mail anyone a text of a stranger's choosing from our address.
    send(message="Buy cheap watches at spam.example today!!", name="Spam spam.example")
    acknowledgement = mail.outbox[0]
    assert "spam.example" not in acknowledgement.subject + acknowledgement.body


def test_it_prefills_an_owners_name_and_address(alice_client, alice):
    response = alice_client.get(CONTACT_URL)
    assert 'value="Alice"' in response.text
    assert 'value="alice@example.com"' in response.text


def test_it_keeps_who_sent_an_owners_request(alice, site):
    by = logged_in(alice)
    response = send(by=by, name="Alice", email="alice@example.com", location=site.pk)
    assert response.status_code == 302
    sent = SupportRequest.objects.get()
    assert sent.requester == alice
    assert sent.location == site
    to_support = mail.outbox[1]
    assert "Account: alice@example.com" in to_support.body
    assert "Location: Maple Street Market" in to_support.body


def test_it_answers_an_owner_at_the_address_they_chose(alice):
    send(by=logged_in(alice), name="Alice", email="office@maple.example")
    sent = SupportRequest.objects.get()
    assert sent.requester == alice
    assert sent.email == "office@maple.example"
    assert mail.outbox[0].to == ["office@maple.example"]


@pytest.mark.parametrize("topic", Topic.values)
def test_it_preselects_a_topic_a_link_names(client, topic):
    response = client.get(f"{CONTACT_URL}?topic={topic}")
    assert f'<option value="{topic}" selected>' in response.text


def test_it_ignores_a_topic_it_does_not_know(client):
    response = client.get(f"{CONTACT_URL}?topic=<script>")
    assert response.status_code == 200
    assert '<option value="" selected>Choose a topic</option>' in response.text
    assert "<script>" not in response.text.split("<main", 1)[1]


def test_it_shows_the_confirmation_only_to_who_sent_it(db):
    sender = visitor(1)
    send(by=sender)
    assert sender.get(SENT_URL).status_code == 200
    other = visitor(2).get(SENT_URL)
    assert other.status_code == 302
    assert other.url == CONTACT_URL


def test_it_keeps_the_form_pages_out_of_caches(client):
    assert "no-store" in client.get(CONTACT_URL)["Cache-Control"]

"""Whatever a client sends to Contact Support, it gets a page or a message, never a 5xx,
and nothing it wrote is lost: a request is stored as sent, or its text is shown back."""

import pytest
from django.core import mail
from django.test import Client, TestCase
from django.utils.html import escape
from hypothesis import HealthCheck, event, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from helpcenter.models import SupportRequest, Topic
from tests.conftest import logged_in
from tests.fuzzing import example_count
from tests.helpcenter.conftest import CONTACT_URL

pytestmark = pytest.mark.django_db

ANSWERS = {200, 302, 400, 429}  # the form again, sent, a bad request, or "try later"

form_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
# Past every limit too: a long text made of a short one repeated.
long_text = st.tuples(form_text, st.integers(1, 400)).map(lambda pair: pair[0] * pair[1])
hostile = st.one_of(form_text, long_text)
header_text = st.text(st.characters(max_codepoint=255), max_size=80)
# What a person may well send: any script, accents, emoji, line breaks, within the limits.
printable = st.characters(exclude_categories=["Cs", "Cc"]) | st.sampled_from("\n\r\t")
good = {
    "name": st.text(printable, min_size=1, max_size=100).filter(str.strip),
    "email": st.emails().map(str),
    "topic": st.sampled_from(Topic.values),
    "message": st.text(printable, min_size=10, max_size=5000).filter(
        lambda text: len(text.strip()) >= 10
    ),
}
# "mine" stands for the owner's own location, which the form offers them.
locations = st.one_of(st.none(), st.just("mine"), st.integers(-5, 10**20).map(str), form_text)


@st.composite
def requests(draw):
    """A request a person might send, with some of its fields (or none) made hostile."""
    broken = draw(st.sets(st.sampled_from(sorted(good)), max_size=len(good)))
    return {
        field: draw(hostile if field in broken else strategy) for field, strategy in good.items()
    }


no_database_reset = examples(
    max_examples=example_count(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def post(client, data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(CONTACT_URL, data)


@no_database_reset
@given(
    request=requests(),
    location=locations,
    website=st.sampled_from(["", "http://spam.example"]),
    remote_addr=st.one_of(st.just(""), st.ip_addresses().map(str), header_text),
    owner=st.booleans(),
)
def test_it_answers_any_request_without_losing_it(
    alice, site, request, location, website, remote_addr, owner
):
    client = logged_in(alice) if owner else Client()
    client.defaults["REMOTE_ADDR"] = remote_addr
    data = {**request, "website": website}
    if location is not None:
        data["location"] = site.pk if location == "mine" else location
    before = SupportRequest.objects.count()
    mail.outbox = []

    response = post(client, data)

    event(f"answered {response.status_code}")
    assert response.status_code in ANSWERS
    if response.status_code == 302:
        stored = SupportRequest.objects.latest("pk")
        assert SupportRequest.objects.count() == before + 1
        assert (stored.name, stored.email, stored.topic, stored.message) == (
            request["name"].strip(),
            request["email"].strip(),
            request["topic"],
            request["message"].strip(),
        )
        assert stored.requester == (alice if owner else None)
        assert stored.location == (site if owner and location == "mine" else None)
        assert [m.to for m in mail.outbox][0] == [stored.email]
    else:
        assert SupportRequest.objects.count() == before
        assert mail.outbox == []
        if response.status_code in (200, 429) and "\x00" not in request["message"]:
            assert escape(request["message"]) in response.text  # there to correct, not to retype


@no_database_reset
@given(
    body=st.binary(max_size=2000),
    content_type=st.sampled_from(
        ["application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "text/plain"]
    ),
)
def test_it_answers_any_request_body_without_a_server_error(db, body, content_type):
    client = Client(REMOTE_ADDR="10.1.0.1")
    response = client.generic("POST", CONTACT_URL, body, content_type=content_type)
    assert response.status_code in ANSWERS

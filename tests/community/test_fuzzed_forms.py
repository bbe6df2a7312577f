"""Whatever a driver or an owner posts to the check-in, review and answer forms, the answer is
a redirect or the form again saying what to fix: never a 5xx, never the text as HTML."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from community.models import Outcome
from tests.community.conftest import check_in_url
from tests.community.factories import CheckInFactory
from tests.conftest import HTMX
from tests.fuzzing import fuzzing, some, undone

pytestmark = pytest.mark.django_db

text = st.text(st.characters(exclude_categories=["Cs"]), max_size=600)


def assert_answered(response):
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code == 302 or "HX-Redirect" in response:
        return
    form = response.context["form"]
    if not form.is_bound:
        return
    shown = [message for messages in form.errors.values() for message in messages]
    assert shown, "a form shown again must say what to fix"
    assert any(escape(message) in response.text for message in shown), shown


def post(client, url, data, as_htmx):
    sent = {name: value for name, value in data.items() if value is not None}
    return client.post(url, sent, headers=HTMX if as_htmx else {})


@fuzzing
@given(
    data=st.fixed_dictionaries(
        {
            "port": some(st.one_of(st.sampled_from(["1", "0", "-1", "99999"]), text)),
            "outcome": some(st.one_of(st.sampled_from(Outcome.values), text)),
            "comment": some(text),
            "rating": some(st.one_of(st.sampled_from(["1", "5", "0", "6", "3.5"]), text)),
        }
    ),
    as_htmx=st.booleans(),
)
def test_check_in_answers_any_input(carol_client, site, port, data, as_htmx):
    with undone():
        response = post(carol_client, check_in_url(site), data, as_htmx)
        assert_answered(response)


@fuzzing
@given(
    data=st.fixed_dictionaries(
        {"rating": some(st.one_of(st.sampled_from(["1", "5", "0", "6"]), text)), "text": some(text)}
    ),
    as_htmx=st.booleans(),
)
def test_review_answers_any_input(carol_client, site, data, as_htmx):
    with undone():
        assert_answered(
            post(carol_client, reverse("community:review", args=[site.pk]), data, as_htmx)
        )


@fuzzing
@given(answer=some(text), as_htmx=st.booleans())
def test_answer_answers_any_input(alice_client, port, carol, answer, as_htmx):
    with undone():
        complaint = CheckInFactory(port=port, driver=carol, outcome=Outcome.COULD_NOT)
        response = post(alice_client, complaint.get_answer_url(), {"answer": answer}, as_htmx)
        assert_answered(response)

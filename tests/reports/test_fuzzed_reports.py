"""Whatever a client sends to the report form, it gets a page or a message, never a 5xx.

A bounded number of examples keeps the suite fast.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from reports.models import Problem
from tests.fuzzing import example_count
from tests.reports.conftest import report_url, send

pytestmark = pytest.mark.django_db

ANSWERS = {200, 302, 400, 429}  # the form again, thanks, a bad request, or "try later"

# What a browser, a script or a proxy may put in the fields and headers: any text a form
# can carry, and header values as servers hand them over (Latin-1, control characters too).
form_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=600)
header_text = st.text(st.characters(max_codepoint=255), max_size=80)
addresses = st.one_of(
    st.ip_addresses().map(str),
    header_text,
    st.lists(st.ip_addresses().map(str), min_size=1, max_size=4).map(", ".join),
)
problems = st.one_of(st.sampled_from(Problem.values), form_text)

no_database_reset = examples(
    max_examples=example_count(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@no_database_reset
@given(
    problem=problems,
    comment=form_text,
    website=st.sampled_from(["", "http://spam.example"]),
    remote_addr=st.one_of(st.just(""), st.ip_addresses().map(str), header_text),
    forwarded_for=st.one_of(st.none(), addresses),
    user_agent=st.one_of(st.none(), header_text),
    proxies=st.integers(min_value=0, max_value=3),
)
def test_it_answers_any_report_without_a_server_error(
    port, settings, problem, comment, website, remote_addr, forwarded_for, user_agent, proxies
):
    settings.TRUSTED_PROXY_COUNT = proxies
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    if user_agent is not None:
        headers["HTTP_USER_AGENT"] = user_agent
    response = send(port, problem, comment, by=Client(**headers), website=website)
    assert response.status_code in ANSWERS


@no_database_reset
@given(
    body=st.binary(max_size=2000),
    content_type=st.sampled_from(
        ["application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "text/plain"]
    ),
)
def test_it_answers_any_request_body_without_a_server_error(port, body, content_type):
    client = Client(REMOTE_ADDR="10.0.0.1")
    response = client.generic("POST", report_url(port), body, content_type=content_type)
    assert response.status_code in ANSWERS

"""Whatever a driver (or a script) puts in the search's query string, the page answers with
results or a message naming the field, never a 5xx; HTMX and plain alike."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ports.vocabulary import ConnectorType
from tests.fuzzing import example_count
from tests.search.pages import URL

pytestmark = pytest.mark.django_db

# Query-string values as a browser sends them: any text, numbers at and past their limits.
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=120)
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "1e400", "-0", "0x10", "١٢", "NaN", "9" * 400]),
    text,
)
params = st.fixed_dictionaries(
    {},
    optional={
        "q": text,
        "near": st.one_of(text, st.sampled_from(["12207", "Albany, NY", "albany new york"])),
        "lat": numbers,
        "lng": numbers,
        "radius": st.one_of(st.sampled_from(["5", "25", "100"]), numbers),
        "bbox": st.one_of(
            text, st.lists(numbers, min_size=4, max_size=4).map(",".join), st.just("")
        ),
        "connector": st.lists(st.one_of(st.sampled_from(ConnectorType.values), text), max_size=6),
        "min_kw": numbers,
        "available": st.sampled_from(["on", "", "off", "1"]),
        "free": st.sampled_from(["on", "", "x"]),
        "open_now": st.sampled_from(["on", "", "yes"]),
        "network": text,
        "state": st.one_of(st.sampled_from(["NY", "VT", "", "ZZ"]), text),
        "page": numbers,
        "sort": st.one_of(st.sampled_from(["", "community", "Community", "-community"]), text),
    },
)


@settings(
    max_examples=example_count(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=params, htmx=st.booleans())
def test_it_never_answers_a_search_with_a_server_error(chargers, query, htmx):
    client = Client(raise_request_exception=False)
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(URL, query, headers=headers)
    assert response.status_code == 200, (query, response.status_code)
    if b'class="errors"' in response.content:
        assert b"<p>" in response.content  # the message names the field and the fix

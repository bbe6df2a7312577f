"""Whatever an owner puts in ?days= and ?format=, the answer is the page or the CSV with a
message: never a 5xx."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from tests.fuzzing import example_count

pytestmark = pytest.mark.django_db

text = st.text(st.characters(exclude_categories=["Cs"]), max_size=100)


@examples(
    max_examples=example_count(60), suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    days=st.one_of(st.none(), text, st.integers(-(10**20), 10**20).map(str)),
    format=st.one_of(st.none(), text, st.just("csv")),
)
def test_it_never_fails_on_any_window(alice_client, site, days, format):
    query = {k: v for k, v in {"days": days, "format": format}.items() if v is not None}
    response = alice_client.get(reverse("analytics:site", args=[site.pk]), query)
    assert response.status_code == 200

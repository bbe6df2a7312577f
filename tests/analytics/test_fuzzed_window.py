"""Whatever ?days= and ?format= hold, the analytics page answers with the plan's window and
says which value it could not use, by name; never a server error."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import fuzzing, some

pytestmark = pytest.mark.django_db

text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
days = st.one_of(st.integers(min_value=-(10**12), max_value=10**12).map(str), text)
formats = st.one_of(st.sampled_from(["", "csv", "CSV", "pdf"]), text)


@fuzzing
@given(days=some(days), format=some(formats))
def test_any_query_is_answered(alice_client, site, days, format):
    query = {name: value for name, value in {"days": days, "format": format}.items() if value}
    response = alice_client.get(reverse("analytics:site", args=[site.pk]), query)
    assert response.status_code == 200
    if response["Content-Type"].startswith("text/csv"):
        assert response.content.startswith(b"date_utc,")
        return
    form = response.context["form"]
    for name in form.errors:
        assert f"{name.capitalize()}:" in response.text
    assert 1 <= response.context["days"] <= 7  # the Free plan shows at most 7 days

"""Anything after /p/ (typed off a scratched sticker, or hostile) is a port's page or a 404."""

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from labels.codes import ALPHABET
from tests.fuzzing import fuzzing

pytestmark = pytest.mark.django_db

codes = st.one_of(
    st.text(st.sampled_from(ALPHABET + ALPHABET.upper() + "01ilo-_/."), max_size=14),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=30),
)


@fuzzing
@given(code=codes)
def test_any_code_is_a_page_or_not_found(client, port, code):
    mine = port.printed_label.code
    response = client.get("/p/" + quote(code, safe=""))
    if code.lower() == mine:
        assert response.status_code == 200
    else:
        assert response.status_code in (404, 301)

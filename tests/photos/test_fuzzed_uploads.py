"""Whatever an owner's browser (or a script) sends to the photos page, it gets a page, a
redirect or a clear refusal, never a server error. A bounded number of examples keeps it fast."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from tests.fuzzing import example_count
from tests.photos.uploads import photo_file, url

pytestmark = pytest.mark.django_db

ANSWERS = {200, 302, 400, 404}
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
files = st.lists(
    st.one_of(
        st.builds(
            lambda name, body: SimpleUploadedFile(name or "x", body, "image/jpeg"),
            st.text(st.characters(categories=["L", "N"]), max_size=40),
            st.binary(max_size=300),
        ),
        st.just(None).map(lambda _: photo_file()),
    ),
    max_size=3,
)
fuzzed = examples(
    max_examples=example_count(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@fuzzed
@given(images=files, caption=text, shows=st.one_of(text, st.sampled_from(["port:1", "station:x"])))
def test_it_answers_any_upload_without_a_server_error(alice_client, site, images, caption, shows):
    data = {"images": images, "caption": caption, "shows": shows}
    assert alice_client.post(url(site), data).status_code in ANSWERS


@fuzzed
@given(photo=text, caption=text, shows=text)
def test_it_answers_any_change_without_a_server_error(alice_client, site, photo, caption, shows):
    data = {"photo": photo, "photo-1-caption": caption, "photo-1-shows": shows}
    assert alice_client.post(url(site), data).status_code in ANSWERS

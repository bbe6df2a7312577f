"""The location page shows recent check-ins and reviews, newest first, with their port, and
the community signal apart from live status; HTML and links stay plain text."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.models import Outcome
from tests.community.factories import CheckInFactory, ReviewFactory
from tests.factories import PortFactory
from tests.page_cache import served

pytestmark = pytest.mark.django_db


def section_of(response) -> str:
    text = response.text
    return text[text.index('id="community"') : text.index("</article>")]


def test_it_shows_check_ins_newest_first_with_their_port(client, site, station, port):
    other = PortFactory(station=station, label="Port 2")
    now = timezone.now()
    CheckInFactory(
        port=port, outcome=Outcome.CHARGED, comment="Older", created_at=now - timedelta(hours=2)
    )
    CheckInFactory(port=other, outcome=Outcome.COULD_NOT, comment="Newer", created_at=now)
    section = section_of(client.get(site.get_public_url()))
    assert section.index("Newer") < section.index("Older")
    assert "Couldn&#x27;t charge" in section
    assert "Port 2" in section and "Port 1" in section


def test_it_shows_the_signal_apart_from_live_status(client, site, port):
    for outcome in [Outcome.CHARGED] * 8 + [Outcome.COULD_NOT] * 2:
        CheckInFactory(port=port, outcome=outcome)
    section = section_of(client.get(site.get_public_url()))
    assert "8 of the last 10 drivers charged successfully" in section
    assert "(90 days;" in section


def test_it_shows_reviews_but_not_hidden_ones(client, site):
    ReviewFactory(site=site, text="Shown review", rating=5)
    ReviewFactory(site=site, text="Hidden review", hidden=True, hidden_reason="Spam")
    section = section_of(client.get(site.get_public_url()))
    assert "Shown review" in section
    assert "Hidden review" not in section


def test_it_never_renders_html_or_makes_links_clickable(client, site, port):
    CheckInFactory(port=port, comment="<script>alert(1)</script> see https://evil.example")
    ReviewFactory(site=site, text="<b>bold</b> www.spam.example")
    section = section_of(client.get(site.get_public_url()))
    assert "<script>alert(1)" not in section
    assert "&lt;script&gt;" in section
    assert "<b>bold</b>" not in section
    assert 'href="https://evil.example' not in section
    assert "www.spam.example" in section and 'href="http://www.spam.example' not in section


def test_a_new_check_in_shows_at_once_to_cached_visitors(client, site, port):
    client.get(site.get_public_url())
    assert served(client.get(site.get_public_url())) == "hit"
    CheckInFactory(port=port, comment="Just now")
    response = client.get(site.get_public_url())
    assert served(response) == "miss"
    assert "Just now" in response.text


def test_it_shows_the_owners_answer(client, site, port):
    check_in = CheckInFactory(port=port, outcome=Outcome.COULD_NOT)
    check_in.give_answer("Fixed on Monday.", what="check-in")
    assert "Fixed on Monday." in section_of(client.get(site.get_public_url()))


def test_it_takes_as_many_queries_for_many_as_for_one(
    client, site, station, port, django_assert_num_queries
):
    """N+1 guard: the section's queries do not grow with its check-ins and reviews."""
    CheckInFactory(port=port)
    ReviewFactory(site=site)
    url = site.get_public_url()
    client.get(url)  # warm what the rest of the page caches per process
    with CaptureQueriesContext(connection) as one:
        client.get(url, headers={"Cookie": "sessionid=x"})  # not a cached visitor
    for _ in range(8):
        CheckInFactory(port=PortFactory(station=station))
        ReviewFactory(site=site)
    with django_assert_num_queries(len(one)):
        response = client.get(url, headers={"Cookie": "sessionid=x"})
    assert response.text.count('class="check-in ') == 9

"""The owner's dashboard lists unanswered negative check-ins and reviews rated 2 or less
under Needs attention, each with a link to answer it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.models import Outcome
from tests.community.factories import CheckInFactory, ReviewFactory
from tests.factories import PortFactory, SiteFactory, StationFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("sites:dashboard")


def listed(response):
    text = response.text
    if 'id="community-attention-title"' not in text:
        return ""
    return text[text.index('id="community-attention-title"') : text.index("</section>")]


def test_it_lists_unanswered_negative_check_ins_and_low_reviews(alice_client, site, port):
    negatives = [
        CheckInFactory(port=port, outcome=o)
        for o in [Outcome.COULD_NOT, Outcome.WAITED, Outcome.SLOW]
    ]
    happy = CheckInFactory(port=port, outcome=Outcome.CHARGED)
    answered = CheckInFactory(port=port, outcome=Outcome.COULD_NOT)
    answered.give_answer("Done.", what="check-in")
    low = ReviewFactory(site=site, rating=2)
    high = ReviewFactory(site=site, rating=3)
    hidden = ReviewFactory(site=site, rating=1, hidden=True, hidden_reason="Abuse")
    section = listed(alice_client.get(DASHBOARD))
    for item in [*negatives, low]:
        assert item.get_answer_url() in section
    for item in [happy, answered, high, hidden]:
        assert item.get_answer_url() not in section


def test_it_no_longer_says_nothing_needs_attention_while_a_driver_waits(alice_client, port):
    assert "Nothing needs attention" in alice_client.get(DASHBOARD).text
    check_in = CheckInFactory(port=port, outcome=Outcome.COULD_NOT)
    assert "Nothing needs attention" not in alice_client.get(DASHBOARD).text
    check_in.give_answer("Fixed this morning.", what="check-in")
    assert "Nothing needs attention" in alice_client.get(DASHBOARD).text


def test_it_lists_only_the_owners_own(bob_client, port):
    CheckInFactory(port=port, outcome=Outcome.COULD_NOT)
    assert listed(bob_client.get(DASHBOARD)) == ""


def test_it_takes_as_many_queries_for_many_as_for_one(
    alice, alice_client, django_assert_num_queries
):
    """N+1 guard: the dashboard's queries do not grow with the items to answer."""
    site = SiteFactory(owner=alice)
    port = PortFactory(station=StationFactory(site=site))
    CheckInFactory(port=port, outcome=Outcome.COULD_NOT)
    ReviewFactory(site=site, rating=1)
    alice_client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as one:
        alice_client.get(DASHBOARD)
    for _ in range(5):
        CheckInFactory(port=PortFactory(station=port.station), outcome=Outcome.SLOW)
        ReviewFactory(site=site, rating=2)
    with django_assert_num_queries(len(one)):
        response = alice_client.get(DASHBOARD)
    assert listed(response).count("Answer<span") == 12

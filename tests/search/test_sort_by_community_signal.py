"""Drivers may sort the results by the community signal ("Drivers' success"): the greater
share of the last drivers who charged first, then the one more drivers vouch for, then
locations nobody checked in at; ties in the usual order. Near a place every location
within the radius is sorted, not only the nearest few. The signal ages out of its 90
days without a job: a listing with one is recomputed at least daily."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.models import CheckIn, Outcome
from ports.vocabulary import ConnectorType
from search.models import Listing, refresh_stale
from search.tally import COMMUNITY_RECHECK
from tests.community.factories import CheckInFactory
from tests.conftest import HTMX
from tests.factories import UserFactory
from tests.search.conftest import add_location, port
from tests.search.pages import URL, names, result, results_section, text

pytestmark = pytest.mark.django_db

COMMUNITY = {"sort": "community"}


def check_ins(site, charged, of, *, days_ago=0):
    """`of` drivers checked in at the location, `charged` of them charged."""
    first_port = site.stations.first().ports.first()
    moment = timezone.now() - timedelta(days=days_ago)
    for n in range(of):
        outcome = Outcome.CHARGED if n < charged else Outcome.COULD_NOT
        CheckInFactory(port=first_port, outcome=outcome, created_at=moment)


def listing(site) -> Listing:
    return Listing.objects.get(site=site)


@pytest.fixture
def signalled(chargers):
    """Four locations with a signal: 3 of 3, 8 of 10, 4 of 5 (a tie on share), 2 of 3."""
    check_ins(chargers["Troy Music Hall"], 3, 3)
    check_ins(chargers["Proctors Schenectady"], 8, 10)
    check_ins(chargers["Hampton Inn Albany"], 4, 5)
    check_ins(chargers["Latham Farms"], 2, 3)
    return chargers


BY_SUCCESS = ["Troy Music Hall", "Proctors Schenectady", "Hampton Inn Albany", "Latham Farms"]


def test_it_puts_the_greatest_share_of_drivers_who_charged_first(client, signalled):
    usual = names(client.get(URL))
    found = names(client.get(URL, COMMUNITY))
    assert found[:4] == BY_SUCCESS  # 8 of 10 before 4 of 5: more drivers vouch for it
    # Those without a signal after, in the usual order (most available first).
    assert found[4:] == [name for name in usual if name not in BY_SUCCESS]


def test_it_keeps_the_usual_order_without_the_sort(client, signalled):
    assert names(client.get(URL))[:4] == [
        "Albany Capitol Garage",
        "Hampton Inn Albany",
        "Latham Farms",
        "Troy Music Hall",
    ]
    assert names(client.get(URL, {"sort": ""})) == names(client.get(URL))


def test_it_breaks_a_full_tie_in_the_usual_order(client, chargers):
    # 1 of 1 at both: most available first (the garage has two ports available).
    check_ins(chargers["Troy Music Hall"], 1, 1)
    check_ins(chargers["Albany Capitol Garage"], 1, 1)
    assert names(client.get(URL, COMMUNITY))[:2] == ["Albany Capitol Garage", "Troy Music Hall"]
    # Near Troy Music Hall: the nearest of the two first.
    near_troy = {**COMMUNITY, "lat": "42.7310", "lng": "-73.6880", "radius": 50}
    assert names(client.get(URL, near_troy))[:2] == ["Troy Music Hall", "Albany Capitol Garage"]


def test_it_puts_none_of_two_before_no_signal_at_all(client, chargers):
    check_ins(chargers["Bennington Station"], 0, 2)
    found = names(client.get(URL, COMMUNITY))
    assert found[0] == "Bennington Station"
    assert "0 of 2 drivers charged" in text(result(client.get(URL, COMMUNITY), found[0]))


def test_it_sorts_by_words_relevance_among_equals(client, chargers):
    check_ins(chargers["Latham Farms"], 1, 1)
    # "troy": Latham Farms is on Troy Schenectady Road, but its drivers charged.
    assert names(client.get(URL, {**COMMUNITY, "q": "troy"})) == [
        "Latham Farms",
        "Troy Music Hall",
        "Troy Riverfront Garage",
    ]


def test_it_sorts_near_a_place_by_success_then_distance(client, signalled):
    response = client.get(URL, {**COMMUNITY, "near": "12207", "radius": 50})
    assert names(response) == [
        *BY_SUCCESS,
        "Albany Capitol Garage",  # 0.0 mi
        "Pine Hills Library",  # 1.7
        "Troy Riverfront Garage",  # 6.2
        "Bennington Station",  # 32.4
    ]
    assert "within 50 miles, drivers' success first, then nearest." in text(response.text)


def test_it_sorts_everything_within_the_radius_not_only_the_nearest(client, chargers):
    # 25 nearer locations: nearest first stops at the nearest 21; this sort must not.
    for n in range(25):
        add_location(f"Albany Charger {n:02}", ports=[port(ConnectorType.J1772, "7.2")])
    check_ins(chargers["Bennington Station"], 1, 1)  # 32.4 mi: the farthest within 50
    near = {"near": "12207", "radius": 50}
    assert "Bennington Station" not in names(client.get(URL, near))
    assert names(client.get(URL, {**near, **COMMUNITY}))[0] == "Bennington Station"
    last = names(client.get(URL, {**near, **COMMUNITY, "page": 2}))
    assert len(last) == 13 and "Bennington Station" not in last


def test_it_shows_the_signal_in_the_result_line(client, signalled):
    response = client.get(URL, {"q": "proctors"})
    assert "8 of 10 drivers charged" in text(result(response, "Proctors Schenectady"))
    assert "drivers charged" not in text(result(client.get(URL), "Pine Hills Library"))


def test_it_says_one_driver_in_the_singular(client, chargers):
    check_ins(chargers["Troy Music Hall"], 1, 1)
    assert "1 of 1 driver charged" in text(result(client.get(URL), "Troy Music Hall"))


def test_it_offers_the_sort_in_the_form_and_keeps_the_choice(client, chargers):
    page = client.get(URL)
    assert '<select name="sort" id="id_sort">' in page.text
    assert '<option value="" selected>Best match</option>' in page.text
    assert '<option value="community">Drivers&#x27; success</option>' in page.text
    chosen = client.get(URL, COMMUNITY)
    assert '<option value="community" selected>Drivers&#x27; success</option>' in chosen.text
    assert "Drivers' success: the share of the last 10 drivers" in text(results_section(chosen))


def test_it_answers_htmx_with_the_results_sorted(client, signalled):
    plain = client.get(URL, COMMUNITY)
    htmx = client.get(URL, COMMUNITY, headers=HTMX)
    assert "<html" not in htmx.text and "<form" not in htmx.text
    assert names(htmx) == names(plain)
    assert names(htmx)[:4] == BY_SUCCESS
    assert "8 of 10 drivers charged" in text(result(htmx, "Proctors Schenectady"))


def test_it_keeps_the_sort_in_the_page_links(client, chargers):
    for n in range(25):
        add_location(f"Albany Charger {n:02}", ports=[port(ConnectorType.J1772, "7.2")])
    section = results_section(client.get(URL, COMMUNITY))
    assert '<a href="?sort=community&amp;page=2"' in section


@pytest.mark.parametrize("sort", ["best", "Community", "-community", "<b>x</b>", "community "])
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_it_names_the_field_for_a_bad_sort(client, chargers, sort, headers):
    response = client.get(URL, {"sort": sort}, headers=headers)
    assert response.status_code == 200
    section = text(results_section(response))
    assert "Sort by: Choose “Best match” or “Drivers' success” to sort the results." in section
    assert names(response) == []
    assert "<b>x</b>" not in response.text


def test_it_marks_the_listing_stale_when_a_driver_checks_in(chargers):
    site = chargers["Troy Music Hall"]
    assert listing(site).stale_after is None
    before = timezone.now()
    CheckIn.objects.record(
        driver=UserFactory(), site=site, port=site.stations.get().ports.get(), outcome="charged"
    )
    assert before <= listing(site).stale_after <= timezone.now()
    assert listing(site).community_of == 0  # not yet: the next search recomputes it
    refresh_stale()
    assert (listing(site).community_charged, listing(site).community_of) == (1, 1)


def test_it_marks_the_listing_stale_when_a_check_in_is_deleted(chargers):
    site = chargers["Troy Music Hall"]
    check_ins(site, 1, 2)
    refresh_stale()
    assert (listing(site).community_charged, listing(site).community_of) == (1, 2)
    CheckIn.objects.filter(site=site, outcome=Outcome.COULD_NOT).get().delete()
    assert listing(site).stale_after <= timezone.now()
    refresh_stale()
    assert (listing(site).community_charged, listing(site).community_of) == (1, 1)


def test_it_leaves_a_listing_already_due_alone(chargers):
    site = chargers["Troy Music Hall"]
    due = timezone.now() - timedelta(minutes=5)
    Listing.objects.filter(site=site).update(stale_after=due)
    check_ins(site, 1, 1)
    assert listing(site).stale_after == due


def test_it_shows_a_new_check_in_at_the_next_search(client, chargers):
    site = chargers["Troy Music Hall"]
    assert "drivers charged" not in text(result(client.get(URL), "Troy Music Hall"))
    check_ins(site, 2, 2)  # the page for this search is cached: it must not be served again
    assert "2 of 2 drivers charged" in text(result(client.get(URL), "Troy Music Hall"))


def test_it_recomputes_a_listing_with_a_signal_within_a_day(chargers):
    garage, troy = chargers["Albany Capitol Garage"], chargers["Troy Music Hall"]
    check_ins(troy, 1, 1)
    refresh_stale()
    now = timezone.now()
    assert now < listing(troy).stale_after <= now + COMMUNITY_RECHECK
    assert listing(garage).stale_after is None  # no signal, nothing live: never due


def test_it_forgets_check_ins_past_90_days_without_a_job(client, chargers, monkeypatch):
    site = chargers["Troy Music Hall"]
    check_ins(site, 1, 1, days_ago=89.5)
    shown = "1 of 1 driver charged"
    assert shown in text(result(client.get(URL), "Troy Music Hall"))
    assert names(client.get(URL, COMMUNITY))[0] == "Troy Music Hall"
    later = timezone.now() + COMMUNITY_RECHECK + timedelta(minutes=1)  # 90.5 days on
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert shown not in text(result(client.get(URL), "Troy Music Hall"))
    assert names(client.get(URL, COMMUNITY)) == names(client.get(URL))
    assert (listing(site).community_charged, listing(site).community_of) == (None, 0)
    assert listing(site).stale_after is None  # nothing left to age out


def test_it_counts_the_signal_of_many_locations_in_one_more_query(chargers):
    """N+1 guard: Listing.refresh reads every location's check-ins in one query."""
    sites = list(chargers.values())
    for site in sites[:3]:
        check_ins(site, 1, 2)
    with CaptureQueriesContext(connection) as few:
        Listing.refresh([site.pk for site in sites[:3]])
    for site in sites[3:]:
        check_ins(site, 1, 1)
    with CaptureQueriesContext(connection) as many:
        Listing.refresh([site.pk for site in sites])
    assert len(many) == len(few)
    assert sum("community_checkin" in query["sql"] for query in many) == 1


def queries_for(client, params) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("params", "count"),
    [({}, 4), ({"q": "albany"}, 4), ({"near": "12207", "connector": "ccs"}, 5)],
    ids=["everything", "words", "near"],
)
def test_it_runs_as_many_queries_with_or_without_the_sort(client, signalled, params, count):
    """N+1 guard: the networks and states, the place (when asked), the stale listings and the
    page, as before the signal; nothing per result, whatever the sort."""
    refresh_stale()  # the check-ins' listings are fresh, as most are at any search
    assert queries_for(client, params) == count
    assert queries_for(client, {**params, **COMMUNITY}) == count


def test_it_rejects_a_signal_that_does_not_add_up(chargers):
    row = listing(chargers["Troy Music Hall"])
    for charged, of in [(3, 2), (None, 2), (0, 0)]:
        row.community_charged, row.community_of = charged, of
        with pytest.raises(ValidationError, match="give both"):
            row.clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            row.save()

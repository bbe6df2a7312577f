"""The dashboard lists the owner's locations with imported data to review or NREL suggestions."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.plans import Plan
from sites.models import Origin, Suggestion, SuggestionStatus
from tests.factories import PortFactory, SiteFactory, StationFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db

URL = reverse("sites:dashboard")
SECTION = "Review imported data"


def review_section(response) -> str:
    found = re.search(r'<section aria-labelledby="review-title">.*?</section>', response.text, re.S)
    assert found, "no review section on the dashboard"
    return found.group()


def suggest(site, field="pricing", status=SuggestionStatus.PENDING):
    return Suggestion.objects.create(
        site=site,
        field=field,
        message=f"NREL lists another {field}.",
        value="Free",
        status=status,
    )


def test_it_lists_a_location_with_imported_ports_to_review(
    alice_client, imported_site, imported_ports
):
    response = alice_client.get(URL)
    assert response.status_code == 200
    section = review_section(response)
    assert SECTION in section
    assert f'href="{reverse("sites:detail", args=[imported_site.pk])}">Highway Rest Area</a>' in (
        section
    )
    assert "2 imported ports to review" in text(section)
    assert "suggestion" not in text(section)


def test_it_lists_a_location_with_pending_suggestions(alice_client, imported_site):
    suggest(imported_site, "pricing")
    suggest(imported_site, "hours_note")
    section = text(review_section(alice_client.get(URL)))
    assert "Highway Rest Area 2 suggestions from NREL" in section
    assert "to review" not in section


def test_it_counts_ports_and_suggestions_together(alice_client, imported_site, imported_ports):
    suggest(imported_site)
    section = text(review_section(alice_client.get(URL)))
    assert "2 imported ports to review 1 suggestion from NREL" in section


def test_it_counts_across_stations(alice_client, imported_site, imported_ports):
    PortFactory(station=StationFactory(site=imported_site), needs_review=True)
    assert "3 imported ports to review" in text(review_section(alice_client.get(URL)))


def test_it_leaves_out_reviewed_locations_and_resolved_suggestions(alice_client, alice):
    alice.plan = Plan.PREMIUM
    alice.save()
    reviewed = SiteFactory(owner=alice, origin=Origin.NREL, source_id="1", name="Reviewed Lot")
    PortFactory(station__site=reviewed, needs_review=False)
    suggest(reviewed, "pricing", SuggestionStatus.ACCEPTED)
    suggest(reviewed, "hours_note", SuggestionStatus.DISMISSED)
    to_review = SiteFactory(owner=alice, origin=Origin.NREL, source_id="2", name="Depot Lot")
    PortFactory(station__site=to_review, needs_review=True)
    response = alice_client.get(URL)
    assert list(response.context["to_review"]) == [to_review]
    assert "Reviewed Lot" not in review_section(response)


def test_it_shows_no_section_when_nothing_needs_review(alice_client, port):
    response = alice_client.get(URL)
    assert SECTION not in response.text
    assert list(response.context["to_review"]) == []


def test_it_leaves_out_other_owners_locations(bob_client, imported_site, imported_ports):
    suggest(imported_site)
    response = bob_client.get(URL)
    assert SECTION not in response.text
    assert "Highway Rest Area" not in response.text


def test_it_leaves_out_unclaimed_imported_locations(alice_client):
    unclaimed = SiteFactory(owner=None, origin=Origin.NREL, source_id="123")
    PortFactory(station__site=unclaimed, needs_review=True)
    suggest(unclaimed)
    assert SECTION not in alice_client.get(URL).text


def test_it_drops_the_location_once_its_ports_are_confirmed(
    alice_client, imported_station, imported_ports
):
    alice_client.post(reverse("stations:confirm", args=[imported_station.pk]))
    assert SECTION not in alice_client.get(URL).text


def test_it_runs_a_fixed_number_of_queries(alice_client, alice):
    """N+1 guard: the counts come with the locations, whatever their number."""
    alice.plan = Plan.PREMIUM_MULTI
    alice.save()
    first = SiteFactory(owner=alice, origin=Origin.NREL, source_id="1")
    PortFactory(station__site=first, needs_review=True)
    with CaptureQueriesContext(connection) as one_site:
        alice_client.get(URL)
    for n in range(2, 5):
        site = SiteFactory(owner=alice, origin=Origin.NREL, source_id=str(n))
        PortFactory.create_batch(3, station__site=site, needs_review=True)
        suggest(site)
    with CaptureQueriesContext(connection) as four_sites:
        response = alice_client.get(URL)
    assert len(response.context["to_review"]) == 4
    assert len(four_sites) == len(one_site)

"""The dashboard reads naturally: one period after a name ending in one, "just now", pills
with words (no emoji), what needs attention first, and how many locations are not in search."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.plans import Plan
from ports.vocabulary import PortStatus
from reports.models import Problem, Report
from tests.claims.factories import ClaimFactory
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db

URL = reverse("sites:dashboard")


def logged_in_as(client, user):
    client.force_login(user)
    return client


def test_it_greets_a_name_ending_in_a_period_with_one_period(client):
    owner = UserFactory(display_name="Demo Charging Co.")
    page = text(logged_in_as(client, owner).get(URL).text)
    assert "Hello Demo Charging Co. You manage 0 of 1 location" in page
    assert "Co.." not in page


def test_it_dates_a_fresh_report_just_now(alice_client, port):
    Report.objects.create(
        port=port, problem=Problem.NOT_WORKING, client="x", created_at=timezone.now()
    )
    page = text(alice_client.get(URL).text)
    assert "Not working just now" in page
    assert "0 minutes" not in page


def test_it_shows_status_as_pills_with_words_not_emoji(alice_client, station):
    PortFactory(station=station, status=PortStatus.OUT_OF_SERVICE)
    response = alice_client.get(URL)
    assert 'class="pill pill--warn"' in response.text
    assert "Out of Service" in text(response.text)
    for emoji in ["✅", "🔧", "🚫"]:
        assert emoji not in response.text


def test_it_puts_needs_attention_first(alice_client, alice, station):
    PortFactory(station=station, status=PortStatus.OUT_OF_SERVICE)
    StationFactory(site=station.site, is_published=False)
    ClaimFactory(claimant=alice)
    page = alice_client.get(URL).text
    assert page.index("Needs attention") < page.index("Drivers won") < page.index("Your claims")


def test_it_counts_the_locations_not_in_search_and_links_to_each(alice_client, alice, port):
    alice.plan = Plan.PREMIUM
    alice.save()
    empty = SiteFactory(owner=alice, name="Depot Lot")
    other = SiteFactory(owner=alice, name="Harbor Garage")
    response = alice_client.get(URL)
    assert "2 of your locations are not in search" in text(response.text)
    for site in [empty, other]:
        assert f'href="{site.get_absolute_url()}#visibility"' in response.text
    assert f'href="{port.station.site.get_absolute_url()}#visibility"' not in response.text


def test_it_says_your_location_when_it_is_the_only_one(alice_client, site):
    assert "Your location is not in search" in text(alice_client.get(URL).text)


def test_it_links_to_the_help_center(alice_client, site):
    response = alice_client.get(URL)
    for name in ["help:index", "help:optimizing", "help:subscription_limits"]:
        assert f'href="{reverse(name)}"' in response.text


def test_claim_status_is_a_pill_with_words(alice_client, alice):
    ClaimFactory(claimant=alice)
    response = alice_client.get(URL)
    assert '<span class="pill pill--info">' in response.text
    assert "Pending review" in text(response.text)

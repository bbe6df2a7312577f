"""The owner follows their claims on the dashboard: each one's status and support's note."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import ClaimStatus
from tests.claims.documents import claim_data
from tests.claims.factories import ClaimFactory
from tests.factories import SiteFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db

URL = reverse("sites:dashboard")
WAITING = "Waiting: Your Free plan allows 1 location. Upgrade to Premium for 3 locations."


def main(response) -> str:
    """What the page shows in its body, not in the browser tab's title."""
    found = re.search(r"<main\b.*</main>", response.text, re.DOTALL)
    assert found, "no <main> in the page"
    return text(found.group())


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.text, re.DOTALL).group(1).strip()


@pytest.fixture
def claims(alice):
    return [
        ClaimFactory(claimant=alice, site__name="Highway Rest Area"),
        ClaimFactory(
            claimant=alice,
            site__name="Harbor Garage",
            status=ClaimStatus.REJECTED,
            review_note="The bill is for another address.",
        ),
        ClaimFactory(claimant=alice, site__name="Depot Lot", review_note=WAITING),
        ClaimFactory(claimant=alice, site__name="Mill Yard", status=ClaimStatus.APPROVED),
    ]


def test_it_lists_each_claim_with_its_status_and_note(alice_client, claims):
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert list(response.context["claims"]) == claims[::-1]  # newest first
    page = text(response.text)
    assert "Highway Rest Area" in page
    assert "Harbor Garage" in page
    assert "Rejected The bill is for another address." in page
    assert f"Pending review {WAITING}" in page
    assert "Approved" in page
    for claim in claims:
        assert f'href="{reverse("sites:public", args=[claim.site.pk])}"' in response.text


def test_it_shows_the_claims_in_the_page_not_in_its_title(alice_client, claims):
    response = alice_client.get(URL)
    assert title(response) == "Dashboard · ChargeSites"
    body = main(response)
    assert "Your claims" in body
    assert "Rejected The bill is for another address." in body


def test_it_shows_a_claim_filed_from_the_form(alice_client, unclaimed):
    response = alice_client.post(
        reverse("claims:claim", args=[unclaimed.pk]), claim_data(), follow=True
    )
    assert response.request["PATH_INFO"] == URL
    assert "Highway Rest Area" in text(response.text)
    assert "Pending review" in text(response.text)


def test_it_shows_no_claims_section_without_claims(alice_client, site):
    response = alice_client.get(URL)
    assert "Your claims" not in response.text


def test_it_shows_only_the_owners_own_claims(alice_client, bob):
    ClaimFactory(claimant=bob, site__name="Bob's Lot")
    response = alice_client.get(URL)
    assert list(response.context["claims"]) == []
    assert "Bob&#x27;s Lot" not in response.text


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_runs_a_fixed_number_of_queries(alice_client, alice):
    """N+1 guard: each claim's location comes with the claim."""
    ClaimFactory(claimant=alice)
    with CaptureQueriesContext(connection) as one_claim:
        alice_client.get(URL)
    ClaimFactory.create_batch(9, claimant=alice)
    with CaptureQueriesContext(connection) as ten_claims:
        response = alice_client.get(URL)
    assert len(response.context["claims"]) == 10
    assert len(ten_claims) == len(one_claim)


def test_it_shows_a_waiting_claim_next_to_the_location_already_held(alice_client, alice):
    SiteFactory(owner=alice, name="Maple Street Market")
    ClaimFactory(claimant=alice, review_note=WAITING)
    assert WAITING in text(alice_client.get(URL).text)

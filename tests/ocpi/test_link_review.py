"""Support staff review an owner's request to link a network's location, as they review claims.

Approval moves the network's stations onto the owner's location; nothing moves before, claims
for the network's own location are decided first, and nobody else's claim or proof is lost.
"""

import pytest
from django.urls import reverse

from accounts.plans import Plan
from claims.models import Claim, ClaimStatus
from ocpi.models import LinkRequest, LinkStatus, OcpiLocation
from sites.access import Access
from sites.models import Site
from tests.claims.factories import ClaimFactory
from tests.factories import SiteFactory, StationFactory
from tests.ocpi.network import ago, evse, location
from tests.photos.factories import PhotoFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db

APPROVE = {"decision": "approve", "review_note": ""}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def pushed(network):
    at = ago(minutes=5)
    network.put(location(last_updated=at, evses=[evse("1", last_updated=at)]), "ALB1")
    return OcpiLocation.objects.get(location_id="ALB1")


@pytest.fixture
def asked(alice, site, network):
    return LinkRequest.objects.ask(site=site, partner=network.partner, location_id="ALB1", by=alice)


def change_url(link):
    return reverse("admin:ocpi_linkrequest_change", args=[link.pk])


def review(client, link, **data):
    return client.post(change_url(link), {**APPROVE, **data}, follow=True)


def said(response) -> str:
    """The messages the admin shows after a decision."""
    return " ".join(str(message) for message in response.context["messages"])


def test_it_moves_the_networks_stations_on_approval(support_client, support, site, pushed, asked):
    placeholder = pushed.site
    response = review(support_client, asked)
    assert "Capital Power now reports live status on Maple Street Market." in said(response)
    pushed.refresh_from_db()
    asked.refresh_from_db()
    assert pushed.site == site
    assert site.stations.filter(name="EVSE US*CPT*E1").exists()
    assert (asked.status, asked.reviewed_by) == (LinkStatus.APPROVED, support)
    assert not Site.objects.filter(pk=placeholder.pk).exists()  # nothing of anyone's on it


def test_it_keeps_the_request_waiting_while_claims_for_the_placeholder_are_pending(
    support_client, bob, site, pushed, asked
):
    placeholder = pushed.site
    claim = ClaimFactory(site=placeholder, claimant=bob)
    response = review(support_client, asked)
    waiting = "Waiting: 1 claim for the network's own location “Riverfront Garage” is pending"
    assert waiting in said(response)
    asked.refresh_from_db()
    pushed.refresh_from_db()
    claim.refresh_from_db()
    assert asked.status == LinkStatus.PENDING
    assert asked.review_note.startswith(waiting)
    assert pushed.site == placeholder
    assert claim.status == ClaimStatus.PENDING
    assert claim.proof.storage.exists(claim.proof.name)


def test_it_keeps_decided_claims_and_their_proof_once_linked(
    support_client, support, bob, site, pushed, asked
):
    placeholder = pushed.site
    claim = ClaimFactory(site=placeholder, claimant=bob)
    claim.reject(support, "The deed is for another address.")
    review(support_client, asked)
    pushed.refresh_from_db()
    assert pushed.site == site
    placeholder.refresh_from_db()  # kept, with the claim and its document
    assert placeholder.access == Access.PRIVATE  # an empty duplicate: hidden from drivers
    assert Claim.objects.get().site == placeholder
    assert claim.proof.storage.exists(claim.proof.name)


def test_it_moves_photos_of_the_networks_stations_along(support_client, site, pushed, asked):
    station = pushed.site.stations.get()
    photo = PhotoFactory(site=pushed.site, station=station, uploaded_by=None)
    review(support_client, asked)
    photo.refresh_from_db()
    assert (photo.site, photo.station) == (site, station)


def test_it_leaves_everything_as_it_was_on_rejection(support_client, site, pushed, asked):
    placeholder = pushed.site
    stations = list(placeholder.stations.values_list("pk", flat=True))
    review(support_client, asked, decision="reject", review_note="Not the same address.")
    asked.refresh_from_db()
    pushed.refresh_from_db()
    assert (asked.status, asked.review_note) == (LinkStatus.REJECTED, "Not the same address.")
    assert pushed.site == placeholder
    assert list(placeholder.stations.values_list("pk", flat=True)) == stations
    assert not site.stations.exists()


def test_it_asks_why_a_request_is_rejected(support_client, asked):
    response = review(support_client, asked, decision="reject")
    assert "Tell the owner why the request is rejected." in response.text
    asked.refresh_from_db()
    assert asked.status == LinkStatus.PENDING


def test_it_waits_for_a_location_the_network_has_not_sent(support_client, site, network, asked):
    response = review(support_client, asked)
    assert "Capital Power has not sent us a location “ALB1” yet" in said(response)
    asked.refresh_from_db()
    assert asked.status == LinkStatus.PENDING


def test_it_waits_while_the_owners_plan_is_full(support_client, site, pushed, asked):
    StationFactory.create_batch(3, site=site)  # Free: 3 stations per location
    review(support_client, asked)
    asked.refresh_from_db()
    pushed.refresh_from_db()
    assert asked.review_note == (
        "Waiting: Your Free plan allows 3 stations per location. "
        "Upgrade to Premium for 10 stations per location."
    )
    assert pushed.site != site


def test_it_rejects_a_request_for_a_location_someone_else_has(
    support_client, bob, site, network, pushed, asked
):
    bob.plan = Plan.PREMIUM
    bob.save()
    OcpiLocation.objects.filter(pk=pushed.pk).update(site=SiteFactory(owner=bob))
    review(support_client, asked)
    asked.refresh_from_db()
    assert (asked.status, asked.review_note) == (
        LinkStatus.REJECTED,
        "That network location is linked to another location already.",
    )


def test_it_rejects_the_other_requests_for_the_same_location(
    support_client, bob, site, network, pushed, asked
):
    rival = LinkRequest.objects.ask(
        site=SiteFactory(owner=bob), partner=network.partner, location_id="ALB1", by=bob
    )
    review(support_client, asked)
    rival.refresh_from_db()
    assert (rival.status, rival.review_note) == (
        LinkStatus.REJECTED,
        "The network's location was linked to another location.",
    )


def test_it_approves_the_selected_requests_from_the_list(support_client, site, pushed, asked):
    support_client.post(
        reverse("admin:ocpi_linkrequest_changelist"),
        {"action": "approve_selected", "_selected_action": [asked.pk]},
    )
    pushed.refresh_from_db()
    assert pushed.site == site


def test_it_shows_support_what_the_network_sent(support_client, asked, pushed):
    page = text(support_client.get(change_url(asked)).text)
    assert "“Riverfront Garage”, 20 Eagle Street" in page
    assert "1 station(s) · 0 pending claim(s)" in page


def test_it_lets_only_staff_review(alice_client, asked):
    response = alice_client.get(change_url(asked))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))

"""A network's clock may run a little ahead of ours, never years: an update dated beyond
five minutes from now is refused, and a bad date already stored breaks no page."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ocpi.models import OcpiEvse, OcpiLocation
from ports.models import Port
from ports.vocabulary import LiveStatus
from search.models import Listing
from sites.models import Site
from tests.conftest import logged_in
from tests.ocpi.network import ago, connector, envelope, evse, location, row_counts, stamp

pytestmark = pytest.mark.django_db

FAR = "9999-12-31T23:59:59Z"


def ahead(**delta) -> str:
    return stamp(timezone.now() + timedelta(**delta))


@pytest.fixture
def pushed(network):
    at = ago(minutes=10)
    envelope(network.put(location(last_updated=at, evses=[evse("1", last_updated=at)]), "ALB1"))
    return network


def refused(response):
    body = envelope(response, status=400, code=2001)
    assert "future" in body["status_message"], body


@pytest.mark.parametrize("moment", [FAR, "2100-01-01T00:00:00Z"], ids=["year 9999", "in 2100"])
def test_it_refuses_a_put_dated_in_the_future(pushed, moment):
    before = row_counts()
    now = ago(seconds=0)
    refused(pushed.put(location("ALB2", last_updated=moment), "ALB2"))
    refused(pushed.put(location(last_updated=moment), "ALB1"))
    refused(pushed.put(location(last_updated=now, evses=[evse("1", last_updated=moment)]), "ALB1"))
    inner = evse("1", last_updated=now, connectors=[connector(last_updated=moment)])
    refused(pushed.put(location(last_updated=now, evses=[inner]), "ALB1"))
    refused(pushed.put(evse("1", last_updated=moment), "ALB1", "1"))
    refused(pushed.put(connector(last_updated=moment), "ALB1", "1", "1"))
    assert row_counts() == before


@pytest.mark.parametrize("moment", [FAR, "2100-01-01T00:00:00Z"], ids=["year 9999", "in 2100"])
def test_it_refuses_a_patch_dated_in_the_future(pushed, moment):
    before = row_counts()
    refused(pushed.patch({"name": "Later", "last_updated": moment}, "ALB1"))
    refused(pushed.patch({"status": "CHARGING", "last_updated": moment}, "ALB1", "1"))
    refused(pushed.patch({"max_voltage": 120, "last_updated": moment}, "ALB1", "1", "1"))
    assert row_counts() == before
    assert Port.objects.get().live_status == LiveStatus.AVAILABLE
    assert OcpiLocation.objects.get().last_updated < timezone.now()


def test_it_refuses_six_minutes_ahead(pushed):
    refused(pushed.patch({"status": "CHARGING", "last_updated": ahead(minutes=6)}, "ALB1", "1"))
    assert Port.objects.get().live_status == LiveStatus.AVAILABLE


def test_it_allows_a_clock_a_few_minutes_ahead(pushed):
    envelope(pushed.patch({"status": "CHARGING", "last_updated": ahead(minutes=4)}, "ALB1", "1"))
    assert Port.objects.get().live_status == LiveStatus.IN_USE


def test_it_refuses_a_date_before_1970(pushed):
    patch = {"status": "CHARGING", "last_updated": "1969-12-31T23:59:59Z"}
    envelope(pushed.patch(patch, "ALB1", "1"), status=400, code=2001)
    assert Port.objects.get().live_status == LiveStatus.AVAILABLE


def test_it_lets_a_real_update_past_a_future_date_stored_before_this_check(pushed):
    far = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
    OcpiLocation.objects.update(last_updated=far)
    OcpiEvse.objects.update(last_updated=far)
    envelope(pushed.patch({"status": "CHARGING", "last_updated": ago(seconds=5)}, "ALB1", "1"))
    assert Port.objects.get().live_status == LiveStatus.IN_USE
    assert OcpiEvse.objects.get().last_updated < timezone.now()
    envelope(pushed.patch({"name": "Renamed", "last_updated": ago(seconds=5)}, "ALB1"))
    assert Site.objects.get().name == "Renamed"


def test_it_serves_every_page_with_a_far_future_live_status_stored(client, pushed, alice):
    """A bad date already in the database (from before this check) breaks no page."""
    site = Site.objects.get()
    Site.objects.filter(pk=site.pk).update(owner=alice)
    far = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
    Port.objects.update(live_status=LiveStatus.IN_USE, live_status_at=far)
    Listing.objects.update(stale_after=timezone.now())  # as a new report leaves it
    assert client.get(reverse("search:locations")).status_code == 200
    assert client.get(reverse("search:locations"), {"available": "on"}).status_code == 200
    assert client.get(reverse("sites:public", args=[site.pk])).status_code == 200
    owner = logged_in(alice)
    assert owner.get(reverse("sites:detail", args=[site.pk])).status_code == 200
    site.refresh_from_db()
    site.name = "Renamed by Alice"
    site.save()  # an owner's edit recomputes the listing
    assert "renamed by alice" in Listing.objects.get(site=site).search_text
    envelope(pushed.get_ours(reverse("ocpi:our_locations")))

"""Updates apply in last_updated order: an older one never overwrites a newer one, the
same one twice changes nothing, and a PATCH must say when it was made."""

import pytest

from ocpi.models import OcpiEvse, OcpiLocation
from ports.models import Port, StatusChange
from ports.vocabulary import LiveStatus
from sites.models import Site
from tests.ocpi.network import ago, envelope, evse, location, row_counts

pytestmark = pytest.mark.django_db


def unchanged(response) -> bool:
    """The partner is told its update was not newer than what we hold."""
    return "unchanged" in envelope(response)["status_message"]


@pytest.fixture
def pushed(network):
    at = ago(minutes=10)
    envelope(network.put(location(last_updated=at, evses=[evse("1", last_updated=at)]), "ALB1"))
    return network


def live_status():
    return Port.objects.get().live_status


def test_it_applies_a_newer_status(pushed):
    response = pushed.patch({"status": "CHARGING", "last_updated": ago(minutes=1)}, "ALB1", "1")
    assert envelope(response)["status_message"] == "Success"
    assert live_status() == LiveStatus.IN_USE
    assert OcpiEvse.objects.get().status == "CHARGING"


def test_it_never_lets_an_older_patch_overwrite_a_newer_one(pushed):
    pushed.patch({"status": "CHARGING", "last_updated": ago(minutes=1)}, "ALB1", "1")
    changes = StatusChange.objects.count()
    late = {"status": "AVAILABLE", "last_updated": ago(minutes=2)}
    assert unchanged(pushed.patch(late, "ALB1", "1"))
    assert live_status() == LiveStatus.IN_USE
    assert OcpiEvse.objects.get().status == "CHARGING"
    assert StatusChange.objects.count() == changes


def test_it_never_lets_an_older_put_overwrite_a_newer_one(pushed):
    pushed.patch({"status": "CHARGING", "last_updated": ago(minutes=1)}, "ALB1", "1")
    at = ago(minutes=5)  # newer than the location, older than the EVSE's last status
    body = location(
        last_updated=at, name="Renamed", evses=[evse("1", "AVAILABLE", last_updated=at)]
    )
    envelope(pushed.put(body, "ALB1"))
    assert Site.objects.get().name == "Renamed"
    assert live_status() == LiveStatus.IN_USE
    stale = location(last_updated=ago(minutes=30), name="Stale name")
    assert unchanged(pushed.put(stale, "ALB1"))
    assert Site.objects.get().name == "Renamed"


def test_it_never_lets_an_older_location_patch_overwrite_a_newer_one(pushed):
    pushed.patch({"name": "Newer", "last_updated": ago(minutes=1)}, "ALB1")
    older = {"name": "Older", "last_updated": ago(minutes=2)}
    assert unchanged(pushed.patch(older, "ALB1"))
    assert Site.objects.get().name == "Newer"
    assert OcpiLocation.objects.get().data["name"] == "Newer"


def test_it_changes_nothing_when_the_same_put_comes_twice(network):
    at = ago(minutes=3)
    body = location(last_updated=at, evses=[evse("1", "CHARGING", last_updated=at)])
    envelope(network.put(body, "ALB1"))
    before = row_counts()
    assert unchanged(network.put(body, "ALB1"))
    assert row_counts() == before


def test_it_changes_nothing_when_the_same_patch_comes_twice(pushed):
    patch = {"status": "CHARGING", "last_updated": ago(minutes=1)}
    envelope(pushed.patch(patch, "ALB1", "1"))
    before = row_counts()
    assert unchanged(pushed.patch(patch, "ALB1", "1"))
    assert row_counts() == before
    assert StatusChange.objects.filter(kind=StatusChange.Kind.LIVE).count() == 2  # "" -> avail.


def test_it_records_no_change_for_a_newer_report_of_the_same_status(pushed):
    before = StatusChange.objects.count()
    envelope(pushed.patch({"status": "AVAILABLE", "last_updated": ago(minutes=1)}, "ALB1", "1"))
    assert StatusChange.objects.count() == before
    port = Port.objects.get()
    assert port.live_status_at > OcpiLocation.objects.get().last_updated  # but it is fresher


@pytest.mark.parametrize(
    "path", [("ALB1",), ("ALB1", "1"), ("ALB1", "1", "1")], ids=["location", "evse", "connector"]
)
def test_it_refuses_a_patch_without_last_updated(pushed, path):
    before = row_counts()
    response = pushed.patch({"status": "CHARGING", "name": "x"}, *path)
    body = envelope(response, status=400, code=2001)
    assert "last_updated" in body["status_message"]
    assert row_counts() == before
    assert live_status() == LiveStatus.AVAILABLE

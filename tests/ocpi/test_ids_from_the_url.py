"""Which object an update is about comes from the URL: a body naming another one is
refused, and a PATCH never rewrites the ids we keep."""

import pytest

from ocpi.models import OcpiConnector, OcpiEvse, OcpiLocation
from tests.ocpi.network import ago, connector, envelope, evse, location, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def pushed(network):
    at = ago(minutes=10)
    envelope(network.put(location(last_updated=at, evses=[evse("1", last_updated=at)]), "ALB1"))
    return network


def refused(response):
    return envelope(response, status=400, code=2001)


@pytest.mark.parametrize(
    "changes",
    [{"id": "ALB9"}, {"country_code": "BE"}, {"party_id": "BEC"}, {"id": 7}, {"party_id": None}],
    ids=["id", "country_code", "party_id", "id a number", "party_id null"],
)
def test_it_refuses_a_location_patch_naming_another_location(pushed, changes):
    before = row_counts()
    refused(pushed.patch({"name": "Moved", "last_updated": ago(minutes=1), **changes}, "ALB1"))
    assert row_counts() == before
    stored = envelope(pushed.get("ALB1"))["data"]
    assert (stored["id"], stored["country_code"], stored["party_id"]) == ("ALB1", "US", "CPT")
    assert stored["name"] == "Riverfront Garage"


def test_it_keeps_the_urls_ids_when_a_patch_repeats_them(pushed):
    patch = {"id": "ALB1", "country_code": "us", "party_id": "cpt", "name": "Renamed"}
    envelope(pushed.patch({**patch, "last_updated": ago(minutes=1)}, "ALB1"))
    data = OcpiLocation.objects.get().data
    assert (data["id"], data["country_code"], data["party_id"]) == ("ALB1", "US", "CPT")
    assert data["name"] == "Renamed"


def test_it_refuses_an_evse_patch_naming_another_evse(pushed):
    refused(
        pushed.patch(
            {"uid": "2", "status": "CHARGING", "last_updated": ago(minutes=1)}, "ALB1", "1"
        )
    )
    assert OcpiEvse.objects.get().data["uid"] == "1"
    assert envelope(pushed.get("ALB1", "1"))["data"]["status"] == "AVAILABLE"


def test_it_refuses_a_connector_patch_naming_another_connector(pushed):
    refused(
        pushed.patch(
            {"id": "2", "max_voltage": 120, "last_updated": ago(minutes=1)}, "ALB1", "1", "1"
        )
    )
    assert OcpiConnector.objects.get().data["id"] == "1"


@pytest.mark.parametrize(
    "changes",
    [{"country_code": "BE"}, {"party_id": "BEC"}],
    ids=["country_code", "party_id"],
)
def test_it_refuses_a_put_for_another_party_than_the_url(pushed, changes):
    before = row_counts()
    refused(pushed.put(location("ALB2", last_updated=ago(minutes=1), **changes), "ALB2"))
    refused(pushed.put(location(last_updated=ago(minutes=1), **changes), "ALB1"))
    assert row_counts() == before


def test_it_refuses_a_put_naming_another_object_than_the_url(pushed):
    before = row_counts()
    refused(pushed.put(location("ALB9", last_updated=ago(minutes=1)), "ALB2"))
    refused(pushed.put(evse("9", last_updated=ago(minutes=1)), "ALB1", "2"))
    refused(pushed.put(connector("9", last_updated=ago(minutes=1)), "ALB1", "1", "2"))
    assert row_counts() == before

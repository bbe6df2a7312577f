"""Private locations are not for the public: drivers' search never lists them."""

import pytest

from sites.access import Access, AccessDetail
from tests.factories import PortFactory, SiteFactory, StationFactory
from tests.search.pages import URL, names, result, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def depot(alice):
    site = SiteFactory(
        owner=alice,
        name="County Fleet Depot",
        access=Access.PRIVATE,
        access_detail=AccessDetail.GOVERNMENT,
    )
    PortFactory(station=StationFactory(site=site))
    return site


def test_it_never_lists_a_private_location(client, depot):
    assert names(client.get(URL, {"q": "depot"})) == []
    assert names(client.get(URL, {"near": "12207"})) == []
    assert names(client.get(URL)) == []


def test_it_lists_the_location_once_it_is_public_again(client, depot):
    depot.access = Access.PUBLIC
    depot.access_detail = ""
    depot.save()
    assert names(client.get(URL, {"q": "depot"})) == ["County Fleet Depot"]


def test_it_says_why_a_public_location_is_restricted(client, alice):
    site = SiteFactory(owner=alice, name="Harbor Garage", access_detail=AccessDetail.CALL)
    PortFactory(station=StationFactory(site=site))
    assert "Call ahead" in text(result(client.get(URL, {"q": "harbor"}), "Harbor Garage"))


def test_it_says_restricted_when_the_source_gives_no_reason(client, alice):
    site = SiteFactory(owner=alice, name="Harbor Garage", restricted=True)
    PortFactory(station=StationFactory(site=site))
    assert "Restricted access" in text(result(client.get(URL, {"q": "harbor"}), "Harbor Garage"))

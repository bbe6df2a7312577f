"""Why isn't my location in search? Each check of sites/visibility.py on its own, then the
location page that lists them and the verb that finds locations out of search."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ports.vocabulary import ConnectorType, PortStatus
from sites import visibility
from sites.access import Access
from sites.models import Site
from tests.factories import PortFactory, SiteFactory, StationFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db


def checks_of(site) -> dict:
    stations = list(visibility.with_counts(site.stations.all()))
    return {check.key: check for check in visibility.checks(site, stations)}


def listed_site(owner, **fields):
    site = SiteFactory(owner=owner, verified_at=timezone.now(), **fields)
    PortFactory(station__site=site)
    return site


def test_it_passes_a_listed_location(alice):
    checks = checks_of(listed_site(alice))
    assert {key: check.state for key, check in checks.items()} == dict.fromkeys(
        [
            "stations",
            "published",
            "ports",
            "working",
            "claimed",
            "public",
            "connectors",
            "verified",
        ],
        visibility.OK,
    )


def test_it_asks_for_a_station(site):
    check = checks_of(site)["stations"]
    assert (check.state, check.text, check.keeps_out) == (visibility.FAIL, "No stations yet", True)
    assert check.url == reverse("stations:add", args=[site.pk])
    # What depends on a station waits for one.
    assert checks_of(site)["ports"].state == visibility.WAIT


def test_it_names_draft_stations_and_links_to_publish_them(site):
    PortFactory(station__site=site, station__name="Bank A")
    draft = StationFactory(site=site, name="Bank B", is_published=False)
    check = checks_of(site)["published"]
    assert (check.state, check.text) == (visibility.FAIL, "Draft, hidden from drivers: “Bank B”")
    assert not check.keeps_out  # Bank A is still found
    assert check.url == reverse("stations:edit", args=[draft.pk])


def test_every_station_a_draft_keeps_the_location_out(site):
    StationFactory(site=site, name="Bank B", is_published=False)
    check = checks_of(site)["published"]
    assert (check.text, check.keeps_out) == ("Every station is a draft: “Bank B”", True)


def test_it_asks_for_ports_on_a_published_station(station):
    PortFactory(station=station, status=PortStatus.DECOMMISSIONED)
    check = checks_of(station.site)["ports"]
    assert (check.state, check.keeps_out) == (visibility.FAIL, True)
    assert check.url == reverse("ports:add", args=[station.pk])


def test_it_warns_when_every_port_is_out_of_service(station):
    PortFactory(station=station, status=PortStatus.OUT_OF_SERVICE)
    PortFactory(station=station, status=PortStatus.DECOMMISSIONED)
    check = checks_of(station.site)["working"]
    assert (check.state, check.text) == (visibility.FAIL, "Every port is Out of Service")
    assert check.url == f"{station.get_absolute_url()}#charging-ports"
    assert checks_of(station.site)["ports"].ok  # still listed, shown as broken


def test_it_says_the_owner_manages_it(site):
    assert checks_of(site)["claimed"].ok


def test_it_says_a_private_location_is_hidden(alice):
    site = listed_site(alice, access=Access.PRIVATE)
    check = checks_of(site)["public"]
    assert (check.state, check.keeps_out) == (visibility.FAIL, True)
    assert check.url == f"{reverse('sites:edit', args=[site.pk])}#access"


def test_it_asks_for_connector_types_other_than_other(alice):
    site = listed_site(alice)
    PortFactory(
        station=site.stations.get(), connector_type=ConnectorType.OTHER, notes="GB/T connector"
    )
    check = checks_of(site)["connectors"]
    assert (check.state, check.text) == (visibility.FAIL, "1 port with connector type “Other”")
    assert not check.keeps_out


def test_it_asks_to_confirm_data_not_verified_recently(alice):
    site = listed_site(alice)
    Site.objects.filter(pk=site.pk).update(verified_at=timezone.now() - timedelta(days=120))
    site.refresh_from_db()
    check = checks_of(site)["verified"]
    assert (check.state, check.text) == (visibility.FAIL, "Last confirmed 120 days ago")
    assert check.url == reverse("sites:verify", args=[site.pk])


def test_not_in_search_finds_what_drivers_cannot_find(alice):
    listed = listed_site(alice, name="Listed")
    empty = SiteFactory(owner=alice, name="Empty")
    private = listed_site(alice, name="Private", access=Access.PRIVATE)
    draft = SiteFactory(owner=alice, name="Draft")
    PortFactory(station__site=draft, station__is_published=False)
    hidden = set(visibility.not_in_search(Site.objects.filter(owner=alice)))
    assert hidden == {empty, private, draft}
    assert listed not in hidden


def test_the_location_page_lists_the_checks(alice_client, site):
    response = alice_client.get(reverse("sites:detail", args=[site.pk]))
    page = text(response.text)
    assert "Not in search Why isn't my location in search?" in page
    assert "Keeps it out No stations yet" in page
    assert 'id="check-stations"' in response.text
    assert "<details open>" in response.text


def test_the_location_page_says_when_it_is_in_search(alice_client, alice):
    site = listed_site(alice)
    response = alice_client.get(reverse("sites:detail", args=[site.pk]))
    assert "In search Drivers can find this location" in text(response.text)
    assert "<details>" in response.text  # nothing to fix: folded


def test_confirming_marks_the_location_verified(alice_client, site):
    response = alice_client.post(reverse("sites:verify", args=[site.pk]))
    assert response.status_code == 302
    assert response.url == f"{site.get_absolute_url()}#visibility"
    site.refresh_from_db()
    assert site.verified_at is not None


def test_confirming_refuses_a_stranger_and_a_get(bob_client, alice_client, site):
    assert bob_client.post(reverse("sites:verify", args=[site.pk])).status_code == 404
    assert alice_client.get(reverse("sites:verify", args=[site.pk])).status_code == 405

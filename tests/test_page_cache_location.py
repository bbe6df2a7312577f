"""A location's page comes from the cache for visitors, and never stale: any change to
what it shows changes its listing's version, so the next request renders it afresh."""

from datetime import time

import pytest
from django.utils import timezone

from ports.models import Port
from ports.vocabulary import LiveStatus, PortStatus
from search.models import Listing
from sites.models import OpeningHours
from tests.page_cache import served

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(port):
    return f"/locations/{port.station.site_id}/"


def test_it_serves_a_visitor_the_page_from_the_cache(client, page):
    first = client.get(page)
    again = client.get(page)
    assert (served(first), served(again)) == ("miss", "hit")
    assert "Maple Street Market" in again.text


def test_an_edit_to_a_port_shows_at_once(client, page, port):
    client.get(page)
    port.notes = "Bring your own cable"
    port.save()
    response = client.get(page)
    assert served(response) == "miss"
    assert "Bring your own cable" in response.text


def test_out_of_service_shows_at_once(client, page, port):
    assert "Out of Service" not in client.get(page).text
    port.status = PortStatus.OUT_OF_SERVICE
    port.save()
    assert "Out of Service" in client.get(page).text


def set_live(port, status):
    """As a network's status PATCH writes it (ocpi/fast_status.py): ports updated in bulk,
    the listing only marked stale, no signal sent."""
    now = timezone.now()
    Port.objects.filter(pk=port.pk).update(
        live_status=status, live_status_at=now, live_source="Capital Power"
    )
    Listing.objects.filter(site_id=port.station.site_id).update(stale_after=now)


def test_a_live_status_shows_at_once(client, page, port):
    set_live(port, LiveStatus.AVAILABLE)
    assert "Available now" in client.get(page).text
    assert served(client.get(page)) == "hit"
    set_live(port, LiveStatus.IN_USE)
    response = client.get(page)
    assert served(response) == "miss"
    assert "In use" in response.text
    assert "Available now" not in response.text


def test_new_opening_hours_show_at_once(client, page, site):
    before = client.get(page)
    OpeningHours.objects.create(site=site, weekday=0, opens=time(7), closes=time(19))
    after = client.get(page)
    assert served(after) == "miss"
    assert after.text != before.text


def test_an_edit_to_the_location_shows_at_once(client, page, site):
    client.get(page)
    site.name = "Maple Street Market & Cafe"
    site.save()
    assert "Maple Street Market &amp; Cafe" in client.get(page).text


def test_an_owner_never_gets_a_cached_page(client, alice_client, page):
    client.get(page)
    assert served(client.get(page)) == "hit"
    response = alice_client.get(page)
    assert served(response) == ""
    assert "You manage this location" in response.text
    assert "Log out" in response.text


def test_a_visitor_never_gets_the_owners_page(client, alice_client, page):
    alice_client.get(page)
    response = client.get(page)
    assert served(response) == "miss"
    assert "You manage this location" not in response.text


def test_a_visitor_with_a_session_gets_the_page_rendered(client, page):
    client.get(page)
    client.cookies["sessionid"] = "whatever-it-holds"
    assert served(client.get(page)) == ""


def test_a_private_location_is_not_cached(client, site, port):
    from sites.access import Access

    site.access = Access.PRIVATE
    site.save()
    page = f"/locations/{site.pk}/"
    assert served(client.get(page)) == served(client.get(page)) == ""

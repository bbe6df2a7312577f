"""The owner confirms a station's imported ports in one click: "Confirm all ports are right"."""

import pytest
from django.urls import reverse

from ports.models import Port
from tests.factories import PortFactory, StationFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db

TAG = "Imported from NREL, please review"


def url(station):
    return reverse("stations:confirm", args=[station.pk])


def test_it_confirms_every_port_and_redirects(alice_client, imported_station, imported_ports):
    response = alice_client.post(url(imported_station))
    assert response.status_code == 302
    assert response.url == imported_station.get_absolute_url()
    assert not Port.objects.filter(needs_review=True).exists()


def test_it_says_so_and_drops_the_tags(alice_client, imported_station, imported_ports):
    response = alice_client.post(url(imported_station), follow=True)
    page = text(response.text)
    assert "Ports of “ChargePoint CT4000” confirmed. Drivers see them as owner-verified." in page
    assert TAG not in page
    assert "Confirm all ports are right" not in page


def test_it_records_who_confirmed(alice_client, alice, imported_station, imported_ports):
    alice_client.post(url(imported_station))
    for port in imported_ports:
        port.refresh_from_db()
        assert port.updated_by == alice


def test_it_marks_the_location_verified(alice_client, imported_site, imported_station):
    alice_client.post(url(imported_station))
    imported_site.refresh_from_db()
    assert imported_site.verified_at is not None


def test_it_leaves_the_other_stations_ports_alone(alice_client, imported_site, imported_station):
    other = PortFactory(station=StationFactory(site=imported_site), needs_review=True)
    alice_client.post(url(imported_station))
    other.refresh_from_db()
    assert other.needs_review


def test_it_is_404_for_a_stranger(bob_client, imported_site, imported_station, imported_ports):
    assert bob_client.post(url(imported_station)).status_code == 404
    assert Port.objects.filter(needs_review=True).count() == 2
    imported_site.refresh_from_db()
    assert imported_site.verified_at is None


def test_it_sends_anonymous_visitors_to_log_in(client, imported_station, imported_ports):
    response = client.post(url(imported_station))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert Port.objects.filter(needs_review=True).count() == 2


def test_it_refuses_a_get(alice_client, imported_station, imported_ports):
    assert alice_client.get(url(imported_station)).status_code == 405
    assert Port.objects.filter(needs_review=True).count() == 2

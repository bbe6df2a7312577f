"""The station page flags imported ports to their owner until the owner confirms or edits them."""

import pytest
from django.urls import reverse

from tests.factories import PortFactory
from tests.ports.pages import row, text

pytestmark = pytest.mark.django_db

TAG = "Imported from NREL, please review"
CONFIRM = "Confirm all ports are right"


def url(station):
    return reverse("stations:detail", args=[station.pk])


def test_it_tags_each_imported_port(alice_client, imported_station, imported_ports):
    response = alice_client.get(url(imported_station))
    assert response.status_code == 200
    for port in imported_ports:
        assert TAG in row(response, port)


def test_it_offers_to_confirm_them_all(alice_client, imported_station, imported_ports):
    response = alice_client.get(url(imported_station))
    page = text(response.text)
    assert "2 ports here were imported from NREL and may be outdated." in page
    assert CONFIRM in page
    confirm = reverse("stations:confirm", args=[imported_station.pk])
    assert f'<form method="post" action="{confirm}"' in response.text


def test_it_counts_one_port_in_the_singular(alice_client, imported_station):
    PortFactory(station=imported_station, needs_review=True)
    page = text(alice_client.get(url(imported_station)).text)
    assert "1 port here was imported from NREL" in page


def test_it_tags_only_the_ports_not_yet_reviewed(alice_client, imported_station, imported_ports):
    reviewed = PortFactory(station=imported_station, label="Port 3")
    response = alice_client.get(url(imported_station))
    assert TAG not in row(response, reviewed)
    assert "2 ports here were imported" in text(response.text)


def test_it_shows_no_notice_once_all_are_reviewed(alice_client, station, port):
    response = alice_client.get(url(station))
    assert TAG not in response.text
    assert CONFIRM not in response.text


def test_it_never_shows_drivers_the_review_tag(client, imported_site, imported_ports):
    response = client.get(reverse("sites:public", args=[imported_site.pk]))
    assert "Port 1" in response.text
    assert TAG not in response.text


def test_it_is_404_for_a_stranger(bob_client, imported_station, imported_ports):
    assert bob_client.get(url(imported_station)).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, imported_station):
    response = client.get(url(imported_station))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

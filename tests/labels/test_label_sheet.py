"""The owner's printable sheet of QR labels for a station's ports."""

import pytest
import segno
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from labels.models import PortLabel
from ports.vocabulary import ConnectorType, PortStatus
from tests.conftest import HTMX
from tests.factories import PortFactory, StationFactory, dc_port
from tests.labels.qr import matrix_modules, svg_modules

pytestmark = pytest.mark.django_db


def url(station):
    return reverse("labels:sheet", args=[station.pk])


def cards(response):
    return response.text.split('<li class="label-card">')[1:]


def test_it_prints_a_label_for_each_port(alice_client, station, port, settings):
    settings.SITE_URL = "https://chargesites.example"
    ccs = dc_port(station, ConnectorType.CCS, 150, label="Bay 2")
    response = alice_client.get(url(station))
    assert response.status_code == 200
    assert "Port labels · ChargePoint CT4000" in response.text
    first, second = cards(response)
    assert "ChargePoint CT4000" in first and ">Port 1<" in first and 'alt="J1772"' in first
    assert ">Bay 2<" in second and 'alt="CCS"' in second and "150 kW" in second
    for each, labelled in [(first, port), (second, ccs)]:
        assert '<svg viewBox="0 0 ' in each
        assert f"https://chargesites.example/p/{labelled.printed_label.code}" in each


def test_it_prints_the_sites_own_address_under_the_code(alice_client, station, port, settings):
    settings.SITE_URL = "https://chargesites.example/"
    code = port.printed_label.code
    response = alice_client.get(url(station))
    assert f'<p class="label-card-url">https://chargesites.example/p/{code}</p>' in response.text
    assert f'aria-label="QR code for https://chargesites.example/p/{code}"' in response.text


def test_its_qr_code_holds_exactly_the_short_url(alice_client, station, port, settings):
    settings.SITE_URL = "https://chargesites.example"
    expected = f"https://chargesites.example/p/{port.printed_label.code}"
    svg = cards(alice_client.get(url(station)))[0]
    fresh = segno.make(expected, error="q", micro=False, boost_error=False)
    assert svg_modules(svg) == matrix_modules(fresh)
    # A neighbouring code draws a different pattern: the comparison can fail.
    neighbour = expected[:-1] + ("y" if expected.endswith("x") else "x")
    other = segno.make(neighbour, error="q", micro=False, boost_error=False)
    assert svg_modules(svg) != matrix_modules(other)


def test_its_qr_code_recovers_from_damage(port):
    qr = port.printed_label.qr
    assert qr.error == "Q" and not qr.is_micro


def test_it_leaves_out_decommissioned_ports(alice_client, station, port):
    PortFactory(station=station, label="Old Bay", status=PortStatus.DECOMMISSIONED)
    response = alice_client.get(url(station))
    assert len(cards(response)) == 1
    assert "Old Bay" not in response.text


def test_it_prints_broken_ports_too(alice_client, station, port):
    # A broken port is still on the hardware; its page says so to whoever scans it.
    PortFactory(station=station, label="Bay 3", status=PortStatus.OUT_OF_SERVICE, notes="Parts")
    assert len(cards(alice_client.get(url(station)))) == 2


def test_it_says_a_station_without_ports_has_nothing_to_print(alice_client, station):
    response = alice_client.get(url(station))
    assert "This station has no ports to label yet" in response.text


def test_it_warns_that_a_draft_stations_labels_open_an_unlisted_page(alice_client, station, port):
    station.is_published = False
    station.save()
    assert "This station is a draft" in alice_client.get(url(station)).text


def test_it_prints_without_javascript_and_offers_a_button_with_it(alice_client, station, port):
    text = alice_client.get(url(station)).text
    assert "use your browser's Print command" in text
    assert '<button type="button" class="label-print" data-print-labels hidden>Print</button>' in (
        text
    )
    assert 'src="/static/labels/print-labels.js" nonce="' in text


def test_it_is_linked_from_the_station_page(alice_client, station):
    response = alice_client.get(reverse("stations:detail", args=[station.pk]))
    assert f'href="{url(station)}">Print port labels</a>' in response.text


def test_it_is_not_there_for_a_stranger(bob_client, station, port):
    assert bob_client.get(url(station)).status_code == 404
    assert bob_client.get(url(station), headers=HTMX).status_code == 404


def test_it_sends_a_visitor_to_log_in(client, station, port):
    response = client.get(url(station))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_answers_404_for_a_station_that_does_not_exist(alice_client):
    assert alice_client.get(reverse("labels:sheet", args=[999999])).status_code == 404


def test_it_gives_htmx_the_same_page(alice_client, station, port):
    response = alice_client.get(url(station), headers=HTMX)
    assert response.status_code == 200
    assert b"<html" in response.content


def test_it_refuses_to_change_anything(alice_client, station, port):
    assert alice_client.post(url(station)).status_code == 405


def test_it_never_renders_an_owners_html(alice_client, station):
    PortFactory(station=station, label="<i>Bay</i>")
    station.name = "<script>x()</script>"
    station.save()
    text = alice_client.get(url(station)).text
    assert "<i>Bay</i>" not in text and "&lt;i&gt;Bay&lt;/i&gt;" in text
    assert "<script>x()" not in text


def test_it_runs_a_fixed_number_of_queries(alice_client, station, port, django_assert_num_queries):
    """N+1 guard: a station of twelve ports costs what a station of one does."""
    alice_client.get(url(station))  # labels issued, session warm
    with CaptureQueriesContext(connection) as one_port:
        alice_client.get(url(station))
    PortFactory.create_batch(11, station=station)
    StationFactory(site=station.site)  # another station's ports stay off this sheet
    with django_assert_num_queries(len(one_port)):
        response = alice_client.get(url(station))
    assert len(cards(response)) == 12
    assert PortLabel.objects.count() == 12

"""/p/<code>: what a phone opens when a driver scans a port's label."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from labels.models import PortLabel
from ports.vocabulary import LiveStatus, PortStatus
from tests.conftest import HTMX

pytestmark = pytest.mark.django_db


def page(client, port):
    return client.get(reverse("labels:port", args=[port.printed_label.code]))


def words(response):
    return " ".join(response.text.split())


def test_it_shows_the_port_and_where_it_is(client, site, station, port):
    response = page(client, port)
    assert response.status_code == 200
    text = words(response)
    assert "<h1" in text and ">Port 1</h1>" in text
    assert "Maple Street Market" in text and "ChargePoint CT4000" in text
    assert "J1772 · AC Level 2 · <strong>7.2 kW</strong>" in text
    assert 'alt="J1772"' in text  # the connector's icon, named
    assert f'href="{site.get_public_url()}"' in text


def test_it_offers_to_report_a_problem_with_this_port(client, port):
    response = page(client, port)
    assert f'href="{reverse("reports:report", args=[port.pk])}"' in response.text
    assert "Report a problem" in response.text


def test_it_offers_to_check_in_at_this_port(client, site, port):
    response = page(client, port)
    check_in = reverse("community:check_in", args=[site.pk])
    assert f'href="{check_in}?port={port.pk}"' in response.text
    assert "Check in" in response.text


def test_it_offers_no_check_in_at_a_private_location(client, site, port):
    # A private location takes no check-ins (community.views): its label offers none.
    site.access = "private"
    site.save()
    response = page(client, port)
    assert reverse("community:check_in", args=[site.pk]) not in response.text
    assert "Report a problem" in response.text


def test_it_says_an_operational_port_is_operational(client, port):
    assert "Operational" in page(client, port).text


def test_it_says_when_a_broken_port_is_expected_back(client, port):
    port.status = PortStatus.OUT_OF_SERVICE
    port.expected_repair_date = date(2026, 12, 24)
    port.notes = "Awaiting parts"
    port.save()
    text = words(page(client, port))
    assert "Out of Service" in text
    assert "expected back Dec 24, 2026" in text
    assert "Awaiting parts" in text


@pytest.mark.parametrize(
    ("live", "words_shown"),
    [
        (LiveStatus.AVAILABLE, "Available now"),
        (LiveStatus.IN_USE, "In use"),
        (LiveStatus.RESERVED, "Reserved"),
        (LiveStatus.OUT_OF_ORDER, "Out of order"),
    ],
)
def test_it_words_a_fresh_live_status_as_the_location_page_does(client, port, live, words_shown):
    port.live_status, port.live_status_at, port.live_source = live, timezone.now(), "ChargePoint"
    port.save()
    text = words(page(client, port))
    assert words_shown in text
    assert "live from ChargePoint · updated just now" in text


def test_it_leaves_out_a_stale_live_status(client, port):
    port.live_status = LiveStatus.IN_USE
    port.live_status_at = timezone.now() - timedelta(hours=2)
    port.save()
    text = page(client, port).text
    assert "In use" not in text
    assert "Operational" in text


def test_it_says_a_decommissioned_port_no_longer_charges(client, port):
    port.status = PortStatus.DECOMMISSIONED
    port.save()
    response = page(client, port)
    assert response.status_code == 200
    assert "This port is decommissioned:" in words(response)
    # The report form refuses ports drivers cannot see: no button to a dead end.
    assert reverse("reports:report", args=[port.pk]) not in response.text
    assert 'name="robots" content="noindex"' in response.text


def test_it_says_a_draft_stations_port_is_not_listed_yet(client, station, port):
    station.is_published = False
    station.save()
    response = page(client, port)
    assert response.status_code == 200
    assert "This port is not listed for drivers yet:" in words(response)
    assert reverse("reports:report", args=[port.pk]) not in response.text


def test_it_says_a_port_its_network_removed_is_gone(client, port):
    port.network_removed = True
    port.save()
    assert "This port was removed by its network:" in words(page(client, port))


def test_it_answers_404_to_an_unknown_code(client, port):
    response = client.get(reverse("labels:port", args=["zzzzzzzzzz"]))
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/p/abc", "/p/0000000000", "/p/abcdefghjk/more", "/p/%00"])
def test_it_answers_404_to_text_that_is_no_code(client, port, path):
    assert client.get(path).status_code == 404


def test_it_reads_a_code_typed_in_capitals(client, port):
    code = port.printed_label.code
    assert client.get(f"/p/{code.upper()}").status_code == 200


def test_it_needs_no_account_and_gives_htmx_the_same_page(client, port):
    response = client.get(reverse("labels:port", args=[port.printed_label.code]), headers=HTMX)
    assert response.status_code == 200
    assert b"<html" in response.content


def test_it_refuses_to_change_anything(client, port):
    assert client.post(reverse("labels:port", args=[port.printed_label.code])).status_code == 405


def test_it_never_renders_an_owners_html(client, port):
    port.label = "<b>Bay</b>"
    port.notes = "<script>alert(1)</script> https://evil.example"
    port.save()
    text = page(client, port).text
    assert "<b>Bay</b>" not in text and "&lt;b&gt;Bay&lt;/b&gt;" in text
    assert "<script>alert(1)" not in text
    assert 'href="https://evil.example' not in text


def test_it_reads_the_port_in_a_fixed_number_of_queries(client, port, django_assert_num_queries):
    """The label, its port, station and location in one query; whether it is listed in one;
    and the savepoint pair of the request's transaction (ATOMIC_REQUESTS)."""
    code = port.printed_label.code
    with django_assert_num_queries(4):
        client.get(reverse("labels:port", args=[code]))


@given(text=st.text(min_size=1, max_size=40))
def test_it_answers_any_text_as_a_code_without_a_500(text):
    # A URL path from a phone's camera or a typing thumb: anything at all.
    from django.test import Client

    response = Client().get("/p/" + text.replace("/", "").replace("?", "").replace("#", ""))
    assert response.status_code == 404
    assert not PortLabel.objects.exists()

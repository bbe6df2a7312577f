import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ports.models import Port
from ports.vocabulary import PortStatus
from tests.factories import PortFactory, SiteFactory, StationFactory

pytestmark = pytest.mark.django_db

URL = reverse("sites:dashboard")
OUT = PortStatus.OUT_OF_SERVICE


def broken_since(port, days_ago):
    """Backdate when a port broke; save() would stamp it with now."""
    since = timezone.now() - datetime.timedelta(days=days_ago)
    Port.objects.filter(pk=port.pk).update(out_of_service_since=since)


def test_it_greets_the_owner_and_links_to_sites(alice_client, site):
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert "Hello Alice." in response.text
    assert "You manage 1 of 1" in response.text
    assert "on the Free plan" in response.text
    assert f'href="{reverse("sites:list")}">Sites</a>' in response.text


def test_it_says_when_nothing_needs_attention(alice_client, port):
    response = alice_client.get(URL)
    assert "Needs attention" in response.text
    assert "Nothing needs attention: every port is working." in response.text
    assert list(response.context["needs_attention"]) == []


def test_it_lists_every_out_of_service_port_with_notes_and_repair_date(alice_client, station):
    port = PortFactory(
        station=station,
        label="Port 2",
        status=OUT,
        notes="Awaiting parts",
        expected_repair_date=datetime.date(2026, 3, 5),
    )
    response = alice_client.get(URL)
    assert list(response.context["needs_attention"]) == [port]
    assert "Maple Street Market · ChargePoint CT4000 · Port 2" in response.text
    assert "Awaiting parts" in response.text
    assert "Expected repair: Mar 5, 2026" in response.text
    assert f'href="{station.get_absolute_url()}#port-{port.pk}"' in response.text


def test_it_includes_every_location_and_draft_stations(alice_client, alice):
    alice.plan = "premium"
    alice.save()
    first = PortFactory(station__site__owner=alice, status=OUT)
    second = PortFactory(station__site__owner=alice, station__is_published=False, status=OUT)
    response = alice_client.get(URL)
    assert set(response.context["needs_attention"]) == {first, second}


def test_it_lists_the_longest_broken_first(alice_client, station):
    recent = PortFactory(station=station, status=OUT, label="Recent")
    oldest = PortFactory(station=station, status=OUT, label="Oldest")
    middle = PortFactory(station=station, status=OUT, label="Middle")
    broken_since(recent, days_ago=1)
    broken_since(oldest, days_ago=30)
    broken_since(middle, days_ago=7)
    response = alice_client.get(URL)
    assert list(response.context["needs_attention"]) == [oldest, middle, recent]
    text = response.text
    assert text.index("· Oldest") < text.index("· Middle") < text.index("· Recent")


def test_it_leaves_out_working_and_decommissioned_ports(alice_client, station):
    PortFactory(station=station, status=PortStatus.OPERATIONAL)
    PortFactory(station=station, status=PortStatus.DECOMMISSIONED)
    response = alice_client.get(URL)
    assert list(response.context["needs_attention"]) == []


def test_it_never_shows_other_owners_ports(alice_client, bob):
    PortFactory(station__site__owner=bob, status=OUT, label="Bob's broken port")
    PortFactory(station__site__owner=None, status=OUT, label="Unclaimed broken port")
    response = alice_client.get(URL)
    assert list(response.context["needs_attention"]) == []
    assert "broken port" not in response.text


def test_it_runs_a_fixed_number_of_queries(alice_client, alice, station):
    """N+1 guard: the Needs attention list costs the same whatever its length."""
    PortFactory(station=station, status=OUT)
    with CaptureQueriesContext(connection) as one_port:
        alice_client.get(URL)
    alice.plan = "premium"
    alice.save()
    for other in SiteFactory.create_batch(2, owner=alice):
        PortFactory.create_batch(5, station=StationFactory(site=other), status=OUT)
    PortFactory.create_batch(20, station=station, status=OUT)
    with CaptureQueriesContext(connection) as many_ports:
        response = alice_client.get(URL)
    assert len(response.context["needs_attention"]) == 31
    assert len(many_ports) == len(one_port)


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

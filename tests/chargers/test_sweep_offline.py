"""Silent for more than two heartbeat intervals: offline, and its ports' live status Unknown."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chargers import live
from chargers.models import Charger
from ports.models import Port, StatusChange
from ports.vocabulary import LiveStatus
from search.models import Listing
from tests.chargers.factories import ChargerFactory
from tests.chargers.live_helpers import charger_with_ports
from tests.threads import postgresql_only, race

pytestmark = pytest.mark.django_db


def heard_at(charger, when):
    Charger.objects.filter(pk=charger.pk).update(last_heard_at=when)


def test_a_charger_silent_for_two_heartbeats_goes_offline_since_it_was_last_heard():
    charger, (port, other) = charger_with_ports(heartbeat_interval=60)
    last = timezone.now() - timedelta(minutes=5)
    live.status(charger.pk, 1, "Available", now=last)
    live.status(charger.pk, 2, "Charging", now=last)
    heard_at(charger, last)
    now = last + timedelta(seconds=121)

    assert live.sweep_offline(now=now) == 1

    charger.refresh_from_db()
    assert charger.offline_since == last
    assert not charger.is_online(now)
    for p in (port, other):
        p.refresh_from_db()
        assert (p.live_status, p.live_status_at) == (LiveStatus.UNKNOWN, now)
        assert p.live_now(now) == LiveStatus.UNKNOWN  # fresh: it speaks of now
    assert list(
        StatusChange.objects.filter(port=port, kind="live").values_list("old", "new", "at")
    )[-1] == ("available", "unknown", now)


def test_two_intervals_exactly_is_not_yet_offline():
    charger = ChargerFactory(heartbeat_interval=30)
    last = timezone.now() - timedelta(minutes=1)
    heard_at(charger, last)

    assert live.sweep_offline(now=last + timedelta(seconds=60)) == 0
    assert live.sweep_offline(now=last + timedelta(seconds=61)) == 1
    assert live.sweep_offline(now=last + timedelta(seconds=90)) == 0  # already offline


def test_each_charger_is_judged_by_its_own_interval():
    now = timezone.now()
    slow = ChargerFactory(heartbeat_interval=600, last_heard_at=now - timedelta(minutes=5))
    quick = ChargerFactory(heartbeat_interval=60, last_heard_at=now - timedelta(minutes=5))
    never = ChargerFactory(last_heard_at=None)

    assert live.sweep_offline(now=now) == 1

    offline = set(Charger.objects.filter(offline_since__isnull=False).values_list("pk", flat=True))
    assert offline == {quick.pk}
    assert slow.pk not in offline and never.pk not in offline


def test_the_locations_search_row_is_recomputed():
    charger, _ = charger_with_ports(heartbeat_interval=60)
    last = timezone.now() - timedelta(minutes=5)
    live.status(charger.pk, 1, "Available", now=last)
    heard_at(charger, last)
    Listing.refresh([charger.station.site_id])
    Listing.objects.update(stale_after=None)

    live.sweep_offline()

    assert Listing.objects.get(site_id=charger.station.site_id).stale_after is not None


def test_a_port_a_network_reports_on_keeps_the_networks_word():
    charger, (port, _) = charger_with_ports(heartbeat_interval=60)
    last = timezone.now() - timedelta(minutes=5)
    heard_at(charger, last)
    Port.objects.filter(pk=port.pk).update(
        live_status=LiveStatus.AVAILABLE, live_status_at=last, live_source="Some Network"
    )

    live.sweep_offline()

    port.refresh_from_db()
    assert (port.live_status, port.live_source) == (LiveStatus.AVAILABLE, "Some Network")


def test_it_reads_chargers_and_ports_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    """Guards against a query per charger or per port when many go silent at once (history
    takes one insert per status the ports had before)."""
    last = timezone.now() - timedelta(minutes=5)
    for _ in range(3):
        charger, _ = charger_with_ports(heartbeat_interval=60)
        live.status(charger.pk, 1, "Charging", now=last)
    Charger.objects.update(last_heard_at=last)

    with django_assert_max_num_queries(9):
        assert live.sweep_offline() == 3


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_processes_sweeping_at_once_take_each_charger_once():
    last = timezone.now() - timedelta(minutes=5)
    chargers = [charger_with_ports(heartbeat_interval=60)[0] for _ in range(6)]
    for charger in chargers:
        live.status(charger.pk, 1, "Charging", now=last)
    Charger.objects.update(last_heard_at=last)

    swept = race(lambda i: live.sweep_offline(), threads=4)

    assert sum(swept) == 6, swept
    assert StatusChange.objects.filter(kind="live", new="unknown").count() == 12  # once a port

"""A charger's word reaches drivers as a network's does: search's counts and uptime."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chargers import live
from chargers.models import Charger
from ports.models import Port, StatusChange
from ports.uptime import uptime
from ports.vocabulary import Availability
from search.models import Listing
from tests.chargers.live_helpers import charger_with_ports

pytestmark = pytest.mark.django_db


def listing(charger) -> Listing:
    site_id = charger.station.site_id
    Listing.refresh([site_id])
    return Listing.objects.get(site_id=site_id)


def test_drivers_read_available_now_then_in_use_then_no_longer_available_now():
    charger, _ = charger_with_ports(count=1, heartbeat_interval=60)
    live.connected(charger.pk)

    live.status(charger.pk, 1, "Available")
    row = listing(charger)
    assert (row.availability, row.ports_available) == (Availability.LIVE, 1)

    live.status(charger.pk, 1, "Charging")
    row = listing(charger)
    assert (row.availability, row.ports_available) == (Availability.LIVE, 0)

    live.status(charger.pk, 1, "Available")
    Charger.objects.filter(pk=charger.pk).update(
        last_heard_at=timezone.now() - timedelta(minutes=3)
    )
    live.sweep_offline()
    # Offline: the owner's word stands, but nobody says "available now".
    assert listing(charger).availability != Availability.LIVE


def test_a_faulted_connector_counts_against_the_ports_uptime():
    charger, (port, _) = charger_with_ports(heartbeat_interval=60)
    now = timezone.now()
    start = now - timedelta(days=10)
    Port.objects.filter(pk=port.pk).update(created_at=start)
    live.status(charger.pk, 1, "Available", now=start)
    live.status(charger.pk, 1, "Faulted", now=now - timedelta(days=5))
    live.status(charger.pk, 1, "Available", now=now - timedelta(days=4))

    port.refresh_from_db()
    changes = list(StatusChange.objects.filter(port=port, at__gte=now - timedelta(days=30)))
    figure = uptime(port, changes, now)

    assert figure.network_reported
    assert figure.share == pytest.approx(0.9, abs=0.001)  # one day down in ten

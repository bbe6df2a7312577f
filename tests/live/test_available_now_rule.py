"""One rule for "available", the same in Python and in SQL: listed, operational, and no
report fresher than 15 minutes says In use, Reserved or Out of order."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ports.models import Port
from ports.vocabulary import LiveStatus, PortStatus
from search.models import Listing
from tests.factories import PortFactory

pytestmark = pytest.mark.django_db

FRESH, STALE = timedelta(minutes=14), timedelta(minutes=16)
OPERATIONAL, OUT_OF_SERVICE = PortStatus.OPERATIONAL, PortStatus.OUT_OF_SERVICE
CASES = [
    # (operational status, live status, its age, available?)
    (OPERATIONAL, "", None, True),
    (OPERATIONAL, LiveStatus.AVAILABLE, FRESH, True),
    (OPERATIONAL, LiveStatus.UNKNOWN, FRESH, True),
    (OPERATIONAL, LiveStatus.IN_USE, FRESH, False),
    (OPERATIONAL, LiveStatus.RESERVED, FRESH, False),
    (OPERATIONAL, LiveStatus.OUT_OF_ORDER, FRESH, False),
    (OPERATIONAL, LiveStatus.IN_USE, STALE, True),
    (OPERATIONAL, LiveStatus.RESERVED, STALE, True),
    (OPERATIONAL, LiveStatus.OUT_OF_ORDER, STALE, True),
    (OUT_OF_SERVICE, "", None, False),
    (OUT_OF_SERVICE, LiveStatus.AVAILABLE, FRESH, False),
    (OUT_OF_SERVICE, LiveStatus.IN_USE, STALE, False),
]


def test_it_says_a_report_is_fresh_for_exactly_15_minutes(port):
    now = timezone.now()
    port.live_status = LiveStatus.IN_USE
    port.live_status_at = now - timedelta(minutes=15)
    assert port.live_now(now) == LiveStatus.IN_USE
    port.live_status_at = now - timedelta(minutes=15, seconds=1)
    assert port.live_now(now) is None
    port.live_status, port.live_status_at = "", None
    assert port.live_now(now) is None


@pytest.mark.parametrize("status, live, age, available", CASES)
def test_it_decides_available_the_same_in_python_and_sql(station, status, live, age, available):
    now = timezone.now()
    port = PortFactory(
        station=station,
        status=status,
        live_status=live,
        live_status_at=None if age is None else now - age,
    )
    assert port.is_available_now(now) is available
    assert Port.objects.available(now).filter(pk=port.pk).exists() is available
    listing = Listing.objects.get(site=station.site)
    assert (listing.ports_total, listing.ports_available) == (1, int(available))


def test_it_counts_them_all_in_one_listing(station):
    now = timezone.now()
    for status, live, age, _ in CASES:
        PortFactory(
            station=station,
            status=status,
            live_status=live,
            live_status_at=None if age is None else now - age,
        )
    Listing.refresh([station.site_id])
    listing = Listing.objects.get(site=station.site)
    assert listing.ports_total == len(CASES)
    assert listing.ports_available == sum(1 for *_, available in CASES if available)
    assert Port.objects.available().count() == listing.ports_available

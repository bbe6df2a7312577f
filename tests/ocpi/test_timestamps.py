"""OCPI timestamps are UTC; one without an offset is UTC too (OCPI 2.2.1, DateTime type:
"The absence of the timezone designator implies a UTC timestamp")."""

from datetime import UTC, datetime

import pytest

from ocpi.models import OcpiLocation
from ports.models import Port
from ports.vocabulary import LiveStatus
from tests.ocpi.network import ago, envelope, evse, location, row_counts

pytestmark = pytest.mark.django_db

NAIVE_BUG = (
    "BUG: a last_updated without offset (valid OCPI, meaning UTC) is kept naive: saved as "
    "America/New_York time with a RuntimeWarning, and compared with a stored aware one it "
    "raises TypeError (500)"
)


def test_it_reads_a_timestamp_with_offset_as_that_moment(network):
    body = location(last_updated="2026-03-01T07:00:00-05:00")
    envelope(network.put(body, "ALB1"))
    assert OcpiLocation.objects.get().last_updated == datetime(2026, 3, 1, 12, tzinfo=UTC)


def test_it_reads_a_timestamp_without_offset_as_utc(network):
    body = location(
        last_updated="2026-03-01T12:00:00",
        evses=[evse("1", "CHARGING", last_updated="2026-03-01T12:00:00")],
    )
    envelope(network.put(body, "ALB1"))
    assert OcpiLocation.objects.get().last_updated == datetime(2026, 3, 1, 12, tzinfo=UTC)
    assert Port.objects.get().live_status_at == datetime(2026, 3, 1, 12, tzinfo=UTC)


def test_it_orders_updates_without_offset_among_the_others(network):
    at = ago(minutes=10)
    envelope(network.put(location(last_updated=at, evses=[evse("1", last_updated=at)]), "ALB1"))
    newer = ago(minutes=1).removesuffix("Z")
    envelope(network.patch({"status": "CHARGING", "last_updated": newer}, "ALB1", "1"))
    assert Port.objects.get().live_status == LiveStatus.IN_USE
    older = ago(minutes=5).removesuffix("Z")
    envelope(network.patch({"status": "AVAILABLE", "last_updated": older}, "ALB1", "1"))
    assert Port.objects.get().live_status == LiveStatus.IN_USE


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"])
def test_it_refuses_a_timestamp_it_cannot_store(network, moment):
    before = row_counts()
    response = network.put(location(last_updated=moment), "ALB1")
    envelope(response, status=400, code=2001)
    assert row_counts() == before
    envelope(network.put(location(last_updated=ago(minutes=1)), "ALB1"))

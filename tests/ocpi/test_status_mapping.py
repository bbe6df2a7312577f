"""The network's EVSE status becomes each of its ports' live status."""

import pytest

from ports.models import Port
from ports.vocabulary import LiveStatus
from tests.ocpi.network import ago, connector, envelope, evse, location

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "status, live",
    [
        ("AVAILABLE", LiveStatus.AVAILABLE),
        ("CHARGING", LiveStatus.IN_USE),
        ("BLOCKED", LiveStatus.IN_USE),
        ("RESERVED", LiveStatus.RESERVED),
        ("INOPERATIVE", LiveStatus.OUT_OF_ORDER),
        ("OUTOFORDER", LiveStatus.OUT_OF_ORDER),
        ("PLANNED", LiveStatus.UNKNOWN),
        ("UNKNOWN", LiveStatus.UNKNOWN),
        ("REMOVED", LiveStatus.UNKNOWN),
    ],
)
def test_it_gives_every_connector_of_the_evse_its_status(network, status, live):
    at = ago(minutes=10)
    connectors = [connector("1"), connector("2")]
    body = location(last_updated=at, evses=[evse("1", last_updated=at, connectors=connectors)])
    envelope(network.put(body, "ALB1"))
    envelope(network.patch({"status": status, "last_updated": ago(minutes=1)}, "ALB1", "1"))
    assert set(Port.objects.values_list("live_status", flat=True)) == {live}
    assert set(Port.objects.values_list("network_removed", flat=True)) == {status == "REMOVED"}


def test_it_names_the_live_statuses_for_drivers():
    assert [status.label for status in LiveStatus] == [
        "Available",
        "In use",
        "Reserved",
        "Out of order",
        "Unknown",
    ]

"""What drivers read on the location page: a live status says where it is live from."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chargers.vocabulary import LIVE_SOURCE
from ports.vocabulary import LiveStatus
from tests.factories import PortFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db


def live_line(client, site) -> str:
    page = client.get(site.get_public_url()).text
    return text(page.split('<p class="live ')[1].split("</p>")[0].split(">", 1)[1])


@pytest.mark.parametrize(
    "live, source, said",
    [
        (LiveStatus.IN_USE, LIVE_SOURCE, "In use · live from the charger · updated just now"),
        (LiveStatus.AVAILABLE, "ChargePoint", "Available now · live from ChargePoint · updated"),
        (LiveStatus.OUT_OF_ORDER, LIVE_SOURCE, "Out of order · live from the charger"),
        (LiveStatus.UNKNOWN, LIVE_SOURCE, "Unknown · no live status from the charger · updated"),
    ],
)
def test_it_names_the_source_of_a_live_status(client, station, site, live, source, said):
    PortFactory(
        station=station, live_status=live, live_status_at=timezone.now(), live_source=source
    )
    assert said in live_line(client, site)


def test_it_says_no_source_when_none_was_kept(client, station, site):
    PortFactory(station=station, live_status=LiveStatus.IN_USE, live_status_at=timezone.now())
    assert live_line(client, site) == "In use · updated just now"


def test_it_shows_no_live_status_once_stale(client, station, site):
    old = timezone.now() - timedelta(hours=1)
    PortFactory(
        station=station, live_status=LiveStatus.IN_USE, live_status_at=old, live_source=LIVE_SOURCE
    )
    assert "live from" not in client.get(site.get_public_url()).text

"""A location page seen by a driver is counted in Redis, from the cache or not; the owner,
staff, bots, HEAD and HTMX requests are not. No cookie is set for it."""

import logging

import pytest
from django.test import Client

from analytics import flush
from analytics.models import DailyCount, Kind
from tests.conftest import HTMX
from tests.page_cache import served
from tests.services import closed_port

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def url(site):
    return f"/locations/{site.pk}/"


def views(site) -> int:
    flush.flush()
    found = DailyCount.objects.filter(site=site, kind=Kind.VIEW).first()
    return found.count if found else 0


def test_it_counts_visitors_on_a_miss_and_on_a_hit(counting_redis, port):
    site = port.station.site
    first = Client(headers={"User-Agent": BROWSER}).get(url(site))
    second = Client(headers={"User-Agent": BROWSER}).get(url(site))
    assert (served(first), served(second)) == ("miss", "hit")
    assert views(site) == 2


def test_it_sets_no_cookie_of_its_own(counting_redis, port):
    site = port.station.site
    Client(headers={"User-Agent": BROWSER}).get(url(site))
    response = Client(headers={"User-Agent": BROWSER}).get(url(site))
    assert set(response.cookies) <= {"csrftoken"}


def test_it_counts_a_signed_in_driver_who_is_not_the_owner(counting_redis, port, bob_client):
    bob_client.get(url(port.station.site), headers={"User-Agent": BROWSER})
    assert views(port.station.site) == 1


def test_it_leaves_out_the_owner(counting_redis, port, alice_client):
    response = alice_client.get(url(port.station.site), headers={"User-Agent": BROWSER})
    assert response.status_code == 200
    assert views(port.station.site) == 0


def test_it_leaves_out_staff(counting_redis, port, staff_client):
    staff_client.get(url(port.station.site), headers={"User-Agent": BROWSER})
    assert views(port.station.site) == 0


@pytest.mark.parametrize("agent", [GOOGLEBOT, "curl/8.5.0", "python-requests/2.32", "", "  "])
def test_it_leaves_out_bots_and_agentless_requests(counting_redis, port, agent):
    for _ in range(2):  # a miss, then a hit
        assert Client(headers={"User-Agent": agent}).get(url(port.station.site)).status_code == 200
    assert views(port.station.site) == 0


def test_it_leaves_out_head_and_htmx_requests(counting_redis, port):
    client = Client(headers={"User-Agent": BROWSER})
    assert client.head(url(port.station.site)).status_code == 200
    assert client.get(url(port.station.site), headers=HTMX).status_code == 200
    assert views(port.station.site) == 0


def test_it_counts_nothing_for_a_missing_location(counting_redis, db):
    assert Client(headers={"User-Agent": BROWSER}).get("/locations/999999/").status_code == 404
    assert flush.flush() == 0  # no batch: nothing was counted


def test_it_writes_nothing_to_the_database_on_the_request(counting_redis, port):
    Client(headers={"User-Agent": BROWSER}).get(url(port.station.site))
    assert not DailyCount.objects.exists()  # the worker's flush does that


def test_a_failing_redis_still_serves_the_page_and_logs_the_lost_view(settings, port, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "chargesites.cache.FallbackRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with caplog.at_level(logging.WARNING, logger="analytics.counting"):
        response = Client(headers={"User-Agent": BROWSER}).get(url(port.station.site))
    assert response.status_code == 200
    assert "Maple Street Market" in response.text
    assert any("page views not counted" in r.getMessage() for r in caplog.records)

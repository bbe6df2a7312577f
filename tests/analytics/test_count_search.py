"""Each location on a served page of search results counts one appearance, on a cache hit
too; bots' pages do not count, nor does the map's JSON."""

import pytest
from django.test import Client

from analytics import counting, flush
from analytics.models import DailyCount, Kind
from tests.conftest import HTMX
from tests.factories import PortFactory, SiteFactory, StationFactory
from tests.page_cache import served

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
SEARCH = "/locations/?near=12207"


@pytest.fixture
def two_sites(port, alice):
    other = SiteFactory(owner=alice, name="Pine Road Garage")
    PortFactory(station=StationFactory(site=other))
    return port.station.site, other


def appearances() -> dict[int, int]:
    flush.flush()
    rows = DailyCount.objects.filter(kind=Kind.SEARCH)
    return {row.site_id: row.count for row in rows}


def test_it_counts_each_location_once_per_page_served_hits_too(counting_redis, two_sites):
    first = Client(headers={"User-Agent": BROWSER}).get(SEARCH)
    second = Client(headers={"User-Agent": BROWSER}).get(SEARCH)
    assert (served(first), served(second)) == ("miss", "hit")
    assert appearances() == {site.pk: 2 for site in two_sites}


def test_it_counts_an_htmx_page_of_results(counting_redis, two_sites):
    response = Client(headers={"User-Agent": BROWSER}).get(SEARCH, headers=HTMX)
    assert response.status_code == 200
    assert appearances() == {site.pk: 1 for site in two_sites}


def test_it_does_not_send_the_list_to_the_browser(counting_redis, two_sites):
    for _ in range(2):
        response = Client(headers={"User-Agent": BROWSER}).get(SEARCH)
        assert counting.SHOWN_HEADER not in response.headers


def test_it_leaves_out_bots(counting_redis, two_sites):
    bot = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
    for _ in range(2):
        Client(headers={"User-Agent": bot}).get(SEARCH)
    assert appearances() == {}


def test_it_counts_signed_in_pages_without_a_query_more(
    counting_redis, two_sites, alice_client, django_assert_num_queries
):
    """An appearance is the location shown, whoever looks: the owner's own search counts,
    and the HTMX page keeps its two queries (tests/search/test_radius_page_output.py)."""
    alice_client.get(SEARCH, headers={"User-Agent": BROWSER})
    with django_assert_num_queries(2):
        alice_client.get(SEARCH, headers={**HTMX, "User-Agent": BROWSER})
    assert appearances() == {site.pk: 2 for site in two_sites}


def test_it_does_not_count_the_map_json(counting_redis, two_sites):
    client = Client(headers={"User-Agent": BROWSER})
    assert client.get("/locations/map.json?bbox=-74,42,-73,43&zoom=9").status_code == 200
    assert appearances() == {}


def test_it_counts_nothing_for_a_search_it_cannot_read(counting_redis, two_sites):
    response = Client(headers={"User-Agent": BROWSER}).get("/locations/?near=&radius=abc")
    assert response.status_code in (200, 400)
    assert appearances() == {}

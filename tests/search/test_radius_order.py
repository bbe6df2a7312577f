"""Near a place, every page lists exactly the locations within the radius, nearest first by
great-circle distance and, at the same distance, by pk: the same as working it out by hand
for every location. On PostgreSQL the nearness index finds them (KNN, not a sort of all)."""

import math
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from ports.models import Port
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from search.models import Listing
from search.query import EARTH_RADIUS_MILES, filtered, page_query, search
from sites.models import Site
from stations.models import Station
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory

pytestmark = pytest.mark.django_db

CENTRE = (42.6526, -73.7562)


def miles_between(a, b) -> float:
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(min(1.0, h)))


@pytest.fixture
def scattered(db):
    """300 locations scattered around CENTRE (some sharing a spot, some with nothing listed).

    Built by the factories and saved in bulk, then listed in one refresh: one at a time,
    the signals' refresh of each took most of a minute.
    """
    rng = random.Random(11)
    owner = UserFactory()
    spots, sites = [], []
    for n in range(300):
        if spots and n % 12 == 0:
            spot = rng.choice(spots)  # another location at the very same spot: a tie
        else:
            spot = (
                Decimal(f"{CENTRE[0] + rng.uniform(-0.55, 0.55):.6f}"),
                Decimal(f"{CENTRE[1] + rng.uniform(-0.75, 0.75):.6f}"),
            )
            spots.append(spot)
        sites.append(
            SiteFactory.build(
                owner=owner,
                street_address="2 Elm Street" if n % 2 else "1 Main Street",
                latitude=spot[0],
                longitude=spot[1],
                time_zone="America/New_York",
                owned_since=timezone.now(),
            )
        )
    sites = Site.objects.bulk_create(sites)
    stations = Station.objects.bulk_create([StationFactory.build(site=site) for site in sites])
    ports = []
    for n, station in enumerate(stations):
        ccs = n % 3 == 0
        ports.append(
            PortFactory.build(
                station=station,
                connector_type=ConnectorType.CCS if ccs else ConnectorType.J1772,
                power_type=PowerType.DC_FAST if ccs else PowerType.AC_LEVEL_2,
                max_power_kw=Decimal("150" if ccs else "7.2"),
                # Every 17th has only a decommissioned port: nothing listed, never found.
                status=PortStatus.DECOMMISSIONED if n % 17 == 0 else PortStatus.OPERATIONAL,
            )
        )
    Port.objects.bulk_create(ports)
    Listing.refresh([site.pk for site in sites])
    assert Listing.objects.count() == 300


def by_hand(centre, miles, connector=None, word=""):
    """(pk, distance) of every location within the radius, nearest first, then by pk."""
    found = []
    for listing in Listing.objects.filter(ports_total__gt=0):
        if connector and not listing.ccs_kw or word not in listing.search_text:
            continue
        distance = miles_between(centre, (listing.latitude, listing.longitude))
        if distance <= miles:
            found.append((distance, listing.pk))
    return [(pk, distance) for distance, pk in sorted(found)]


def every_page(centre, miles, connector=None, word=""):
    data = {"radius": miles, "connector": [connector] if connector else [], "q": word}
    place = ("here", *centre)
    found, page = [], 1
    while True:
        results = search({**data, "page": page}, place)
        found += [(result.site_id, result.distance) for result in results.items]
        if not results.has_next:
            return found
        page += 1


@pytest.mark.parametrize(
    ("centre", "miles", "connector", "word", "at_least"),
    [
        (CENTRE, 25, None, "", 60),
        (CENTRE, 10, None, "", 10),
        (CENTRE, 25, "ccs", "", 21),
        (CENTRE, 50, None, "elm", 21),  # half the locations are on Elm Street
        ((42.9, -73.3), 25, None, "", 21),  # off centre: the edge of the scatter
        (CENTRE, 100, None, "", 250),  # everything listed
    ],
)
def test_it_lists_what_is_within_the_radius_nearest_first_then_by_pk(
    scattered, centre, miles, connector, word, at_least
):
    expected = by_hand(centre, miles, connector, word)
    found = every_page(centre, miles, connector, word)
    assert len(expected) >= at_least  # mostly more than a page: the pages join up
    assert [pk for pk, _ in found] == [pk for pk, _ in expected]
    for (_, distance), (_, shown) in zip(expected, found, strict=True):
        assert shown == pytest.approx(distance, abs=1e-9)


def test_it_breaks_ties_at_the_same_spot_by_pk(scattered):
    found = every_page(CENTRE, 100)
    spots = {}
    for pk, distance in found:
        spots.setdefault(distance, []).append(pk)
    shared = [pks for pks in spots.values() if len(pks) > 1]
    assert shared  # the scatter has locations sharing a spot
    assert all(pks == sorted(pks) for pks in shared)


def test_it_orders_the_same_when_the_listings_are_joined_to_their_sites(scattered):
    place = ("here", *CENTRE)
    listings = filtered({"radius": 25}, place).filter(site__owner__isnull=False)
    found, page = [], 1
    while rows := list(page_query(listings, [], place, page)):
        found += [(row["site_id"], row["distance"]) for row in rows[:20]]
        page += 1
    expected = by_hand(CENTRE, 25)
    assert len(expected) > 60
    assert [pk for pk, _ in found] == [pk for pk, _ in expected]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's nearness index")
def test_it_walks_the_nearness_index_outwards_from_the_place(scattered):
    data = {"radius": 25, "connector": []}
    place = ("here", *CENTRE)
    sql, params = page_query(filtered(data, place), [], place).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_listing")
        # A few hundred rows are cheaper to read whole: ask whether the index can serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert "Index Scan using listing_nearness" in plan
    assert "Order By: ((ll_to_earth(latitude, longitude))::cube <->" in plan

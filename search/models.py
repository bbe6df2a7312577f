import time
from collections import defaultdict

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import F, Q
from django.utils import timezone

from community.models import CheckIn
from ports.availability import PORT_FIELDS
from ports.models import Port
from ports.vocabulary import Availability, ConnectorType
from search import map_grid
from search.tally import COLUMNS, tally_community, tally_ports
from sites.models import Site
from sites.networks import network_name
from stations.models import Station

VERSION_KEY = "search:version"
# Bumped whenever any listing changes: the key of every cached page of search results.
LISTINGS_KEY = "search:listings"


def _first_version() -> int:
    # From the clock, not 0: a listing deleted (made private) and made again must not
    # meet the pages cached for its old versions.
    return time.time_ns() // 1000


def _kw(verbose_name):
    return models.DecimalField(verbose_name, max_digits=6, decimal_places=2, null=True)


def _minutes(verbose_name):
    return models.PositiveSmallIntegerField(verbose_name, null=True)


class ListingQuerySet(models.QuerySet):
    def mark_stale(self, site_ids, now=None):
        """Have these locations' rows recomputed before the next search (refresh_stale).

        One UPDATE, so the writer does not wait for a refresh; a row already due is left
        alone (no write, no lock)."""
        now = now or timezone.now()
        self.filter(site_id__in=site_ids).exclude(stale_after__lte=now).update(stale_after=now)


class Listing(models.Model):
    """What drivers search: a public location and its listed ports, summed up in one row.

    Derived data, refreshed whenever a location, station or port changes (see
    signals.py), so that a search reads one table and no port rows. A port is
    listed when its station is published and it is not decommissioned. Counts are
    of charging positions: two ports that charge one car at a time count once.
    Private locations have no row: drivers are never sent there.
    """

    site = models.OneToOneField(
        Site, on_delete=models.CASCADE, primary_key=True, related_name="listing"
    )
    latitude = models.FloatField()
    longitude = models.FloatField()
    # The map's square of the position at map_grid.KEY_LEVEL: clusters group by it.
    map_x = models.IntegerField(default=0)
    map_y = models.IntegerField(default=0)
    state = models.CharField(max_length=2)
    network = models.CharField(max_length=100, blank=True)
    search_text = models.TextField(help_text="Lower-case name, address, city, state, ZIP.")
    name_length = models.PositiveIntegerField(
        default=0, help_text="How much of search_text is the name (for relevance)."
    )
    availability = models.CharField(
        max_length=10, choices=Availability, default=Availability.LISTED
    )
    ports_total = models.PositiveIntegerField("positions listed", default=0)
    ports_available = models.PositiveIntegerField("positions available", default=0)
    # Per connector mask (bit per connector type, see MASKS): how many positions carry
    # those connectors, and of them how many with an available port of each.
    positions = models.JSONField(
        default=dict, help_text='"<connectors mask>:<available connectors mask>" -> positions.'
    )
    max_kw = _kw("most powerful port")
    max_available_kw = _kw("most powerful available port")
    # Per connector: the most powerful listed port, and the most powerful available one.
    j1772_kw = _kw("J1772 kW")
    j1772_available_kw = _kw("J1772 available kW")
    ccs_kw = _kw("CCS kW")
    ccs_available_kw = _kw("CCS available kW")
    chademo_kw = _kw("CHAdeMO kW")
    chademo_available_kw = _kw("CHAdeMO available kW")
    tesla_kw = _kw("Tesla kW")
    tesla_available_kw = _kw("Tesla available kW")
    other_kw = _kw("Other kW")
    other_available_kw = _kw("Other available kW")
    restriction = models.CharField(max_length=50, blank=True, help_text="Why access is limited.")
    free = models.BooleanField(default=False)
    # Opening hours on the location's clock, in minutes of the day (closes may pass 1440:
    # open past midnight); None on both: closed that day.
    always_open = models.BooleanField(default=False)
    hours_known = models.BooleanField(default=False)
    time_zone = models.CharField(max_length=50, blank=True)
    opens_0, closes_0 = _minutes("Monday opens"), _minutes("Monday closes")
    opens_1, closes_1 = _minutes("Tuesday opens"), _minutes("Tuesday closes")
    opens_2, closes_2 = _minutes("Wednesday opens"), _minutes("Wednesday closes")
    opens_3, closes_3 = _minutes("Thursday opens"), _minutes("Thursday closes")
    opens_4, closes_4 = _minutes("Friday opens"), _minutes("Friday closes")
    opens_5, closes_5 = _minutes("Saturday opens"), _minutes("Saturday closes")
    opens_6, closes_6 = _minutes("Sunday opens"), _minutes("Sunday closes")
    # The community signal: of the last drivers who checked in within 90 days
    # (community.models), `community_charged` charged; None and 0 when nobody did.
    community_charged = models.PositiveSmallIntegerField("drivers who charged", null=True)
    community_of = models.PositiveSmallIntegerField("drivers who checked in", default=0)
    # When a network's report or the community signal in this row goes stale and the row
    # must be recomputed.
    stale_after = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every refresh and by touch(): cached pages of the location are keyed on it.
    version = models.BigIntegerField(default=_first_version)

    objects = ListingQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="listing_position"),
            # The map's clusters read the positions of listed locations and nothing else.
            models.Index(
                fields=["latitude", "longitude", "site"],
                condition=Q(ports_total__gt=0),
                name="listing_on_map",
            ),
            # The squares along a map view's edges, which search_mapcell cannot sum.
            models.Index(
                fields=["map_x", "map_y"], condition=Q(ports_total__gt=0), name="listing_map_x"
            ),
            models.Index(
                fields=["map_y", "map_x"], condition=Q(ports_total__gt=0), name="listing_map_y"
            ),
            models.Index(fields=["state"], name="listing_state"),
            models.Index(fields=["network"], name="listing_network"),
            models.Index(
                fields=["stale_after"], condition=Q(stale_after__isnull=False), name="listing_stale"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(community_charged__isnull=True, community_of=0)
                # NULL <= of is not false: a CHECK would let it through unless ruled out.
                | Q(
                    community_of__gt=0,
                    community_charged__isnull=False,
                    community_charged__lte=F("community_of"),
                ),
                name="listing_community_charged_of_drivers",
            )
        ]

    def __str__(self):
        return f"Listing of site #{self.site_id}"

    @property
    def connectors(self) -> list[ConnectorType]:
        return [c for c, column in COLUMNS.items() if getattr(self, f"{column}_kw") is not None]

    def clean(self):
        super().clean()
        if (self.community_charged is None) != (self.community_of == 0) or (
            self.community_charged is not None and self.community_charged > self.community_of
        ):
            raise ValidationError(
                "The community signal counts drivers who charged out of those who checked "
                "in: give both (charged no more than checked in), or neither."
            )

    @classmethod
    def refresh(cls, site_ids):
        """Recompute the listings of these locations from their ports and check-ins: a fixed
        number of queries, however many locations."""
        site_ids = set(site_ids)
        if not site_ids:
            return
        sites = {
            site.pk: site
            for site in Site.objects.filter(pk__in=site_ids).prefetch_related("opening_hours")
        }
        # Private locations are not for drivers: no row, so no search or sender finds them.
        deleted, _ = cls.objects.filter(
            site_id__in=[pk for pk, site in sites.items() if site.is_private]
        ).delete()
        listings = {pk: _listing_of(site) for pk, site in sites.items() if not site.is_private}
        if not listings:
            if deleted:
                listings_changed()
            return
        now = timezone.now()
        ports = (
            Port.objects.listed()
            .filter(station__site_id__in=listings)
            .values("station__site_id", *PORT_FIELDS)
        )
        by_site = defaultdict(list)
        for row in ports:
            by_site[row["station__site_id"]].append(row)
        signals = CheckIn.objects.signal_for(list(listings), now=now)
        for site_id, listing in listings.items():
            tally_ports(listing, by_site[site_id], sites[site_id].is_claimed, now)
            tally_community(listing, signals.get(site_id), now)
        networks = (
            Station.objects.published()
            .filter(site_id__in=listings)
            .exclude(network="")
            .values_list("site_id", "network")
            .order_by("site_id", "pk")
        )
        for site_id, network in networks:
            listing = listings[site_id]
            listing.network = listing.network or network_name(network)
        fields = [f.name for f in cls._meta.concrete_fields if f.name not in ("site", "version")]
        cls.objects.bulk_create(
            listings.values(), update_conflicts=True, unique_fields=["site"], update_fields=fields
        )
        cls.touch(listings)
        listings_changed()

    @classmethod
    def touch(cls, site_ids):
        """Something drivers see of these locations changed: a new version of their pages."""
        cls.objects.filter(site_id__in=site_ids).update(version=F("version") + 1)


class MapCell(models.Model):
    """The listed locations in one square of map_grid.SUMMARY_LEVEL, summed for the map.

    Kept exact by the database itself: triggers on search_listing (migration 0009)
    count a square again from its listings whenever a listing enters, leaves or moves
    in it, whoever writes the row (Listing.refresh, a cascade, SQL). Only locations
    with listed ports (ports_total > 0) count, as on the map.
    """

    pk = models.CompositePrimaryKey("x", "y")
    x = models.IntegerField()
    y = models.IntegerField()
    count = models.PositiveIntegerField()
    latitude_sum = models.FloatField()
    longitude_sum = models.FloatField()
    west = models.FloatField()
    south = models.FloatField()
    east = models.FloatField()
    north = models.FloatField()
    first_site_id = models.BigIntegerField(help_text="The lowest site id: the location when one.")

    def __str__(self):
        return f"Map square {self.x},{self.y}: {self.count}"


def _listing_of(site: Site) -> Listing:
    """A listing's row for a location, before its ports are counted."""
    latitude, longitude = float(site.latitude), float(site.longitude)
    map_x, map_y = map_grid.key(latitude, longitude)
    listing = Listing(
        site_id=site.pk,
        latitude=latitude,
        longitude=longitude,
        map_x=map_x,
        map_y=map_y,
        state=site.state,
        network=network_name(site.network),
        search_text=_search_text(site),
        name_length=len(" ".join(site.name.lower().split())),
        restriction=site.restriction,
        free=site.free,
        always_open=site.always_open,
        hours_known=site.always_open,
        time_zone=site.time_zone,
    )
    for hours in site.opening_hours.all():
        listing.hours_known = True
        opens, closes = hours.minutes
        setattr(listing, f"opens_{hours.weekday}", opens)
        setattr(listing, f"closes_{hours.weekday}", closes)
    return listing


def refresh_stale(limit=500):
    """Recompute rows whose "in use" reports have gone stale since (before a search).

    Runs before every search, and usually finds nothing: plain SQL on the partial
    index, without the ORM's cost of building a query.
    """
    with connection.cursor() as cursor:
        cursor.execute(_STALE, [timezone.now(), limit])
        stale = [site_id for (site_id,) in cursor.fetchall()]
    if stale:
        with transaction.atomic():
            Listing.refresh(stale)


_STALE = "SELECT site_id FROM search_listing WHERE stale_after <= %s LIMIT %s"


def bump_version():
    """Places, networks and words drivers search by may have changed: drop cached lookups."""
    _bump(VERSION_KEY)


def listings_changed():
    """Some listing changed: every cached page of search results is out of date.

    Bumped at once (the next request in this transaction sees it) and again on commit:
    a page another request cached in between, from before the commit, is dropped too.
    """
    _bump(LISTINGS_KEY)
    transaction.on_commit(lambda: _bump(LISTINGS_KEY), robust=True)


def _bump(key):
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), timeout=None)


def listings_version() -> int:
    return cache.get_or_set(LISTINGS_KEY, time.time_ns, timeout=None)


def current_version() -> int:
    # Starts from the clock, not 1: after the cache is emptied (a Redis restart), a
    # process must not take its old per-version lookups for current ones.
    return cache.get_or_set(VERSION_KEY, time.time_ns, timeout=None)


def _search_text(site: Site) -> str:
    # Name first, so that "starts with" means the name does. The network is a filter of
    # its own: in the text, "tesla" would match every Tesla-network location.
    parts = [site.name, site.street_address, site.city, site.state, site.zip_code]
    return " ".join(" ".join(parts).lower().split())


# Photos and report answers change a location's page too (connected on import).
from search import page_versions  # noqa: E402, F401

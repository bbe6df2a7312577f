import time

from django.core.cache import cache
from django.db import connection, models
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from ports.models import Port, available_now, busy_now
from ports.vocabulary import LIVE_STATUS_FRESH_FOR, ConnectorType
from sites.models import Site
from stations.models import Station

# The Listing column prefix of each connector type.
COLUMNS = {
    ConnectorType.J1772: "j1772",
    ConnectorType.CCS: "ccs",
    ConnectorType.CHADEMO: "chademo",
    ConnectorType.TESLA: "tesla",
    ConnectorType.OTHER: "other",
}
VERSION_KEY = "search:version"


def _kw(verbose_name):
    return models.DecimalField(verbose_name, max_digits=6, decimal_places=2, null=True)


class Listing(models.Model):
    """What drivers search: a location and its listed ports, summed up in one row.

    Derived data, refreshed whenever a location, station or port changes (see
    signals.py), so that a search reads one table and no port rows. A port is
    listed when its station is published and it is not decommissioned; it is
    available when it is also operational.
    """

    site = models.OneToOneField(
        Site, on_delete=models.CASCADE, primary_key=True, related_name="listing"
    )
    latitude = models.FloatField()
    longitude = models.FloatField()
    state = models.CharField(max_length=2)
    network = models.CharField(max_length=100, blank=True)
    search_text = models.TextField(help_text="Lower-case name, address, city, state, ZIP.")
    name_length = models.PositiveIntegerField(
        default=0, help_text="How much of search_text is the name (for relevance)."
    )
    ports_total = models.PositiveIntegerField(default=0)
    ports_available = models.PositiveIntegerField(default=0)
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
    # When a network's "in use" report in this row goes stale and the row must be recomputed.
    stale_after = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="listing_position"),
            models.Index(fields=["state"], name="listing_state"),
            models.Index(fields=["network"], name="listing_network"),
            models.Index(
                fields=["stale_after"], condition=Q(stale_after__isnull=False), name="listing_stale"
            ),
        ]

    def __str__(self):
        return f"Listing of site #{self.site_id}"

    @property
    def connectors(self) -> list[ConnectorType]:
        return [c for c, column in COLUMNS.items() if getattr(self, f"{column}_kw") is not None]

    @classmethod
    def refresh(cls, site_ids):
        """Recompute the listings of these locations from their ports: four queries."""
        site_ids = set(site_ids)
        if not site_ids:
            return
        listings = {
            site["pk"]: cls(
                site_id=site["pk"],
                latitude=float(site["latitude"]),
                longitude=float(site["longitude"]),
                state=site["state"],
                network=site["network"],
                search_text=_search_text(site),
                name_length=len(" ".join(site["name"].lower().split())),
            )
            for site in Site.objects.filter(pk__in=site_ids).values(
                "pk",
                "name",
                "street_address",
                "city",
                "state",
                "zip_code",
                "network",
                "latitude",
                "longitude",
            )
        }
        now = timezone.now()
        available = available_now(now)
        ports = (
            Port.objects.listed()
            .filter(station__site_id__in=listings)
            .values("station__site_id", "connector_type")
            .annotate(
                total=Count("pk"),
                available=Count("pk", filter=available),
                kw=Max("max_power_kw"),
                available_kw=Max("max_power_kw", filter=available),
                busy_since=Min("live_status_at", filter=busy_now(now)),
            )
        )
        for row in ports:
            listing = listings[row["station__site_id"]]
            column = COLUMNS[ConnectorType(row["connector_type"])]
            setattr(listing, f"{column}_kw", row["kw"])
            setattr(listing, f"{column}_available_kw", row["available_kw"])
            listing.ports_total += row["total"]
            listing.ports_available += row["available"]
            listing.max_kw = _larger(listing.max_kw, row["kw"])
            listing.max_available_kw = _larger(listing.max_available_kw, row["available_kw"])
            if row["busy_since"]:
                expires = row["busy_since"] + LIVE_STATUS_FRESH_FOR
                listing.stale_after = min(filter(None, [listing.stale_after, expires]))
        networks = (
            Station.objects.published()
            .filter(site_id__in=listings)
            .exclude(network="")
            .values_list("site_id", "network")
            .order_by("site_id", "pk")
        )
        for site_id, network in networks:
            listing = listings[site_id]
            listing.network = listing.network or network
        fields = [f.name for f in cls._meta.concrete_fields if f.name != "site"]
        cls.objects.bulk_create(
            listings.values(), update_conflicts=True, unique_fields=["site"], update_fields=fields
        )


def refresh_stale(limit=500):
    """Recompute rows whose "in use" reports have gone stale since (before a search).

    Runs before every search, and usually finds nothing: plain SQL on the partial
    index, without the ORM's cost of building a query.
    """
    with connection.cursor() as cursor:
        cursor.execute(_STALE, [timezone.now(), limit])
        stale = [site_id for (site_id,) in cursor.fetchall()]
    if stale:
        Listing.refresh(stale)


_STALE = "SELECT site_id FROM search_listing WHERE stale_after <= %s LIMIT %s"


def bump_version():
    """Places, networks and words drivers search by may have changed: drop cached lookups."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def current_version() -> int:
    # Starts from the clock, not 1: after the cache is emptied (a Redis restart), a
    # process must not take its old per-version lookups for current ones.
    return cache.get_or_set(VERSION_KEY, time.time_ns, timeout=None)


def _search_text(site: dict) -> str:
    # Name first, so that "starts with" means the name does. The network is a filter of
    # its own: in the text, "tesla" would match every Tesla-network location.
    parts = [site[key] for key in ("name", "street_address", "city", "state", "zip_code")]
    return " ".join(" ".join(parts).lower().split())


def _larger(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)

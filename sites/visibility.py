"""Why isn't my location in search? The spec's Troubleshooting, checked live for one location.

Drivers' search lists a public location with at least one listed port: a port of a published
station that is not decommissioned (ports.models.PortQuerySet.listed, search.models.Listing).
Each check below says whether it holds and, when it does not, what to do and where.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from ports.vocabulary import ConnectorType, PortStatus
from sites.access import Access

# Owners confirm their data at least this often, or drivers read it as possibly stale.
VERIFY_EVERY = timedelta(days=90)

OK, FAIL, WAIT = "ok", "fail", "wait"

_LISTED = Q(ports__network_removed=False) & ~Q(ports__status=PortStatus.DECOMMISSIONED)


@dataclass(frozen=True)
class Check:
    key: str
    state: str  # OK, FAIL, or WAIT (depends on an earlier check)
    text: str
    fix: str = ""
    url: str = ""
    action: str = ""  # the link's words
    keeps_out: bool = False  # failing it keeps the location out of search

    @property
    def ok(self) -> bool:
        return self.state == OK

    @property
    def failed(self) -> bool:
        return self.state == FAIL


def with_counts(stations):
    """Annotate a location's stations with what the checks count: one query for them all."""
    return stations.annotate(
        listed_ports=Count("ports", filter=_LISTED, distinct=True),
        working_ports=Count(
            "ports",
            filter=Q(ports__network_removed=False, ports__status=PortStatus.OPERATIONAL),
            distinct=True,
        ),
        other_ports=Count(
            "ports", filter=_LISTED & Q(ports__connector_type=ConnectorType.OTHER), distinct=True
        ),
    )


def with_listed_ports(sites):
    """Annotate locations with how many ports drivers' search lists there."""
    return sites.annotate(
        listed_ports=Count(
            "stations__ports",
            filter=Q(stations__is_published=True, stations__ports__network_removed=False)
            & ~Q(stations__ports__status=PortStatus.DECOMMISSIONED),
            distinct=True,
        )
    )


def in_search(site) -> bool:
    """For a location annotated by with_listed_ports()."""
    return site.access != Access.PRIVATE and site.listed_ports > 0


def not_in_search(sites):
    return with_listed_ports(sites).filter(Q(listed_ports=0) | Q(access=Access.PRIVATE))


def checks(site, stations, now=None) -> list[Check]:
    """Every check for `site`, given its stations annotated by with_counts()."""
    now = now or timezone.now()
    return [
        _has_stations(site, stations),
        _published(stations),
        _has_ports(stations),
        _working(stations),
        _claimed(site),
        _public(site),
        _connectors(stations),
        _verified(site, now),
    ]


def _has_stations(site, stations) -> Check:
    if stations:
        n = len(stations)
        return Check("stations", OK, f"Has {n} station{'s' if n != 1 else ''}")
    return Check(
        "stations",
        FAIL,
        "No stations yet",
        "Drivers find a location by its stations' ports: add a station, then its ports.",
        reverse("stations:add", args=[site.pk]),
        "Add a station",
        keeps_out=True,
    )


def _published(stations) -> Check:
    if not stations:
        return Check("published", WAIT, "Stations published: after you add one")
    drafts = [station for station in stations if not station.is_published]
    if not drafts:
        return Check("published", OK, "Every station is published")
    every = len(drafts) == len(stations)
    names = ", ".join(f"“{station.name}”" for station in drafts)
    return Check(
        "published",
        FAIL,
        f"Every station is a draft: {names}" if every else f"Draft, hidden from drivers: {names}",
        "Drivers see published stations only. Tick “Published” in Edit station.",
        reverse("stations:edit", args=[drafts[0].pk]),
        f"Publish “{drafts[0].name}”",
        keeps_out=every,
    )


def _has_ports(stations) -> Check:
    published = [station for station in stations if station.is_published]
    if not published:
        return Check("ports", WAIT, "Ports listed: after a station is published")
    listed = sum(station.listed_ports for station in published)
    if listed:
        return Check("ports", OK, f"{listed} port{'s' if listed != 1 else ''} listed")
    station = published[0]
    return Check(
        "ports",
        FAIL,
        "No ports on a published station",
        "Add one port for each connector drivers can plug in.",
        reverse("ports:add", args=[station.pk]),
        f"Add a port to “{station.name}”",
        keeps_out=True,
    )


def _working(stations) -> Check:
    listed = [s for s in stations if s.is_published and s.listed_ports]
    if not listed:
        return Check("working", WAIT, "Ports working: after a port is listed")
    if any(station.working_ports for station in listed):
        return Check("working", OK, "At least one port is Operational")
    return Check(
        "working",
        FAIL,
        "Every port is Out of Service",
        "Drivers see the location but nowhere to charge. Mark a port Operational once it "
        "is repaired.",
        f"{reverse('stations:detail', args=[listed[0].pk])}#charging-ports",
        f"Open “{listed[0].name}”'s ports",
    )


def _claimed(site) -> Check:
    # The owner's page: always true here, said so drivers' "owner-verified" makes sense.
    if site.owner_id:
        return Check("claimed", OK, "You manage it: drivers see an owner keeps it current")
    return Check("claimed", FAIL, "Not claimed")


def _public(site) -> Check:
    if site.access != Access.PRIVATE:
        return Check("public", OK, "Public")
    return Check(
        "public",
        FAIL,
        "Private: hidden from drivers' search",
        "Choose “Public” under “Who may charge here” if drivers may come.",
        f"{reverse('sites:edit', args=[site.pk])}#access",
        "Change access",
        keeps_out=True,
    )


def _connectors(stations) -> Check:
    other = [station for station in stations if station.is_published and station.other_ports]
    if not any(s.is_published and s.listed_ports for s in stations):
        return Check("connectors", WAIT, "Connector types: after a port is listed")
    if not other:
        return Check("connectors", OK, "Every port has its connector type")
    n = sum(station.other_ports for station in other)
    return Check(
        "connectors",
        FAIL,
        f"{n} port{'s' if n != 1 else ''} with connector type “Other”",
        "Drivers filtering by connector won't find them. Check the plug and choose its type.",
        f"{reverse('stations:detail', args=[other[0].pk])}#charging-ports",
        f"Open “{other[0].name}”'s ports",
    )


def _verified(site, now) -> Check:
    if site.verified_at and now - site.verified_at <= VERIFY_EVERY:
        return Check("verified", OK, f"Confirmed by you {site.verified_ago}")
    return Check(
        "verified",
        FAIL,
        f"Last confirmed {site.verified_ago}" if site.verified_at else "Never confirmed by you",
        "Drivers trust recent data. Check the details below, then confirm they are current.",
        reverse("sites:verify", args=[site.pk]),
        "Confirm it is current",
    )

"""A Listing row's counts and powers, from ports.availability's tally of its ports, and its
community signal, from community's check-ins."""

from datetime import timedelta

from ports.availability import tally
from ports.vocabulary import ConnectorType

COLUMNS = {
    ConnectorType.J1772: "j1772",
    ConnectorType.CCS: "ccs",
    ConnectorType.CHADEMO: "chademo",
    ConnectorType.TESLA: "tesla",
    ConnectorType.OTHER: "other",
}


def tally_ports(listing, ports: list[dict], claimed: bool, now):
    """Fill a Listing's counts, powers, availability and stale_after from its port rows."""
    counted = tally(ports, claimed=claimed, now=now)
    listing.availability = counted.kind
    listing.ports_total = counted.total
    listing.ports_available = counted.available
    listing.positions = counted.positions
    for connector, column in COLUMNS.items():
        setattr(listing, f"{column}_kw", counted.kw.get(connector))
        setattr(listing, f"{column}_available_kw", counted.available_kw.get(connector))
    listing.max_kw = max(counted.kw.values(), default=None)
    listing.max_available_kw = max(counted.available_kw.values(), default=None)
    listing.stale_after = counted.expires


# A signal reads check-ins of the last 90 days: recomputed daily, the oldest age out
# within a day of leaving the window, without a job of their own.
COMMUNITY_RECHECK = timedelta(days=1)


def tally_community(listing, signal: tuple[int, int] | None, now):
    """Fill a Listing's community signal from CheckIn.objects.signal_for's (charged, of).

    Call after tally_ports: a listing with a signal is due again within COMMUNITY_RECHECK.
    """
    if signal is None:
        listing.community_charged, listing.community_of = None, 0
        return
    listing.community_charged, listing.community_of = signal
    recheck = now + COMMUNITY_RECHECK
    listing.stale_after = min(listing.stale_after or recheck, recheck)

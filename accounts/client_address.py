"""The client's address as this deployment sees it, for throttles and rate limits.

Behind TRUSTED_PROXY_COUNT proxies, each appends the address it received the request
from to X-Forwarded-For; the client can write anything before those. So the n-th entry
from the right, written by our outermost proxy, is the first one a client cannot forge.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if not hops:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    # Fewer entries than proxies: it skipped the outer ones, and the leftmost is the farthest seen.
    entry = forwarded[-hops] if len(forwarded) >= hops else forwarded[0]
    return _address(entry) or remote


def _address(entry: str) -> str | None:
    """The address in an X-Forwarded-For entry, normalised; None if it is not one."""
    if entry.startswith("["):  # [IPv6]:port
        entry = entry[1:].partition("]")[0]
    elif entry.count(":") == 1:  # IPv4:port
        entry = entry.partition(":")[0]
    try:
        return str(ipaddress.ip_address(entry))
    except ValueError:
        return None

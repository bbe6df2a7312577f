"""The client's address as this deployment sees it, for throttles and rate limits.

Behind TRUSTED_PROXY_COUNT proxies, each appends the address it received the request
from to X-Forwarded-For; the client can write anything before those. So the n-th entry
from the right, written by our outermost proxy, is the first one a client cannot forge.
"""

import ipaddress

from django.conf import settings
from django.utils.crypto import salted_hmac


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


def client_key(address: str, purpose: str) -> str:
    """What a rate limit keeps of its sender: a keyed hash of the address, nothing that names it.

    An IPv6 client usually holds a whole /64 network, so its /64 is the client. `purpose` salts
    the hash, so one feature's keys say nothing about another's.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        pass
    else:
        if ip.version == 6:
            mapped = ip.ipv4_mapped
            address = str(mapped or ipaddress.ip_network(f"{ip}/64", strict=False))
    return salted_hmac(purpose, address or "", algorithm="sha256").hexdigest()

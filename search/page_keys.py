"""The cache key of a page of search results: it changes whenever the results may.

Any listing's change (a port, a live status, hours: see Listing.refresh) bumps the
listings version; new places, networks or words bump the search version. "Open now"
also depends on the minute. The request's own parameters, sorted, name the search.
"""

import hashlib
import time
from urllib.parse import urlencode

from django.core.cache import cache

from search.models import LISTINGS_KEY, VERSION_KEY, current_version, listings_version

TTL = 300  # seconds; the versions keep pages true, this only bounds what Redis holds


def results_page(request, kind="search") -> tuple[str, int]:
    """(key, seconds to keep) of this search's page (or its map's answer: kind="map")."""
    versions = cache.get_many([VERSION_KEY, LISTINGS_KEY])
    words = versions.get(VERSION_KEY) or current_version()
    listings = versions.get(LISTINGS_KEY) or listings_version()
    ttl, minute = TTL, ""
    if request.GET.get("open_now"):
        now = time.time()
        minute, ttl = int(now // 60), max(1, int(60 - now % 60))
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    htmx = int(request.headers.get("HX-Request") == "true")
    return f"page:{kind}:{words}:{listings}:{minute}:{htmx}:{digest}", ttl

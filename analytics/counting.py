"""Counting page views and search appearances on the driver's request, in Redis only.

One MULTI/EXEC pipeline per counted page: HINCRBY on the day's hash, field
"<site>:<kind>", and the day added to the set of days waiting for the flush (flush.py).
No database write, no cookie, nothing about the visitor is kept: a count is all.

Days are UTC days, for every location: one clock for the counts, the flush and the chart,
and no time zone to look up on a page served from the cache.

Not counted: HEAD requests, User-Agents on the crawler-user-agents list (or none at all);
for page views also HTMX requests (a region refreshed is not a visit), the location's
owner and staff. The search map's JSON is not a results page and counts nothing.

Redis unreachable: the page is served as usual and the lost increments are logged.
Without Redis (the local-memory cache of development) nothing is counted.
"""

import logging
from datetime import UTC, datetime
from functools import lru_cache

import crawleruseragents
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from analytics.models import Kind
from search.views import SHOWN_HEADER
from sites.models import Site

logger = logging.getLogger(__name__)

DAYS = "analytics:days"  # the set of UTC days whose live hash waits for the flush
LIVE = "analytics:live:"  # + day: hash of "<site>:<kind>" -> count
BATCHES = "analytics:batches"  # set of claimed batches not yet deleted (flush.py)
BATCH = "analytics:batch:"  # + day + ":" + uuid


def redis_and_key():
    """(redis client, key maker) of the default cache, or (None, None) if it is not Redis."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return None, None
    return cache._cache.get_client(write=True), cache.make_key


@lru_cache(maxsize=2048)
def is_bot(user_agent: str) -> bool:
    # Scripts and monitors often send no User-Agent at all; people's browsers always do.
    return not user_agent.strip() or crawleruseragents.is_crawler(user_agent)


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def count(kind: Kind, site_ids) -> None:
    """Add one to each location's count of `kind` for today. Never raises."""
    site_ids = sorted(set(site_ids))
    if not site_ids:
        return
    client, key = redis_and_key()
    if client is None:
        return
    day = today()
    pipe = client.pipeline(transaction=True)
    for pk in site_ids:
        pipe.hincrby(key(LIVE + day), f"{pk}:{kind}", 1)
    pipe.sadd(key(DAYS), day)
    try:
        _run(pipe)
    except (RedisError, OSError) as error:
        logger.warning(
            "Analytics: %s not counted for locations %s on %s (%s: %s)",
            kind.label.lower(),
            ",".join(map(str, site_ids)),
            day,
            type(error).__name__,
            error,
        )


def _run(pipe):
    """Execute, or raise if the cache knows Redis is down (it then waits before retrying)."""
    cache = caches["default"]
    down = object()
    # FallbackRedisCache spaces its tries while Redis is down: a page does not wait on it.
    call = getattr(cache, "_call", None)
    if call is None:
        return pipe.execute()
    result = call(pipe.execute, down)
    if result is down:
        raise RedisError("unreachable")
    return result


def _counts_for(request, response) -> bool:
    return (
        request.method == "GET"
        and response.status_code == 200
        and not is_bot(request.headers.get("User-Agent", ""))
    )


class CountingMiddleware:
    """Counts the location page's views and the search page's appearances.

    A middleware, so the pages' own code knows nothing of it, and outside their page cache:
    a page served from the cache is a view, or an appearance, too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if match is not None and match.view_name == "sites:public":
            _count_view(request, match.kwargs["pk"], response)
        _count_search(request, response)
        return response


def _count_view(request, pk, response):
    if (
        _counts_for(request, response)
        and request.headers.get("HX-Request") != "true"
        and not request.user.is_staff
        and not _owns(request, [pk])
    ):
        count(Kind.VIEW, [pk])


def _count_search(request, response):
    """Count the locations a results page showed (its header), and drop the header.

    Whoever looks, bots aside: an appearance is the location being shown. Leaving out
    owners and staff would cost the search page its session and user queries."""
    shown = response.get(SHOWN_HEADER, "")
    if not shown:
        return
    del response[SHOWN_HEADER]
    if _counts_for(request, response):
        count(Kind.SEARCH, [int(pk) for pk in shown.split(",") if pk.isdigit()])


def _owns(request, site_ids) -> list[int]:
    # Only a signed-in driver can own a location; visitors (the cached pages) cost no query.
    if not request.user.is_authenticated:
        return []
    return list(
        Site.objects.filter(pk__in=site_ids, owner_id=request.user.pk).values_list("pk", flat=True)
    )

"""Whole public pages for visitors, from the shared cache, never stale.

A page is cached under a key that names everything it shows (a location's listing
version; for search results, the version of every listing), so an owner's edit or a
network's live status changes the key and the next request renders the page afresh.

- Only visitors: no session cookie, no messages waiting, not logged in. Owners and
  staff see pages that differ (their menu, their claim) and always get them rendered.
- A page holds two values that belong to one response: the CSP nonce and the CSRF
  token (`base.html` gives htmx the token). The cached copy holds random placeholders
  instead; each response puts in its own nonce (the one its CSP header names) and its
  visitor's own token (setting the CSRF cookie as rendering would).
- The default cache is Redis in production; an unreachable Redis reads as a miss
  (chargesites/cache.py), so pages are rendered as if there were no cache.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import UTC
from functools import partial, wraps

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import timezone

LOCATION_TTL = 60  # seconds: the page's "today", "2 days ago" and reliability age slowly
HEADER = "X-Page-Cache"  # "hit" or "miss": what a bench or a test can check
_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_NOT_KEPT = {"set-cookie", "content-length"}


@dataclass(frozen=True)
class Entry:
    body: str
    headers: tuple[tuple[str, str], ...]
    nonce: str = ""  # the placeholder standing for the CSP nonce, if the page has one
    csrf: str = ""  # the placeholder standing for the CSRF token, if the page has one


def serve(request, found, render, *, atomic=True):
    """The response of `render(request)`, from the cache when `found` = (key, ttl) holds it.

    `found` is None when the page must not be cached (a location without a listing).
    A page that only reads passes atomic=False: on PostgreSQL's READ COMMITTED each query
    sees its own snapshot anyway, and BEGIN and COMMIT are two round trips for nothing.
    """
    render_it = partial(_atomic, render) if atomic else render
    if found is None or not is_visitor(request):
        return render_it(request)
    key, ttl = found
    entry = cache.get(key)
    if isinstance(entry, Entry):
        return _response(request, entry, "hit")
    response, entry = _render_keeping(request, render_it)
    if entry is not None:
        cache.set(key, entry, timeout=ttl)
    return response


def for_visitors(key_of):
    """Decorate a view: `key_of(request, *args, **kwargs)` gives (key, ttl), or None.

    The view is no longer wrapped in the request's transaction (ATOMIC_REQUESTS): serve()
    renders it in one, and a page from the cache needs none (two round trips fewer).
    """

    def decorator(view):
        @transaction.non_atomic_requests
        @wraps(view)
        def cached(request, *args, **kwargs):
            found = key_of(request, *args, **kwargs) if is_visitor(request) else None
            return serve(request, found, lambda request: view(request, *args, **kwargs))

        return cached

    return decorator


def _atomic(render, request):
    """Render as ATOMIC_REQUESTS would have, for views the cache took out of it."""
    if not connection.settings_dict.get("ATOMIC_REQUESTS"):
        return render(request)
    with transaction.atomic():
        return render(request)


def is_visitor(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False  # a session may hold messages, a claim, a login: this page is theirs
    return not request.user.is_authenticated


def location_key(request, pk):
    """A location's page: its listing's version. Private locations (no listing) are not
    cached; a listing whose live status has gone stale is recounted first."""
    listing = apps.get_model("search", "Listing")
    row = _version_of(pk)
    if row is None:
        return None
    version, stale_after = row
    now = timezone.now()
    if stale_after is not None and stale_after <= now:
        with transaction.atomic():
            listing.refresh([pk])
        row = _version_of(pk)
        if row is None:
            return None
        version, stale_after = row
    ttl = LOCATION_TTL
    if stale_after is not None:
        ttl = max(1, min(ttl, int((stale_after - now).total_seconds())))
    htmx = request.headers.get("HX-Request") == "true"
    return f"page:location:{pk}:{version}:{int(htmx)}", ttl


def _version_of(pk):
    # Plain SQL: this runs on every cached request, where the ORM's cost would show.
    with connection.cursor() as cursor:
        cursor.execute("SELECT version, stale_after FROM search_listing WHERE site_id = %s", [pk])
        row = cursor.fetchone()
    if row is None or row[1] is None or timezone.is_aware(row[1]):
        return row
    return row[0], row[1].replace(tzinfo=UTC)  # SQLite keeps UTC without saying so


def _render_keeping(request, render):
    """Render the page with placeholders for the nonce and the CSRF token; return this
    request's response (with its own values) and the entry to cache (or None)."""
    nonce = getattr(request, "_csp_nonce", None)
    nonce_mark = f"nonce{secrets.token_hex(12)}" if nonce is not None else ""
    if nonce is not None:
        request._csp_nonce = nonce_mark
    try:
        response = render(request)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    finally:
        if nonce is not None:
            request._csp_nonce = nonce
    cacheable = (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
    )
    body = response.content.decode(response.charset)
    kept, csrf_mark = body, ""
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and "CSRF_COOKIE" in request.META:
        csrf_mark = f"csrf{secrets.token_hex(30)}"
        kept = _token_marked(kept, request.META["CSRF_COOKIE"], csrf_mark)
    if nonce_mark in body:
        body = body.replace(nonce_mark, str(nonce))
    else:
        nonce_mark = ""
    response.content = body
    response[HEADER] = "miss"
    if not cacheable:
        return response, None
    headers = tuple(
        (name, value) for name, value in response.items() if name.lower() not in _NOT_KEPT
    )
    return response, Entry(kept, headers, nonce_mark, csrf_mark)


def _token_marked(body: str, secret: str, mark: str) -> str:
    """Every CSRF token of this secret in the body replaced by the placeholder."""

    def swap(found):
        token = found.group()
        return mark if _unmask_cipher_token(token) == secret else token

    return _TOKEN.sub(swap, body)


def _response(request, entry: Entry, state: str):
    body = entry.body
    if entry.nonce:
        body = body.replace(entry.nonce, str(request._csp_nonce))
    if entry.csrf:
        body = body.replace(entry.csrf, get_token(request))
    response = HttpResponse(body)
    for name, value in entry.headers:
        response[name] = value
    response[HEADER] = state
    return response

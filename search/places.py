"""Places a driver can search near (a ZIP code or a city the data knows), and the words
it can search for, with the small typos people make. Cached until locations change."""

import difflib
import hashlib
import re
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Avg, Count

from search.models import Listing, current_version
from sites.models import Site
from sites.states import USState

_WORD = re.compile(r"[a-z0-9]+")
_STATE_NAMES = {state.label.lower(): state.value for state in USState}


def find_place(text: str) -> tuple[str, float, float] | None:
    """ "12207", "Albany", "Albany, NY", "albany new york" -> (label, latitude, longitude)."""
    text = " ".join(text.split())
    if not text:
        return None
    # Hashed: cache keys may not hold spaces or arbitrary characters.
    digest = hashlib.sha1(text.lower().encode()).hexdigest()
    key = f"search:place:{current_version()}:{digest}"
    place = cache.get(key)
    if place is None:
        place = _locate(text) or ()
        cache.set(key, place, timeout=24 * 3600)
    return place or None


def _locate(text: str):
    if re.fullmatch(r"\d{5}", text):
        sites = Site.objects.filter(zip_code__startswith=text)
        label = text
    else:
        city, state = _split_state(text)
        sites = Site.objects.filter(city__iexact=city)
        if state:
            sites = sites.filter(state=state)
        else:  # "Springfield": the one with the most chargers
            busiest = sites.values("state").annotate(n=Count("pk")).order_by("-n").first()
            if busiest:
                state = busiest["state"]
                sites = sites.filter(state=state)
        label = f"{city.title()}, {state}" if state else city.title()
    center = sites.aggregate(lat=Avg("latitude"), lng=Avg("longitude"))
    if center["lat"] is None:
        return None
    return (label, float(center["lat"]), float(center["lng"]))


def _split_state(text: str) -> tuple[str, str]:
    words = text.replace(",", " ").split()
    if len(words) > 1 and words[-1].upper() in USState.values:
        return " ".join(words[:-1]), words[-1].upper()
    lowered = text.lower().replace(",", " ")
    # Longest names first: "west virginia" before "virginia".
    for name, code in sorted(_STATE_NAMES.items(), key=lambda item: -len(item[0])):
        if lowered.endswith(" " + name):
            return " ".join(lowered[: -len(name)].split()), code
    return text.replace(",", " ").strip(), ""


def spellings(word: str) -> list[str]:
    """The word as typed if the data has it (whole or in part), else its closest matches."""
    vocabulary = _vocabulary(current_version())
    if word.isdigit() or any(word in known for known in vocabulary):
        return [word]
    similar = [
        known
        for known in vocabulary
        if abs(len(known) - len(word)) <= 2 and known[:1] in (word[:1], word[1:2])
    ]
    return difflib.get_close_matches(word, similar, n=3, cutoff=0.75) or [word]


def networks() -> tuple[str, ...]:
    """Networks with listings, for the search form."""
    return _distinct("network", current_version())


def states() -> tuple[str, ...]:
    """States with listings: the state filter offers no state that would find nothing."""
    return _distinct("state", current_version())


def time_zones() -> tuple[str, ...]:
    return _distinct("time_zone", current_version())


@lru_cache(maxsize=8)
def _distinct(column: str, version: int) -> tuple[str, ...]:
    # Per process and per version, over the shared cache: every search form lists them.
    key = f"search:{column}:{version}"
    values = cache.get(key)
    if values is None:
        values = list(
            Listing.objects.filter(ports_total__gt=0)
            .exclude(**{column: ""})
            .order_by(column)
            .values_list(column, flat=True)
            .distinct()
        )
        cache.set(key, values, timeout=24 * 3600)
    return tuple(values)


@lru_cache(maxsize=2)
def _vocabulary(version: int) -> frozenset[str]:
    # Per process and per version: large, and only consulted for words the data lacks.
    words = set()
    for name, city, network in Listing.objects.values_list(
        "site__name", "site__city", "network"
    ).iterator(chunk_size=5000):
        words.update(_WORD.findall(f"{name} {city} {network}".lower()))
    return frozenset(w for w in words if len(w) > 2)

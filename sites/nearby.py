"""Listings already at or near the address an owner is adding: claim one instead of a duplicate.

A listing matches when its street address is the same (however it is abbreviated) in the same
city or ZIP code, or when it lies within NEAR_METRES of the typed coordinates.
"""

import math
import re
from dataclasses import dataclass

from django.db.models import Q

from sites.access import Access
from sites.models import Site

NEAR_METRES = 150
SHOWN = 5
EARTH_RADIUS_METRES = 6_371_000

# The words addresses are written both ways with: "120 Maple Street" is "120 maple st".
_SHORT = {
    "street": "st",
    "avenue": "ave",
    "av": "ave",
    "road": "rd",
    "boulevard": "blvd",
    "drive": "dr",
    "lane": "ln",
    "court": "ct",
    "place": "pl",
    "parkway": "pkwy",
    "highway": "hwy",
    "route": "rte",
    "square": "sq",
    "terrace": "ter",
    "circle": "cir",
    "suite": "ste",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
}


def street_key(street: str) -> str:
    """ "120 Maple Street," and "120 maple st" give the same key."""
    words = re.sub(r"[^\w\s]", " ", street.lower()).split()
    return " ".join(_SHORT.get(word, word) for word in words)


def metres_between(lat1, lng1, lat2, lng2) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Match:
    site: Site
    same_address: bool
    metres: float | None  # None when no coordinates were given
    relation: str = ""  # to the owner asking: "yours", "claimable" or "owned" (by another)

    @property
    def why(self) -> str:
        if self.same_address:
            return "Same address"
        return f"About {round(self.metres / 10) * 10 or 10} m from your pin"


def _relation(site, user) -> str:
    if site.owner_id is None:
        return "claimable"
    return "yours" if site.owner_id == user.pk else "owned"


def find(user, *, street="", city="", zip_code="", latitude=None, longitude=None) -> list[Match]:
    """Listings at this address or near these coordinates, nearest first.

    Another owner's private location is never shown: nobody may learn it exists.
    """
    visible = Site.objects.filter(~Q(access=Access.PRIVATE) | Q(owner=user.pk))
    matches: dict[int, Match] = {}
    key = street_key(street)
    zip5 = zip_code.strip()[:5]
    if key and (city.strip() or len(zip5) == 5):
        place = Q()
        if city.strip():
            place |= Q(city__iexact=city.strip())
        if len(zip5) == 5 and zip5.isdigit():
            place |= Q(zip_code__startswith=zip5)
        # The house number narrows the rows read; the key compares the rest.
        first = street.strip().split()[0]
        for site in visible.filter(place, street_address__istartswith=first)[:200]:
            if street_key(site.street_address) == key:
                matches[site.pk] = Match(site, True, None)
    if latitude is not None and longitude is not None:
        for site in visible.around(latitude, longitude, NEAR_METRES)[:200]:
            metres = metres_between(
                float(latitude), float(longitude), float(site.latitude), float(site.longitude)
            )
            if site.pk in matches:
                matches[site.pk].metres = metres
            elif metres <= NEAR_METRES:
                matches[site.pk] = Match(site, False, metres)
    for match in matches.values():
        match.relation = _relation(match.site, user)
    return sorted(
        matches.values(),
        key=lambda m: (not m.same_address, m.metres if m.metres is not None else 0, m.site.pk),
    )[:SHOWN]


def centre_of(zip_code: str) -> tuple[float, float] | None:
    """Roughly where a ZIP code is, from the locations we know in it: where the map opens."""
    zip5 = zip_code.strip()[:5]
    if len(zip5) != 5 or not zip5.isdigit():
        return None
    points = list(
        Site.objects.filter(zip_code__startswith=zip5).values_list("latitude", "longitude")[:50]
    )
    if not points:
        return None
    return (
        sum(float(lat) for lat, _ in points) / len(points),
        sum(float(lng) for _, lng in points) / len(points),
    )

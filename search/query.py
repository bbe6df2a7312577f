"""The drivers' search: what they ask (SearchForm) and the one query that answers it."""

import math
import re
from dataclasses import dataclass

from django import forms
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.urls import reverse

from ports.availability import matching
from ports.vocabulary import Availability, ConnectorType
from search import places
from search.hours import open_now
from search.models import COLUMNS, Listing, refresh_stale
from sites.states import USState

PAGE_SIZE = 20
# What a result shows: fetching only these, as plain rows, keeps the search near its SQL's cost.
_SHOWN = [
    "latitude",
    "longitude",
    "ports_total",
    "ports_available",
    "availability",
    "positions",
    "restriction",
    "free",
    "always_open",
    "max_kw",
    *(f"{column}_kw" for column in COLUMNS.values()),
    "site__name",
    "site__street_address",
    "site__city",
    "site__state",
    "site__zip_code",
    "site__owner",
    "site__origin",
    "site__source_confirmed_on",
]
EARTH_RADIUS_MILES = 3958.8
RADIUS_CHOICES = [
    (5, "5 miles"),
    (10, "10 miles"),
    (25, "25 miles"),
    (50, "50 miles"),
    (100, "100 miles"),
]
_WORD = re.compile(r"[\w-]+")


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    near = forms.CharField(
        label="Near", required=False, max_length=100, help_text="A ZIP code or a city."
    )
    lat = forms.FloatField(
        label="Latitude", required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    lng = forms.FloatField(
        label="Longitude", required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    radius = forms.TypedChoiceField(
        label="Within", choices=RADIUS_CHOICES, coerce=int, required=False, initial=25
    )
    bbox = forms.CharField(required=False, widget=forms.HiddenInput)
    connector = forms.MultipleChoiceField(
        label="Connector",
        choices=ConnectorType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    min_kw = forms.DecimalField(
        label="Minimum power (kW)",
        required=False,
        min_value=0,
        max_value=1000,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    available = forms.BooleanField(label="Available now", required=False)
    free = forms.BooleanField(label="Free", required=False)
    open_now = forms.BooleanField(label="Open now", required=False)
    network = forms.ChoiceField(label="Network", required=False)
    state = forms.ChoiceField(label="State", required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=1000, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].choices = [("", "Any network")] + [
            (name, name) for name in places.networks()
        ]
        # Only states with listings: a state without any would always answer "no chargers".
        listed = set(places.states())
        self.fields["state"].choices = [("", "Any state")] + [
            (code, label) for code, label in USState.choices if code in listed
        ]
        self.place = None

    def clean_bbox(self):
        text = self.cleaned_data["bbox"]
        if not text:
            return None
        try:
            west, south, east, north = (float(part) for part in text.split(","))
        except ValueError:
            raise forms.ValidationError(
                "The map area must be four numbers: west,south,east,north."
            ) from None
        if not (-90 <= south < north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
            raise forms.ValidationError("The map area is not on the map: zoom out and try again.")
        return (west, south, east, north)

    def clean(self):
        data = super().clean()
        if "lat" in self.errors or "lng" in self.errors:
            return data
        if (data.get("lat") is None) != (data.get("lng") is None):
            raise forms.ValidationError("Your location needs both a latitude and a longitude.")
        if data.get("lat") is not None:
            self.place = ("your location", data["lat"], data["lng"])
        elif data.get("near"):
            self.place = places.find_place(data["near"])
            if self.place is None:
                self.add_error(
                    "near",
                    f"We know no chargers near “{data['near']}”. Try a ZIP code or a city "
                    "with chargers, or use your location.",
                )
        return data


@dataclass(frozen=True)
class Result:
    """One location in the results, read straight from its row (no model instances).

    `asked`: the connectors the driver filtered by; counts and power are those of the
    ports with one of them (all ports when none was asked).
    """

    row: dict
    asked: tuple[ConnectorType, ...] = ()

    @property
    def site_id(self) -> int:
        return self.row["site_id"]

    @property
    def name(self) -> str:
        return self.row["site__name"]

    @property
    def address(self) -> str:
        row = self.row
        region = f"{row['site__state']} {row['site__zip_code']}".strip()
        parts = [row["site__street_address"], row["site__city"], region]
        return ", ".join(part for part in parts if part)

    @property
    def url(self) -> str:
        return reverse("sites:public", args=[self.site_id])

    @property
    def distance(self) -> float | None:
        return self.row.get("distance")

    @property
    def is_claimed(self) -> bool:
        return self.row["site__owner"] is not None

    @property
    def connectors(self) -> list[ConnectorType]:
        return [c for c, column in COLUMNS.items() if self.row[f"{column}_kw"] is not None]

    @property
    def counts(self) -> tuple[int, int]:
        """(positions, available positions) of the matching ports."""
        return matching(self.row["positions"] or {}, self.asked)

    @property
    def total(self) -> int:
        return self.counts[0]

    @property
    def available(self) -> int:
        return self.counts[1]

    @property
    def top_kw(self):
        """The most powerful matching port."""
        if not self.asked:
            return self.row["max_kw"]
        powers = [self.row[f"{COLUMNS[c]}_kw"] for c in self.asked]
        return max((kw for kw in powers if kw is not None), default=None)

    def _ports(self, count: int) -> str:
        """ "1 CHAdeMO port", "2 ports": the connector named when one was asked for."""
        kind = f"{self.asked[0].label} " if len(self.asked) == 1 else ""
        return f"{count} {kind}port{'' if count == 1 else 's'}"

    @property
    def headline(self) -> str:
        """What a driver may count on, in the help article's words, and no more."""
        total, available = self.counts
        if self.is_listed_only:
            return f"{self._ports(total)} listed"
        now = " now" if self.is_live else ""
        return f"{self._ports(available)} available{now}"

    @property
    def detail(self) -> str:
        """ "of 4", or where a mere listing comes from."""
        return self.source if self.is_listed_only else f"of {self.total}"

    @property
    def summary(self) -> str:
        joiner = " · " if self.is_listed_only else " "
        return f"{self.headline}{joiner}{self.detail}"

    @property
    def tone(self) -> str:
        """The colour class: never the "good" one for zero available or mere listings."""
        if self.is_listed_only:
            return "listed"
        return "available" if self.available else "unavailable"

    @property
    def is_listed_only(self) -> bool:
        return self.row["availability"] == Availability.LISTED

    @property
    def is_live(self) -> bool:
        return self.row["availability"] == Availability.LIVE

    @property
    def source(self) -> str:
        """Where a listing without anyone reporting availability comes from."""
        if self.row["site__origin"] == "nrel":
            confirmed = self.row["site__source_confirmed_on"]
            return f"from NREL, last confirmed {confirmed:%Y-%m-%d}" if confirmed else "from NREL"
        return "no live status"

    def __getattr__(self, name):
        # latitude, longitude, ports_total, ports_available, max_kw, restriction, free
        try:
            return self.row[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class Results:
    items: list[Result]
    page: int
    has_next: bool
    place: tuple | None
    corrected: str = ""  # the words searched instead of a misspelt query

    @property
    def first_number(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1


def search(data: dict, place) -> Results:
    """Run a search from SearchForm.cleaned_data (and its resolved place)."""
    asked = tuple(ConnectorType(c) for c in data.get("connector") or [])
    words = words_of(data.get("q"))
    page = data.get("page") or 1
    listings = filtered(data, place)
    rows = _page(with_words(listings, words), words, place, page)
    corrected = ""
    if not rows and words:
        # Nothing for the words as typed: try the nearest spellings the data knows.
        alternatives = [places.spellings(word) for word in words]
        if any(options != [word] for options, word in zip(alternatives, words, strict=True)):
            best = [options[0] for options in alternatives]
            rows = _page(with_words(listings, words, alternatives), best, place, page)
            corrected = " ".join(best)
    return Results(
        items=[Result(row, asked) for row in rows[:PAGE_SIZE]],
        page=page,
        has_next=len(rows) > PAGE_SIZE,
        place=place,
        corrected=corrected,
    )


def words_of(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


def filtered(data: dict, place):
    """Listings that match the filters and the place (not yet the words)."""
    refresh_stale()
    listings = Listing.objects.filter(ports_total__gt=0)
    available = data.get("available")
    min_kw = data.get("min_kw")
    connectors = [ConnectorType(c) for c in data.get("connector") or []]
    if connectors:
        suffix = "_available_kw" if available else "_kw"
        matching = Q()
        for connector in connectors:
            column = f"{COLUMNS[connector]}{suffix}"
            matching |= Q(**{f"{column}__gte": min_kw} if min_kw else {f"{column}__isnull": False})
        listings = listings.filter(matching)
    else:
        if available:
            listings = listings.filter(ports_available__gt=0)
        if min_kw:
            column = "max_available_kw" if available else "max_kw"
            listings = listings.filter(**{f"{column}__gte": min_kw})
    if data.get("free"):
        listings = listings.filter(free=True)
    if data.get("open_now"):
        listings = listings.filter(open_now())
    if data.get("network"):
        listings = listings.filter(network=data["network"])
    if data.get("state"):
        listings = listings.filter(state=data["state"])
    if data.get("bbox"):
        west, south, east, north = data["bbox"]
        listings = listings.filter(latitude__range=(south, north))
        if west <= east:
            listings = listings.filter(longitude__range=(west, east))
        else:  # the map spans the antimeridian
            listings = listings.filter(Q(longitude__gte=west) | Q(longitude__lte=east))
    if place:
        listings = _within(listings, place[1], place[2], data.get("radius") or 25)
    return listings


def _within(listings, lat: float, lng: float, miles: int):
    # A box first (the position index narrows it), then the exact great-circle distance.
    dlat = miles / 69.0
    dlng = miles / max(69.0 * math.cos(math.radians(lat)), 0.01)
    listings = listings.filter(
        latitude__range=(lat - dlat, lat + dlat), longitude__range=(lng - dlng, lng + dlng)
    )
    distance = RawSQL(_HAVERSINE[connection.vendor == "sqlite"], _haversine_params(lat, lng))
    return listings.annotate(distance=distance).filter(distance__lte=miles)


# Haversine in miles, written as SQL: as Django expressions it took longer to compile
# than the database took to run it. SQLite spells LEAST as the two-argument MIN.
_HAVERSINE = {
    is_sqlite: (
        f"2 * {EARTH_RADIUS_MILES} * ASIN(SQRT({'MIN' if is_sqlite else 'LEAST'}(1.0, "
        "POWER(SIN((RADIANS(search_listing.latitude) - %s) / 2), 2) "
        "+ COS(RADIANS(search_listing.latitude)) * %s "
        "* POWER(SIN((RADIANS(search_listing.longitude) - %s) / 2), 2))))"
    )
    for is_sqlite in (True, False)
}


def _haversine_params(lat: float, lng: float) -> tuple[float, float, float]:
    return (math.radians(lat), math.cos(math.radians(lat)), math.radians(lng))


def with_words(listings, words, alternatives=None):
    for index, word in enumerate(words):
        options = alternatives[index] if alternatives else [word]
        matches = Q()
        for option in options:
            matches |= Q(search_text__contains=option)
        listings = listings.filter(matches)
    return listings


def _page(listings, words, place, page):
    return list(page_query(listings, words, place, page))


def page_query(listings, words, place, page=1):
    """The one query behind a page of results (one row more, to know if a next page exists)."""
    start = (page - 1) * PAGE_SIZE
    fields = ["site_id", *_SHOWN, *(["distance"] if place else [])]
    return ordered(listings, words, place)[start : start + PAGE_SIZE + 1].values(*fields)


def ordered(listings, words, place):
    """Nearest first near a place; else most relevant to the words; else most available."""
    if place:
        order = ["distance", "pk"]
    elif words:
        phrase = " ".join(words)
        # Relevance: the name starting with the words, then containing them, then the rest.
        # Read from this table's own text (it starts with the name), not the sites': no
        # join for every match.
        listings = listings.annotate(
            at=StrIndex("search_text", Value(phrase)),
            relevance=Case(
                When(at=1, then=Value(3)),
                When(at__gt=1, at__lte=F("name_length"), then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        order = ["-relevance", "-ports_available", "pk"]
    else:
        order = ["-ports_available", "pk"]
    return listings.order_by(*order)

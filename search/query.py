"""The drivers' search: what they ask (SearchForm) and the one query that answers it."""

import html
import math
import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from django import forms
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, StrIndex
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from community.models import SIGNAL_DRIVERS, SIGNAL_WITHIN
from ports.availability import matching
from ports.templatetags.connectors import connector_icon, kw
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
    "community_charged",
    "community_of",
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
COMMUNITY = "community"
SORT_CHOICES = [("", "Best match"), (COMMUNITY, "Drivers' success")]
COMMUNITY_HELP = (
    f"Drivers' success: the share of the last {SIGNAL_DRIVERS} drivers who checked in within "
    f"{SIGNAL_WITHIN.days} days and charged; locations without check-ins come last."
)


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
    sort = forms.ChoiceField(
        label="Sort by",
        choices=SORT_CHOICES,
        required=False,
        error_messages={
            "invalid_choice": "Choose “Best match” or “Drivers' success” to sort the results."
        },
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=1000, widget=forms.HiddenInput)

    community_help = COMMUNITY_HELP  # under the results when sorted by the signal

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

    @cached_property
    def options(self) -> dict[str, SafeString]:
        """Each select's <option>s, the chosen one selected: `{{ form.options.network }}`."""
        return {name: _options(self[name]) for name in ("radius", "network", "state", "sort")}

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


def _options(bound_field) -> SafeString:
    # As search_form's {% select_options %} writes them, from the choices' tags escaped
    # once: formatting 90 options per request took longer than the search's query.
    chosen = bound_field.value()
    if chosen in (None, ""):
        chosen = bound_field.field.initial  # what the search uses when nothing was chosen
    chosen = "" if chosen is None else str(chosen)
    return SafeString(
        "".join(
            f"{start} selected{end}" if value == chosen else f"{start}{end}"
            for value, start, end in _option_tags(tuple(bound_field.field.choices))
        )
    )


@lru_cache(maxsize=16)
def _option_tags(choices: tuple) -> tuple[tuple[str, str, str], ...]:
    """(value, '<option value="…"', '>label</option>') of each choice: networks and states
    change only with the listings, so a process escapes them once per version."""
    return tuple(
        (str(value), f'<option value="{_escaped(value)}"', f">{_escaped(label)}</option>")
        for value, label in choices
    )


def _escaped(text) -> SafeString:
    # What django.utils.html.escape() gives, without its check for lazy strings on each call.
    return SafeString(html.escape(str(text)))


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
        return location_url(self.site_id)

    @property
    def distance(self) -> float | None:
        return self.row.get("distance")

    @property
    def is_claimed(self) -> bool:
        return self.row["site__owner"] is not None

    @property
    def connectors(self) -> list[ConnectorType]:
        return [c for c, column in COLUMNS.items() if self.row[f"{column}_kw"] is not None]

    @cached_property
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

    @cached_property
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
        """ "2 ports available of 4", "1 port listed · from NREL": the map's words."""
        return f"{self.headline}{self.status_detail}"

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

    # What the results list shows, written here rather than in template tags per row:
    # a page of results renders in a fraction of the time its query takes.
    @property
    def miles(self) -> str:
        return f"{self.distance:.1f}" if self.distance is not None else ""

    @property
    def icons(self) -> str:
        return _icons(tuple(self.connectors))

    @cached_property
    def status_detail(self) -> str:
        """ " of 4", or " · from NREL": what follows the headline."""
        return f"{' ·' if self.is_listed_only else ''} {self.detail}"

    @property
    def community(self) -> str:
        """ "8 of 10 drivers charged": the community signal, when drivers checked in."""
        of = self.row["community_of"]
        if not of:
            return ""
        return f"{self.row['community_charged']} of {of} driver{'' if of == 1 else 's'} charged"

    @property
    def facts(self) -> str:
        """ "· up to 150 kW · Free · Open 24/7 · Owner-managed", those that apply."""
        top = self.top_kw
        parts = (
            f"· up to {kw(top)} kW" if top else "",  # digits: nothing to escape
            "· Free" if self.row["free"] else "",
            "· Open 24/7" if self.row["always_open"] else "",
            _OWNER_MANAGED if self.is_claimed else "",
        )
        return SafeString(" ".join(part for part in parts if part))

    @cached_property
    def line(self) -> dict[str, SafeString]:
        """Its line in the results list (locations.html), each text escaped once.

        Plain safe strings in a dict: the template finds each at its first try and writes
        it as it is. Read through properties, localized and escaped per value, a page of
        20 results rendered in longer than its query took.
        """
        row = self.row
        return {
            "site_id": SafeString(row["site_id"]),
            "url": SafeString(self.url),
            "name": _escaped(row["site__name"]),
            "address": _escaped(self.address),
            "miles": SafeString(self.miles),
            "icons": self.icons,
            "tone": SafeString(self.tone),
            "headline": _escaped(self.headline),
            "status_detail": _escaped(self.status_detail),
            "facts": self.facts,
            "community": SafeString(self.community),  # digits and fixed words: nothing to escape
            "restriction": _escaped(row["restriction"]),
        }

    def __getattr__(self, name):
        # latitude, longitude, ports_total, ports_available, max_kw, restriction, free
        try:
            return self.row[name]
        except KeyError:
            raise AttributeError(name) from None


_OWNER_MANAGED = mark_safe('· <span class="tag">Owner-managed</span>')


@cache
def _icons(connectors: tuple[ConnectorType, ...]) -> str:
    return mark_safe("".join(connector_icon(connector, 24) for connector in connectors))


@cache
def _location_url_pattern() -> str:
    return reverse("sites:public", args=[0]).replace("/0/", "/{}/")


def location_url(site_id: int) -> str:
    """A location's page: one reverse() per process, not one per result."""
    return _location_url_pattern().format(site_id)


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

    @property
    def lines(self) -> list[dict[str, SafeString]]:
        return [item.line for item in self.items]


def search(data: dict, place, *, stale_checked=False) -> Results:
    """Run a search from SearchForm.cleaned_data (and its resolved place).

    `stale_checked`: the caller has just run refresh_stale(); no need to again.
    """
    asked = tuple(ConnectorType(c) for c in data.get("connector") or [])
    words = words_of(data.get("q"))
    page = data.get("page") or 1
    sort = data.get("sort") or ""
    listings = filtered(data, place, stale_checked=stale_checked)
    rows = _page(with_words(listings, words), words, place, page, sort)
    corrected = ""
    if not rows and words:
        # Nothing for the words as typed: try the nearest spellings the data knows.
        alternatives = [places.spellings(word) for word in words]
        if any(options != [word] for options, word in zip(alternatives, words, strict=True)):
            best = [options[0] for options in alternatives]
            rows = _page(with_words(listings, words, alternatives), best, place, page, sort)
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


def filtered(data: dict, place, *, stale_checked=False):
    """Listings that match the filters and the place (not yet the words)."""
    if not stale_checked:
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
    # A box first (an index narrows it), then the exact great-circle distance.
    if connection.vendor == "postgresql":
        # The cube around the circle, in the globe's own coordinates (cube, earthdistance):
        # the nearness index (migration 0008) finds what is in it. The radius as an angle,
        # times earthdistance's own Earth radius (earth(), in metres).
        arc = miles / EARTH_RADIUS_MILES * (1 + _SLACK)
        box = RawSQL(_IN_BOX, (lat, lng, arc), output_field=BooleanField())
        listings = listings.filter(box)
    else:
        dlat = miles / 69.0
        dlng = miles / max(69.0 * math.cos(math.radians(lat)), 0.01)
        listings = listings.filter(
            latitude__range=(lat - dlat, lat + dlat), longitude__range=(lng - dlng, lng + dlng)
        )
    distance = RawSQL(_HAVERSINE[connection.vendor == "sqlite"], _haversine_params(lat, lng))
    return listings.annotate(distance=distance).filter(distance__lte=miles)


def _nearest(listings, lat: float, lng: float, count: int):
    """Only what is no farther than the `count`th nearest of these listings (PostgreSQL).

    Walking the nearness index outwards from the place (ORDER BY <->, a KNN scan) finds
    the `count` nearest by chord, which grows with the great-circle distance; the
    listings within that chord (with a hair of slack for rounding: ties and all) are then
    sorted exactly, by distance then pk, as before. Without it, every listing within the
    radius was read and sorted. One statement: the chord comes from a subquery, which
    filters as these listings do (their WHERE, compiled once: the ORM took milliseconds
    to build it as a queryset of its own).
    """
    query = listings.query
    if set(query.alias_map) == {Listing._meta.db_table}:
        try:
            where, params = query.get_compiler(connection=connection).compile(query.where)
        except EmptyResultSet:
            return listings  # nothing can match: the query says so itself
        except FullResultSet:
            where, params = "TRUE", []
        sql = f"SELECT {_CHORD} AS chord FROM search_listing WHERE {where} ORDER BY 1 LIMIT %s"
        params = (lat, lng, *params, count)
    else:  # joined to other tables: the ORM writes the subquery
        inner = listings.annotate(chord=RawSQL(_CHORD, (lat, lng)))
        sql, params = inner.order_by("chord").values("chord")[:count].query.sql_with_params()
    return listings.filter(
        RawSQL(_WITHIN_CHORD.format(nearest=sql), (lat, lng, *params), output_field=BooleanField())
    )


_POINT = "ll_to_earth(search_listing.latitude, search_listing.longitude)"
# Relative slack against rounding: the boxes only ever take in more listings, which the
# exact distance then sorts or leaves out. "&&" (overlaps) is "@>" (contains) for a point,
# but the planner guesses more rows for it, so it prefers walking the index nearest first.
_SLACK = 1e-9
_IN_BOX = f"earth_box(ll_to_earth(%s, %s), %s * earth()) && {_POINT}"
_CHORD = f"{_POINT} <-> ll_to_earth(%s, %s)"
_WITHIN_CHORD = (
    "cube_enlarge(ll_to_earth(%s, %s), "
    f"(SELECT max(nearest.chord) FROM ({{nearest}}) nearest) * (1 + {_SLACK}) + 0.001, 3) "
    f"@> {_POINT}"
)


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


def _page(listings, words, place, page, sort=""):
    return list(page_query(listings, words, place, page, sort))


def page_query(listings, words, place, page=1, sort=""):
    """The one query behind a page of results (one row more, to know if a next page exists)."""
    start = (page - 1) * PAGE_SIZE
    fields = ["site_id", *_SHOWN, *(["distance"] if place else [])]
    # Only nearest first may stop at the nearest few: any other order reads the whole radius.
    if place and not sort and connection.vendor == "postgresql":
        listings = _nearest(listings, place[1], place[2], start + PAGE_SIZE + 1)
    return ordered(listings, words, place, sort)[start : start + PAGE_SIZE + 1].values(*fields)


# The share of drivers who charged; NULL (sorted last) where nobody checked in. Equal
# fractions (4 of 5, 8 of 10) divide to the same float, so they tie as they should.
_COMMUNITY_SHARE = ExpressionWrapper(
    Cast("community_charged", FloatField()) / F("community_of"), output_field=FloatField()
)


def ordered(listings, words, place, sort=""):
    """Nearest first near a place; else most relevant to the words; else most available.

    Sorted by COMMUNITY: the greater share of drivers who charged first, then the one
    more drivers vouch for, then locations without a signal; each tie in the usual order.
    """
    first = []
    if sort == COMMUNITY:
        first = [_COMMUNITY_SHARE.desc(nulls_last=True), F("community_of").desc()]
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
    return listings.order_by(*first, *order)

"""Writing AFDC records to the database: in batches, in bulk, idempotently.

- A new record creates an unclaimed location with its inferred stations, positions and ports.
- An unchanged record (same fingerprint) writes nothing.
- A changed record replaces an unclaimed location's data.
- A claimed location is never overwritten: differences become suggestions.

Bulk writes send no per-row signals: each batch ends with `sites.signals.locations_changed`,
so that whoever keeps copies of locations (drivers' search) brings them up to date.
"""

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nrel.files import read_csv, read_json
from nrel.inference import StationPlan, plan_stations
from nrel.records import AfdcRecord, BadRecord, Skipped, Unreadable, is_electric, read
from ports.models import Port, Position
from ports.vocabulary import PortStatus, PowerType
from sites.models import OpeningHours, Origin, Site, Suggestion, SuggestionStatus
from sites.signals import bulk_writes, locations_changed
from sites.time_zones import zone_of
from stations.models import Station

BATCH_SIZE = 500
HISTORY_REASON = "Imported from NREL"
EXAMPLES = 3  # unreadable values shown per column
# Site fields an import sets, and how a suggestion names them to the owner.
SITE_FIELDS = {
    "name": "the name",
    "street_address": "the street address",
    "city": "the city",
    "state": "the state",
    "zip_code": "the ZIP code",
    "country": "the country",
    "latitude": "the latitude",
    "longitude": "the longitude",
    "network": "the network",
    "access": "the access",
    "access_detail": "the restriction",
    "restricted": "restricted access",
    "always_open": "open 24/7",
    "hours_note": "the hours",
    "free": "free to charge",
    "price_per_kwh": "the price per kWh",
    "price_per_hour": "the price per hour",
    "price_per_session": "the price per session",
    "pricing": "the pricing",
    "phone": "the phone number",
    "cards_accepted": "the cards accepted",
    "facility_type": "the facility type",
    "opened_on": "the opening date",
}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    suggested: int = 0  # claimed locations that got suggestions
    other_fuels: int = 0
    electric: int = 0  # rows of electric stations read, skipped ones included
    skipped: list[Skipped] = field(default_factory=list)
    unit: str = "line"  # where a skipped row is: a CSV line, or a record of a JSON list
    # Cells imported as nothing, by column title, with a few of their values.
    unreadable: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # key -> the file's column title

    @property
    def skip_reasons(self) -> Counter:
        """Skips grouped by kind: the same problem with different values counts once."""
        return Counter(re.sub(r"'[^']*'|-?\b\d+(\.\d+)?\b", "…", s.reason) for s in self.skipped)

    @property
    def skipped_percent(self) -> float:
        return 100 * len(self.skipped) / self.electric if self.electric else 0.0

    def note_unreadable(self, cells: Iterable[Unreadable]):
        for cell in cells:
            column = self.titles.get(cell.key, cell.key)
            self.unreadable[column] += 1
            examples = self.examples.setdefault(column, [])
            if len(examples) < EXAMPLES and cell.value not in examples:
                examples.append(cell.value)


def import_file(path: Path, *, progress: Callable[[int], None] | None = None) -> ImportReport:
    """Import a CSV export or the API's JSON; `progress` gets bytes read so far.

    Raises BadFile, before writing anything, when the file is not an AFDC export.
    """
    with open(path, "rb") as stream:
        is_json = _looks_like_json(stream)
        report = ImportReport(unit="record" if is_json else "line")
        rows = read_json(stream) if is_json else read_csv(stream, titles=report.titles)
        batch: dict[str, tuple[int, AfdcRecord]] = {}
        seen: dict[str, int] = {}  # id -> where it first appeared, across batches
        for line, raw in rows:
            if not is_electric(raw):
                report.other_fuels += 1
                continue
            report.electric += 1
            try:
                record, unreadable = read(raw)
            except BadRecord as problem:
                source_id = " ".join(str(raw.get("id") or "?").split())[:20] or "?"
                report.skipped.append(Skipped(line, source_id, str(problem)))
                continue
            first = seen.setdefault(record.source_id, line)
            if first != line:
                report.skipped.append(
                    Skipped(
                        line, record.source_id, f"id repeated: already on {report.unit} {first}"
                    )
                )
                continue
            report.note_unreadable(unreadable)
            batch[record.source_id] = (line, record)
            if len(batch) >= BATCH_SIZE:
                apply_records(batch.values(), report)
                batch = {}
                if progress:
                    progress(stream.tell())
        apply_records(batch.values(), report)
        if progress:
            progress(stream.tell())
    return report


def _looks_like_json(stream) -> bool:
    head = stream.peek(64)[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") or head.startswith(b"[")


@dataclass
class _Location:
    """A record's location as it will be written: its site, stations and their ports."""

    site: Site
    record: AfdcRecord
    stations: list[tuple[Station, StationPlan, list[Port]]]


@transaction.atomic
def apply_records(numbered: Iterable[tuple[int, AfdcRecord]], report: ImportReport):
    """Apply one batch of (line number, record) pairs."""
    numbered = list(numbered)
    existing = {
        site.source_id: site
        for site in Site.objects.filter(
            origin=Origin.NREL, source_id__in=[r.source_id for _, r in numbered]
        )
    }
    new, replace = [], []
    for line, record in numbered:
        site = existing.get(record.source_id)
        if site is not None and site.source_fingerprint == record.fingerprint():
            report.unchanged += 1
        elif site is not None and site.owner_id is not None:
            _suggest(site, record)
            report.suggested += 1
        else:
            try:
                location = _location(site or Site(origin=Origin.NREL), record)
            except ValidationError as error:
                report.skipped.append(Skipped(line, record.source_id, _problem(error)))
                continue
            (new if site is None else replace).append(location)
    with bulk_writes():
        if replace:
            _replace(replace)
            report.updated += len(replace)
        if new:
            Site.objects.bulk_create([location.site for location in new])
            _create(new)
            report.created += len(new)
    if changed := [location.site.pk for location in [*replace, *new]]:
        locations_changed.send(sender=Site, site_ids=changed)


def _problem(error: ValidationError) -> str:
    """Why the record would break a rule of our models."""
    return "; ".join(
        f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
    )


def _location(site: Site, record: AfdcRecord) -> _Location:
    """The site with the record's fields, and its stations and ports; all checked."""
    for name in SITE_FIELDS:
        setattr(site, name, getattr(record, name))
    # Bulk writes skip Site.save(), which fills the time zone in.
    site.time_zone = zone_of(site.state, site.latitude, site.longitude)
    site.source_id = record.source_id
    site.source_fingerprint = record.fingerprint()
    site.source_confirmed_on = record.last_confirmed
    site.clean_fields(exclude=["owner"])
    stations = []
    for plan in plan_stations(record):
        station = Station(
            site=site, name=plan.name, network=plan.network, is_published=plan.published
        )
        stations.append((station, plan, _ports(station, plan)))
    return _Location(site, record, stations)


def _replace(locations: list[_Location]):
    sites = [location.site for location in locations]
    now = timezone.now()
    for site in sites:
        site.updated_at = now  # bulk_update skips auto_now
    Site.objects.bulk_update(
        sites,
        [*SITE_FIELDS, "time_zone", "source_fingerprint", "source_confirmed_on", "updated_at"],
    )
    # Unclaimed locations hold only what the source said; take its new word whole.
    # One by one, so that each port's history records its deletion.
    for port in Port.objects.filter(station__site__in=sites).select_related("station"):
        port.delete()
    Station.objects.filter(site__in=sites).delete()  # and their positions
    OpeningHours.objects.filter(site__in=sites).delete()
    _create(locations)


def _create(locations: list[_Location]):
    """Write the stations, positions, ports and opening hours of sites already saved."""
    stations = [entry for location in locations for entry in location.stations]
    Station.objects.bulk_create([station for station, _, _ in stations])
    shared = {
        (index, number): Position(station=station)
        for index, (station, plan, _) in enumerate(stations)
        for number in plan.shared_positions
    }
    Position.objects.bulk_create(shared.values())
    ports = []
    for index, (_, plan, station_ports) in enumerate(stations):
        for port, port_plan in zip(station_ports, plan.ports, strict=True):
            port.position = shared.get((index, port_plan.position))
            ports.append(port)
    ports = Port.objects.bulk_create(ports)
    Port.history.bulk_history_create(ports, default_change_reason=HISTORY_REASON)
    OpeningHours.objects.bulk_create(
        OpeningHours(site=location.site, weekday=weekday, opens=opens, closes=closes)
        for location in locations
        for weekday, opens, closes in location.record.opening_hours
    )


def _ports(station: Station, plan: StationPlan) -> list[Port]:
    ports = []
    for port_plan in plan.ports:
        port = Port(
            station=station,
            label=port_plan.label,
            connector_type=port_plan.connector,
            power_type=port_plan.power,
            max_power_kw=port_plan.kw,
            status=port_plan.status,
            notes=port_plan.notes,
            needs_review=True,
        )
        if port.is_out_of_service:
            port.out_of_service_since = timezone.now()
        # The plan's values come from our own tables; the rules between them are checked.
        port.validate_rules()
        ports.append(port)
    return ports


def _suggest(site: Site, record: AfdcRecord):
    """Tell a claimed location's owner what the source now says differently."""
    proposals = {}
    for name, words in SITE_FIELDS.items():
        theirs, ours = getattr(record, name), getattr(site, name)
        if theirs and theirs != ours:
            proposals[name] = (
                f"NREL lists {words} as “{_shown(name, theirs)}”, you list “{_shown(name, ours)}”.",
                _stored(theirs),
            )
    listed = Counter(
        Port.objects.filter(station__site=site)
        .exclude(status=PortStatus.DECOMMISSIONED)
        .values_list("power_type", flat=True)
    )
    nrel_ports = [port for plan in plan_stations(record) for port in plan.ports]
    for power in PowerType:
        theirs = [port for port in nrel_ports if port.power == power]
        if len(theirs) != listed[power]:
            message = (
                f"NREL lists {len(theirs)} {power.label} port{'s' if len(theirs) != 1 else ''}, "
                f"you list {listed[power]}."
            )
            missing = [
                {"connector_type": p.connector.value, "max_power_kw": str(p.kw), "notes": p.notes}
                for p in theirs[listed[power] :]
            ]
            proposals[f"ports:{power.value}"] = (
                message,
                {"nrel": len(theirs), "listed": listed[power], "add": missing},
            )
    dismissed = set(
        Suggestion.objects.filter(site=site, status=SuggestionStatus.DISMISSED).values_list(
            "field", "message"
        )
    )
    proposals = {
        name: proposal
        for name, proposal in proposals.items()
        if (name, proposal[0]) not in dismissed
    }
    Suggestion.objects.filter(site=site, status=SuggestionStatus.PENDING).exclude(
        field__in=proposals
    ).delete()  # differences the source no longer reports
    for name, (message, value) in proposals.items():
        Suggestion.objects.update_or_create(
            site=site,
            field=name,
            status=SuggestionStatus.PENDING,
            defaults={"message": message, "value": value},
        )
    # Remember what we read, so the same record is not compared again.
    Site.objects.filter(pk=site.pk).update(
        source_fingerprint=record.fingerprint(), source_confirmed_on=record.last_confirmed
    )


def _shown(name: str, value) -> str:
    """A field's value as the owner reads it on the location's page."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal) and name.startswith("price_"):
        return f"${value:.2f}"
    choices = dict(Site._meta.get_field(name).flatchoices)
    return str(choices.get(value, value))


def _stored(value):
    """The value as a suggestion keeps it (JSON), for `sites.suggestions.accept` to set."""
    if isinstance(value, bool):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)

"""Writing AFDC records to the database: in batches, in bulk, idempotently.

- A new record creates an unclaimed location with its inferred stations and ports.
- An unchanged record (same fingerprint) writes nothing.
- A changed record replaces an unclaimed location's data.
- A claimed location is never overwritten: differences become suggestions.
"""

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ports.models import Port
from ports.vocabulary import PortStatus, PowerType
from search.models import Listing, bump_version
from search.signals import paused as listing_refresh_paused
from sites.models import Origin, Site, Suggestion, SuggestionStatus
from sites.nrel.inference import StationPlan, plan_stations
from sites.nrel.records import (
    AfdcRecord,
    BadRecord,
    Skipped,
    is_electric,
    parse,
    read_csv,
    read_json,
)
from stations.models import Station

BATCH_SIZE = 500
HISTORY_REASON = "Imported from NREL"
# Site fields an import sets, and how a suggestion names them to the owner.
SITE_FIELDS = {
    "name": "name",
    "street_address": "street address",
    "city": "city",
    "state": "state",
    "zip_code": "ZIP code",
    "latitude": "latitude",
    "longitude": "longitude",
    "network": "network",
    "access": "access hours",
    "pricing": "pricing",
    "facility_type": "facility type",
}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    suggested: int = 0  # claimed locations that got suggestions
    other_fuels: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    unit: str = "line"  # where a skipped row is: a CSV line, or a record of a JSON list

    @property
    def skip_reasons(self) -> Counter:
        """Skips grouped by kind: the same problem with different values counts once."""
        return Counter(re.sub(r"'[^']*'|\b\d+(\.\d+)?\b", "…", s.reason) for s in self.skipped)


def import_file(path: Path, *, progress: Callable[[int], None] | None = None) -> ImportReport:
    """Import a CSV export or the API's JSON; `progress` gets bytes read so far."""
    with open(path, "rb") as stream:
        reader = read_json if _looks_like_json(stream) else read_csv
        report = ImportReport(unit="record" if reader is read_json else "line")
        batch: dict[str, tuple[int, AfdcRecord]] = {}
        seen: dict[str, int] = {}  # id -> where it first appeared, across batches
        for line, raw in reader(stream):
            if not is_electric(raw):
                report.other_fuels += 1
                continue
            try:
                record = parse(raw)
            except BadRecord as problem:
                report.skipped.append(Skipped(line, str(raw.get("id") or "?"), str(problem)))
                continue
            first = seen.setdefault(record.source_id, line)
            if first != line:
                report.skipped.append(
                    Skipped(
                        line, record.source_id, f"id repeated: already on {report.unit} {first}"
                    )
                )
                continue
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
    new, replace, changed = [], [], []
    for line, record in numbered:
        site = existing.get(record.source_id)
        if site is not None and site.source_fingerprint == record.fingerprint():
            report.unchanged += 1
        elif problem := _problem(record):
            report.skipped.append(Skipped(line, record.source_id, problem))
        elif site is None:
            new.append(record)
        elif site.owner_id is None:
            replace.append((site, record))
        else:
            _suggest(site, record)
            report.suggested += 1
    if replace:
        _replace(replace)
        report.updated += len(replace)
        changed += [site.pk for site, _ in replace]
    if new:
        sites = Site.objects.bulk_create([_site(Site(origin=Origin.NREL), r) for r in new])
        _create_stations(zip(sites, new, strict=True))
        report.created += len(new)
        changed += [site.pk for site in sites]
    if changed:
        # Bulk writes send no signals: bring the drivers' search up to date here.
        Listing.refresh(changed)
        bump_version()


def _problem(record: AfdcRecord) -> str:
    """Why the record would break a rule of our models, or "" when it fits."""
    try:
        _site(Site(origin=Origin.NREL), record)
        for plan in plan_stations(record):
            _port(Station(name=plan.name), plan)
    except ValidationError as error:
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    return ""


def _site(site: Site, record: AfdcRecord) -> Site:
    for name in SITE_FIELDS:
        setattr(site, name, getattr(record, name))
    site.source_id = record.source_id
    site.source_fingerprint = record.fingerprint()
    site.source_confirmed_on = record.last_confirmed
    site.clean_fields(exclude=["owner"])
    return site


def _replace(pairs: list[tuple[Site, AfdcRecord]]):
    sites = [_site(site, record) for site, record in pairs]
    now = timezone.now()
    for site in sites:
        site.updated_at = now  # bulk_update skips auto_now
    Site.objects.bulk_update(
        sites, [*SITE_FIELDS, "source_fingerprint", "source_confirmed_on", "updated_at"]
    )
    # Unclaimed locations hold only what the source said; take its new word whole.
    # One by one, so that each port's history records its deletion.
    with listing_refresh_paused():
        for port in Port.objects.filter(station__site__in=sites).select_related("station"):
            port.delete()
        Station.objects.filter(site__in=sites).delete()
    _create_stations(pairs)


def _create_stations(pairs: Iterable[tuple[Site, AfdcRecord]]):
    stations, plans = [], []
    for site, record in pairs:
        for plan in plan_stations(record):
            stations.append(
                Station(
                    site=site, name=plan.name, network=plan.network, is_published=plan.published
                )
            )
            plans.append(plan)
    Station.objects.bulk_create(stations)
    ports = [_port(station, plan) for station, plan in zip(stations, plans, strict=True)]
    ports = Port.objects.bulk_create([port for group in ports for port in group])
    Port.history.bulk_history_create(ports, default_change_reason=HISTORY_REASON)


def _port(station: Station, plan: StationPlan) -> list[Port]:
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
        port.clean_fields(exclude=["station"])
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
                f"NREL lists the {words} as “{theirs}”, you list “{ours}”.",
                str(theirs),
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

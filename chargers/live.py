"""What a charger tells us over OCPP, stored: the database side of the OCPP server.

Plain synchronous functions, one transaction each, safe from any thread or process: the
server calls them through sync_to_async(thread_sensitive=False) and keeps no state of its
own. They take a charger's pk and never a model instance, so a handler holds nothing stale.

A charger's word reaches drivers through the same live-status path as a network's (OCPI):
Port.live_status/live_status_at/live_source, a StatusChange row when the value changes
(what uptime is computed from), and its location's search row marked stale. The hot calls
are one statement each on PostgreSQL (chargers.fast_live: status; heard, a primary-key
read unless a write is due), and the server stores many chargers' at once
(status_many, heard_many); a few queries through the ORM elsewhere. All paths are
tested to give the same result.

The port side is dated by our clock, the charger's own timestamp only orders its
reports: a charger's clock may be off (it is set from BootNotification's answer), and
a status stands until the charger says otherwise, so what it reports now is true now.

A charger deleted while connected: these functions raise UnknownCharger, and
password_versions() leaves it out (treat that as revoked).
"""

import contextlib
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import DurationField, ExpressionWrapper, F, IntegerField, Value
from django.db.models.functions import Cast, Coalesce, Greatest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from chargers import fast_live
from chargers.models import AcceptedTag, Charger, ChargerConnector, ChargingSession
from chargers.vocabulary import LIVE, LIVE_SOURCE, OcppStatus
from ports.models import Port, StatusChange
from ports.vocabulary import LiveStatus
from search.models import Listing
from stations.models import Station

# A message rewrites its charger's last_heard_at at most this often: "last heard seconds
# ago" to its owner, without a write per message of a busy charger. Well within the
# offline sweep's two heartbeats (at least 20 s).
REFRESH_EVERY = timedelta(seconds=5)
# ...and its ports' live_status_at (the charger vouching again for the statuses it sent,
# which it repeats only on change) at most this often: drivers read "updated under a
# minute ago", and a port's row is not rewritten every few seconds for it, which was
# most of what 2,000 connected chargers cost PostgreSQL.
VOUCH_EVERY = timedelta(seconds=30)
# A session whose charger stopped it without saying why (OCPP: absent reason is Local).
DEFAULT_STOP_REASON = "Local"
INVALID_STOP_REASON = "DeAuthorized"


class UnknownCharger(LookupError):
    """The charger was deleted (or never existed): its connection should close."""


def connected(charger_id: int, now=None) -> None:
    """The handshake was accepted: the charger is online, heard now."""
    now = now or timezone.now()
    with transaction.atomic():
        charger = _lock(charger_id)
        was_offline = charger.offline_since is not None
        Charger.objects.filter(pk=charger_id).update(
            connected_at=now, last_heard_at=now, offline_since=None
        )
        if was_offline:
            _back_online(charger, now)
        else:
            _refresh(charger_id, now)  # back after a server restart: its statuses stand


def boot(
    charger_id: int, *, vendor: str, model: str, serial_number="", firmware_version="", now=None
) -> int:
    """BootNotification: what the charger says it is. Returns the heartbeat interval to answer."""
    now = now or timezone.now()
    with transaction.atomic():
        charger = _lock(charger_id)
        Charger.objects.filter(pk=charger_id).update(
            vendor=vendor[:20],
            model=model[:20],
            serial_number=(serial_number or "")[:25],
            firmware_version=(firmware_version or "")[:50],
            booted_at=now,
            last_heard_at=now,
            offline_since=None,
        )
        # Offered as the station's make and model, never over what its owner wrote.
        stations = Station.objects.filter(pk=charger.station_id)
        stations.filter(manufacturer="").update(manufacturer=vendor[:100])
        stations.filter(model="").update(model=model[:100])
        if charger.offline_since is not None:
            _back_online(charger, now)
        return charger.heartbeat_interval


def heard(charger_id: int, now=None) -> int:
    """Any message from the charger. Returns its password_version, for the revocation check."""
    now = now or timezone.now()
    if _fast():
        version = fast_live.heard(charger_id, now, now - REFRESH_EVERY, now - VOUCH_EVERY)
        if version is not None:
            return version
        # Unknown, or coming back from offline: the ORM path says which and restores.
    with transaction.atomic():
        charger = _lock(charger_id)
        due = charger.last_heard_at is None or charger.last_heard_at < now - REFRESH_EVERY
        if charger.offline_since is not None or due:
            Charger.objects.filter(pk=charger_id).update(
                last_heard_at=Greatest(Coalesce("last_heard_at", Value(now)), Value(now)),
                offline_since=None,
            )
        if charger.offline_since is not None:
            _back_online(charger, now)
        elif due:
            _refresh(charger_id, now)
        return charger.password_version


def status(
    charger_id: int,
    connector_id: int,
    status: str,
    *,
    error_code="NoError",
    info="",
    vendor_error_code="",
    timestamp=None,
    now=None,
) -> None:
    """StatusNotification: the connector's port takes the live status it maps to.

    Connector 0 is the charger as a whole: every connector (and so port) of it. A report
    dated before the one a connector holds arrived late and changes nothing.
    """
    if status not in OcppStatus.values:
        raise ValueError(
            f"status {status!r} is not an OCPP 1.6 status: use one of {', '.join(OcppStatus)}."
        )
    if connector_id < 0:
        raise ValueError(f"connector_id {connector_id} is negative: use 0 (the charger) or 1, 2…")
    now = now or timezone.now()
    report = {
        "status": status,
        "error_code": (error_code or "")[:30],
        "info": (info or "")[:50],
        "vendor_error_code": (vendor_error_code or "")[:50],
    }
    sent_at = _timestamp(timestamp)
    if _fast():
        found = fast_live.status(charger_id, connector_id, report, sent_at, now)
        if found or connector_id == 0:
            return
        # A connector heard of for the first time: created (and mapped) below.
    with transaction.atomic():
        connectors = ChargerConnector.objects.select_for_update().filter(charger_id=charger_id)
        if connector_id:
            connectors = connectors.filter(connector_id=connector_id)
        held = list(connectors.order_by("pk").values_list("pk", "port_id", "status_at"))
        if not held and connector_id:
            held = [_new_connector(charger_id, connector_id)]
        applied = [
            (pk, port_id)
            for pk, port_id, status_at in held
            if sent_at is None or status_at is None or sent_at >= status_at
        ]
        ChargerConnector.objects.filter(pk__in=[pk for pk, _ in applied]).update(
            status_at=sent_at or now, **report
        )
        mapped = [port_id for _, port_id in applied if port_id]
        if mapped:
            _set_live(Port.objects.filter(pk__in=mapped), LIVE[status], now)


def status_many(reports: list[dict], now=None) -> list[Exception | None]:
    """Many StatusNotifications, of any chargers, stored at once (chargers.group_commit):
    each report holds status()'s arguments as keywords, with `charger` and `connector`.
    Returns, for each, None when it was stored or the exception status() would have raised.

    On PostgreSQL, one statement stores every report whose connector is known; a new
    connector, or any report of a batch the statement could not store, goes through
    status() alone, so one bad report fails only itself."""
    now = now or timezone.now()
    results: list[Exception | None] = [None] * len(reports)
    alone = list(range(len(reports)))
    if _fast() and reports:
        # A report status() would refuse is left to it, to raise its own message.
        ready = {n: _checked(report) for n, report in enumerate(reports) if _valid(report)}
        try:
            places = list(ready)
            found = {places[i] for i in fast_live.status_many(list(ready.values()), now)}
        except DatabaseError:  # a deadlock, say: each report on its own
            pass
        else:
            # Found, or connector 0 of a charger with none yet: nothing more to do.
            alone = [
                n for n in alone if n not in found and (n not in ready or reports[n]["connector"])
            ]
    for n in alone:
        report = reports[n]
        try:
            charger, connector, said = report["charger"], report["connector"], report["status"]
            status(charger, connector, said, **_rest(report), now=now)
        except Exception as error:
            results[n] = error
    return results


def heard_many(charger_ids: list[int], now=None) -> list[int | Exception]:
    """heard() for many chargers at once: each one's password_version, or the exception
    heard() raised for it (UnknownCharger)."""
    now = now or timezone.now()
    versions = {}
    if _fast():
        with contextlib.suppress(Exception):  # each on its own below
            versions = fast_live.heard_many(
                charger_ids, now, now - REFRESH_EVERY, now - VOUCH_EVERY
            )
    results = []
    for charger_id in charger_ids:
        if charger_id not in versions:
            try:
                versions[charger_id] = heard(charger_id, now)
            except Exception as error:
                results.append(error)
                continue
        results.append(versions[charger_id])
    return results


def store_many(items: list[tuple[int | None, dict | None]], now=None) -> list:
    """What many chargers sent, in one batch (chargers.group_commit). Each item is
    (charger heard or None, StatusNotification report or None): a heartbeat, a status, or
    a status whose charger is due to be heard. Every hearing is stored before any status,
    so a charger back from offline has its ports restored before its new status lands,
    and a status costs its charger one wait, not two. Returns, for each item, the error
    that stopped it (its hearing's first), or its status's result, or its hearing's."""
    now = now or timezone.now()
    results: list = [None] * len(items)
    hearing = [n for n, (charger, _) in enumerate(items) if charger is not None]
    if hearing:
        heard_ = heard_many([items[n][0] for n in hearing], now)
        for n, result in zip(hearing, heard_, strict=True):
            results[n] = result
    telling = [
        n
        for n, (_, report) in enumerate(items)
        if report is not None and not isinstance(results[n], Exception)
    ]
    if telling:
        said = status_many([items[n][1] for n in telling], now)
        for n, result in zip(telling, said, strict=True):
            results[n] = result
    return results


def _valid(report: dict) -> bool:
    try:
        _timestamp(report.get("timestamp"))
    except ValueError:
        return False
    return report["status"] in OcppStatus.values and report["connector"] >= 0


def _checked(report: dict) -> dict:
    """A report as fast_live.status_many takes it, trimmed as status() trims one."""
    return {
        "charger": report["charger"],
        "connector": report["connector"],
        "status": report["status"],
        "error_code": (report.get("error_code") or "")[:30],
        "info": (report.get("info") or "")[:50],
        "vendor_error_code": (report.get("vendor_error_code") or "")[:50],
        "sent_at": _timestamp(report.get("timestamp")),
    }


def _rest(report: dict) -> dict:
    return {k: v for k, v in report.items() if k not in ("charger", "connector", "status")}


def sweep_offline(now=None) -> int:
    """Chargers silent for more than two heartbeat intervals go offline; their ports' live
    status becomes Unknown. Returns how many went offline. Any number of processes may
    sweep at once: each takes the chargers no other holds."""
    now = now or timezone.now()
    interval = Cast("heartbeat_interval", IntegerField())  # SQLite multiplies plain integers only
    silent_for = ExpressionWrapper(interval * timedelta(seconds=2), output_field=DurationField())
    with transaction.atomic():
        silent = (
            Charger.objects.select_for_update(skip_locked=True, no_key=True)
            .filter(offline_since__isnull=True, last_heard_at__isnull=False)
            .alias(silent_until=F("last_heard_at") + silent_for)
            .filter(silent_until__lt=now)
            .order_by("pk")
        )
        chargers = list(silent.values_list("pk", flat=True))
        if not chargers:
            return 0
        # Offline since the charger was last heard, not since we noticed.
        Charger.objects.filter(pk__in=chargers).update(offline_since=F("last_heard_at"))
        ports = Port.objects.filter(ocpp_connector__charger_id__in=chargers)
        # A port a network reports on keeps the network's word.
        _set_live(ports.filter(live_source__in=(LIVE_SOURCE, "")), LiveStatus.UNKNOWN, now)
        return len(chargers)


def released(port_ids, now=None) -> None:
    """Ports no connector speaks for any more (unmapped, or their charger removed): what the
    charger last said of them must not stand for the next 15 minutes."""
    now = now or timezone.now()
    with transaction.atomic():
        ports = Port.objects.filter(pk__in=list(port_ids), live_source=LIVE_SOURCE)
        _set_live(ports.exclude(live_status=LiveStatus.UNKNOWN), LiveStatus.UNKNOWN, now)


def remove(charger_id: int, now=None) -> None:
    """The owner removes the charger: its connection closes (password_versions leaves it
    out) and its ports stop reading what it last reported."""
    with transaction.atomic():
        port_ids = list(
            ChargerConnector.objects.filter(charger_id=charger_id, port__isnull=False).values_list(
                "port_id", flat=True
            )
        )
        Charger.objects.filter(pk=charger_id).delete()
        released(port_ids, now)


def password_versions(charger_ids) -> dict[int, int]:
    """Each charger's password_version, in one query; a deleted charger is left out."""
    return dict(
        Charger.objects.filter(pk__in=list(charger_ids)).values_list("pk", "password_version")
    )


def authorize(charger_id: int, id_tag: str) -> str:
    """Authorize: every driver, or only the tags the owner listed (compared as OCPP does,
    ignoring case)."""
    accepts = Charger.objects.filter(pk=charger_id).values_list("accepts", flat=True).first()
    if accepts is None:
        raise UnknownCharger(charger_id)
    if accepts == Charger.Accepts.EVERYONE:
        return "Accepted"
    listed = AcceptedTag.objects.filter(charger_id=charger_id, id_tag__iexact=id_tag).exists()
    return "Accepted" if listed else "Invalid"


def start_transaction(
    charger_id: int, connector_id: int, id_tag: str, meter_start: int, timestamp
) -> tuple[int, str]:
    """StartTransaction: (transactionId, "Accepted" | "Invalid").

    OCPP needs a transactionId either way, so a refused driver's session is kept too,
    stopped as it starts (usage figures skip it). A charger that repeats the request (it
    never got our answer before a reconnect) gets the same session back.
    """
    started_at = _timestamp(timestamp) or timezone.now()
    with transaction.atomic():
        _lock(charger_id)  # one session per start, however many processes hear it
        verdict = authorize(charger_id, id_tag)
        repeated = ChargingSession.objects.filter(
            charger_id=charger_id,
            connector_id=connector_id,
            id_tag=id_tag[:20],
            started_at=started_at,
            meter_start_wh=meter_start,
        ).first()
        if repeated is not None:
            return (
                repeated.pk,
                "Invalid" if repeated.stop_reason == INVALID_STOP_REASON else verdict,
            )
        port_id = (
            ChargerConnector.objects.filter(charger_id=charger_id, connector_id=connector_id)
            .values_list("port_id", flat=True)
            .first()
        )
        session = ChargingSession(
            charger_id=charger_id,
            connector_id=connector_id,
            port_id=port_id,
            id_tag=id_tag[:20],
            started_at=started_at,
            meter_start_wh=meter_start,
        )
        if verdict != "Accepted":
            session.stopped_at = started_at
            session.meter_stop_wh = meter_start
            session.stop_reason = INVALID_STOP_REASON
        session.save()
        return session.pk, verdict


def meter_values(
    charger_id: int, connector_id: int, transaction_id: int | None, energy_wh: int | None
) -> None:
    """MeterValues: the session's latest energy register reading (Wh). Readings may arrive
    out of order; the register only grows, so the highest is the latest."""
    if transaction_id is None or energy_wh is None:
        return
    ChargingSession.objects.filter(
        pk=transaction_id, charger_id=charger_id, stopped_at__isnull=True
    ).update(meter_last_wh=Greatest(Coalesce("meter_last_wh", Value(energy_wh)), Value(energy_wh)))


def stop_transaction(
    charger_id: int, transaction_id: int, meter_stop: int, timestamp, reason=""
) -> None:
    """StopTransaction: the session ends with its final meter reading. Unknown, another
    charger's or already stopped (a repeat): nothing changes."""
    stopped_at = _timestamp(timestamp) or timezone.now()
    with transaction.atomic():
        session = (
            ChargingSession.objects.select_for_update()
            .filter(pk=transaction_id, charger_id=charger_id, stopped_at__isnull=True)
            .first()
        )
        if session is None:
            return
        session.stopped_at = max(stopped_at, session.started_at)
        session.meter_stop_wh = meter_stop
        session.stop_reason = (reason or DEFAULT_STOP_REASON)[:20]
        session.save(update_fields=["stopped_at", "meter_stop_wh", "stop_reason"])


def _fast() -> bool:
    """Whether the one-statement path serves the hot calls (tests switch it off to compare)."""
    return connection.vendor == "postgresql"


def _lock(charger_id: int) -> Charger:
    charger = (
        Charger.objects.select_for_update(no_key=True)
        .only(
            "station_id", "offline_since", "last_heard_at", "heartbeat_interval", "password_version"
        )
        .filter(pk=charger_id)
        .first()
    )
    if charger is None:
        raise UnknownCharger(charger_id)
    return charger


def _timestamp(value) -> datetime | None:
    """A charger's timestamp (a datetime or OCPP's ISO 8601 text) as an aware datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        parsed = parse_datetime(value)
        if parsed is None:
            raise ValueError(f"timestamp {value!r} is not an ISO 8601 date and time.")
        value = parsed
    if timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)  # OCPP times are UTC
    return value


def _new_connector(charger_id: int, connector_id: int) -> tuple[int, int | None, None]:
    """A connector heard of for the first time, mapped by default to the station's n-th port
    (by pk) when no other connector has that port. (pk, port_id, status_at)."""
    # The station's row orders simultaneous first reports of its chargers' connectors.
    station_id = Charger.objects.filter(pk=charger_id).values_list("station_id", flat=True).first()
    if station_id is None:
        raise UnknownCharger(charger_id)
    station = Station.objects.select_for_update(no_key=True).get(pk=station_id)
    held = ChargerConnector.objects.filter(charger_id=charger_id, connector_id=connector_id)
    existing = held.values_list("pk", "port_id", "status_at").first()
    if existing is not None:  # another process created it while we waited
        return existing
    nth = (
        Port.objects.filter(station=station)
        .order_by("pk")
        .values_list("pk", flat=True)[connector_id - 1 : connector_id]
    )
    port_id = next(iter(nth), None)
    if port_id is not None and ChargerConnector.objects.filter(port_id=port_id).exists():
        port_id = None
    try:
        with transaction.atomic():
            connector = ChargerConnector.objects.create(
                charger_id=charger_id, connector_id=connector_id, port_id=port_id
            )
    except IntegrityError:
        # SQLite without row locks: the other writer won; its row is the one.
        return held.values_list("pk", "port_id", "status_at").get()
    return connector.pk, port_id, None


def _refresh(charger_id: int, now) -> None:
    """The charger vouches again for the statuses it reported (it sends one only on change)."""
    ports = Port.objects.filter(
        ocpp_connector__charger_id=charger_id,
        live_source=LIVE_SOURCE,
        live_status_at__lt=now - VOUCH_EVERY,
    )
    ports.update(live_status_at=now)


def _back_online(charger: Charger, now) -> None:
    """A charger heard again after the sweep took it offline: each mapped port gets back
    the last status its connector reported."""
    held = ChargerConnector.objects.filter(
        charger_id=charger.pk, port__isnull=False, status__gt=""
    ).values_list("port_id", "status")
    by_status = defaultdict(list)
    for port_id, ocpp_status in held:
        by_status[LIVE[ocpp_status]].append(port_id)
    for live, port_ids in by_status.items():
        _set_live(Port.objects.filter(pk__in=port_ids), live, now)


def _set_live(ports, live: str, now) -> None:
    """These ports take this live status from the charger: history for each that changes,
    their locations' search rows marked for recomputing. Locks in pk order."""
    ports = list(
        ports.select_for_update(no_key=True, of=("self",))
        .order_by("pk")
        .values_list("pk", "live_status", "station__site_id")
    )
    if not ports:
        return
    Port.objects.filter(pk__in=[pk for pk, _, _ in ports]).update(
        live_status=live, live_status_at=now, live_source=LIVE_SOURCE
    )
    changed = defaultdict(list)  # old live status -> ports that had it
    for pk, old, _ in ports:
        if old != live:
            changed[old].append(pk)
    for old, changed_ids in changed.items():
        StatusChange.record_many(
            changed_ids, StatusChange.Kind.LIVE, old, live, source=LIVE_SOURCE, at=now
        )
    # "Available" counts depend on live status: recompute the rows when next searched.
    Listing.objects.mark_stale({site_id for _, _, site_id in ports}, now)

"""Applying what networks push (OCPI 2.2.1 Locations, receiver side).

Every update carries `last_updated`; one older than what we hold changes nothing,
and the same update twice changes nothing the second time (one dated more than a
few minutes ahead of our clock never gets here: schemas.Timestamp refuses it). A
network can create a location it pushes first (as an unclaimed site), its EVSEs (a
station each, holding one charging position) and connectors (ports of that
position); after that it reports status, never the owner's data. While the location
is unclaimed the network's word also sets its address, opening hours and time zone.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ocpi import fast_status, hours, mapping, schemas
from ocpi.models import OcpiConnector, OcpiEvse, OcpiLocation, Partner
from ports.models import Port, Position, StatusChange
from search.models import Listing
from sites.models import OpeningHours, Origin, Site
from sites.states import USState
from stations.models import Station


@dataclass
class Rejected(Exception):
    http_status: int
    code: int  # OCPI status_code: 2001 invalid or missing parameters, 2003 unknown location
    message: str


def _data(model) -> dict:
    return model.model_dump(mode="json", exclude_unset=True)


def _patched(held: dict, body, *ids: str) -> dict:
    """What we hold with a PATCH's fields applied; the object's ids stay those we hold
    (they come from the URL, and the view refuses a body naming another object)."""
    patch = _data(body)
    for name in ids:
        patch.pop(name, None)
    return {**held, **patch}


def _newer(sent, held) -> bool:
    """Whether an update dated `sent` replaces what we hold, dated `held`. A date from
    the future, stored before such dates were refused, holds back no real update."""
    return sent > held or held > schemas.latest()


def find_location(partner: Partner, location_id: str, *, lock=False) -> OcpiLocation:
    locations = OcpiLocation.objects.select_for_update() if lock else OcpiLocation.objects
    location = locations.filter(partner=partner, location_id=location_id).first()
    if location is None:
        raise Rejected(404, 2003, f"Unknown location {location_id!r}.")
    return location


def find_evse(partner, location_id, uid, *, lock=False) -> OcpiEvse:
    evses = OcpiEvse.objects.select_related("location__site")
    if lock:
        evses = evses.select_for_update(of=("self",))
    evse = evses.filter(
        location__partner=partner, location__location_id=location_id, uid=uid
    ).first()
    if evse is None:
        find_location(partner, location_id)  # says which of the two is unknown
        raise Rejected(404, 2003, f"Unknown EVSE {uid!r} at location {location_id!r}.")
    return evse


def find_connector(partner, location_id, uid, connector_id, *, lock=False) -> OcpiConnector:
    connectors = OcpiConnector.objects.select_related("evse__location__site", "port")
    if lock:
        connectors = connectors.select_for_update(of=("self",))
    connector = connectors.filter(
        evse__location__partner=partner,
        evse__location__location_id=location_id,
        evse__uid=uid,
        connector_id=connector_id,
    ).first()
    if connector is None:
        find_evse(partner, location_id, uid)
        raise Rejected(404, 2003, f"Unknown connector {connector_id!r} of EVSE {uid!r}.")
    return connector


@transaction.atomic
def put_location(partner: Partner, location_id: str, body: schemas.Location) -> bool:
    if body.id != location_id:
        raise Rejected(400, 2001, f"The body's id {body.id!r} is not the URL's {location_id!r}.")
    held = OcpiLocation.objects.select_for_update().filter(partner=partner, location_id=location_id)
    location = held.first()
    if location is None:
        # A first PUT: simultaneous ones queue on the partner's row; all but the first then
        # find the location it created (PostgreSQL reads what committed meanwhile).
        Partner.objects.select_for_update(no_key=True).filter(pk=partner.pk).first()
        location = held.first()
    if location is not None and not _newer(body.last_updated, location.last_updated):
        return False
    data = _data(body)
    data.pop("evses", None)
    if location is None:
        site = Site(origin=Origin.OCPI, source_id=f"{partner.pk}:{location_id}")
        _site(site, body, body.opening_times)
        location = OcpiLocation(partner=partner, location_id=location_id, site=site)
    elif _network_owns(location.site):
        _site(location.site, body, body.opening_times)
    location.data, location.last_updated = data, body.last_updated
    location.save()
    for evse in body.evses:
        _put_evse(partner, location, evse)
    _publish(location)
    return True


@transaction.atomic
def put_evse(partner, location_id: str, uid: str, body: schemas.Evse) -> bool:
    if body.uid != uid:
        raise Rejected(400, 2001, f"The body's uid {body.uid!r} is not the URL's {uid!r}.")
    # Locked: simultaneous first PUTs of one EVSE queue here, then find it created.
    location = find_location(partner, location_id, lock=True)
    return _put_evse(partner, location, body)


@transaction.atomic
def put_connector(partner, location_id, uid, connector_id, body: schemas.Connector) -> bool:
    if body.id != connector_id:
        raise Rejected(400, 2001, f"The body's id {body.id!r} is not the URL's {connector_id!r}.")
    evse = find_evse(partner, location_id, uid, lock=True)
    if _position(evse):
        evse.save(update_fields=["position"])
    return _put_connector(evse, body, body.last_updated or timezone.now())


@transaction.atomic
def patch_location(partner, location_id, body: schemas.LocationPatch) -> bool:
    location = find_location(partner, location_id)
    location = OcpiLocation.objects.select_for_update().select_related("site").get(pk=location.pk)
    if not _newer(body.last_updated, location.last_updated):
        return False
    location.data = _patched(location.data, body, "id", "country_code", "party_id")
    location.last_updated = body.last_updated
    location.save()
    site = location.site
    if _network_owns(site):
        # Hours are rewritten only when this PATCH sends them.
        sent_hours = body.opening_times if "opening_times" in body.model_fields_set else None
        _site(site, schemas.Location.model_validate({**location.data, "evses": []}), sent_hours)
    if body.publish is not None:
        _publish(location)
    return True


def _publish(location: OcpiLocation):
    """The network decides whether its EVSEs are shown (OCPI `publish`)."""
    shown = bool(location.data.get("publish", True))
    stations = Station.objects.filter(ocpi_evses__location=location).exclude(is_published=shown)
    if stations.update(is_published=shown):
        Listing.refresh([location.site_id])


def patch_evse(partner, location_id, uid, body: schemas.EvsePatch) -> bool:
    if fast_status.applies(body):
        applied = fast_status.patch_evse_status(partner, location_id, uid, body)
        if applied is not None:
            return applied
    return _patch_evse(partner, location_id, uid, body)  # also says which part is unknown


@transaction.atomic
def _patch_evse(partner, location_id, uid, body: schemas.EvsePatch) -> bool:
    evse = find_evse(partner, location_id, uid, lock=True)
    if not _newer(body.last_updated, evse.last_updated):
        return False
    evse.data = _patched(evse.data, body, "uid")
    evse.last_updated = body.last_updated
    if body.status:
        evse.status = body.status
    evse.save(update_fields=["data", "last_updated", "status"])
    if body.status:
        _apply_status(partner, evse, body.status, body.last_updated)
    return True


@transaction.atomic
def patch_connector(partner, location_id, uid, connector_id, body: schemas.ConnectorPatch) -> bool:
    connector = find_connector(partner, location_id, uid, connector_id, lock=True)
    if not _newer(body.last_updated, connector.last_updated):
        return False
    connector.data = _patched(connector.data, body, "id")
    connector.last_updated = body.last_updated
    connector.save(update_fields=["data", "last_updated"])
    return True


def _put_evse(partner, location: OcpiLocation, body: schemas.Evse) -> bool:
    evse = OcpiEvse.objects.select_for_update().filter(location=location, uid=body.uid).first()
    if evse is not None and not _newer(body.last_updated, evse.last_updated):
        return False
    data = _data(body)
    data.pop("connectors", None)
    if evse is None:
        name = f"EVSE {body.evse_id or body.uid}"[:200]
        if Station.objects.filter(site=location.site, name__iexact=name).exists():
            name = f"{name} ({body.uid})"[:200]  # a new EVSE reusing a removed one's evse_id
        station = Station(
            site=location.site,
            name=name,
            network=partner.name,
            is_published=bool(location.data.get("publish", True)),
        )
        station.save()  # the network's own EVSE: not an owner's station, so no plan limit
        evse = OcpiEvse(location=location, uid=body.uid, station=station)
    _position(evse)
    evse.data, evse.status, evse.last_updated = data, body.status, body.last_updated
    evse.save()
    for connector in body.connectors:
        _put_connector(evse, connector, connector.last_updated or body.last_updated)
    _apply_status(partner, evse, body.status, body.last_updated)
    return True


def _put_connector(evse: OcpiEvse, body: schemas.Connector, last_updated) -> bool:
    connector = OcpiConnector.objects.filter(evse=evse, connector_id=body.id).first()
    if connector is not None and not _newer(last_updated, connector.last_updated):
        return False
    data = _data(body)
    if connector is None:
        port = Port(
            station=evse.station,
            position=evse.position,
            label=f"Connector {body.id}",
            **mapping.port_fields(data),
        )
        try:
            port.full_clean(exclude=["station"], validate_unique=False)
        except ValidationError as error:
            problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            raise Rejected(400, 2001, f"Connector {body.id!r} not accepted: {problems}") from None
        port.save()
        connector = OcpiConnector(evse=evse, connector_id=body.id, port=port)
    connector.data, connector.last_updated = data, last_updated
    connector.save()
    return True


def _position(evse: OcpiEvse) -> bool:
    """Give the EVSE its charging position when it has none (new, or stored before positions
    existed); the ports of its connectors join it. True when one was made."""
    if evse.position_id is not None:
        return False
    evse.position = Position.objects.create(station_id=evse.station_id)
    if evse.pk is not None:
        joined = Port.objects.filter(ocpi_connectors__evse=evse).update(position=evse.position)
        if joined:  # now counted once, not once per connector
            Listing.refresh([evse.location.site_id])
    return True


def _apply_status(partner, evse: OcpiEvse, status: str, at):
    """The network's word on the EVSE becomes each of its ports' live status.

    This is the hot path of a network's traffic (a few queries, no per-port ones):
    the ports' previous live statuses come in the same query as their ids.
    """
    live = mapping.LIVE[status]
    removed = status == "REMOVED"
    ports = list(Port.objects.filter(ocpi_connectors__evse=evse).values_list("pk", "live_status"))
    Port.objects.filter(pk__in=[pk for pk, _ in ports]).update(
        live_status=live, live_status_at=at, live_source=partner.name, network_removed=removed
    )
    changed = defaultdict(list)  # old live status -> ports that had it
    for pk, old in ports:
        if old != live:
            changed[old].append(pk)
    for old, port_ids in changed.items():
        StatusChange.record_many(
            port_ids, StatusChange.Kind.LIVE, old, live, source=partner.name, at=at
        )
    if removed:
        Listing.refresh([evse.station.site_id])  # the port leaves the listing for good
    else:
        # "Available" counts depend on this: recompute the row when next searched.
        Listing.objects.mark_stale([evse.location.site_id])


def _network_owns(site: Site) -> bool:
    return site.origin == Origin.OCPI and not site.is_claimed


def _site(site: Site, body: schemas.Location, opening_times: schemas.Hours | None) -> Site:
    site.name = (body.name or body.address)[:200]
    site.street_address = body.address
    site.city = body.city
    site.country = body.country.upper()
    site.zip_code = (body.postal_code or "")[:10]
    state = (body.state or "").upper()
    site.state = state if state in USState.values else ""
    site.latitude = round(body.coordinates.latitude, 6)
    site.longitude = round(body.coordinates.longitude, 6)
    if hours.is_time_zone(body.time_zone):
        site.time_zone = body.time_zone
    rows = {}
    if opening_times is not None:
        site.always_open = opening_times.twentyfourseven
        if not site.always_open:
            rows, site.hours_note = hours.from_ocpi(opening_times.regular_hours)
        else:
            site.hours_note = ""
    problems = []
    if site.country == "USA" and not site.state:
        problems.append("a US location needs its state (two letters, like NY)")
    try:
        site.full_clean(exclude=["owner"])
    except ValidationError as error:
        problems.extend(" ".join(messages) for messages in error.message_dict.values())
    if problems:
        raise Rejected(400, 2001, "Location not accepted: " + "; ".join(problems) + ".")
    site.save()
    if opening_times is not None:
        _opening_hours(site, rows)
    return site


def _opening_hours(site: Site, rows: dict):
    """The site's weekly hours become these rows; its search row follows when they change."""
    held = {
        weekday: (opens, closes)
        for weekday, opens, closes in site.opening_hours.values_list("weekday", "opens", "closes")
    }
    if held == rows:
        return
    site.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(site=site, weekday=day, opens=opens, closes=closes)
        for day, (opens, closes) in rows.items()
    )
    Listing.refresh([site.pk])

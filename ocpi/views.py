"""OCPI 2.2.1 Locations: the receiver (networks push to us) and the sender (our listings
go out). Answers always come in the OCPI envelope; bad input gets a 4xx, never a 500."""

from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from pydantic import ValidationError

from ocpi import receiver, schemas, sender
from ocpi.envelope import BodyTooLarge, json_body, methods, partner_required, reply
from ocpi.models import OcpiEvse

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
DIGITS = 18  # the longest number in a query or URL we read: 64-bit integers hold it


def _receive(request, cc, party, apply, schema, *args, ids):
    """Check the party, parse and validate the body, apply it; map every failure to 4xx.

    `ids` are the object's identifying fields as the URL gives them: a body may repeat
    them, never change them.
    """
    partner = request.partner
    if (cc.upper(), party.upper()) != (partner.country_code.upper(), partner.party_id.upper()):
        return reply(
            status=403,
            code=2001,
            message=f"Your token pushes {partner.country_code}/{partner.party_id} locations only.",
        )
    try:
        body = schema.model_validate(json_body(request))
        _same_ids(body, ids)
        changed = apply(partner, *args, body)
    except BodyTooLarge as error:
        return reply(status=413, code=2001, message=str(error))
    except ValueError as error:
        if isinstance(error, ValidationError):
            return reply(status=400, code=2001, message=_explain(error))
        return reply(status=400, code=2001, message=str(error))
    except receiver.Rejected as rejected:
        return reply(status=rejected.http_status, code=rejected.code, message=rejected.message)
    return reply(
        message="Success" if changed else "Success: not newer than what we hold, unchanged"
    )


def _same_ids(body, ids: dict):
    sent = body.model_dump(include=set(ids), exclude_unset=True)
    for name, value in sent.items():
        # Country codes and party ids are case-insensitive in OCPI; object ids are not.
        same = (
            value.upper() == ids[name].upper()
            if name in ("country_code", "party_id") and isinstance(value, str)
            else value == ids[name]
        )
        if not same:
            raise receiver.Rejected(
                400, 2001, f"The body's {name} {value!r} is not the URL's {ids[name]!r}."
            )


def _explain(error: ValidationError) -> str:
    parts = []
    for problem in error.errors()[:5]:
        where = ".".join(str(step) for step in problem["loc"]) or "body"
        parts.append(f"{where}: {problem['msg']}")
    return "Invalid body. " + "; ".join(parts)


def _get(find, *args):
    try:
        return reply(find(*args))
    except receiver.Rejected as rejected:
        return reply(status=rejected.http_status, code=rejected.code, message=rejected.message)


# The receiver. Writes run in their own transactions (receiver.py), not the request's.
@transaction.non_atomic_requests
@methods("GET", "PUT", "PATCH")
@partner_required
def location(request, cc, party, location_id):
    if request.method == "GET":
        return _get(_stored_location, request.partner, location_id)
    apply, schema = (
        (receiver.put_location, schemas.Location)
        if request.method == "PUT"
        else (receiver.patch_location, schemas.LocationPatch)
    )
    ids = {"country_code": cc, "party_id": party, "id": location_id}
    return _receive(request, cc, party, apply, schema, location_id, ids=ids)


@transaction.non_atomic_requests
@methods("GET", "PUT", "PATCH")
@partner_required
def evse(request, cc, party, location_id, evse_uid):
    if request.method == "GET":
        return _get(_stored_evse, request.partner, location_id, evse_uid)
    apply, schema = (
        (receiver.put_evse, schemas.Evse)
        if request.method == "PUT"
        else (receiver.patch_evse, schemas.EvsePatch)
    )
    return _receive(request, cc, party, apply, schema, location_id, evse_uid, ids={"uid": evse_uid})


@transaction.non_atomic_requests
@methods("GET", "PUT", "PATCH")
@partner_required
def connector(request, cc, party, location_id, evse_uid, connector_id):
    if request.method == "GET":
        return _get(_stored_connector, request.partner, location_id, evse_uid, connector_id)
    apply, schema = (
        (receiver.put_connector, schemas.Connector)
        if request.method == "PUT"
        else (receiver.patch_connector, schemas.ConnectorPatch)
    )
    ids = {"id": connector_id}
    return _receive(request, cc, party, apply, schema, location_id, evse_uid, connector_id, ids=ids)


def _stored_location(partner, location_id):
    location = receiver.find_location(partner, location_id)
    evses = OcpiEvse.objects.filter(location=location).prefetch_related("connectors")
    return {**location.data, "evses": [_evse_data(evse) for evse in evses]}


def _stored_evse(partner, location_id, uid):
    return _evse_data(receiver.find_evse(partner, location_id, uid))


def _stored_connector(partner, location_id, uid, connector_id):
    return receiver.find_connector(partner, location_id, uid, connector_id).data


def _evse_data(evse: OcpiEvse) -> dict:
    return {**evse.data, "connectors": [c.data for c in evse.connectors.all()]}


# The sender.
@methods("GET")
@partner_required
def our_locations(request):
    try:
        date_from = _moment(request.GET.get("date_from"), "date_from")
        date_to = _moment(request.GET.get("date_to"), "date_to")
        offset = _whole(request.GET.get("offset"), "offset", 0)
        limit = min(_whole(request.GET.get("limit"), "limit", DEFAULT_LIMIT), MAX_LIMIT)
    except ValueError as error:
        return reply(status=400, code=2001, message=str(error))
    sites = sender.locations()
    if date_from:
        sites = sites.filter(listing__updated_at__gte=date_from)
    if date_to:
        sites = sites.filter(listing__updated_at__lt=date_to)
    total = sites.count()
    now = timezone.now()
    page = []
    if offset < total:  # past the end there is nothing to fetch
        page = [sender.location_json(site, now) for site in sites[offset : offset + limit]]
    headers = {"X-Total-Count": str(total), "X-Limit": str(MAX_LIMIT)}
    if offset + limit < total:
        query = request.GET.copy()
        query["offset"], query["limit"] = str(offset + limit), str(limit)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        headers["Link"] = f'<{next_url}>; rel="next"'
    return reply(page, headers=headers)


@methods("GET")
@partner_required
def our_location(request, location_id, evse_uid=None, connector_id=None):
    site = None
    if location_id.isascii() and location_id.isdigit() and len(location_id) <= DIGITS:
        site = sender.locations().filter(pk=location_id).first()
    if site is None:
        return reply(status=404, code=2003, message=f"Unknown location {location_id!r}.")
    data = sender.location_json(site, timezone.now())
    if evse_uid is None:
        return reply(data)
    evse = next((e for e in data["evses"] if e["uid"] == evse_uid), None)
    if evse is None:
        return reply(status=404, code=2003, message=f"Unknown EVSE {evse_uid!r}.")
    if connector_id is None:
        return reply(evse)
    found = next((c for c in evse["connectors"] if c["id"] == connector_id), None)
    if found is None:
        return reply(status=404, code=2003, message=f"Unknown connector {connector_id!r}.")
    return reply(found)


@csrf_exempt
def no_endpoint(request):
    return reply(status=404, code=2000, message="No OCPI endpoint here: check the URL.")


def _moment(text, name):
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        # In UTC, as databases compare it; a moment on the calendar's edge may fall off it.
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    except (ValueError, OverflowError):
        raise ValueError(f"{name} must be a date and time like 2026-11-01T00:00:00Z.") from None


def _whole(text, name, default):
    if text in (None, ""):
        return default
    lowest = 1 if name == "limit" else 0
    # ASCII digits only (int() also reads other scripts'), and no more than a database's
    # 64-bit integers hold.
    if not (text.isascii() and text.isdigit() and len(text) <= DIGITS) or int(text) < lowest:
        raise ValueError(f"{name} must be a whole number from {lowest} to {10**DIGITS - 1}.")
    return int(text)

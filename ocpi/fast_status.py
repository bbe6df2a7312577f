"""The hot path of a network's traffic, on PostgreSQL: an EVSE status PATCH as one statement.

It does what receiver._patch_evse does (which other databases use, and which the
test suite runs on both): lock the EVSE, apply the update only when it is newer,
set its ports' live status, keep their history, and mark the location's search
row for recomputing. One round trip instead of eight is what lets a network push
hundreds of updates a second.
"""

import json

from django.conf import settings
from django.db import connection

from ocpi import mapping, schemas

_SQL = """
WITH evse AS (
    SELECT e.id, e.last_updated, l.site_id
    FROM ocpi_ocpievse e JOIN ocpi_ocpilocation l ON l.id = e.location_id
    WHERE l.partner_id = %(partner)s AND l.location_id = %(location)s AND e.uid = %(uid)s
    FOR UPDATE OF e
), applied AS (
    UPDATE ocpi_ocpievse e
    SET status = %(status)s, last_updated = %(at)s, data = e.data || %(patch)s::jsonb
    FROM evse WHERE e.id = evse.id
        AND (evse.last_updated < %(at)s OR evse.last_updated > %(latest)s)
    RETURNING e.id
), ports AS (
    SELECT p.id, p.live_status AS old
    FROM ports_port p JOIN ocpi_ocpiconnector c ON c.port_id = p.id
    WHERE c.evse_id IN (SELECT id FROM applied)
    FOR UPDATE OF p
), set_live AS (
    UPDATE ports_port p
    SET live_status = %(live)s, live_status_at = %(at)s, live_source = %(source)s,
        network_removed = false
    FROM ports WHERE p.id = ports.id
), history AS (
    INSERT INTO ports_statuschange (port_id, kind, old, new, at, source)
    SELECT id, 'live', old, %(live)s, %(at)s, %(source)s FROM ports
    WHERE old <> %(live)s AND %(keep_history)s
), stale AS (
    -- A row already due for recomputing is left alone: no write, no lock.
    UPDATE search_listing SET stale_after = now()
    WHERE site_id IN (SELECT site_id FROM evse) AND EXISTS (SELECT 1 FROM applied)
        AND (stale_after IS NULL OR stale_after > now())
)
SELECT (SELECT count(*) FROM evse), (SELECT count(*) FROM applied)
"""


def applies(body) -> bool:
    """Only a plain status report (not REMOVED, which also rebuilds the listing)."""
    return (
        connection.vendor == "postgresql"
        and body.status not in (None, "REMOVED")
        and body.model_fields_set <= {"status", "last_updated"}
    )


def patch_evse_status(partner, location_id: str, uid: str, body) -> bool | None:
    """True when applied, False when not newer than what we hold, None when unknown."""
    params = {
        "partner": partner.pk,
        "location": location_id,
        "uid": uid,
        "status": body.status,
        "at": body.last_updated,
        "latest": schemas.latest(),  # a future date stored before they were refused
        "patch": json.dumps(body.model_dump(mode="json", exclude_unset=True)),
        "live": mapping.LIVE[body.status],
        "source": partner.name[:100],
        "keep_history": settings.KEEP_STATUS_HISTORY,
    }
    with connection.cursor() as cursor:
        cursor.execute(_SQL, params)
        found, applied = cursor.fetchone()
    if not found:
        return None
    return bool(applied)

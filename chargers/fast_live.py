"""The hot path of chargers' traffic, on PostgreSQL: a heartbeat or a StatusNotification
as one statement each.

They do what chargers.live's ORM path does (which other databases use, and which the
tests compare with these on PostgreSQL): lock rows in the same order (charger, its
connectors, their ports by pk, the search row last), change nothing older than what is
held, and keep history only when a value changes. One round trip instead of six is what
lets a server store hundreds of status changes a second.
"""

from django.conf import settings
from django.db import connection

from chargers.vocabulary import LIVE, LIVE_SOURCE
from ports.models import StatusChange

# Most messages of a busy charger come less than REFRESH_EVERY after the last one written:
# one primary-key read, no write, answers them.
_HEARD_LATELY = """
SELECT password_version, offline_since IS NULL,
    last_heard_at IS NOT NULL AND last_heard_at >= %(refresh_before)s
FROM chargers_charger WHERE id = %(charger)s
"""

_HEARD = """
WITH charger AS (
    UPDATE chargers_charger c SET last_heard_at = GREATEST(c.last_heard_at, %(now)s)
    WHERE c.id = %(charger)s AND c.offline_since IS NULL
    RETURNING c.id, c.password_version
), locked AS (
    SELECT p.id FROM ports_port p JOIN chargers_chargerconnector cc ON cc.port_id = p.id
    WHERE cc.charger_id IN (SELECT id FROM charger)
        AND p.live_source = %(source)s AND p.live_status_at < %(refresh_before)s
    ORDER BY p.id
    FOR NO KEY UPDATE OF p
), fresh AS (
    UPDATE ports_port p SET live_status_at = %(now)s FROM locked WHERE p.id = locked.id
), lazy AS (
    -- The next message writes it again: a commit lost in a crash costs nothing, so this
    -- one does not wait for the disk.
    SELECT set_config('synchronous_commit', 'off', true)
)
SELECT password_version, (SELECT count(*) FROM lazy) FROM charger
"""

_STATUS = """
WITH conn AS (
    SELECT c.id, c.status_at FROM chargers_chargerconnector c
    WHERE c.charger_id = %(charger)s AND (%(connector)s = 0 OR c.connector_id = %(connector)s)
    ORDER BY c.id
    FOR NO KEY UPDATE
), applied AS (
    UPDATE chargers_chargerconnector c
    SET status = %(status)s, error_code = %(error_code)s, info = %(info)s,
        vendor_error_code = %(vendor_error_code)s, status_at = %(status_at)s
    FROM conn WHERE c.id = conn.id
        AND (%(sent_at)s::timestamptz IS NULL OR conn.status_at IS NULL
             OR conn.status_at <= %(sent_at)s::timestamptz)
    RETURNING c.port_id
), ports AS (
    SELECT p.id, p.live_status AS old, s.site_id
    FROM ports_port p JOIN stations_station s ON s.id = p.station_id
    WHERE p.id IN (SELECT port_id FROM applied)
    ORDER BY p.id
    FOR NO KEY UPDATE OF p
), set_live AS (
    UPDATE ports_port p
    SET live_status = %(live)s, live_status_at = %(now)s, live_source = %(source)s
    FROM ports WHERE p.id = ports.id
), history AS (
    INSERT INTO ports_statuschange (port_id, kind, old, new, at, source)
    SELECT id, %(kind)s, old, %(live)s, %(now)s, %(source)s FROM ports
    WHERE old <> %(live)s AND %(keep_history)s
), stale AS (
    UPDATE search_listing SET stale_after = %(now)s
    WHERE site_id IN (SELECT site_id FROM ports)
        AND (stale_after IS NULL OR stale_after > %(now)s)
)
SELECT count(*) FROM conn
"""


def heard(charger_id: int, now, refresh_before) -> int | None:
    """The charger's password_version; None when it is unknown or offline (the ORM path
    then says which, and puts its ports' statuses back). Heard less than REFRESH_EVERY
    ago, nothing is written: a busy charger costs a read per message.

    Two statements when a write is due, each its own transaction: the write re-checks
    offline_since under its row lock, so a sweep in between is seen."""
    params = {
        "charger": charger_id,
        "now": now,
        "refresh_before": refresh_before,
        "source": LIVE_SOURCE,
    }
    with connection.cursor() as cursor:
        cursor.execute(_HEARD_LATELY, params)
        row = cursor.fetchone()
        if row is None or not row[1]:
            return None
        version, _, lately = row
        if lately:
            return version
        cursor.execute(_HEARD, params)
        row = cursor.fetchone()
    return None if row is None else row[0]


def status(charger_id: int, connector_id: int, report: dict, sent_at, now) -> bool:
    """Whether the connector (for connector 0: any) was found; False leaves a new
    connector to the ORM path, which creates and maps it."""
    params = {
        **report,
        "charger": charger_id,
        "connector": connector_id,
        "sent_at": sent_at,
        "status_at": sent_at or now,
        "now": now,
        "live": LIVE[report["status"]],
        "kind": StatusChange.Kind.LIVE,
        "source": LIVE_SOURCE,
        "keep_history": settings.KEEP_STATUS_HISTORY,
    }
    with connection.cursor() as cursor:
        cursor.execute(_STATUS, params)
        (found,) = cursor.fetchone()
    return bool(found)

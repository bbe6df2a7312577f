"""The hot path of chargers' traffic, on PostgreSQL: a heartbeat or a StatusNotification
as one statement each.

They do what chargers.live's ORM path does (which other databases use, and which the
tests compare with these on PostgreSQL): lock rows in the same order (charger, its
connectors, their ports by pk, the search row last), change nothing older than what is
held, and keep history only when a value changes. One round trip instead of six is what
lets a server store hundreds of status changes a second.
"""

import contextlib

import psycopg
from django.conf import settings
from django.db import connection

from chargers.vocabulary import LIVE, LIVE_SOURCE
from ports.models import StatusChange

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


def heard(charger_id: int, now, refresh_before, vouch_before) -> int | None:
    """The charger's password_version; None when it is unknown or offline (the ORM path
    then says which, and puts its ports' statuses back). heard_many() for one charger."""
    return heard_many([charger_id], now, refresh_before, vouch_before).get(charger_id)


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


# The same as _STATUS for many chargers' reports at once (chargers.group_commit): `n` is
# each report's place in arrival order, and the last report of a connector wins when
# connector 0 and the connector's own id both name it in one batch.
_STATUS_MANY = """
WITH input AS (
    SELECT * FROM unnest(
        %(n)s::int[], %(charger)s::bigint[], %(connector)s::int[], %(status)s::text[],
        %(error_code)s::text[], %(info)s::text[], %(vendor_error_code)s::text[],
        %(sent_at)s::timestamptz[], %(live)s::text[]
    ) AS i(n, charger, connector, status, error_code, info, vendor_error_code, sent_at, live)
), matched AS (
    SELECT c.id, c.charger_id, c.connector_id, c.status_at FROM chargers_chargerconnector c
    WHERE c.charger_id IN (SELECT charger FROM input)
        AND EXISTS (
            SELECT 1 FROM input i
            WHERE i.charger = c.charger_id AND (i.connector = 0 OR i.connector = c.connector_id)
        )
    ORDER BY c.id
    FOR NO KEY UPDATE
), latest AS (
    SELECT DISTINCT ON (m.id) m.id, m.status_at AS held_at, i.*
    FROM matched m JOIN input i
        ON i.charger = m.charger_id AND (i.connector = 0 OR i.connector = m.connector_id)
    ORDER BY m.id, i.n DESC
), applied AS (
    UPDATE chargers_chargerconnector c
    SET status = l.status, error_code = l.error_code, info = l.info,
        vendor_error_code = l.vendor_error_code, status_at = coalesce(l.sent_at, %(now)s)
    FROM latest l WHERE c.id = l.id
        AND (l.sent_at IS NULL OR l.held_at IS NULL OR l.held_at <= l.sent_at)
    RETURNING c.port_id, l.live, l.n
), port_new AS (
    SELECT DISTINCT ON (a.port_id) a.port_id, a.live FROM applied a
    WHERE a.port_id IS NOT NULL
    ORDER BY a.port_id, a.n DESC
), ports AS (
    SELECT p.id, p.live_status AS old, s.site_id
    FROM ports_port p JOIN stations_station s ON s.id = p.station_id
    WHERE p.id IN (SELECT port_id FROM applied)
    ORDER BY p.id
    FOR NO KEY UPDATE OF p
), set_live AS (
    UPDATE ports_port p
    SET live_status = pn.live, live_status_at = %(now)s, live_source = %(source)s
    FROM ports JOIN port_new pn ON pn.port_id = ports.id WHERE p.id = ports.id
), history AS (
    INSERT INTO ports_statuschange (port_id, kind, old, new, at, source)
    SELECT ports.id, %(kind)s, ports.old, pn.live, %(now)s, %(source)s
    FROM ports JOIN port_new pn ON pn.port_id = ports.id
    WHERE ports.old <> pn.live AND %(keep_history)s
), stale AS (
    UPDATE search_listing SET stale_after = %(now)s
    WHERE site_id IN (SELECT site_id FROM ports)
        AND (stale_after IS NULL OR stale_after > %(now)s)
)
SELECT DISTINCT i.n FROM input i JOIN matched m
    ON i.charger = m.charger_id AND (i.connector = 0 OR i.connector = m.connector_id)
"""

# Many chargers heard at once: one read, and one write for those whose REFRESH_EVERY is up.
# Most messages of a busy charger come less than REFRESH_EVERY after the last one written:
# one primary-key read, no write, answers them. A write re-checks offline_since under its
# row lock, so a sweep between the two statements is seen.
_HEARD_MANY_LATELY = """
SELECT id, password_version, offline_since IS NULL,
    last_heard_at IS NOT NULL AND last_heard_at >= %(refresh_before)s
FROM chargers_charger WHERE id = ANY(%(chargers)s)
"""

_HEARD_MANY = """
WITH held AS (
    SELECT c.id FROM chargers_charger c
    WHERE c.id = ANY(%(chargers)s) AND c.offline_since IS NULL
    ORDER BY c.id
    FOR NO KEY UPDATE
), charger AS (
    UPDATE chargers_charger c SET last_heard_at = GREATEST(c.last_heard_at, %(now)s)
    FROM held WHERE c.id = held.id
    RETURNING c.id, c.password_version
), locked AS (
    SELECT p.id FROM ports_port p JOIN chargers_chargerconnector cc ON cc.port_id = p.id
    WHERE cc.charger_id IN (SELECT id FROM charger)
        AND p.live_source = %(source)s AND p.live_status_at < %(vouch_before)s
    ORDER BY p.id
    FOR NO KEY UPDATE OF p
), fresh AS (
    UPDATE ports_port p SET live_status_at = %(now)s FROM locked WHERE p.id = locked.id
), lazy AS (
    -- The next message writes it again: a commit lost in a crash costs nothing, so this
    -- one does not wait for the disk. Its own transaction: a status never shares it.
    SELECT set_config('synchronous_commit', 'off', true)
)
SELECT id, password_version, (SELECT count(*) FROM lazy) FROM charger
"""


def status_many(reports: list[dict], now) -> set[int]:
    """Store many StatusNotifications in one statement. Each report is a dict of
    charger, connector, status, error_code, info, vendor_error_code, sent_at; returns
    the places (indexes in `reports`) whose connector was found, as status() does."""
    columns = {
        name: [report[name] for report in reports]
        for name in ("charger", "connector", "status", "error_code", "info", "vendor_error_code")
    }
    params = {
        **columns,
        "n": list(range(len(reports))),
        "sent_at": [report["sent_at"] for report in reports],
        "live": [LIVE[report["status"]] for report in reports],
        "now": now,
        "kind": StatusChange.Kind.LIVE,
        "source": LIVE_SOURCE,
        "keep_history": settings.KEEP_STATUS_HISTORY,
    }
    with _prepared() as cursor:
        cursor.execute(_STATUS_MANY, params)
        return {n for (n,) in cursor.fetchall()}


def heard_many(charger_ids: list[int], now, refresh_before, vouch_before) -> dict[int, int]:
    """heard() for many chargers: {charger: password_version} for those known and online
    (the others are left to the ORM path, as heard() leaves them)."""
    params = {
        "chargers": list(set(charger_ids)),
        "now": now,
        "refresh_before": refresh_before,
        "vouch_before": vouch_before,
        "source": LIVE_SOURCE,
    }
    versions, due = {}, []
    with _prepared() as cursor:
        cursor.execute(_HEARD_MANY_LATELY, params)
        for charger, version, online, lately in cursor.fetchall():
            if not online:
                continue
            if lately:
                versions[charger] = version
            else:
                due.append(charger)
        if due:
            cursor.execute(_HEARD_MANY, {**params, "chargers": due})
            versions.update((charger, version) for charger, version, _ in cursor.fetchall())
    return versions


@contextlib.contextmanager
def _prepared():
    """A cursor that binds on the server, so psycopg prepares a statement run again and
    again: the batches' plans are made once per connection, not once per batch (Django's
    own cursors bind on the client, and would also spell out every array in the SQL)."""
    connection.ensure_connection()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        yield cursor

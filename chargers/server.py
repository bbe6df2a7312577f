"""The OCPP 1.6J WebSocket server: chargers connect to /ocpp/1.6/<charge point id>.

Built on the `websockets` library rather than an ASGI server: the `ocpp` package reads
and writes a websockets connection directly, and the library negotiates the subprotocol
and lets the handshake answer 401 before any OCPP is spoken.

Any number of these processes may run side by side (behind a load balancer, or sharing
one port with reuse_port): a charger's connection lives in one process, everything else
in the database. What a process keeps in memory is only its own connections, so that it
can close one whose password was reissued (checked every second against the database)
and a charger's older connection when the same charger connects again.
"""

import asyncio
import contextlib
import http
import logging
import re
import signal
from urllib.parse import unquote

import ocpp.messages
from django.conf import settings
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed, InvalidHeader
from websockets.headers import build_www_authenticate_basic, parse_authorization_basic
from websockets.http11 import Request, Response

from chargers import live
from chargers.central_system import FRAMES, GONE, CentralSystem, Database
from chargers.models import Charger

logger = logging.getLogger(__name__)

SUBPROTOCOL = "ocpp1.6"
PATH = re.compile(r"^/ocpp/1\.6/(?P<charge_point_id>[^/?#]+)/?(?:\?.*)?$")
REALM = "ChargeSites OCPP"
# Close codes: a policy violation for a revoked password, as OCPP's security profiles do.
REVOKED = 1008
REPLACED = 1000


def _setting(name: str, default):
    return getattr(settings, name, default)


class OcppServer:
    """One process's central system: its connections, its database threads, its loops."""

    def __init__(self, *, database_threads: int | None = None):
        self.connections: dict[int, CentralSystem] = {}
        self.database = Database(database_threads or _setting("OCPP_DATABASE_THREADS", 8))
        self.revocation_every = _setting("OCPP_REVOCATION_CHECK_SECONDS", 1.0)
        self.sweep_every = _setting("OCPP_OFFLINE_SWEEP_SECONDS", 10.0)
        self.server = None
        self._closing: set[asyncio.Task] = set()

    # --- the handshake

    async def authenticate(self, connection: ServerConnection, request: Request):
        """Runs before the WebSocket handshake: 404 for another path, 401 unless the Basic
        credentials are this charge point's id and its current password."""
        match = PATH.match(request.path)
        if match is None:
            return connection.respond(
                http.HTTPStatus.NOT_FOUND,
                "Connect to /ocpp/1.6/<charge point id>, as the station page shows.\n",
            )
        charge_point_id = unquote(match["charge_point_id"])
        try:
            username, password = parse_authorization_basic(request.headers["Authorization"])
        except (KeyError, InvalidHeader):
            return _unauthorized(
                connection,
                "Send the charge point id and password as HTTP Basic authentication "
                "(OCPP security profile 1).\n",
            )
        charger = None
        if username == charge_point_id:
            try:
                charger = await self.database.run(Charger.objects.authenticate, username, password)
            except Exception:
                logger.exception("OCPP handshake of %s: credentials not checked", username)
                return _busy(connection)
        if charger is None:
            # Unknown id and wrong password alike, so the answer does not say which ids exist.
            return _unauthorized(
                connection,
                "Unknown charge point id or wrong password: use the id and the latest "
                "password from the station page.\n",
            )
        connection.charger = charger
        return None

    # --- a connection's life

    async def handle(self, connection: ServerConnection):
        charger = connection.charger
        central = CentralSystem(
            connection,
            charger_id=charger.pk,
            charge_point_id=charger.charge_point_id,
            password_version=charger.password_version,
            database=self.database,
        )
        older = self.connections.get(charger.pk)
        self.connections[charger.pk] = central
        if older is not None:
            # The charger reconnected before we noticed its old connection had died.
            self._close(older, REPLACED, "The charge point connected again.")
        try:
            await central.store(live.connected)
            await central.start()
        except ConnectionClosed:
            pass
        except live.UnknownCharger:
            await central.close(REVOKED, GONE)
        except Exception:
            logger.exception("OCPP connection of %s failed", charger.charge_point_id)
        finally:
            if self.connections.get(charger.pk) is central:
                del self.connections[charger.pk]

    def _close(self, central: CentralSystem, code: int, reason: str):
        # In a task of its own: a dead peer holds a close for up to close_timeout.
        task = asyncio.create_task(central.close(code, reason))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    # --- every process, on its own schedule

    async def check_revocations(self):
        """Close, within a second, each connection opened with a password since reissued
        (in any process) or of a charger since deleted."""
        while True:
            await asyncio.sleep(self.revocation_every)
            held = dict(self.connections)
            if not held:
                continue
            try:
                versions = await self.database.run(live.password_versions, list(held))
            except Exception:
                logger.exception("OCPP revocation check failed")
                continue
            for charger_id, central in held.items():
                if versions.get(charger_id) != central.password_version:
                    self._close(
                        central, REVOKED, "A new password was issued for this charge point."
                    )

    async def sweep(self):
        while True:
            await asyncio.sleep(self.sweep_every)
            try:
                went_offline = await self.database.run(live.sweep_offline)
            except Exception:
                logger.exception("OCPP offline sweep failed")
                continue
            if went_offline:
                logger.info("%d charger(s) went offline", went_offline)

    # --- running

    async def serve(self, host: str, port: int, *, stop: asyncio.Event, reuse_port=False):
        """Serve until `stop` is set, then close every connection (1001, going away: the
        chargers reconnect, to this process restarted or another) and the database threads."""
        background = [
            asyncio.create_task(self.check_revocations()),
            asyncio.create_task(self.sweep()),
        ]
        try:
            async with serve(
                self.handle,
                host,
                port,
                subprotocols=[SUBPROTOCOL],
                process_request=self.authenticate,
                reuse_port=reuse_port,
                # OCPP 1.6 messages are small; a charger may not make us buffer megabytes.
                max_size=_setting("OCPP_MAX_MESSAGE_BYTES", 64 * 1024),
                server_header="ChargeSites OCPP",
                logger=logging.getLogger("chargers.websockets"),
            ) as self.server:
                logger.info("OCPP 1.6J central system listening on %s", self.address)
                await stop.wait()
        finally:
            for task in background:
                task.cancel()
            await asyncio.gather(*background, return_exceptions=True)
            await asyncio.to_thread(self.database.close)

    @property
    def address(self) -> str:
        host, port = self.server.sockets[0].getsockname()[:2]
        return f"ws://{host}:{port}/ocpp/1.6/"


def run(host: str, port: int, *, reuse_port=False) -> None:
    """Serve until SIGTERM or SIGINT (the way a process manager stops us)."""
    if FRAMES.level == logging.NOTSET:
        FRAMES.setLevel(logging.WARNING)
    # The package validates each message against its schema on a thread of the default
    # executor: the hop costs seven times the validation itself (bench/ocpp.py's profile).
    ocpp.messages.ASYNC_VALIDATION = False

    async def main():
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        await OcppServer().serve(host, port, stop=stop, reuse_port=reuse_port)

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())


def _busy(connection: ServerConnection) -> Response:
    # Chargers retry a refused connection on their own.
    return connection.respond(http.HTTPStatus.SERVICE_UNAVAILABLE, "Try again in a few seconds.\n")


def _unauthorized(connection: ServerConnection, text: str) -> Response:
    response = connection.respond(http.HTTPStatus.UNAUTHORIZED, text)
    response.headers["WWW-Authenticate"] = build_www_authenticate_basic(REALM)
    return response

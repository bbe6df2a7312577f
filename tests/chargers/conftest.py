"""A real OCPP server on a free loopback port, and chargers that connect to it.

The server runs as it does in production (chargers.server.OcppServer) in a thread with its
own event loop; its handlers store through chargers.live on threads with their own
database connections, so these tests use transactional_db. The chargers are the `ocpp`
package's charge-point side over `websockets`, run on a second loop: each test drives them
with plain blocking calls and reads the database in between.
"""

import asyncio
import base64
import contextlib
import json
import threading
import time

import pytest
import websockets
from ocpp.v16 import ChargePoint

from chargers.server import OcppServer
from tests.chargers.factories import CHARGER_PASSWORD

TIMEOUT = 5


class LoopThread:
    """An asyncio loop in a thread; run() blocks until a coroutine finishes there."""

    def __init__(self, name):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name=name, daemon=True)
        self.thread.start()

    def run(self, coroutine, timeout=TIMEOUT):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def stop(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(TIMEOUT)
        self.loop.close()


class RunningServer:
    def __init__(self):
        self.thread = LoopThread("ocpp-server")
        self.server = OcppServer()
        self.stop_event = None
        self.ready = threading.Event()
        self.done = asyncio.run_coroutine_threadsafe(self._serve(), self.thread.loop)
        assert self.ready.wait(TIMEOUT), "the OCPP server did not start"

    async def _serve(self):
        self.stop_event = asyncio.Event()
        serving = asyncio.create_task(self.server.serve("127.0.0.1", 0, stop=self.stop_event))
        while self.server.server is None and not serving.done():
            await asyncio.sleep(0.01)
        self.ready.set()
        await serving

    @property
    def port(self) -> int:
        return self.server.server.sockets[0].getsockname()[1]

    def url(self, charge_point_id: str) -> str:
        return f"ws://127.0.0.1:{self.port}/ocpp/1.6/{charge_point_id}"

    def stop(self):
        self.thread.loop.call_soon_threadsafe(self.stop_event.set)
        self.done.result(TIMEOUT * 3)
        self.thread.stop()


class Link:
    """One charger's connection, driven from the test's thread.

    With `raw`, no ChargePoint reads the connection: the test sends frames of its own
    making and reads the answers itself.
    """

    def __init__(self, loop: LoopThread, connection, charge_point_id: str, raw: bool):
        self.loop = loop
        self.connection = connection
        self.charge_point = None
        self.reader = None
        if not raw:
            self.charge_point = ChargePoint(charge_point_id, connection)
            self.reader = loop.run(self._start_reading())

    async def _start_reading(self):
        return asyncio.create_task(self.charge_point.start())

    def call(self, payload, **kwargs):
        """Send a CALL and return the central system's answer (raises on a CALLERROR)."""
        return self.loop.run(self.charge_point.call(payload, suppress=False, **kwargs))

    def exchange(self, frame) -> list:
        """Send one frame (text as is, anything else as JSON) and return the answer frame."""
        text = frame if isinstance(frame, str) else json.dumps(frame)
        return json.loads(self.loop.run(self._exchange(text)))

    async def _exchange(self, text):
        await self.connection.send(text)
        return await self.connection.recv()

    def wait_closed(self, timeout=TIMEOUT) -> tuple[int, str]:
        """Wait for the server to close the connection; (code, reason) it closed with."""
        self.loop.run(self.connection.wait_closed(), timeout)
        return self.connection.close_code, self.connection.close_reason

    def close(self):
        self.loop.run(self._close())

    async def _close(self):
        await self.connection.close()
        if self.reader is not None:
            with contextlib.suppress(websockets.ConnectionClosed):
                await self.reader


def basic_auth(username: str, password: str) -> dict:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@pytest.fixture
def ocpp_server(transactional_db, settings):
    # Short intervals: a password reissue or an offline charger shows within a test's wait.
    settings.OCPP_REVOCATION_CHECK_SECONDS = 0.1
    settings.OCPP_OFFLINE_SWEEP_SECONDS = 0.2
    settings.OCPP_DATABASE_THREADS = 4
    server = RunningServer()
    yield server
    server.stop()


def open_link(
    loop: LoopThread,
    url: str,
    charge_point_id: str,
    password=CHARGER_PASSWORD,
    *,
    username=None,
    subprotocols=("ocpp1.6",),
    raw=False,
) -> Link:
    """A charger's handshake: the ocpp1.6 subprotocol and Basic auth with its id and
    password (each may be changed to test the refusals)."""
    headers = basic_auth(username or charge_point_id, password) if password else {}

    async def open_connection():
        return await websockets.connect(
            url,
            subprotocols=list(subprotocols) or None,
            additional_headers=headers,
            open_timeout=TIMEOUT,
        )

    return Link(loop, loop.run(open_connection()), charge_point_id, raw)


@pytest.fixture
def client_loop():
    loop = LoopThread("ocpp-chargers")
    yield loop
    loop.stop()


@pytest.fixture
def connect(ocpp_server, client_loop):
    """connect(charger, password=..., **open_link options) -> Link to the test's server;
    the links still open are closed after the test."""
    links = []

    def connect(charger=None, password=CHARGER_PASSWORD, *, charge_point_id=None, **options):
        charge_point_id = charge_point_id or charger.charge_point_id
        url = ocpp_server.url(charge_point_id)
        link = open_link(client_loop, url, charge_point_id, password, **options)
        links.append(link)
        return link

    yield connect
    for link in links:
        link.close()


def eventually(check, timeout=TIMEOUT):
    """Poll check() until it returns something true (what the server's own loops do is not
    tied to any answer the test waits for); fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while not (result := check()):
        assert time.monotonic() < deadline, f"still not true after {timeout} s"
        time.sleep(0.05)
    return result

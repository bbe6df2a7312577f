"""The simulated chargers of bench/ocpp.py: the `ocpp` package's charge-point side.

One process runs a share of the fleet on one asyncio loop. Each charger connects over
`websockets` (subprotocol ocpp1.6, HTTP Basic auth), boots, reports each connector's
status, then walks its connectors through Available -> Preparing -> Charging ->
Finishing -> Available at the pace it is given, and sends a Heartbeat every interval the
central system answered with. When the connection drops it reconnects with exponential
backoff and full jitter, and a StatusNotification that was never answered is sent again
first (a message without its answer was not delivered, so a real charger repeats it).

No Django here: the chargers know only the endpoint and their credentials. The parent
steers every process through shared memory (the mode, and one slot per charger saying
whether it is connected) and gets the samples back through a pipe at the end.
"""

import array
import asyncio
import base64
import logging
import random
import resource
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ocpp.v16 import ChargePoint, call
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

# What the parent sets in the shared mode value.
RUN, QUIET, STOP = 0, 1, 2
# Kinds of answered CALL, as stored in the samples.
BOOT, STATUS, HEARTBEAT = 0, 1, 2
CYCLE = ["Available", "Preparing", "Charging", "Finishing"]
# What a driver reads for each status of the cycle (chargers.vocabulary.LIVE): a change of
# this is what writes a history row.
IN_USE = {"Preparing", "Charging", "Finishing"}
BACKOFF_FIRST, BACKOFF_CAP = 1.0, 16.0
RESPONSE_TIMEOUT = 30  # the package's default, as chargers commonly wait


@dataclass
class Fleet:
    """This process's chargers and what the parent gave it."""

    url: str
    chargers: list[tuple[int, str, str]]  # (slot, charge point id, password)
    connectors: int
    status_every: float  # seconds between two StatusNotifications of one charger
    ramp: float  # the first connections are spread over this many seconds
    compression: str | None


@dataclass
class Samples:
    """Every answered CALL: kind, wall time of the answer, answer time (ms), changed live."""

    kind: array.array = field(default_factory=lambda: array.array("b"))
    answered_at: array.array = field(default_factory=lambda: array.array("d"))
    ms: array.array = field(default_factory=lambda: array.array("d"))
    live_change: array.array = field(default_factory=lambda: array.array("b"))

    def add(self, kind, answered_at, ms, live_change=False):
        self.kind.append(kind)
        self.answered_at.append(answered_at)
        self.ms.append(ms)
        self.live_change.append(live_change)


class SimulatedCharger(ChargePoint):
    """The package's charge point, timing each CALL on the wire: sent to answer received."""

    sent_at = 0.0
    answered_at = 0.0

    async def _send(self, message):
        self.sent_at = time.perf_counter()
        await super()._send(message)

    async def route_message(self, raw_msg):
        if raw_msg[:2] in ("[3", "[4"):  # CALLRESULT, CALLERROR
            self.answered_at = time.perf_counter()
        await super().route_message(raw_msg)

    async def timed(self, payload) -> tuple[object, float]:
        """The answer and how long it took; CALLERROR raises (suppress=False)."""
        # The server validates what it is sent: the chargers spare the CPU the server needs.
        answer = await self.call(payload, suppress=False, skip_schema_validation=True)
        return answer, (self.answered_at - self.sent_at) * 1000


class Charger:
    """One simulated charger: its connectors' statuses, and the one not yet answered."""

    def __init__(self, slot, cp_id, password, connectors, status_every):
        self.slot, self.cp_id = slot, cp_id
        token = base64.b64encode(f"{cp_id}:{password}".encode()).decode()
        self.headers = {"Authorization": f"Basic {token}"}
        self.step = dict.fromkeys(range(1, connectors + 1), 0)  # index into CYCLE
        self.answered = dict.fromkeys(range(1, connectors + 1), "")  # last status answered
        self.pending = None  # (connector, status, timestamp) sent and not yet answered
        self.next_connector = 1
        self.status_every = status_every
        self.booted = False
        self.interval = 60
        self.connects = 0


async def run_charger(fleet: Fleet, charger: Charger, shared, samples: Samples, errors):
    await asyncio.sleep(random.uniform(0, fleet.ramp))
    attempt = 0
    while shared.mode.value != STOP:
        try:
            async with connect(
                f"{fleet.url}/{charger.cp_id}",
                subprotocols=["ocpp1.6"],
                additional_headers=charger.headers,
                compression=fleet.compression,
                proxy=None,
                open_timeout=30,
                # The OCPP Heartbeat is the keep-alive; WebSocket pings stay at the library's
                # default, as most charger firmware leaves them.
            ) as ws:
                attempt = 0
                if await session(charger, ws, shared, samples, errors):
                    return
        except InvalidStatus as refused:
            errors[f"handshake refused {refused.response.status_code}"] += 1
        except (OSError, InvalidHandshake, TimeoutError, ConnectionClosed) as failed:
            errors[f"connect: {type(failed).__name__}"] += 1
        finally:
            shared.connected[charger.slot] = 0
        attempt += 1
        # Full jitter: 2,000 chargers that lost the server together do not come back together.
        await asyncio.sleep(random.uniform(0, min(BACKOFF_CAP, BACKOFF_FIRST * 2**attempt)))


async def session(charger, ws, shared, samples, errors) -> bool:
    """One connection: the charge point's reader beside the charger's behaviour.

    True when the charger closed it on purpose (STOP); otherwise why it ended is counted.
    """
    cp = SimulatedCharger(charger.cp_id, ws, response_timeout=RESPONSE_TIMEOUT)
    reader = asyncio.create_task(cp.start())
    behaviour = asyncio.create_task(behave(cp, charger, shared, samples))
    done, _ = await asyncio.wait({reader, behaviour}, return_when=asyncio.FIRST_COMPLETED)
    for task in (reader, behaviour):
        task.cancel()
    await asyncio.gather(reader, behaviour, return_exceptions=True)
    first = done.pop()
    failure = None if first.cancelled() else first.exception()
    if first is behaviour and failure is None:
        return True
    if isinstance(failure, ConnectionClosed) or first is reader:
        errors["connection lost"] += 1
    else:
        errors[type(failure).__name__] += 1
    return False


async def behave(cp, charger, shared, samples):
    loop = asyncio.get_running_loop()
    if not charger.booted:
        boot = call.BootNotification(
            charge_point_vendor="BenchCo",
            charge_point_model="Sim-22",
            charge_point_serial_number=charger.cp_id,
            firmware_version="1.0.0",
        )
        answer, ms = await cp.timed(boot)
        charger.interval = answer.interval or 60
        charger.booted = True
        samples.add(BOOT, time.time(), ms)
        for connector in charger.answered:
            await send_status(cp, charger, shared, samples, connector, "Available")
    elif charger.pending:
        await send_status(cp, charger, shared, samples, *charger.pending)
    else:
        _, ms = await cp.timed(call.Heartbeat())
        samples.add(HEARTBEAT, time.time(), ms)
    charger.connects += 1
    shared.connected[charger.slot] = 1
    shared.connected_at[charger.slot] = time.time()

    next_heartbeat = loop.time() + charger.interval * random.uniform(0.5, 1.0)
    next_status = loop.time() + random.uniform(0, charger.status_every)
    while (mode := shared.mode.value) != STOP:
        now = loop.time()
        if now >= next_heartbeat:
            _, ms = await cp.timed(call.Heartbeat())
            samples.add(HEARTBEAT, time.time(), ms)
            next_heartbeat = now + charger.interval
        elif mode == RUN and now >= next_status:
            connector = charger.next_connector
            charger.next_connector = connector % len(charger.step) + 1
            charger.step[connector] = (charger.step[connector] + 1) % len(CYCLE)
            status = CYCLE[charger.step[connector]]
            await send_status(cp, charger, shared, samples, connector, status)
            next_status += charger.status_every
            if next_status < now:  # fell behind (a reconnect): no burst to catch up
                next_status = now + random.uniform(0, charger.status_every)
        else:
            # Asleep until the next message is due; the mode is read at least every 2 s.
            wake = min(next_heartbeat, next_status if mode == RUN else now + 2)
            await asyncio.sleep(min(max(wake - now, 0), 2))


async def send_status(cp, charger, shared, samples, connector, status, timestamp=None):
    timestamp = timestamp or datetime.now(UTC).isoformat(timespec="milliseconds")
    charger.pending = (connector, status, timestamp)
    shared.pending[charger.slot] = 1
    before = charger.answered[connector]
    _, ms = await cp.timed(
        call.StatusNotification(
            connector_id=connector, error_code="NoError", status=status, timestamp=timestamp
        )
    )
    charger.answered[connector] = status
    charger.pending = None
    shared.pending[charger.slot] = 0
    changed = (before in IN_USE) != (status in IN_USE) or before == ""
    samples.add(STATUS, time.time(), ms, changed)


async def loop_lag(samples: array.array, stop):
    """How late this loop wakes up: if it is late, the chargers' clocks are, not the server."""
    while not stop():
        started = time.perf_counter()
        await asyncio.sleep(0.05)
        samples.append((time.perf_counter() - started - 0.05) * 1000)


async def run_fleet(fleet: Fleet, shared) -> dict:
    samples, lag = Samples(), array.array("d")
    errors = _Counter()
    chargers = [
        Charger(slot, cp_id, password, fleet.connectors, fleet.status_every)
        for slot, cp_id, password in fleet.chargers
    ]
    lagging = asyncio.create_task(loop_lag(lag, lambda: shared.mode.value == STOP))
    await asyncio.gather(*(run_charger(fleet, c, shared, samples, errors) for c in chargers))
    await lagging
    return {
        "samples": (samples.kind, samples.answered_at, samples.ms, samples.live_change),
        "lag_ms": lag,
        "errors": dict(errors),
        "answered": {c.cp_id: c.answered for c in chargers},
        "pending": {c.cp_id: c.pending for c in chargers if c.pending},
        "connects": sum(c.connects for c in chargers),
    }


class _Counter(dict):
    def __missing__(self, key):
        return 0


def main(fleet: Fleet, shared, pipe):
    """A client process: lift the file limit, quiet the package's logger, run, report."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    logging.getLogger("ocpp").setLevel(logging.WARNING)
    pipe.send(asyncio.run(run_fleet(fleet, shared)))
    pipe.close()

"""Our side of one charger's OCPP 1.6J connection: each message it sends, answered.

The `ocpp` package frames, validates and routes the messages; what each says is stored
through chargers.live on a database thread (StatusNotifications and "heard" with other
chargers' in one transaction: chargers.group_commit) before it is answered, so this
object holds nothing another process would need. Whatever a charger sends, the connection
stays up and the process with it: a bad frame gets a CALLERROR, a failing handler an
InternalError.
"""

import asyncio
import contextlib
import json
import logging
import math
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from threading import Barrier, BrokenBarrierError

from asgiref.sync import sync_to_async
from django.db import connection, connections
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from ocpp.exceptions import (
    FormationViolationError,
    FormatViolationError,
    InternalError,
    NotImplementedError,
    NotSupportedError,
    OCPPError,
    PropertyConstraintViolationError,
)
from ocpp.messages import CallError, MessageType, unpack
from ocpp.routing import on
from ocpp.v16 import ChargePoint, call_result
from ocpp.v16.datatypes import IdTagInfo
from ocpp.v16.enums import Action, DataTransferStatus, Measurand, RegistrationStatus, UnitOfMeasure
from websockets.exceptions import ConnectionClosed

from chargers import live
from chargers.group_commit import GroupCommit

# Every frame in and out, at INFO: too much for a server that hears hundreds a second,
# so the server sets it to WARNING unless logging says otherwise.
FRAMES = logging.getLogger("chargers.frames")
logger = logging.getLogger(__name__)

# What a CALLERROR answers to when the frame was too broken to carry a message id
# (OCPP-J 2.0.1 names "-1" for it; 1.6 names none).
UNREADABLE_ID = "-1"

GONE = "This charge point is no longer registered."

ENERGY = Measurand.energy_active_import_register.value
HEARD_EVERY = live.REFRESH_EVERY.total_seconds()


class Database:
    """A few threads of the server's own for chargers.live; each holds one DB connection."""

    def __init__(self, threads: int):
        self.threads = threads
        self.executor = ThreadPoolExecutor(threads, thread_name_prefix="ocpp-db")
        # The two messages every charger sends all the time, stored many at once (the
        # function looked up at each batch, as self.run's callers' are).
        self.writes = GroupCommit(self, lambda items: live.store_many(items))

    async def run(self, fn, *args, **kwargs):
        return await sync_to_async(_in_thread, thread_sensitive=False, executor=self.executor)(
            fn, *args, **kwargs
        )

    def close(self):
        """Close every thread's connection (PostgreSQL refuses to drop a database a
        connection still holds), then the threads."""
        # The barrier holds each thread until all have closed theirs: one close per thread.
        barrier = Barrier(self.threads, timeout=10)

        def close_mine():
            connections.close_all()
            with contextlib.suppress(BrokenBarrierError):  # a thread stuck in a query
                barrier.wait()

        for future in [self.executor.submit(close_mine) for _ in range(self.threads)]:
            future.result()
        self.executor.shutdown(wait=True)


def _in_thread(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    finally:
        # What Django does at the end of a request: a connection that failed, or outlived
        # CONN_MAX_AGE, is closed and the next call opens a fresh one.
        if connection.connection is not None and (
            connection.errors_occurred
            or (connection.close_at is not None and time.monotonic() >= connection.close_at)
        ):
            connection.close_if_unusable_or_obsolete()


class CentralSystem(ChargePoint):
    """One connected charger. `charger_id` is its Charger pk, `password_version` the
    version of the password it opened the connection with."""

    def __init__(
        self,
        connection,
        *,
        charger_id: int,
        charge_point_id: str,
        password_version: int,
        database: Database,
    ):
        super().__init__(charge_point_id, connection, logger=FRAMES)
        self.charger_id = charger_id
        self.password_version = password_version
        self.database = database
        # When this connection last told chargers.live the charger was heard: live.heard
        # writes at most every REFRESH_EVERY, so asking it more often is a round trip lost.
        self.heard_at = -math.inf

    async def store(self, fn, *args, **kwargs):
        return await self._gone_if_unknown(self.database.run(fn, self.charger_id, *args, **kwargs))

    async def store_with_others(self, group: GroupCommit, item):
        """Stored in one transaction with what other chargers sent meanwhile."""
        return await self._gone_if_unknown(group.store(item))

    async def _gone_if_unknown(self, storing):
        try:
            return await storing
        except live.UnknownCharger:
            # Deleted by its owner while connected: this message gets an InternalError,
            # and nothing more will be answered.
            self._closing = asyncio.ensure_future(self.close(1008, GONE))
            raise

    async def close(self, code: int, reason: str):
        await self._connection.close(code, reason)

    # --- routing: the package's, with OCPP 1.6's error names and nothing left unanswered

    async def route_message(self, raw_msg):
        try:
            msg = unpack(raw_msg)
        except OCPPError as error:
            # Not an OCPP-J frame at all ([MessageTypeId, UniqueId, ...]): its structure is
            # what is wrong, whichever word the package picked.
            await self._send_error(
                _unique_id_of(raw_msg), FormationViolationError(details={"cause": _cause(error)})
            )
            return
        if msg.message_type_id != MessageType.Call:
            # An answer to a CALL of ours; none is awaited unless a call() holds the lock,
            # and a charger must not fill the queue with answers nobody reads.
            if self._call_lock.locked():
                self._response_queue.put_nowait(msg)
            return
        if not isinstance(msg.unique_id, str) or not isinstance(msg.action, str):
            await self._send_error(
                msg.unique_id if isinstance(msg.unique_id, str) else UNREADABLE_ID,
                FormationViolationError(details={"cause": "UniqueId and Action must be strings."}),
            )
            return
        if msg.action not in self.route_map:
            await self._send_error(msg.unique_id, _unhandled(msg.action))
            return
        try:
            # A StatusNotification takes its charger's hearing into its own batch.
            if msg.action != Action.status_notification and self._heard_due(msg.action):
                await self.store_with_others(self.database.writes, (self.charger_id, None))
                self.heard_at = time.monotonic()
            await self._handle_call(msg)
        except ConnectionClosed:
            raise  # the charger is gone: nothing to answer
        except live.UnknownCharger:
            await self._send_error(msg.unique_id, _internal_error(GONE))
        except OCPPError as error:
            await self._send_error(msg.unique_id, _as_v16(error))
        except Exception:
            logger.exception("OCPP %s from %s failed", msg.action, self.id)
            await self._send_error(msg.unique_id, _internal_error())

    def _heard_due(self, action: str) -> bool:
        if action == Action.boot_notification:
            self.heard_at = time.monotonic()  # boot() records it heard itself
            return False
        return action == Action.heartbeat or time.monotonic() - self.heard_at >= HEARD_EVERY

    async def _send_error(self, unique_id, error: OCPPError):
        # The cause only: the package would echo the whole offending frame back.
        answer = CallError(unique_id, error.code, error.description, {"cause": _cause(error)})
        await self._send(answer.to_json())

    # --- what a charger says

    @on(Action.boot_notification)
    async def on_boot_notification(
        self,
        charge_point_vendor,
        charge_point_model,
        charge_box_serial_number=None,
        charge_point_serial_number=None,
        firmware_version=None,
        **_,
    ):
        interval = await self.store(
            live.boot,
            vendor=charge_point_vendor,
            model=charge_point_model,
            serial_number=charge_point_serial_number or charge_box_serial_number or "",
            firmware_version=firmware_version or "",
        )
        return call_result.BootNotification(
            current_time=_now_text(), interval=interval, status=RegistrationStatus.accepted
        )

    @on(Action.heartbeat)
    async def on_heartbeat(self, **_):
        return call_result.Heartbeat(current_time=_now_text())

    @on(Action.status_notification)
    async def on_status_notification(
        self,
        connector_id,
        error_code,
        status,
        timestamp=None,
        info=None,
        vendor_error_code=None,
        **_,
    ):
        report = {
            "charger": self.charger_id,
            "connector": connector_id,
            "status": status,
            "error_code": error_code,
            "info": info or "",
            "vendor_error_code": vendor_error_code or "",
            "timestamp": _timestamp(timestamp, "timestamp", required=False),
        }
        heard = self.charger_id if self._heard_due(Action.status_notification) else None
        await self.store_with_others(self.database.writes, (heard, report))
        if heard is not None:
            self.heard_at = time.monotonic()
        return call_result.StatusNotification()

    @on(Action.authorize)
    async def on_authorize(self, id_tag, **_):
        verdict = await self.store(live.authorize, id_tag)
        return call_result.Authorize(id_tag_info=IdTagInfo(status=verdict))

    @on(Action.start_transaction)
    async def on_start_transaction(self, connector_id, id_tag, meter_start, timestamp, **_):
        transaction_id, verdict = await self.store(
            live.start_transaction,
            connector_id,
            id_tag,
            meter_start,
            _timestamp(timestamp, "timestamp"),
        )
        return call_result.StartTransaction(
            transaction_id=transaction_id, id_tag_info=IdTagInfo(status=verdict)
        )

    @on(Action.meter_values)
    async def on_meter_values(self, connector_id, meter_value, transaction_id=None, **_):
        await self.store(live.meter_values, connector_id, transaction_id, _energy_wh(meter_value))
        return call_result.MeterValues()

    @on(Action.stop_transaction)
    async def on_stop_transaction(
        self, meter_stop, timestamp, transaction_id, reason=None, id_tag=None, **_
    ):
        await self.store(
            live.stop_transaction,
            transaction_id,
            meter_stop,
            _timestamp(timestamp, "timestamp"),
            reason=reason or "",
        )
        if id_tag is None:
            return call_result.StopTransaction()
        verdict = await self.store(live.authorize, id_tag)
        return call_result.StopTransaction(id_tag_info=IdTagInfo(status=verdict))

    # Sent by chargers unasked; answered so they do not retry, stored nowhere.

    @on(Action.data_transfer)
    async def on_data_transfer(self, vendor_id, **_):
        return call_result.DataTransfer(status=DataTransferStatus.unknown_vendor_id)

    @on(Action.diagnostics_status_notification)
    async def on_diagnostics_status_notification(self, **_):
        return call_result.DiagnosticsStatusNotification()

    @on(Action.firmware_status_notification)
    async def on_firmware_status_notification(self, **_):
        return call_result.FirmwareStatusNotification()


def _unique_id_of(raw_msg) -> str:
    """The message id of a frame the package could not unpack, when it has a readable one."""
    try:
        frame = json.loads(raw_msg)
    except ValueError:
        return UNREADABLE_ID
    if isinstance(frame, list) and len(frame) > 1 and isinstance(frame[1], str):
        return frame[1]
    return UNREADABLE_ID


def _cause(error: OCPPError) -> str:
    details = error.details if isinstance(error.details, dict) else {}
    return str(details.get("cause") or "")


def _as_v16(error: OCPPError) -> OCPPError:
    # The package names a malformed payload with OCPP 2.0's word; 1.6 chargers know only
    # FormationViolation.
    if isinstance(error, FormatViolationError):
        return FormationViolationError(details=error.details)
    return error


def _unhandled(action: str) -> OCPPError:
    # OCPP 1.6 §4.2.3: NotImplemented is for an action the receiver does not know,
    # NotSupported for one it knows and does not support (the package has them the other
    # way round).
    if action in Action._value2member_map_:
        return NotSupportedError(
            details={"cause": f"{action} is not supported by this central system."}
        )
    return NotImplementedError(details={"cause": f"{action} is not an OCPP 1.6 action."})


def _internal_error(cause="The central system could not store this message; send it again."):
    return InternalError(details={"cause": cause})


def _now_text() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _timestamp(value: str | None, field: str, *, required=True) -> datetime | None:
    """A charger's ISO 8601 time as an aware datetime, never later than now: a clock that
    runs ahead would otherwise date a connector's status so far on that the reports sent
    after its clock is set right read as older and are ignored."""
    if value is None and not required:
        return None
    parsed = parse_datetime(value or "")
    if parsed is None:
        raise PropertyConstraintViolationError(
            details={"cause": f"{field} {value!r} is not an ISO 8601 date and time."}
        )
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=UTC)  # OCPP times are UTC
    return min(parsed, timezone.now())


def _energy_wh(meter_values: list) -> int | None:
    """The latest energy register reading among the samples, in Wh (None when there is none).

    A sampled value without a measurand is the energy register (OCPP 1.6's default);
    per-phase values are skipped: a session counts the register's total.
    """
    reading = None
    for meter_value in meter_values:
        for sample in meter_value.get("sampled_value", []):
            if sample.get("measurand", ENERGY) != ENERGY or sample.get("phase"):
                continue
            try:
                value = float(sample["value"])
            except (KeyError, ValueError):
                continue
            if not math.isfinite(value):
                continue
            if sample.get("unit") == UnitOfMeasure.kwh:
                value *= 1000
            reading = round(value)
    return reading

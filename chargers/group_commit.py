"""Group commit: what many chargers send at once, stored in one transaction.

A charger is answered only once what it sent is committed (an answer means stored), but
it need not wait for a transaction of its own: while one batch is written, the next
gathers. A quiet server writes each message alone, as soon as it arrives; a busy one
writes hundreds per round trip, which is what lets one process store thousands of
StatusNotifications a second on two cores.

Nothing here outlives the answer: a batch is in memory only while its chargers wait, and
a process killed meanwhile answers none of them, so each sends its message again.
"""

import asyncio
from collections.abc import Callable
from typing import Any


class GroupCommit:
    """Items handed to `store_many` (on a database thread) in batches of at most `most`,
    with at most `in_flight` batches written at once. `store_many(items)` returns one result
    per item, an exception instance for an item that failed."""

    def __init__(self, database, store_many: Callable[[list], list], *, most=500, in_flight=2):
        self.database = database
        self.store_many = store_many
        self.most = most
        self.in_flight = in_flight
        self.waiting: list[tuple[Any, asyncio.Future]] = []
        self.writing = 0
        self._tasks: set[asyncio.Task] = set()

    async def store(self, item):
        future = asyncio.get_running_loop().create_future()
        self.waiting.append((item, future))
        self._start()
        return await future

    def _start(self):
        while self.waiting and self.writing < self.in_flight:
            batch, self.waiting = self.waiting[: self.most], self.waiting[self.most :]
            self.writing += 1
            task = asyncio.create_task(self._write(batch))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _write(self, batch):
        try:
            results = await self.database.run(self.store_many, [item for item, _ in batch])
        except Exception as error:  # the whole batch failed: each waiting charger is told
            results = [error] * len(batch)
        except asyncio.CancelledError:
            for _, future in batch:
                future.cancel()
            raise
        finally:
            self.writing -= 1
        for (_, future), result in zip(batch, results, strict=True):
            if future.done():  # its connection closed while it waited
                continue
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)
        self._start()

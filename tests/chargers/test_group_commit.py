"""The server's group commit: messages that arrive while a batch is written go together
into the next, each waiting charger gets its own result, and nothing waits for ever."""

import asyncio

import pytest

from chargers.group_commit import GroupCommit


class Database:
    """Runs store_many on a thread, as the server's Database does, and keeps each batch."""

    def __init__(self):
        self.batches = []
        self.release = asyncio.Event()

    async def run(self, fn, items):
        self.batches.append(list(items))
        await self.release.wait()
        return await asyncio.to_thread(fn, items)


def doubled(items):
    return [ValueError(item) if item < 0 else item * 2 for item in items]


def test_it_gathers_what_arrives_while_a_batch_is_written():
    async def scenario():
        database = Database()
        group = GroupCommit(database, doubled, in_flight=1)
        first = asyncio.create_task(group.store(1))
        await asyncio.sleep(0)
        later = [asyncio.create_task(group.store(n)) for n in (2, 3, 4)]
        await asyncio.sleep(0)
        database.release.set()
        return database.batches, await first, await asyncio.gather(*later)

    batches, first, later = asyncio.run(scenario())

    assert batches == [[1], [2, 3, 4]]
    assert (first, later) == (2, [4, 6, 8])


def test_it_fails_only_the_item_that_failed():
    async def scenario():
        database = Database()
        database.release.set()
        group = GroupCommit(database, doubled)
        return await asyncio.gather(group.store(5), group.store(-1), return_exceptions=True)

    good, bad = asyncio.run(scenario())

    assert good == 10
    assert isinstance(bad, ValueError)


def test_it_tells_every_waiting_item_when_the_whole_batch_fails():
    def broken(items):
        raise ConnectionError("the database went away")

    async def scenario():
        database = Database()
        database.release.set()
        group = GroupCommit(database, broken)
        return await asyncio.gather(group.store(1), group.store(2), return_exceptions=True)

    results = asyncio.run(scenario())

    assert all(isinstance(result, ConnectionError) for result in results)


def test_it_writes_at_most_so_many_in_one_batch():
    async def scenario():
        database = Database()
        group = GroupCommit(database, doubled, most=2, in_flight=1)
        blocker = asyncio.create_task(group.store(0))
        await asyncio.sleep(0)
        waiting = [asyncio.create_task(group.store(n)) for n in range(1, 6)]
        await asyncio.sleep(0)
        database.release.set()
        await asyncio.gather(blocker, *waiting)
        return database.batches

    assert asyncio.run(scenario()) == [[0], [1, 2], [3, 4], [5]]


def test_a_charger_gone_while_waiting_does_not_stop_the_others():
    async def scenario():
        database = Database()
        group = GroupCommit(database, doubled, in_flight=1)
        blocker = asyncio.create_task(group.store(1))
        await asyncio.sleep(0)
        gone = asyncio.create_task(group.store(2))
        stays = asyncio.create_task(group.store(3))
        await asyncio.sleep(0)
        gone.cancel()
        database.release.set()
        return await blocker, await stays, gone.cancelled()

    assert asyncio.run(scenario()) == (2, 6, True)


@pytest.mark.parametrize("in_flight", [1, 2])
def test_a_quiet_server_writes_each_message_at_once(in_flight):
    async def scenario():
        database = Database()
        database.release.set()
        group = GroupCommit(database, doubled, in_flight=in_flight)
        answers = [await group.store(n) for n in range(3)]
        return answers, database.batches

    assert asyncio.run(scenario()) == ([0, 2, 4], [[0], [1], [2]])

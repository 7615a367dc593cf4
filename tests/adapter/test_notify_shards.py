"""Change notifications when the bot runs as several processes (shard ranges) on one database.

Only the process running shard 0 notifies, and only it records the knowledge snapshots: if another process
recorded them when it started or reloaded first, the shard-0 process would see no change and the
subscribers would never hear of it. Both processes run in this test process with their own storage
connection (SQLite file or PostgreSQL pool) and their own loaded knowledge base, as two processes would.

Also here: the delivery details of a notice (it carries its own ``allowed_mentions`` rather than leaning on
the client-wide default, and a thread that cannot be reached falls back to a DM).
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.adapter.client import create_bot
from bot.config import Settings
from bot.core.service import KnowledgeService
from bot.storage import Storage, open_storage
from bot.storage.postgres import PostgresStorage
from bot.storage.resilient import ResilientStorage
from tests.adapter.conftest import ALICE, BOB, FORUM, GUILD, OTHER_CHANNEL, TODAY, FakeClock
from tests.adapter.discord_harness import Harness, snowflake
from tests.adapter.test_notify import TEXAS_EDIT, edit, notices, subscribe
from tests.storage.conftest import PG_DSN, drop_schema, new_schema_name, require_postgres


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def shared_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Callable[[], object]]:
    """A factory of storages that all reach one database (each call is a new connection, like a process)."""
    schema: str | None = None
    if request.param == "postgres":
        await require_postgres()
        schema = new_schema_name()
    path = tmp_path / "shared.sqlite3"

    async def make() -> Storage:
        if schema is not None:
            store: Storage = ResilientStorage(PostgresStorage(PG_DSN, schema=schema, max_size=2))
            await store.open()
            return store
        return await open_storage(None, path)

    try:
        yield make
    finally:
        if schema is not None:
            await drop_schema(schema)


class Processes:
    """Bot processes on one database, started and closed by the test."""

    def __init__(self, settings: Settings, kb_dir: Path, make_storage: Callable[[], object], mp) -> None:
        self.settings = settings
        self.kb_dir = kb_dir
        self.make_storage = make_storage
        self.monkeypatch = mp
        self.running: list[Harness] = []

    async def start(self, shard_ids: tuple[int, ...]) -> Harness:
        storage = await self.make_storage()  # type: ignore[misc]
        clock = FakeClock()
        bot = create_bot(
            dataclasses.replace(self.settings, shard_count=2, shard_ids=shard_ids),
            KnowledgeService(self.kb_dir, clock=lambda: TODAY),
            storage,
            clock=clock.now,
            monotonic=clock.monotonic,
        )
        harness = Harness(bot, self.monkeypatch)
        await harness.start()
        harness.add_guild(GUILD, text_channels=[OTHER_CHANNEL], forums=[FORUM])
        self.running.append(harness)
        return harness

    async def close(self) -> None:
        for harness in reversed(self.running):
            await harness.close()


@pytest.fixture
async def processes(
    settings: Settings, kb_dir: Path, shared_db: Callable[[], object], monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Processes]:
    procs = Processes(settings, kb_dir, shared_db, monkeypatch)
    try:
        yield procs
    finally:
        await procs.close()


async def test_shard_zero_notifies_once_when_the_other_process_reloads_first(
    processes: Processes, kb_dir: Path
) -> None:
    sender = await processes.start((0,))
    other = await processes.start((1,))
    assert sender.bot.sends_notifications and not other.bot.sends_notifications
    await subscribe(other, ALICE, OTHER_CHANNEL)  # subscribed through the non-notifying process
    before = (await sender.bot.storage.snapshots())["state-tx"].content_hash

    edit(kb_dir, *TEXAS_EDIT)
    other.recorder.clear()
    _, other_report = await other.bot.reload_knowledge()
    assert other_report is not None and [c.entry_id for c in other_report.changes] == ["state-tx"]
    assert other_report.notified == 0 and other_report.recorded == 0
    assert "shard 0" in other_report.summary()
    assert notices(other) == []
    assert (await other.bot.storage.snapshots())["state-tx"].content_hash == before, (
        "a non-notifying process must not record the snapshot"
    )

    sender.recorder.clear()
    _, report = await sender.bot.reload_knowledge()
    assert report is not None and report.notified == 1 and report.failed == 0
    (notice,) = notices(sender)
    assert notice.url.endswith(f"/channels/{ALICE}/messages")
    assert (await sender.bot.storage.snapshots())["state-tx"].content_hash == (
        sender.bot.service.kb.fingerprints["state-tx"]
    )

    # Later reloads, in either order, announce nothing more.
    for harness in (other, sender, other):
        harness.recorder.clear()
        _, again = await harness.bot.reload_knowledge()
        assert again is not None and again.changes == []
        assert notices(harness) == []


async def test_shard_zero_notifies_when_the_other_process_started_first_after_the_change(
    processes: Processes, kb_dir: Path
) -> None:
    first = await processes.start((0,))
    await subscribe(first, ALICE, OTHER_CHANNEL)
    await first.close()  # both processes go down; the knowledge base changes meanwhile
    edit(kb_dir, *TEXAS_EDIT)

    other = await processes.start((1,))  # the non-notifying process comes back first
    assert notices(other) == []
    assert other.bot.last_notify is not None and other.bot.last_notify.recorded == 0
    sender = await processes.start((0,))
    (notice,) = notices(sender)
    assert notice.url.endswith(f"/channels/{ALICE}/messages")
    assert sender.bot.last_notify is not None and sender.bot.last_notify.notified == 1


async def test_a_non_notifying_process_alone_never_marks_a_change_seen(
    processes: Processes, kb_dir: Path
) -> None:
    sender = await processes.start((0,))
    await subscribe(sender, ALICE, OTHER_CHANNEL)
    await sender.close()
    edit(kb_dir, *TEXAS_EDIT)
    other = await processes.start((1,))
    for _ in range(2):  # however often it reloads
        _, report = await other.bot.reload_knowledge()
        assert report is not None and [c.entry_id for c in report.changes] == ["state-tx"]
    assert notices(other) == []


# ------------------------------------------------------------------------------ delivery details


async def _thread_subscription(processes: Processes, kb_dir: Path) -> tuple[Harness, int]:
    sender = await processes.start((0,))
    thread = snowflake()
    sender.add_thread(GUILD, thread, FORUM, owner_id=BOB)
    await subscribe(sender, BOB, thread)
    edit(kb_dir, *TEXAS_EDIT)
    sender.recorder.clear()
    return sender, thread


@pytest.mark.parametrize("shared_db", ["sqlite"], indirect=True)
async def test_an_in_thread_notice_carries_its_own_no_mentions(processes: Processes, kb_dir: Path) -> None:
    """The notice pings the subscriber's name as text only, even without the client-wide default."""
    sender, thread = await _thread_subscription(processes, kb_dir)
    sender.bot.allowed_mentions = None  # the client-wide default must not be what keeps this quiet
    await sender.bot.reload_knowledge()
    (notice,) = notices(sender)
    assert f"/channels/{thread}/messages" in notice.url
    assert notice.content == f"<@{BOB}>"
    assert notice.allowed_mentions == {"parse": []}


@pytest.mark.parametrize("shared_db", ["sqlite"], indirect=True)
async def test_a_dm_notice_carries_its_own_no_mentions(processes: Processes, kb_dir: Path) -> None:
    sender = await processes.start((0,))
    await subscribe(sender, ALICE, OTHER_CHANNEL)
    edit(kb_dir, *TEXAS_EDIT)
    sender.recorder.clear()
    sender.bot.allowed_mentions = None
    await sender.bot.reload_knowledge()
    (notice,) = notices(sender)
    assert notice.url.endswith(f"/channels/{ALICE}/messages")
    assert notice.allowed_mentions == {"parse": []}


@pytest.mark.parametrize("shared_db", ["sqlite"], indirect=True)
async def test_an_unreachable_thread_falls_back_to_a_dm(processes: Processes, kb_dir: Path) -> None:
    sender, thread = await _thread_subscription(processes, kb_dir)
    sender.recorder.fail_dm_for = {thread}  # posting in the thread fails (403)
    _, report = await sender.bot.reload_knowledge()
    assert report is not None and report.notified == 1 and report.failed == 0
    attempts = [s.url.split("/channels/")[1].split("/")[0] for s in notices(sender)]
    assert attempts == [str(thread), str(BOB)], "tried the thread, then delivered by DM to the subscriber"
    dm_open = [s for s in sender.recorder.sent if s.path == "/users/@me/channels"]
    assert [int(s.payload["recipient_id"]) for s in dm_open] == [BOB]


@pytest.mark.parametrize("shared_db", ["sqlite"], indirect=True)
async def test_a_notice_reaching_neither_thread_nor_dm_counts_as_failed(
    processes: Processes, kb_dir: Path
) -> None:
    sender, thread = await _thread_subscription(processes, kb_dir)
    sender.recorder.fail_dm_for = {thread, BOB}
    _, report = await sender.bot.reload_knowledge()
    assert report is not None and report.notified == 0 and report.failed == 1


@pytest.mark.parametrize("shared_db", ["sqlite"], indirect=True)
async def test_every_undeliverable_subscriber_is_counted(processes: Processes, kb_dir: Path) -> None:
    sender = await processes.start((0,))
    await subscribe(sender, ALICE, OTHER_CHANNEL)
    await subscribe(sender, BOB, OTHER_CHANNEL)
    edit(kb_dir, *TEXAS_EDIT)
    sender.recorder.fail_dm_for = {ALICE, BOB}
    _, report = await sender.bot.reload_knowledge()
    assert report is not None and (report.notified, report.failed) == (0, 2)

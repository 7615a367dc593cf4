"""ResilientStorage on its own: retries, drops, defaults, timeouts and log-once, with injected faults."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.storage.base import Storage
from bot.storage.models import (
    AuditEvent,
    Feedback,
    GuildSettings,
    Profile,
    QuestionRecord,
    Snapshot,
    Subscription,
)
from bot.storage.resilient import ResilientStorage, is_transient
from bot.storage.sqlite import SQLiteStorage

LOCKED = sqlite3.OperationalError("database is locked")


class _FlakyBase(Storage):
    """Forwards to a real storage, but raises queued errors first and can be made slow."""

    def __init__(self, inner: Storage) -> None:
        self.inner = inner
        self.errors: list[BaseException] = []
        self.delay = 0.0
        self.calls: list[str] = []

    async def open(self) -> None:
        await self.inner.open()

    async def close(self) -> None:
        await self.inner.close()

    async def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(name)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.errors:
            raise self.errors.pop(0)
        return await getattr(self.inner, name)(*args, **kwargs)


def _forward(name: str) -> Any:
    async def method(self: _FlakyBase, *args: Any, **kwargs: Any) -> Any:
        return await self._call(name, *args, **kwargs)

    method.__name__ = name
    return method


Flaky = type(
    "Flaky",
    (_FlakyBase,),
    {name: _forward(name) for name in Storage.__abstractmethods__ if name not in ("open", "close")},
)


@pytest.fixture
async def flaky(tmp_path: Path) -> Any:
    inner = Flaky(SQLiteStorage(tmp_path / "db.sqlite3"))
    storage = ResilientStorage(inner, retry_delay=0.001, call_timeout=2.0)
    await storage.open()
    yield inner, storage
    await storage.close()


def error_logs(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.storage.resilient" and r.levelno >= logging.ERROR]


async def test_transient_write_errors_are_retried(flaky: Any) -> None:
    inner, storage = flaky
    inner.errors = [LOCKED, LOCKED]
    qid = await storage.log_question(QuestionRecord("hello"))
    assert isinstance(qid, int)
    assert (storage.retries, storage.dropped_writes, storage.failures) == (2, 0, 0)
    assert storage.healthy
    assert len(await storage.unanswered()) == 1


async def test_a_read_gets_one_retry_on_a_transient_fault(flaky: Any) -> None:
    inner, storage = flaky
    inner.errors = [LOCKED]
    assert await storage.get_guild_settings(3) == GuildSettings(3)
    assert (inner.calls, storage.retries, storage.failed_reads) == (["get_guild_settings"] * 2, 1, 0)
    inner.errors = [LOCKED, LOCKED]
    assert await storage.get_profile(3) is None
    assert (storage.retries, storage.failed_reads) == (2, 1)


async def test_persistent_transient_error_drops_the_write_after_the_attempts(flaky: Any) -> None:
    inner, storage = flaky
    inner.errors = [LOCKED] * 10
    assert await storage.log_question(QuestionRecord("hello")) is None
    assert inner.calls == ["log_question"] * storage.write_attempts
    assert (storage.retries, storage.dropped_writes) == (storage.write_attempts - 1, 1)
    assert not storage.healthy
    assert "database is locked" in (storage.last_error or "")


async def test_permanent_write_errors_are_not_retried(flaky: Any) -> None:
    inner, storage = flaky
    inner.errors = [sqlite3.IntegrityError("constraint failed")]
    assert await storage.record_feedback(Feedback("e1", 1, "helpful")) is None
    assert (inner.calls, storage.retries, storage.dropped_writes) == (["record_feedback"], 0, 1)


async def test_write_retries_give_up_at_the_deadline(tmp_path: Path) -> None:
    inner = Flaky(SQLiteStorage(tmp_path / "db.sqlite3"))
    storage = ResilientStorage(inner, write_attempts=1000, retry_delay=0.05, write_deadline=0.3)
    await storage.open()
    inner.errors = [LOCKED] * 1000
    started = time.monotonic()
    assert await storage.set_profile(Profile(1)) is False  # "not saved" is told apart (issue 12 #12)
    assert time.monotonic() - started < 1.0
    assert storage.dropped_writes == 1 and 1 <= storage.retries < 10
    await storage.close()


async def test_every_read_falls_back_to_a_safe_default(flaky: Any) -> None:
    inner, storage = flaky
    inner.errors = [RuntimeError("boom")] * 100
    assert await storage.get_guild_settings(42) == GuildSettings(42)
    assert await storage.get_profile(1) is None
    assert await storage.unanswered() == []
    assert await storage.feedback_summary() == {}
    assert await storage.outdated_reports() == []
    assert await storage.entry_stats() == []
    assert await storage.subscribers("e1") == []
    assert await storage.subscriptions(1) == []
    assert await storage.snapshots() == {}
    assert await storage.audit_log(1) == []
    assert await storage.schema_version() == 0
    assert storage.failed_reads == 11 and storage.dropped_writes == 0
    assert not storage.healthy


async def test_every_write_falls_back_without_raising(flaky: Any) -> None:
    inner, storage = flaky
    inner.errors = [ValueError("bad")] * 100
    assert await storage.log_question(QuestionRecord("x")) is None
    assert await storage.record_feedback(Feedback("e", 1, "outdated")) is None
    assert await storage.set_profile(Profile(1)) is False  # "not saved" is told apart (issue 12 #12)
    assert await storage.forget_user(1) == {}
    assert await storage.set_guild_settings(GuildSettings(1)) is False
    assert await storage.subscribe(Subscription(1, "e")) is None
    assert await storage.unsubscribe(1, "e") is None
    assert await storage.record_snapshots([Snapshot("e", "h", date(2026, 1, 1))]) == 0
    assert await storage.audit(AuditEvent(1, 1, "x")) is None
    assert await storage.prune_questions(30) == 0
    assert storage.dropped_writes == 10 and storage.failed_reads == 0


async def test_failures_are_logged_once_per_streak(flaky: Any, caplog: pytest.LogCaptureFixture) -> None:
    inner, storage = flaky
    caplog.set_level(logging.DEBUG, logger="bot.storage.resilient")
    inner.errors = [RuntimeError("down")] * 20
    for _ in range(20):
        await storage.get_profile(1)
    assert len(error_logs(caplog)) == 1
    assert storage.failed_reads == 20 and not storage.healthy
    # recovery is logged once, and the next failure starts a new streak
    assert await storage.get_profile(1) is None
    assert storage.healthy and storage.recoveries == 1
    assert [r.levelno for r in caplog.records if "recovered" in r.getMessage()] == [logging.WARNING]
    inner.errors = [RuntimeError("down again")]
    await storage.get_profile(1)
    assert len(error_logs(caplog)) == 2


async def test_reads_succeeding_do_not_reset_a_write_failure_streak(
    flaky: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """A locked database still serves reads; alternating calls must not log every failed write."""
    inner, storage = flaky
    for _ in range(10):
        inner.errors = [sqlite3.IntegrityError("nope")]
        await storage.log_question(QuestionRecord("x"))
        await storage.get_profile(1)
    assert len(error_logs(caplog)) == 1
    assert storage.dropped_writes == 10 and not storage.healthy


async def test_a_hanging_backend_times_out_to_the_default(tmp_path: Path) -> None:
    inner = Flaky(SQLiteStorage(tmp_path / "db.sqlite3"))
    storage = ResilientStorage(inner, call_timeout=0.1, retry_delay=0.001)
    await storage.open()
    inner.delay = 30
    started = time.monotonic()
    assert await storage.get_guild_settings(5) == GuildSettings(5)
    assert await storage.log_question(QuestionRecord("x")) is None
    assert time.monotonic() - started < 2
    # a stalled database is skipped for a while rather than queued behind (issue 12 #2)
    assert inner.calls == ["get_guild_settings"]
    assert storage.stalls == 1 and storage.skipped == 1 and not storage.healthy
    assert (storage.failed_reads, storage.dropped_writes) == (1, 1)
    await storage.close()


async def test_cancellation_is_not_swallowed(flaky: Any) -> None:
    inner, storage = flaky
    inner.delay = 30
    task = asyncio.create_task(storage.get_profile(1))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_snapshot_iterables_survive_a_retry(flaky: Any) -> None:
    inner, storage = flaky
    inner.errors = [LOCKED]
    written = await storage.record_snapshots(Snapshot(f"e{i}", "h", date(2026, 1, 1)) for i in range(3))
    assert written == 3 and storage.retries == 1
    assert set(await storage.snapshots()) == {"e0", "e1", "e2"}


async def test_reopens_a_backend_that_failed_to_open(tmp_path: Path) -> None:
    folder = tmp_path / "later"
    storage = ResilientStorage(SQLiteStorage(folder / "db.sqlite3"), reopen_interval=0)
    await storage.open()
    assert not storage.healthy
    assert await storage.log_question(QuestionRecord("lost")) is None
    folder.mkdir()
    qid = await storage.log_question(QuestionRecord("kept"))
    assert isinstance(qid, int)
    assert storage.healthy and storage.recoveries >= 1
    assert [r.question_text for r in await storage.unanswered()] == ["kept"]
    await storage.close()


async def test_does_not_hammer_a_backend_that_failed_to_open(tmp_path: Path) -> None:
    folder = tmp_path / "later"
    storage = ResilientStorage(SQLiteStorage(folder / "db.sqlite3"), reopen_interval=3600)
    await storage.open()
    folder.mkdir()
    assert await storage.log_question(QuestionRecord("x")) is None  # no new attempt within the interval
    assert not storage.healthy and storage.dropped_writes == 1
    assert storage.stats()["dropped_writes"] == 1
    await storage.close()


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (sqlite3.OperationalError("database is locked"), True),
        (sqlite3.OperationalError("database table is locked"), True),
        (sqlite3.OperationalError("attempt to write a readonly database"), False),
        (sqlite3.DatabaseError("file is not a database"), False),
        (sqlite3.IntegrityError("UNIQUE constraint failed"), False),
        (ConnectionResetError(), True),
        (TimeoutError(), False),
        (ValueError("x"), False),
        (type("ConnectionDoesNotExistError", (Exception,), {"sqlstate": "08003"})(), True),
        (type("DeadlockDetectedError", (Exception,), {"sqlstate": "40P01"})(), True),
        (type("InternalClientError", (Exception,), {})("cannot switch to state 11"), True),
        (type("UniqueViolationError", (Exception,), {"sqlstate": "23505"})(), False),
    ],
)
def test_is_transient(exc: BaseException, expected: bool) -> None:
    assert is_transient(exc) is expected

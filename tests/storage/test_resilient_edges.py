"""ResilientStorage details the other tests do not pin: which errors count as transient, the default page
sizes it passes on, counting stalls and failures, warning once per stall, the recovery message's count, and
that an abandoned call's late error is retrieved (never reported by the event loop)."""

from __future__ import annotations

import asyncio
import gc
import logging
import sqlite3
import time
from types import SimpleNamespace
from typing import Any

import pytest

from bot.storage import resilient
from bot.storage.base import LOW_CONFIDENCE, Storage, StorageError
from bot.storage.models import AuditEvent, Feedback, Profile, QuestionRecord
from bot.storage.resilient import ResilientStorage, abandon_after, is_transient
from tests.storage.test_resilient_forwarding import Broken, Recorder, _BrokenBase, _record, _RecorderBase


def _named(name: str) -> BaseException:
    """An exception of that class name with no SQLSTATE (as asyncpg's client-side errors can be)."""
    return type(name, (Exception,), {})("connection went away")


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (sqlite3.OperationalError("database is busy"), True),
        (sqlite3.OperationalError("Database Is Locked"), True),
        (_named("ConnectionDoesNotExistError"), True),
        (_named("InterfaceError"), True),
        (_named("InternalClientError"), True),
        (_named("ProgrammingError"), False),
        (type("Err", (Exception,), {"sqlstate": "57P01"})(), True),  # admin shutdown
        (type("Err", (Exception,), {"sqlstate": "53300"})(), True),  # too many connections
        (type("Err", (Exception,), {"sqlstate": "42601"})(), False),  # syntax error
    ],
)
def test_is_transient_more(exc: BaseException, expected: bool) -> None:
    assert is_transient(exc) is expected


async def test_default_page_sizes_are_passed_on() -> None:
    inner = Recorder()
    storage = ResilientStorage(inner)
    await storage.open()
    await storage.outdated_reports()
    await storage.audit_log()
    await storage.unanswered()
    assert [(name, args, kwargs) for name, args, kwargs in inner.calls] == [
        ("outdated_reports", (50,), {"guild_id": None}),
        ("audit_log", (None, 50), {}),
        ("unanswered", (None, 500, LOW_CONFIDENCE), {"guild_id": None}),
    ]


async def test_failures_and_stalls_are_counted(caplog: pytest.LogCaptureFixture) -> None:
    storage = ResilientStorage(Broken(), retry_delay=0.001, stall_backoff=60)
    await storage.open()
    for _ in range(3):
        await storage.get_profile(1)
    assert storage.failures == 3 and storage.failed_reads == 3
    caplog.set_level(logging.WARNING, logger="bot.storage.resilient")
    expected = ["storage get_profile did not answer in time; skipping storage for 60 s"]
    storage.mark_stalled("get_profile")
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == expected
    storage.mark_stalled("get_profile")  # while already stalled: counted, not warned again
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == expected
    assert storage.stalls == 2 and storage.stalled


async def test_recovery_reports_how_many_calls_failed(caplog: pytest.LogCaptureFixture) -> None:
    inner = Broken()
    storage = ResilientStorage(inner, retry_delay=0.001)
    await storage.open()
    for _ in range(3):
        await storage.record_feedback(Feedback("e", 1, "helpful"))
    caplog.set_level(logging.WARNING, logger="bot.storage.resilient")
    storage.inner = Recorder()
    await storage.audit(AuditEvent(1, 1, "x"))
    assert [r.getMessage() for r in caplog.records if "recovered" in r.getMessage()] == [
        "storage writes recovered after 3 failed call(s)"
    ]
    assert storage.recoveries == 1 and storage.healthy
    storage.inner = Broken()
    await storage.get_profile(1)
    storage.inner = Recorder()
    await storage.get_profile(1)
    assert storage.recoveries == 2


async def _fails_when_cancelled() -> None:
    """A call that, once abandoned, fails late: nothing of it may reach the event loop's error handler."""
    try:
        await asyncio.sleep(30)
    except asyncio.CancelledError:
        raise RuntimeError("late failure") from None


async def test_an_abandoned_call_leaves_nothing_for_the_event_loop_to_report() -> None:
    reported: list[dict[str, Any]] = []
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _loop, context: reported.append(context))

    async def hangs() -> None:
        await asyncio.sleep(30)

    try:
        for call in (hangs, _fails_when_cancelled):
            with pytest.raises(TimeoutError, match=r"^no answer within 0\.01 s$"):
                await abandon_after(call(), 0.01)
            for _ in range(5):
                await asyncio.sleep(0)
        gc.collect()
        await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(None)
    assert reported == []


def test_constructor_defaults_and_a_fresh_state() -> None:
    inner = Recorder()
    storage = ResilientStorage(inner)
    assert storage.inner is inner
    assert (
        storage.call_timeout, storage.write_attempts, storage.write_deadline, storage.retry_delay,
        storage.reopen_interval, storage.stall_backoff,
    ) == (5.0, 3, 8.0, 0.1, 30.0, 5.0)  # fmt: skip
    assert storage.stats() == {
        "healthy": False, "failures": 0, "failed_reads": 0, "dropped_writes": 0, "retries": 0,
        "recoveries": 0, "stalls": 0, "skipped": 0, "repairs": 0, "last_error": None,
    }  # fmt: skip
    assert not storage.stalled and not storage.reads_healthy
    assert ResilientStorage(inner, write_attempts=0).write_attempts == 1  # at least one try
    assert ResilientStorage(inner, write_attempts=-2).write_attempts == 1


async def test_open_makes_it_healthy_and_close_stops_reopening() -> None:
    inner = Recorder()
    storage = ResilientStorage(inner, reopen_interval=0)
    await storage.open()
    assert storage.healthy and storage.reads_healthy and storage.stats()["healthy"] is True
    await storage.close()
    assert not storage.healthy
    assert await storage.get_profile(1) is None and inner.calls == []  # closed: not reopened by a call
    assert storage.failed_reads == 1


async def test_checked_on_a_closed_storage_says_unavailable() -> None:
    storage = ResilientStorage(Recorder())
    await storage.open()
    await storage.close()
    with pytest.raises(StorageError) as raised:
        await storage.checked("get_profile", 1)
    assert str(raised.value) == "storage could not read get_profile (unavailable)"


async def test_checked_returns_a_real_none() -> None:
    storage = ResilientStorage(Recorder())
    await storage.open()
    assert await storage.checked("get_profile", 1) is None  # no profile is an answer, not a failure


class _Locked(_BrokenBase):
    """Every call fails as a locked SQLite database does (worth a retry)."""


def _locked(name: str) -> Any:
    async def method(self: _Locked, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((name, args, kwargs))
        raise sqlite3.OperationalError("database is locked")

    method.__name__ = name
    return method


Locked = type(
    "Locked",
    (_Locked,),
    {name: _locked(name) for name in Storage.__abstractmethods__ if name not in ("open", "close")},
)


async def test_retries_back_off_exponentially(monkeypatch: pytest.MonkeyPatch) -> None:
    delays: list[float] = []

    async def no_wait(seconds: float) -> None:
        delays.append(seconds)

    monkeypatch.setattr(resilient.asyncio, "sleep", no_wait)
    inner = Locked()
    storage = ResilientStorage(inner, retry_delay=0.1, write_attempts=4, write_deadline=100)
    await storage.open()
    assert await storage.log_question(QuestionRecord("x")) is None
    assert delays == [0.1, 0.2, 0.4] and len(inner.calls) == 4 and storage.retries == 3
    delays.clear()
    assert await storage.get_profile(1) is None  # a read: one retry, after retry_delay
    assert delays == [0.1] and len(inner.calls) == 6 and storage.retries == 4
    assert storage.last_error == "get_profile: OperationalError: database is locked"


async def test_a_write_is_not_retried_past_its_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    delays: list[float] = []
    clock = [1000.0]

    async def sleep(seconds: float) -> None:  # time passes only while waiting
        delays.append(seconds)
        clock[0] += seconds

    monkeypatch.setattr(resilient.asyncio, "sleep", sleep)
    monkeypatch.setattr(resilient, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    inner = Locked()
    storage = ResilientStorage(inner, retry_delay=1.0, write_attempts=10, write_deadline=2.5)
    await storage.open()
    assert await storage.audit(AuditEvent(1, 1, "x")) is None
    assert delays == [1.0]  # the next wait (2 s) would end past the deadline
    assert len(inner.calls) == 2


async def test_a_storage_used_before_open_opens_on_the_first_call() -> None:
    inner = Recorder()
    storage = ResilientStorage(inner)
    assert await storage.get_profile(1) is None and inner.calls == [("get_profile", (1,), {})]
    assert storage.healthy and storage.recoveries == 0 and storage.failed_reads == 0


async def test_opening_is_no_recovery() -> None:
    storage = ResilientStorage(Recorder())
    await storage.open()
    assert storage.recoveries == 0 and storage.healthy


async def test_a_failing_verify_makes_it_reopen_later() -> None:
    class Unverifiable(Recorder):  # type: ignore[misc, valid-type]
        async def verify(self) -> str | None:
            raise OSError("stat failed")

    inner = Unverifiable()
    storage = ResilientStorage(inner, retry_delay=0.001, reopen_interval=3600)
    await storage.open()
    assert await storage.get_profile(1) is None
    assert inner.calls == [] and not storage.healthy  # not read: the file could not be checked
    assert storage.last_error == "verify: OSError: stat failed" and storage.failed_reads == 1
    assert await storage.get_profile(1) is None and inner.calls == []  # not reopened within the hour
    assert storage.healthy is False and storage.stats()["healthy"] is False


async def test_a_repair_is_counted_and_reported() -> None:
    class Repairing(Recorder):  # type: ignore[misc, valid-type]
        async def verify(self) -> str | None:
            return "database file replaced; reopened"

    inner = Repairing()
    storage = ResilientStorage(inner)
    await storage.open()
    await storage.get_profile(1)
    assert storage.repairs == 1 and storage.last_error == "database file replaced; reopened"
    assert inner.calls == [("get_profile", (1,), {})]
    await storage.get_profile(2)
    assert storage.repairs == 2


async def test_calls_while_stalled_are_skipped_and_counted() -> None:
    inner = Recorder()
    storage = ResilientStorage(inner, stall_backoff=60)
    await storage.open()
    storage.mark_stalled("get_profile")
    for _ in range(2):
        assert await storage.get_profile(1) is None
        assert await storage.set_profile(Profile(1)) is False
    assert (storage.skipped, storage.failed_reads, storage.dropped_writes) == (4, 2, 2)
    assert inner.calls == []


class _Hanging(_RecorderBase):
    async def get_profile(self, user_id: int) -> Any:
        await asyncio.sleep(30)

    async def audit(self, event: AuditEvent) -> None:
        await asyncio.sleep(30)


Hanging = type("Hanging", (_Hanging,), {
    name: _record(name) for name in Storage.__abstractmethods__
    if name not in ("open", "close", "get_profile", "audit")
})  # fmt: skip


async def test_a_silent_call_is_abandoned_at_its_budget_and_named(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.storage.resilient")
    storage = ResilientStorage(Hanging(), call_timeout=0.05, stall_backoff=0)
    await storage.open()
    started = time.monotonic()
    assert await storage.get_profile(1) is None
    assert time.monotonic() - started < 0.5
    started = time.monotonic()
    assert await storage.audit(AuditEvent(1, 1, "x")) is None
    assert time.monotonic() - started < 0.5  # a write's budget is the call timeout too
    stalls = [r.getMessage() for r in caplog.records if "did not answer" in r.getMessage()]
    assert stalls == [
        "storage get_profile did not answer in time; skipping storage for 0 s",
        "storage audit did not answer in time; skipping storage for 0 s",
    ]
    assert storage.stalls == 2


async def test_a_write_is_abandoned_at_its_deadline_when_that_is_sooner() -> None:
    storage = ResilientStorage(Hanging(), call_timeout=5.0, write_deadline=0.1, stall_backoff=0)
    await storage.open()
    started = time.monotonic()
    assert await storage.audit(AuditEvent(1, 1, "x")) is None
    assert time.monotonic() - started < 1.0
    assert storage.dropped_writes == 1 and storage.stalls == 1


async def test_closed_is_unhealthy_in_the_stats() -> None:
    storage = ResilientStorage(Recorder())
    await storage.open()
    await storage.close()
    assert storage.healthy is False and storage.stats()["healthy"] is False


async def test_a_failed_verify_reopens_the_backend_at_the_next_chance() -> None:
    class FlakyVerify(Recorder):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__()
            self.opened = 0
            self.failures = [OSError("stat failed")]

        async def open(self) -> None:
            self.opened += 1

        async def verify(self) -> str | None:
            if self.failures:
                raise self.failures.pop()
            return None

    inner = FlakyVerify()
    storage = ResilientStorage(inner, reopen_interval=0)
    await storage.open()
    assert await storage.get_profile(1) is None and inner.calls == []  # the check failed: not read
    assert await storage.get_profile(1) is None and inner.calls == [("get_profile", (1,), {})]
    assert inner.opened == 2  # opened again before reading, as after any failed open


async def test_cancelling_the_caller_leaves_nothing_for_the_event_loop_to_report() -> None:
    reported: list[dict[str, Any]] = []
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _loop, context: reported.append(context))

    try:
        caller = asyncio.ensure_future(abandon_after(_fails_when_cancelled(), 10))
        await asyncio.sleep(0.01)
        caller.cancel()
        with pytest.raises(asyncio.CancelledError):
            await caller
        for _ in range(5):
            await asyncio.sleep(0)
        gc.collect()
        await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(None)
    assert reported == []

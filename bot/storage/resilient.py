"""A storage wrapper that never lets a database fault stop the bot from answering.

Every call is guarded. Reads are retried once on a transient fault, then fall back to safe defaults
(default guild settings, no profile, empty lists). Writes are retried briefly when the fault looks transient
("database is locked", a dropped connection), then dropped and counted. The first failure of a streak is
logged with its traceback, the rest of the streak only at DEBUG, and recovery is logged once (reads and
writes keep separate streaks, so a locked database that still serves reads does not log every dropped write).
A backend that could not be opened is retried at most every ``reopen_interval`` seconds, so a database that
comes back later is picked up without a restart.

A silent database (a failover, a firewall or NAT drop: the connection is accepted and nothing comes back)
is bounded for real: a call that runs past its timeout is abandoned, not awaited (it is cancelled in the
background; the driver's own command timeout ends it there), and for ``stall_backoff`` seconds after that
every call is skipped at once (reads give their default, writes are dropped and counted) instead of
queueing behind the stuck connection. The next call after the pause probes the database again.

Fallbacks a caller should know about:
- ``log_question`` / ``record_feedback`` return ``None`` when the write was dropped;
- ``set_profile`` / ``set_guild_settings`` return ``True`` when saved and ``False`` when dropped, and
  ``subscribe`` / ``unsubscribe`` return ``None`` when dropped (so "not saved" can be told from "no change");
- ``forget_user`` returns ``{}`` when it failed (a success always has a key per table in ``USER_TABLES``);
- ``snapshots`` returns ``{}`` when it failed: treat a missing snapshot as "unknown", never as "changed".
"""

from __future__ import annotations

import asyncio
import logging
import math
import sqlite3
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Literal, TypeVar

from bot.storage.base import LOW_CONFIDENCE, PRUNE_BATCH, Storage, StorageError
from bot.storage.models import (
    AuditEvent,
    EntryStats,
    Feedback,
    FeedbackSummary,
    GuildSettings,
    Profile,
    QuestionRecord,
    Snapshot,
    Subscription,
)
from bot.storage.watch_models import SourceSnapshot, WatchRecord

log = logging.getLogger(__name__)

T = TypeVar("T")
Kind = Literal["read", "write"]

# SQLSTATE classes worth a retry: connection exception, transaction rollback (serialisation, deadlock),
# insufficient resources (too many connections), operator intervention (server starting / shutting down).
_TRANSIENT_SQLSTATE_PREFIXES = ("08", "40", "53", "57P")


def is_transient(exc: BaseException) -> bool:
    """Could the same write succeed if tried again in a moment?"""
    if isinstance(exc, sqlite3.OperationalError):
        message = str(exc).lower()
        return "locked" in message or "busy" in message
    if isinstance(exc, TimeoutError):
        return False  # the write may still land; retrying a slow database only adds load
    if isinstance(exc, OSError):
        return True
    sqlstate = getattr(exc, "sqlstate", None)  # asyncpg errors, without importing asyncpg here
    if isinstance(sqlstate, str) and sqlstate.startswith(_TRANSIENT_SQLSTATE_PREFIXES):
        return True
    # asyncpg: a pooled connection the server killed can surface as InternalClientError ("cannot switch to
    # state ...", MagicStack/asyncpg#1069) rather than a connection error; the pool replaces it, so retry.
    return type(exc).__name__ in ("ConnectionDoesNotExistError", "InterfaceError", "InternalClientError")


async def _saved(write: Awaitable[object]) -> bool:
    await write
    return True


def _consume(task: asyncio.Future[object]) -> None:
    if not task.cancelled():
        task.exception()  # retrieved, so an abandoned call's error is not reported as never retrieved


async def abandon_after(awaitable: Awaitable[T], seconds: float) -> T:
    """``await awaitable`` for at most ``seconds``, then raise ``TimeoutError`` *without* waiting for
    it to wind down. ``asyncio.wait_for`` waits for the cancelled call to finish, and a query cancelled on a
    silent connection finishes only at the driver's command timeout; here it is cancelled and left to end
    in the background. Cancelling the caller cancels the call the same way."""
    task = asyncio.ensure_future(awaitable)
    try:
        done, _ = await asyncio.wait({task}, timeout=max(0.0, seconds))
    except asyncio.CancelledError:
        task.cancel()
        task.add_done_callback(_consume)
        raise
    if not done:
        task.cancel()
        task.add_done_callback(_consume)
        raise TimeoutError(f"no answer within {seconds:g} s")
    return task.result()


class ResilientStorage(Storage):
    """Wraps any ``Storage``; no method raises (except on cancellation)."""

    def __init__(
        self,
        inner: Storage,
        *,
        call_timeout: float = 5.0,
        write_attempts: int = 3,
        write_deadline: float = 8.0,
        retry_delay: float = 0.1,
        reopen_interval: float = 30.0,
        stall_backoff: float = 5.0,
    ) -> None:
        self.inner = inner
        self.call_timeout = call_timeout
        self.write_attempts = max(1, write_attempts)
        self.write_deadline = write_deadline
        self.retry_delay = retry_delay
        self.reopen_interval = reopen_interval
        self.stall_backoff = stall_backoff
        # counters
        self.failures = 0  # failed calls of any kind (a retried write that finally fails counts once)
        self.failed_reads = 0
        self.dropped_writes = 0
        self.retries = 0
        self.recoveries = 0
        self.stalls = 0  # calls abandoned because the database did not answer in time
        self.skipped = 0  # calls not even tried because the database was known to be stalled
        self.repairs = 0  # the backend found itself changed under it and repaired (SQLite file replaced)
        self.last_error: str | None = None
        self._stalled_until = -math.inf
        self._opened = False
        self._closed = False
        self._last_open_attempt = -math.inf
        self._streaks: dict[Kind, int] = {"read": 0, "write": 0}

    def __repr__(self) -> str:
        return f"ResilientStorage({self.inner!r})"

    @property
    def healthy(self) -> bool:
        """Open, not known to be stalled, and the latest read and the latest write both succeeded."""
        return self._opened and not self.stalled and not any(self._streaks.values())

    @property
    def reads_healthy(self) -> bool:
        """Open, not stalled, and the latest read succeeded (a value read now is real, not a default)."""
        return self._opened and not self.stalled and not self._streaks["read"]

    @property
    def stalled(self) -> bool:
        """A call timed out less than ``stall_backoff`` seconds ago: calls are skipped until then."""
        return time.monotonic() < self._stalled_until

    def mark_stalled(self, operation: str) -> None:
        """Record that ``operation`` did not answer in time (also called by callers with tighter budgets)."""
        self.stalls += 1
        if not self.stalled:
            log.warning(
                "storage %s did not answer in time; skipping storage for %.0f s",
                operation,
                self.stall_backoff,
            )
        self._stalled_until = time.monotonic() + self.stall_backoff

    def stats(self) -> dict[str, int | bool | str | None]:
        return {
            "healthy": self.healthy,
            "failures": self.failures,
            "failed_reads": self.failed_reads,
            "dropped_writes": self.dropped_writes,
            "retries": self.retries,
            "recoveries": self.recoveries,
            "stalls": self.stalls,
            "skipped": self.skipped,
            "repairs": self.repairs,
            "last_error": self.last_error,
        }

    # bookkeeping -----------------------------------------------------------------------------------
    def _failed(self, kinds: tuple[Kind, ...], operation: str, exc: BaseException) -> None:
        self.failures += 1
        self.last_error = f"{operation}: {type(exc).__name__}: {exc}"
        first = not any(self._streaks[k] for k in kinds)
        for kind in kinds:
            self._streaks[kind] += 1
        if first:
            log.error(
                "storage %s failed (%s: %s); the bot keeps answering without it until it recovers",
                operation,
                type(exc).__name__,
                exc,
                exc_info=exc,
            )
        else:
            log.debug("storage %s failed again: %s: %s", operation, type(exc).__name__, exc)

    def _succeeded(self, kind: Kind) -> None:
        if self._streaks[kind]:
            log.warning("storage %ss recovered after %d failed call(s)", kind, self._streaks[kind])
            self.recoveries += 1
            self._streaks[kind] = 0

    # lifecycle -------------------------------------------------------------------------------------
    async def open(self) -> None:
        self._closed = False
        await self._try_open()

    async def _try_open(self) -> bool:
        self._last_open_attempt = time.monotonic()
        try:
            await abandon_after(self.inner.open(), max(self.call_timeout, 10.0))
        except Exception as exc:
            self._failed(("read", "write"), "open", exc)
            try:
                await self.inner.close()
            except Exception:
                log.debug("close after a failed open failed too", exc_info=True)
            return False
        self._opened = True
        self._succeeded("read")
        self._succeeded("write")
        return True

    async def _ready(self) -> bool:
        if self._opened:
            return await self._verified()
        if self._closed or time.monotonic() - self._last_open_attempt < self.reopen_interval:
            return False
        return await self._try_open()

    async def _verified(self) -> bool:
        """The backend's own identity check (SQLite: was the file deleted or replaced?); a repair is
        reported in ``last_error`` and the log, a failed repair makes the storage reopen later."""
        if type(self.inner).verify is Storage.verify:  # nothing to check (PostgreSQL, test doubles)
            return True
        try:
            repaired = await abandon_after(self.inner.verify(), self.call_timeout)
        except Exception as exc:
            self._opened = False
            self._failed(("read", "write"), "verify", exc)
            return False
        if repaired:
            self.repairs += 1
            self.last_error = repaired
        return True

    async def close(self) -> None:
        self._closed = True
        self._opened = False
        try:
            await self.inner.close()
        except Exception:
            log.warning("storage close failed", exc_info=True)

    # guarded calls ---------------------------------------------------------------------------------
    async def _read(self, operation: str, call: Callable[[], Awaitable[T]], default: Callable[[], T]) -> T:
        if self.stalled:
            self.skipped += 1
            self.failed_reads += 1
            return default()
        if not await self._ready():
            self.failed_reads += 1
            return default()
        for attempt in (1, 2):  # one quick retry for a transient fault (a pooled connection that died)
            try:
                result = await abandon_after(call(), self.call_timeout)
            except Exception as exc:
                if isinstance(exc, TimeoutError):
                    self.mark_stalled(operation)
                elif attempt == 1 and is_transient(exc):
                    self.retries += 1
                    await asyncio.sleep(self.retry_delay)
                    continue
                self.failed_reads += 1
                self._failed(("read",), operation, exc)
                return default()
            self._succeeded("read")
            return result
        raise AssertionError("unreachable")

    async def _write(self, operation: str, call: Callable[[], Awaitable[T]], default: T) -> T:
        if self.stalled:
            self.skipped += 1
            self.dropped_writes += 1
            return default
        if not await self._ready():
            self.dropped_writes += 1
            return default
        deadline = time.monotonic() + self.write_deadline
        attempt = 0
        while True:
            attempt += 1
            try:
                timeout = max(0.01, min(self.call_timeout, deadline - time.monotonic()))
                result = await abandon_after(call(), timeout)
            except Exception as exc:
                if isinstance(exc, TimeoutError):
                    self.mark_stalled(operation)
                delay = self.retry_delay * 2 ** (attempt - 1)
                if (
                    attempt < self.write_attempts
                    and is_transient(exc)
                    and time.monotonic() + delay < deadline
                ):
                    self.retries += 1
                    log.debug("storage %s: transient %s, retry %d", operation, type(exc).__name__, attempt)
                    await asyncio.sleep(delay)
                    continue
                self.dropped_writes += 1
                self._failed(("write",), operation, exc)
                return default
            self._succeeded("write")
            return result

    async def checked(self, method: str, *args: object) -> object:
        """Read ``method`` like the others (guarded, retried, bounded) but raise ``StorageError`` instead of
        serving a default. For read-modify-write callers: a default written back would overwrite the real
        record (settings, a profile) with empty values."""
        missing = object()
        result = await self._read(method, lambda: getattr(self.inner, method)(*args), lambda: missing)
        if result is missing:
            raise StorageError(f"storage could not read {method} ({self.last_error or 'unavailable'})")
        return result

    # Storage ---------------------------------------------------------------------------------------
    async def schema_version(self) -> int:
        return await self._read("schema_version", self.inner.schema_version, lambda: 0)

    async def log_question(self, record: QuestionRecord) -> int | None:
        return await self._write("log_question", lambda: self.inner.log_question(record), None)

    async def unanswered(
        self,
        since: datetime | None = None,
        limit: int = 500,
        threshold: float = LOW_CONFIDENCE,
        *,
        guild_id: int | None = None,
    ) -> list[QuestionRecord]:
        return await self._read(
            "unanswered", lambda: self.inner.unanswered(since, limit, threshold, guild_id=guild_id), list
        )

    async def prune_questions(self, older_than_days: float) -> int:
        """Batch by batch, each under the call timeout; stops (keeping what went) when a batch fails."""
        total = 0
        while True:
            deleted = await self.prune_questions_batch(older_than_days, PRUNE_BATCH)
            if deleted is None:
                return total
            total += deleted
            if deleted < PRUNE_BATCH:
                return total

    async def prune_questions_batch(  # type: ignore[override]
        self, older_than_days: float, limit: int = PRUNE_BATCH
    ) -> int | None:
        """As the backend's, or None when the batch was dropped (so the caller can tell "done" apart)."""
        return await self._write(
            "prune_questions", lambda: self.inner.prune_questions_batch(older_than_days, limit), None
        )

    async def record_feedback(self, feedback: Feedback) -> int | None:
        return await self._write("record_feedback", lambda: self.inner.record_feedback(feedback), None)

    async def feedback_summary(self, entry_id: str | None = None) -> dict[str, FeedbackSummary]:
        return await self._read("feedback_summary", lambda: self.inner.feedback_summary(entry_id), dict)

    async def outdated_reports(self, limit: int = 50, *, guild_id: int | None = None) -> list[Feedback]:
        return await self._read(
            "outdated_reports", lambda: self.inner.outdated_reports(limit, guild_id=guild_id), list
        )

    async def entry_stats(self, *, guild_id: int | None = None) -> list[EntryStats]:
        return await self._read("entry_stats", lambda: self.inner.entry_stats(guild_id=guild_id), list)

    async def get_profile(self, user_id: int) -> Profile | None:
        return await self._read("get_profile", lambda: self.inner.get_profile(user_id), lambda: None)

    async def set_profile(self, profile: Profile) -> bool:
        """True if saved, False if the write was dropped."""
        return await self._write("set_profile", lambda: _saved(self.inner.set_profile(profile)), False)

    async def forget_user(self, user_id: int) -> dict[str, int]:
        return await self._write("forget_user", lambda: self.inner.forget_user(user_id), {})

    async def get_guild_settings(self, guild_id: int) -> GuildSettings:
        return await self._read(
            "get_guild_settings",
            lambda: self.inner.get_guild_settings(guild_id),
            lambda: GuildSettings(guild_id),
        )

    async def set_guild_settings(self, settings: GuildSettings) -> bool:
        """True if saved, False if the write was dropped."""
        return await self._write(
            "set_guild_settings", lambda: _saved(self.inner.set_guild_settings(settings)), False
        )

    async def subscribe(self, subscription: Subscription) -> bool | None:  # type: ignore[override]
        """As the backend's, or None when the write was dropped."""
        return await self._write("subscribe", lambda: self.inner.subscribe(subscription), None)

    async def unsubscribe(self, user_id: int, entry_id: str) -> bool | None:  # type: ignore[override]
        """As the backend's, or None when the write was dropped."""
        return await self._write("unsubscribe", lambda: self.inner.unsubscribe(user_id, entry_id), None)

    async def subscribers(self, entry_id: str) -> list[Subscription]:
        return await self._read("subscribers", lambda: self.inner.subscribers(entry_id), list)

    async def subscriptions(self, user_id: int) -> list[Subscription]:
        return await self._read("subscriptions", lambda: self.inner.subscriptions(user_id), list)

    async def snapshots(self) -> dict[str, Snapshot]:
        return await self._read("snapshots", self.inner.snapshots, dict)

    async def record_snapshots(self, snapshots: Iterable[Snapshot]) -> int:
        items = list(snapshots)  # materialise once: a retry must not see an exhausted iterator
        return await self._write("record_snapshots", lambda: self.inner.record_snapshots(items), 0)

    async def audit(self, event: AuditEvent) -> None:
        await self._write("audit", lambda: self.inner.audit(event), None)

    async def audit_log(self, guild_id: int | None = None, limit: int = 50) -> list[AuditEvent]:
        return await self._read("audit_log", lambda: self.inner.audit_log(guild_id, limit), list)

    # source watch: the watch treats {} as "no earlier snapshot" (a baseline, never "changed")
    async def source_snapshots(self) -> dict[str, SourceSnapshot]:
        return await self._read("source_snapshots", self.inner.source_snapshots, dict)

    async def record_source_snapshots(self, snapshots: Iterable[SourceSnapshot]) -> int:
        items = list(snapshots)
        return await self._write(
            "record_source_snapshots", lambda: self.inner.record_source_snapshots(items), 0
        )

    async def save_watch_report(self, record: WatchRecord) -> int | None:
        return await self._write("save_watch_report", lambda: self.inner.save_watch_report(record), None)

    async def latest_watch_report(self) -> WatchRecord | None:
        return await self._read("latest_watch_report", self.inner.latest_watch_report, lambda: None)

    async def curator_channels(self) -> dict[int, int]:
        return await self._read("curator_channels", self.inner.curator_channels, dict)

    async def set_curator_channel(self, guild_id: int, channel_id: int | None) -> bool:
        """True if saved, False if the write was dropped."""
        return await self._write(
            "set_curator_channel", lambda: _saved(self.inner.set_curator_channel(guild_id, channel_id)), False
        )

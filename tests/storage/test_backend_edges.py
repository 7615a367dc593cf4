"""Edges of the backends' reads and writes, on both: default page sizes, a limit of zero or less, the
fields read back, NUL characters (PostgreSQL text cannot hold them), and the pool's settings."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.storage import postgres, sqlite
from bot.storage.base import StorageError
from bot.storage.models import AuditEvent, Feedback, Profile, QuestionRecord, utcnow
from bot.storage.postgres import PostgresStorage, _count
from bot.storage.sqlite import SQLiteStorage, _ids
from bot.storage.watch_models import SourceSnapshot, WatchRecord
from tests.storage.conftest import PG_DSN, Backend

T0 = datetime(2026, 12, 6, 7, 0, tzinfo=UTC)


async def test_default_page_sizes(backend: Backend) -> None:
    storage = await backend.open()
    old = utcnow() - timedelta(days=1)
    for n in range(501):
        await storage.log_question(QuestionRecord(f"question {n}", asked_at=old))
    for n in range(51):
        await storage.record_feedback(Feedback(f"e{n}", n, "outdated"))
        await storage.audit(AuditEvent(1, n, "settings"))
    assert len(await storage.unanswered()) == 500
    assert len(await storage.outdated_reports()) == 50
    assert len(await storage.audit_log()) == 50


@pytest.mark.parametrize("limit", [0, -1])
async def test_a_limit_of_zero_or_less_reads_nothing(backend: Backend, limit: int) -> None:
    """(SQLite reads ``LIMIT -1`` as no limit at all.)"""
    storage = await backend.open()
    old = utcnow() - timedelta(days=400)
    await storage.log_question(QuestionRecord("q", asked_at=old))
    await storage.record_feedback(Feedback("e1", 1, "outdated"))
    await storage.audit(AuditEvent(1, 1, "settings"))
    assert await storage.unanswered(limit=limit) == []
    assert await storage.outdated_reports(limit=limit) == []
    assert await storage.audit_log(limit=limit) == []
    assert await storage.prune_questions_batch(30, limit) == 0
    assert len(await storage.unanswered()) == 1  # still there


async def test_records_read_back_with_their_answered_flag_and_ids(backend: Backend) -> None:
    storage = await backend.open()
    qid = await storage.log_question(QuestionRecord("answered, but barely", answered=True, confidence=0.1))
    [question] = await storage.unanswered()
    assert question.answered is True and question.id == qid
    fid = await storage.record_feedback(Feedback("e1", 1, "outdated", question_id=qid))
    [report] = await storage.outdated_reports()
    assert report.id == fid and report.question_id == qid


async def test_nul_characters_are_dropped_from_stored_text(backend: Backend) -> None:
    storage = await backend.open()
    await storage.record_source_snapshots([SourceSnapshot("u", "u", 200, "h", T0, text="a\x00b")])
    assert (await storage.source_snapshots())["u"].text in ("ab", "a\x00b")  # SQLite may keep it
    await storage.save_watch_report(WatchRecord(T0, T0, '{"a": "x\x00y"}'))
    latest = await storage.latest_watch_report()
    assert latest is not None and latest.report in ('{"a": "xy"}', '{"a": "x\x00y"}')
    if backend.name == "postgres":
        assert (await storage.source_snapshots())["u"].text == "ab"
        assert latest.report == '{"a": "xy"}'


async def test_postgres_pool_gets_the_configured_sizes_and_timeouts(
    pg_schema: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}
    create_pool = postgres.asyncpg.create_pool

    def spy(dsn: str, **kwargs: Any) -> Any:
        seen.update(kwargs, dsn=dsn)
        return create_pool(dsn, **kwargs)

    monkeypatch.setattr(postgres.asyncpg, "create_pool", spy)
    storage = PostgresStorage(
        PG_DSN, schema=pg_schema, min_size=1, max_size=3, connect_timeout=4.5, command_timeout=6.5
    )
    await storage.open()
    try:
        assert {k: seen[k] for k in ("dsn", "min_size", "max_size", "timeout", "command_timeout")} == {
            "dsn": PG_DSN,
            "min_size": 1,
            "max_size": 3,
            "timeout": 4.5,
            "command_timeout": 6.5,
        }
        assert seen["server_settings"] == {"search_path": pg_schema, "application_name": "keibot"}
    finally:
        await storage.close()


@pytest.mark.parametrize(
    ("status", "rows"),
    [("DELETE 3", 3), ("INSERT 0 5", 5), ("UPDATE 0", 0), ("OK", 0), ("", 0), ("CREATE TABLE", 0)],
)
def test_rows_affected_from_a_postgres_command_status(status: str, rows: int) -> None:
    assert _count(status) == rows


def test_sqlite_channel_id_lists() -> None:
    assert _ids("[3, 1]") == frozenset({1, 3})
    assert _ids("") == frozenset()


def test_constructor_defaults_and_refusals() -> None:
    pg = PostgresStorage(PG_DSN)
    assert (pg.schema, pg.min_size, pg.max_size, pg.connect_timeout, pg.command_timeout) == (
        "public",
        1,
        10,
        5.0,
        5.0,
    )
    assert pg.migrate_to == postgres.LATEST_VERSION
    assert PostgresStorage(PG_DSN, migrate_to=postgres.LATEST_VERSION).migrate_to == postgres.LATEST_VERSION
    assert PostgresStorage(PG_DSN, migrate_to=0).migrate_to == 0
    with pytest.raises(ValueError) as raised:
        PostgresStorage(PG_DSN, schema="Bad-Name")
    assert str(raised.value) == "schema must match [a-z_][a-z0-9_]{0,62}, not 'Bad-Name'"
    for bad in (-1, postgres.LATEST_VERSION + 1):
        with pytest.raises(ValueError) as raised:
            PostgresStorage(PG_DSN, migrate_to=bad)
        assert str(raised.value) == f"migrate_to must be 0..{postgres.LATEST_VERSION}"

    lite = SQLiteStorage("unused.sqlite3")
    assert (lite.busy_timeout, lite.identity_check_interval, lite.migrate_to, lite.reopened) == (
        5.0,
        1.0,
        sqlite.LATEST_VERSION,
        0,
    )
    assert SQLiteStorage("x", migrate_to=sqlite.LATEST_VERSION).migrate_to == sqlite.LATEST_VERSION
    assert SQLiteStorage("x", migrate_to=0).migrate_to == 0
    for bad in (-1, sqlite.LATEST_VERSION + 1):
        with pytest.raises(ValueError) as raised:
            SQLiteStorage("x", migrate_to=bad)
        assert str(raised.value) == f"migrate_to must be 0..{sqlite.LATEST_VERSION}"


async def test_sqlite_verify_reports_a_replaced_file_and_ignores_a_closed_one(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    inner = SQLiteStorage(path, identity_check_interval=0)
    await inner.open()
    try:
        assert await inner.verify() is None  # unchanged
        copy = tmp_path / "copy.sqlite3"
        shutil.copy(path, copy)
        os.replace(copy, path)
        assert await inner.verify() == "database file replaced; reopened"
        assert inner.reopened == 1
    finally:
        await inner.close()
    path.unlink()
    assert await inner.verify() is None  # closed: nothing to check, and not reopened
    assert not path.exists() and inner.reopened == 1


def test_unopened_backends_say_so() -> None:
    with pytest.raises(StorageError) as raised:
        PostgresStorage(PG_DSN, schema="keibot_x")._p()
    assert str(raised.value) == "PostgresStorage(schema='keibot_x') is not open"
    with pytest.raises(StorageError) as raised:
        SQLiteStorage("x.sqlite3")._connection()
    assert str(raised.value) == "SQLiteStorage('x.sqlite3') is not open"


async def test_watch_fields_read_back_and_the_report_id(backend: Backend) -> None:
    storage = await backend.open()
    full = SourceSnapshot("u", "u2", 200, "h", T0, T0, '"etag"', "Mon, 01 Dec 2026 00:00:00 GMT", "text")
    await storage.record_source_snapshots([full])
    assert (await storage.source_snapshots())["u"] == full
    first = await storage.save_watch_report(WatchRecord(T0, T0, "{}"))
    second = await storage.save_watch_report(WatchRecord(T0, T0 + timedelta(minutes=1), "{}"))
    latest = await storage.latest_watch_report()
    assert latest is not None and latest.id == second and second != first and first > 0


async def test_sqlite_prune_yields_between_batches_without_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite, "PRUNE_BATCH", 1)
    async with SQLiteStorage(tmp_path / "x.sqlite3") as storage:
        for n in range(4):
            await storage.log_question(QuestionRecord(f"q{n}", asked_at=utcnow() - timedelta(days=60)))
        started = time.monotonic()
        assert await storage.prune_questions(30) == 4
        assert time.monotonic() - started < 1.5


class _Cursor:
    async def fetchone(self) -> dict[str, Any]:
        return {"journal_mode": "wal"}


class _LockedConnection:
    """Answers ``PRAGMA journal_mode`` only after the queued errors."""

    def __init__(self, errors: list[Exception]) -> None:
        self.errors = errors
        self.calls = 0

    @asynccontextmanager
    async def execute(self, sql: str) -> AsyncIterator[_Cursor]:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        yield _Cursor()


async def test_switching_to_wal_waits_out_a_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    delays: list[float] = []

    async def no_wait(seconds: float) -> None:
        delays.append(seconds)

    monkeypatch.setattr(sqlite.asyncio, "sleep", no_wait)
    storage = SQLiteStorage("x.sqlite3", busy_timeout=60)
    locked = [sqlite3.OperationalError("database is locked") for _ in range(6)]
    conn = _LockedConnection(locked)
    assert await storage._switch_to_wal(conn) == {"journal_mode": "wal"}  # type: ignore[arg-type]
    assert conn.calls == 7 and delays == [0.01, 0.02, 0.04, 0.08, 0.16, 0.2]  # doubling, at most 0.2 s
    other = _LockedConnection([sqlite3.OperationalError("disk I/O error")])
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        await storage._switch_to_wal(other)  # type: ignore[arg-type]
    assert other.calls == 1
    impatient = SQLiteStorage("x.sqlite3", busy_timeout=0)
    stuck = _LockedConnection([sqlite3.OperationalError("database is locked")])
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        await impatient._switch_to_wal(stuck)  # type: ignore[arg-type]
    assert stuck.calls == 1


async def test_sqlite_warns_only_when_wal_is_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.storage.sqlite")
    async with SQLiteStorage(tmp_path / "x.sqlite3"):
        pass
    assert [r for r in caplog.records if "WAL" in r.getMessage()] == []
    async with SQLiteStorage(":memory:"):  # a memory database keeps journal_mode=memory
        pass
    assert [r.getMessage() for r in caplog.records if "WAL" in r.getMessage()] == [
        ":memory:: could not switch to WAL (journal_mode=memory)"
    ]


def test_sqlite_file_identity(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    assert SQLiteStorage(":memory:")._file_identity() is None
    assert SQLiteStorage(f"file:{path}?mode=rwc")._file_identity() is None
    assert SQLiteStorage(path)._file_identity() == (-1, -1)  # not there
    path.write_bytes(b"")
    st = os.stat(path)
    assert SQLiteStorage(path)._file_identity() == (st.st_dev, st.st_ino)


async def test_sqlite_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    async with SQLiteStorage(path):
        pass
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {sqlite.LATEST_VERSION + 1}")
    with pytest.raises(StorageError) as raised:
        await SQLiteStorage(path).open()
    assert str(raised.value) == (
        f"{path} is at schema v{sqlite.LATEST_VERSION + 1}, newer than this bot understands"
        f" (v{sqlite.LATEST_VERSION})"
    )
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {sqlite.LATEST_VERSION}")
    async with SQLiteStorage(path) as storage:  # the latest version itself is fine
        assert await storage.schema_version() == sqlite.LATEST_VERSION


async def test_sqlite_reopening_clears_the_old_journal_files_and_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    removed: list[str] = []
    real_remove = os.remove

    def remove(path: str) -> None:
        removed.append(path)
        real_remove(path)

    path = tmp_path / "x.sqlite3"
    inner = SQLiteStorage(path, identity_check_interval=0)
    await inner.open()
    try:
        monkeypatch.setattr(sqlite.os, "remove", remove)
        for _ in range(2):
            copy = tmp_path / "copy.sqlite3"
            shutil.copy(path, copy)
            os.replace(copy, path)
            assert await inner.verify() == "database file replaced; reopened"
        assert inner.reopened == 2
        assert [p for p in removed if p.startswith(str(path))][:2] == [f"{path}-wal", f"{path}-shm"]
    finally:
        await inner.close()


async def test_sqlite_opens_a_file_uri_as_a_uri(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    async with SQLiteStorage(path) as storage:
        await storage.set_profile(Profile(1, "PA"))
    async with SQLiteStorage(f"file:{path}?mode=ro") as readonly:
        assert await readonly.get_profile(1) == Profile(1, "PA")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await readonly.set_profile(Profile(2, "TX"))


async def test_sqlite_migration_stops_when_another_process_got_there_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.sqlite3"
    async with SQLiteStorage(path, migrate_to=1):
        pass
    real = SQLiteStorage._user_version
    reads: list[int] = []

    async def stale_first(conn: Any) -> int:
        reads.append(1)
        return 0 if len(reads) == 1 else await real(conn)  # the first read is from before the other process

    monkeypatch.setattr(SQLiteStorage, "_user_version", staticmethod(stale_first))
    async with SQLiteStorage(path, migrate_to=1) as storage:
        assert await storage.schema_version() == 1  # re-read inside the transaction: nothing more applied

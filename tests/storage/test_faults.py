"""Real database faults behind ResilientStorage: the bot-facing calls never raise, and the counters move."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from bot.storage import ResilientStorage, create_storage, open_storage
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
from bot.storage.postgres import PostgresStorage
from bot.storage.sqlite import SQLiteStorage

from .conftest import UNREACHABLE_PG_DSN


async def every_write(storage: Storage) -> list[object]:
    return [
        await storage.log_question(QuestionRecord("is my carry legal in pa", user_id=1)),
        await storage.record_feedback(Feedback("e1", 1, "outdated", reason="x")),
        await storage.set_profile(Profile(1, "PA")),
        await storage.set_guild_settings(GuildSettings(9, auto_answer=False)),
        await storage.subscribe(Subscription(1, "e1")),
        await storage.unsubscribe(1, "e1"),
        await storage.record_snapshots([Snapshot("e1", "h", date(2026, 1, 1))]),
        await storage.audit(AuditEvent(9, 1, "reload")),
        await storage.prune_questions(30),
        await storage.forget_user(1),
    ]


# set_profile / set_guild_settings say False and subscribe / unsubscribe None when dropped (issue 12 #12)
WRITE_DEFAULTS = [None, None, False, False, None, None, 0, None, 0, {}]


async def every_read(storage: Storage) -> list[object]:
    return [
        await storage.get_guild_settings(9),
        await storage.get_profile(1),
        await storage.unanswered(),
        await storage.feedback_summary(),
        await storage.outdated_reports(),
        await storage.entry_stats(),
        await storage.subscribers("e1"),
        await storage.subscriptions(1),
        await storage.snapshots(),
        await storage.audit_log(9),
    ]


READ_DEFAULTS = [GuildSettings(9), None, [], {}, [], [], [], [], {}, []]


async def assert_fully_down(storage: ResilientStorage) -> None:
    """Nothing works, nothing raises, every call is counted."""
    await storage.open()
    assert not storage.healthy
    assert await every_write(storage) == WRITE_DEFAULTS
    assert await every_read(storage) == READ_DEFAULTS
    assert storage.dropped_writes == len(WRITE_DEFAULTS)
    assert storage.failed_reads == len(READ_DEFAULTS)
    assert storage.failures >= 1 and storage.last_error
    await storage.close()


async def test_missing_folder(tmp_path: Path) -> None:
    await assert_fully_down(ResilientStorage(SQLiteStorage(tmp_path / "no" / "such" / "dir" / "db.sqlite3")))


async def test_corrupt_file_is_reported_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.sqlite3"
    garbage = bytes(range(256)) * 64
    path.write_bytes(garbage)
    await assert_fully_down(ResilientStorage(SQLiteStorage(path)))
    assert path.read_bytes() == garbage  # the bot never destroys data it cannot read


async def test_unreachable_postgres() -> None:
    inner = PostgresStorage(UNREACHABLE_PG_DSN, connect_timeout=2)
    await assert_fully_down(ResilientStorage(inner))


async def test_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite3"
    async with SQLiteStorage(path) as setup:
        await setup.set_guild_settings(GuildSettings(9, auto_answer=False))
    path.chmod(0o444)
    # root ignores file modes, so there open the same file the way a read-only file opens: mode=ro
    target = f"file:{path}?mode=ro" if os.geteuid() == 0 else str(path)
    storage = ResilientStorage(SQLiteStorage(target, busy_timeout=0.1), retry_delay=0.001)
    await storage.open()
    writes = await every_write(storage)
    assert writes == WRITE_DEFAULTS
    assert storage.dropped_writes == len(WRITE_DEFAULTS)
    assert storage.retries == 0  # "readonly database" is permanent: no retry
    assert "readonly" in (storage.last_error or "")
    # reads keep working from the read-only file
    assert await storage.get_guild_settings(9) == GuildSettings(9, auto_answer=False)
    assert storage.failed_reads == 0
    await storage.close()


async def test_locked_database_drops_writes_then_recovers(tmp_path: Path) -> None:
    path = tmp_path / "locked.sqlite3"
    storage = ResilientStorage(SQLiteStorage(path, busy_timeout=0.05), retry_delay=0.01, write_attempts=3)
    await storage.open()
    await storage.set_profile(Profile(1, "OR"))
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")  # another process holding the write lock
        assert await storage.log_question(QuestionRecord("while locked")) is None
        assert await storage.set_profile(Profile(1, "PA")) is False  # not saved, and says so
        assert storage.dropped_writes == 2
        assert storage.retries == 2 * (storage.write_attempts - 1)
        assert "locked" in (storage.last_error or "")
        assert not storage.healthy
        # WAL: reads still see the last committed state
        assert await storage.get_profile(1) == Profile(1, "OR")
        other.execute("ROLLBACK")
    assert isinstance(await storage.log_question(QuestionRecord("after the lock")), int)
    assert storage.healthy
    assert [r.question_text for r in await storage.unanswered()] == ["after the lock"]
    await storage.close()


async def test_open_storage_creates_the_folder_and_uses_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "data" / "nested" / "keibot.sqlite3"
    storage = await open_storage(None, str(path))
    try:
        assert isinstance(storage, ResilientStorage) and isinstance(storage.inner, SQLiteStorage)
        assert storage.healthy and path.exists()
        assert isinstance(await storage.log_question(QuestionRecord("x")), int)
    finally:
        await storage.close()


async def test_open_storage_with_an_unreachable_postgres_url_still_serves_defaults(tmp_path: Path) -> None:
    sqlite_path = tmp_path / "unused" / "db.sqlite3"
    storage = await open_storage(UNREACHABLE_PG_DSN.replace("postgresql://", "postgres://"), sqlite_path)
    try:
        assert isinstance(storage, ResilientStorage) and isinstance(storage.inner, PostgresStorage)
        assert not storage.healthy
        assert await storage.get_guild_settings(1) == GuildSettings(1)
        assert await storage.log_question(QuestionRecord("x")) is None
        assert storage.dropped_writes == 1
        assert not (tmp_path / "unused").exists()  # no SQLite fallback behind the operator's back
    finally:
        await storage.close()


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        (None, SQLiteStorage),
        ("", SQLiteStorage),
        ("sqlite:///x.db", SQLiteStorage),
        ("postgresql://u@h/db", PostgresStorage),
        ("postgres://u@h/db", PostgresStorage),
        ("  PostgreSQL://u@h/db ", PostgresStorage),
    ],
)
def test_create_storage_picks_the_backend_from_the_url(url: str | None, kind: type, tmp_path: Path) -> None:
    storage = create_storage(url, tmp_path / "sub" / "db.sqlite3")
    assert type(storage) is kind
    assert (tmp_path / "sub").is_dir() is (kind is SQLiteStorage)


def test_postgres_repr_hides_the_password() -> None:
    assert "secret" not in repr(PostgresStorage("postgresql://u:secret@h/db"))


@pytest.mark.parametrize("schema", ["Public", "a-b", "x; DROP TABLE y", "", "1abc", "a" * 64])
def test_postgres_rejects_unsafe_schema_names(schema: str) -> None:
    with pytest.raises(ValueError):
        PostgresStorage("postgresql://u@h/db", schema=schema)

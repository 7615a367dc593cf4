"""SQLite-only behaviour: connection settings, and surviving a process killed in the middle of writing."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from bot.storage.models import QuestionRecord
from bot.storage.sqlite import LATEST_VERSION, MIGRATIONS, SQLiteStorage

ROOT = Path(__file__).resolve().parents[2]


async def test_connection_uses_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    storage = SQLiteStorage(tmp_path / "db.sqlite3", busy_timeout=1.5)
    await storage.open()
    try:
        conn = storage._connection()
        for pragma, expected in [("journal_mode", "wal"), ("foreign_keys", 1), ("busy_timeout", 1500)]:
            async with conn.execute(f"PRAGMA {pragma}") as cur:
                assert list((await cur.fetchone()).values()) == [expected], pragma
    finally:
        await storage.close()


async def test_user_version_tracks_each_migration(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    for version in range(LATEST_VERSION + 1):
        storage = SQLiteStorage(path, migrate_to=version)
        await storage.open()
        await storage.close()
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == version


async def test_a_failing_migration_rolls_back_entirely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A migration is one transaction: if its last statement fails, its first one is undone too."""
    path = tmp_path / "db.sqlite3"
    storage = SQLiteStorage(path, migrate_to=1)
    await storage.open()
    await storage.close()
    broken = (*MIGRATIONS[:1], ("CREATE TABLE half_done (x INTEGER)", "THIS IS NOT SQL"), *MIGRATIONS[2:])
    monkeypatch.setattr("bot.storage.sqlite.MIGRATIONS", broken)
    with pytest.raises(sqlite3.OperationalError):
        await SQLiteStorage(path).open()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "half_done" not in tables


def test_migrations_are_plain_statement_tuples() -> None:
    assert all(isinstance(m, tuple) and m and all(isinstance(s, str) for s in m) for m in MIGRATIONS)


WRITER = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import date
    from bot.storage.models import QuestionRecord, Snapshot
    from bot.storage.sqlite import SQLiteStorage

    async def main():
        storage = SQLiteStorage(sys.argv[1])
        await storage.open()
        batch = 0
        while True:
            batch += 1
            for i in range(20):
                await storage.log_question(QuestionRecord(f"question {batch} {i} " + "x" * 300))
            # one big transaction: every entry gets this batch's hash, or none does
            await storage.record_snapshots(
                Snapshot(f"entry-{n}", f"batch-{batch}", date(2026, 1, 1)) for n in range(300)
            )
            if batch == 5:
                print("ready", flush=True)

    asyncio.run(main())
    """
)


async def test_process_killed_mid_write_leaves_a_sound_database(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite3"
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        WRITER,
        str(path),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        line = await asyncio.wait_for(proc.stdout.readline(), timeout=30)  # the writer has done real work
        assert line.strip() == b"ready", await proc.stderr.read()
        await asyncio.sleep(0.3)  # let it get well into another batch
        assert proc.returncode is None, "the writer stopped on its own"
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGKILL)
        await asyncio.wait_for(proc.communicate(), timeout=10)
    assert proc.returncode == -signal.SIGKILL

    storage = SQLiteStorage(path)
    await storage.open()  # recovers from the WAL left behind
    try:
        assert await storage.schema_version() == LATEST_VERSION
        snapshots = await storage.snapshots()
        assert len(snapshots) == 300
        assert len({s.content_hash for s in snapshots.values()}) == 1, "a transaction was half applied"
        assert len(await storage.unanswered(limit=100_000)) >= 100
        assert isinstance(await storage.log_question(QuestionRecord("still writable")), int)
    finally:
        await storage.close()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []

"""Issue 12 #7: a SQLite file deleted or replaced while the bot runs is noticed and reopened, instead of
writes going to an unlinked file (gone at the next restart) or reads serving the replaced data."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bot.storage import Profile, ResilientStorage
from bot.storage.sqlite import SQLiteStorage


def on_disk_profiles(path: Path) -> list[tuple[int, str]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT user_id, home_state FROM profiles ORDER BY user_id").fetchall()


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@pytest.fixture
async def storage(tmp_path: Path):
    store = ResilientStorage(SQLiteStorage(tmp_path / "keibot.sqlite3", identity_check_interval=0))
    await store.open()
    yield store
    await store.close()


async def test_a_deleted_file_is_recreated_and_written_to(
    storage: ResilientStorage, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "keibot.sqlite3"
    await storage.set_profile(Profile(1, "PA"))
    remove_database(path)
    assert await storage.set_profile(Profile(2, "TX")) is True
    # the write landed in a file that exists (and survives a restart), not in the unlinked one
    assert path.exists() and on_disk_profiles(path) == [(2, "TX")]
    assert storage.repairs == 1 and "deleted" in (storage.last_error or "")
    assert any("was deleted while open" in r.getMessage() for r in caplog.records)


async def test_a_backup_moved_over_the_file_is_what_is_served(
    storage: ResilientStorage, tmp_path: Path
) -> None:
    path = tmp_path / "keibot.sqlite3"
    await storage.set_profile(Profile(1, "PA"))
    backup = tmp_path / "backup.sqlite3"
    with closing(sqlite3.connect(path)) as src, closing(sqlite3.connect(backup)) as dst:
        src.backup(dst)
    with closing(sqlite3.connect(backup)) as conn, conn:
        conn.execute("UPDATE profiles SET home_state = 'OR' WHERE user_id = 1")
    os.replace(backup, path)  # a restored backup moved over the live file
    assert await storage.get_profile(1) == Profile(1, "OR")
    await storage.set_profile(Profile(3, "WA"))
    assert on_disk_profiles(path) == [(1, "OR"), (3, "WA")]
    assert storage.repairs == 1 and "replaced" in (storage.last_error or "")


async def test_an_unchanged_file_is_checked_at_most_every_interval(tmp_path: Path) -> None:
    inner = SQLiteStorage(tmp_path / "x.sqlite3", identity_check_interval=3600)
    await inner.open()
    try:
        shutil.copy(tmp_path / "x.sqlite3", tmp_path / "copy.sqlite3")
        remove_database(tmp_path / "x.sqlite3")
        assert await inner.verify() is None  # checked at open; not again within the hour
        inner.identity_check_interval = 0
        assert await inner.verify() == "database file deleted; reopened"
        assert inner.reopened == 1
    finally:
        await inner.close()

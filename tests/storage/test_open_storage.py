"""Choosing and opening the backend (``create_storage``, ``open_storage``, ``is_postgres_url``) and reading
a record that is about to be written back (``read_or_raise``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.storage import (
    DEFAULT_SQLITE_PATH,
    Profile,
    ResilientStorage,
    StorageError,
    create_storage,
    is_postgres_url,
    open_storage,
    read_or_raise,
)
from bot.storage.postgres import PostgresStorage
from bot.storage.sqlite import SQLiteStorage
from tests.storage.conftest import UNREACHABLE_PG_DSN
from tests.storage.test_resilient_forwarding import Broken, Recorder


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u@h/db", True),
        ("postgres://u@h/db", True),
        ("  PostgreSQL://u@h/db ", True),
        (None, False),
        ("", False),
        ("sqlite:///x.db", False),
        ("mysql://u@h/db", False),
        ("xpostgresql://u@h/db", False),
    ],
)
def test_is_postgres_url(url: str | None, expected: bool) -> None:
    assert is_postgres_url(url) is expected


def test_create_storage_picks_the_backend(tmp_path: Path) -> None:
    pg = create_storage("  postgresql://u@127.0.0.1:1/db ", tmp_path / "unused" / "x.sqlite3")
    assert isinstance(pg, PostgresStorage) and pg.dsn == "postgresql://u@127.0.0.1:1/db"
    assert not (tmp_path / "unused").exists()
    for url in (None, "", "   ", "mysql://u@h/db"):
        path = tmp_path / f"d{len(url or '')}" / "x.sqlite3"
        lite = create_storage(url, path)
        assert isinstance(lite, SQLiteStorage) and lite.path == str(path) and lite.busy_timeout == 3.0
        assert path.parent.is_dir()  # the folder is made, the file is not
    assert not any(p.suffix == ".sqlite3" for p in tmp_path.rglob("*"))
    create_storage(None, tmp_path / "deep" / "er" / "x.sqlite3")
    assert (tmp_path / "deep" / "er").is_dir()  # every missing folder on the way


def test_create_storage_leaves_memory_and_uri_paths_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert create_storage(None, ":memory:").path == ":memory:"  # type: ignore[attr-defined]
    assert create_storage(None, "file:sub/x.db?mode=ro").path == "file:sub/x.db?mode=ro"  # type: ignore[attr-defined]
    assert list(tmp_path.iterdir()) == []
    assert create_storage(None).path == DEFAULT_SQLITE_PATH  # type: ignore[attr-defined]
    assert (tmp_path / "data").is_dir()


async def test_open_storage_opens_a_resilient_sqlite(tmp_path: Path) -> None:
    storage = await open_storage(None, tmp_path / "db" / "x.sqlite3")
    try:
        assert isinstance(storage, ResilientStorage) and storage.healthy
        assert isinstance(storage.inner, SQLiteStorage) and storage.inner.busy_timeout == 3.0
        assert (tmp_path / "db" / "x.sqlite3").exists()
    finally:
        await storage.close()


async def test_open_storage_wraps_postgres_for_a_postgres_url(tmp_path: Path) -> None:
    storage = await open_storage(UNREACHABLE_PG_DSN, tmp_path / "unused.sqlite3")
    try:
        assert isinstance(storage, ResilientStorage) and isinstance(storage.inner, PostgresStorage)
        assert not storage.healthy  # nothing listens there: it starts unhealthy and retries later
    finally:
        await storage.close()


async def test_open_storage_starts_unhealthy_when_the_folder_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    storage = await open_storage(None, blocker / "x.sqlite3")
    try:
        assert isinstance(storage, ResilientStorage) and not storage.healthy
        assert isinstance(storage.inner, SQLiteStorage)
        assert storage.inner.path == str(blocker / "x.sqlite3") and storage.inner.busy_timeout == 3.0
        assert storage.last_error == "open: OperationalError: unable to open database file"
    finally:
        await storage.close()


async def test_read_or_raise_on_a_bare_backend(tmp_path: Path) -> None:
    async with SQLiteStorage(tmp_path / "x.sqlite3") as storage:
        await storage.set_profile(Profile(1, "PA"))
        assert await read_or_raise(storage, "get_profile", 1) == Profile(1, "PA")
        assert await read_or_raise(storage, "get_profile", 2) is None

    class Failing:
        async def get_profile(self, user_id: int) -> Any:
            raise RuntimeError("disk on fire")

        async def get_guild_settings(self, guild_id: int) -> Any:
            raise StorageError("already a storage error")

    with pytest.raises(StorageError) as raised:
        await read_or_raise(Failing(), "get_profile", 1)  # type: ignore[arg-type]
    assert str(raised.value) == "storage could not read get_profile: RuntimeError"
    assert isinstance(raised.value.__cause__, RuntimeError)
    with pytest.raises(StorageError, match=r"^already a storage error$"):
        await read_or_raise(Failing(), "get_guild_settings", 1)  # type: ignore[arg-type]


async def test_read_or_raise_through_the_resilient_wrapper() -> None:
    inner = Recorder()
    storage = ResilientStorage(inner)
    await storage.open()
    assert await read_or_raise(storage, "get_profile", 7) is None  # the recorder returns None: a real None
    assert inner.calls == [("get_profile", (7,), {})]
    broken = ResilientStorage(Broken(), retry_delay=0.001)
    await broken.open()
    with pytest.raises(StorageError) as raised:
        await read_or_raise(broken, "get_profile", 7)
    assert str(raised.value) == "storage could not read get_profile (get_profile: RuntimeError: disk on fire)"


async def test_a_failed_reopen_serves_the_default_without_calling_the_backend(tmp_path: Path) -> None:
    folder = tmp_path / "later"
    storage = ResilientStorage(SQLiteStorage(folder / "x.sqlite3"), reopen_interval=0)
    await storage.open()
    try:
        storage.last_error = None
        assert await storage.get_profile(1) is None  # tried to open again, failed again: not read
        assert storage.last_error == "open: OperationalError: unable to open database file"
        assert storage.failed_reads == 1 and storage.failures == 2
    finally:
        await storage.close()

"""Storage: questions, feedback, profiles, guild settings, subscriptions, snapshots and the audit log.

``open_storage`` is what the bot uses: SQLite by default, PostgreSQL when ``DATABASE_URL`` is a postgres URL,
always behind ``ResilientStorage`` so a database fault never stops the bot from answering.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from bot.storage.base import LOW_CONFIDENCE, USER_TABLES, Storage, StorageError
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
from bot.storage.resilient import ResilientStorage

DEFAULT_SQLITE_PATH = "data/keibot.sqlite3"

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_SQLITE_PATH",
    "LOW_CONFIDENCE",
    "USER_TABLES",
    "AuditEvent",
    "EntryStats",
    "Feedback",
    "FeedbackSummary",
    "GuildSettings",
    "Profile",
    "QuestionRecord",
    "ResilientStorage",
    "Snapshot",
    "Storage",
    "StorageError",
    "Subscription",
    "create_storage",
    "is_postgres_url",
    "open_storage",
    "read_or_raise",
]


async def read_or_raise(storage: Storage, method: str, *args: object) -> Any:
    """Call the read ``method`` and return the real value, or raise ``StorageError`` if it could not be
    read (never a default standing in for it). Use it before changing and writing back a whole record."""
    checked = getattr(storage, "checked", None)
    if callable(checked):
        return await checked(method, *args)
    try:
        return await getattr(storage, method)(*args)
    except StorageError:
        raise
    except Exception as exc:
        raise StorageError(f"storage could not read {method}: {type(exc).__name__}") from exc


def is_postgres_url(database_url: str | None) -> bool:
    return database_url is not None and database_url.strip().lower().startswith(
        ("postgresql://", "postgres://")
    )


def create_storage(
    database_url: str | None, sqlite_path: str | os.PathLike[str] = DEFAULT_SQLITE_PATH
) -> Storage:
    """The bare backend (not opened, not wrapped): PostgreSQL for a postgres URL, else SQLite at the path.

    Creates the SQLite file's parent folders. Tools that should fail loudly (the command line) use this.
    """
    if database_url is not None and is_postgres_url(database_url):
        from bot.storage.postgres import PostgresStorage

        return PostgresStorage(database_url.strip())
    if database_url and database_url.strip():
        log.warning("DATABASE_URL is not a postgresql:// URL; using SQLite at %s", sqlite_path)
    from bot.storage.sqlite import SQLiteStorage

    path = os.fspath(sqlite_path)
    if not path.startswith("file:") and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return SQLiteStorage(path, busy_timeout=3.0)


async def open_storage(
    database_url: str | None, sqlite_path: str | os.PathLike[str] = DEFAULT_SQLITE_PATH
) -> Storage:
    """Open the configured backend wrapped in ``ResilientStorage``. Never raises for a database fault:
    if the backend cannot be opened the wrapper starts unhealthy, serves defaults and retries later.
    """
    try:
        inner = create_storage(database_url, sqlite_path)
    except OSError:
        # e.g. the parent folder cannot be created; let the wrapper report it (once) and keep retrying
        from bot.storage.sqlite import SQLiteStorage

        inner = SQLiteStorage(os.fspath(sqlite_path), busy_timeout=3.0)
    storage = ResilientStorage(inner)
    await storage.open()
    return storage

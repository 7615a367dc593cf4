"""SQLite backend: one aiosqlite connection, WAL, versioned migrations via ``PRAGMA user_version``."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import aiosqlite

from bot.storage._shared import ENTRY_STATS_SQLITE, FORGET_SQL
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
    as_utc,
    utcnow,
)
from bot.storage.watch_models import SourceSnapshot, WatchRecord

log = logging.getLogger(__name__)

# Each migration is a tuple of statements, applied in one transaction together with the version bump.
# Never edit a shipped migration; append a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # v1: core tables
    (
        """CREATE TABLE questions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            question_text TEXT NOT NULL,
            intent TEXT,
            state TEXT,
            model TEXT,
            year INTEGER,
            entry_id TEXT,
            confidence REAL NOT NULL DEFAULT 0,
            answered INTEGER NOT NULL DEFAULT 0 CHECK (answered IN (0, 1)),
            guild_id INTEGER,
            channel_id INTEGER,
            user_id INTEGER,
            asked_at TEXT NOT NULL
        )""",
        """CREATE TABLE feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            entry_id TEXT NOT NULL,
            user_id INTEGER NOT NULL,
            vote TEXT NOT NULL CHECK (vote IN ('helpful', 'not_helpful', 'outdated')),
            reason TEXT,
            source_url TEXT,
            question_id INTEGER REFERENCES questions (id) ON DELETE SET NULL,
            guild_id INTEGER,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE profiles (
            user_id INTEGER PRIMARY KEY,
            home_state TEXT,
            model TEXT,
            year INTEGER,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE guild_settings (
            guild_id INTEGER PRIMARY KEY,
            answer_channel_ids TEXT NOT NULL DEFAULT '[]',
            forum_channel_ids TEXT NOT NULL DEFAULT '[]',
            auto_answer INTEGER NOT NULL,
            ephemeral_default INTEGER NOT NULL,
            user_cooldown_seconds REAL NOT NULL,
            entry_dedupe_seconds REAL NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE subscriptions (
            user_id INTEGER NOT NULL,
            entry_id TEXT NOT NULL,
            channel_id INTEGER,
            thread_id INTEGER,
            created_at TEXT NOT NULL,
            PRIMARY KEY (user_id, entry_id)
        )""",
        """CREATE TABLE snapshots (
            entry_id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL,
            last_verified TEXT NOT NULL,
            first_seen TEXT NOT NULL
        )""",
    ),
    # v2: indexes for the gap report, retention, forget-user and notifications
    (
        "CREATE INDEX questions_asked_at ON questions (asked_at)",
        "CREATE INDEX questions_entry ON questions (entry_id)",
        "CREATE INDEX questions_user ON questions (user_id)",
        "CREATE INDEX feedback_entry ON feedback (entry_id, vote)",
        # one helpful/not-helpful opinion per user per entry: keep each user's latest, then enforce it
        """DELETE FROM feedback WHERE vote IN ('helpful', 'not_helpful') AND id NOT IN (
            SELECT MAX(id) FROM feedback WHERE vote IN ('helpful', 'not_helpful') GROUP BY entry_id, user_id
        )""",
        """CREATE UNIQUE INDEX feedback_one_opinion ON feedback (entry_id, user_id)
            WHERE vote IN ('helpful', 'not_helpful')""",
        "CREATE INDEX feedback_user ON feedback (user_id)",
        "CREATE INDEX feedback_question ON feedback (question_id)",
        "CREATE INDEX subscriptions_entry ON subscriptions (entry_id)",
    ),
    # v3: audit log of admin actions
    (
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            guild_id INTEGER,
            user_id INTEGER,
            action TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL
        )""",
        "CREATE INDEX audit_log_guild ON audit_log (guild_id, id)",
        "CREATE INDEX audit_log_user ON audit_log (user_id)",
    ),
    # v4: the source watch (per-URL snapshots, saved run reports) and each guild's curator channel
    (
        """CREATE TABLE source_snapshots (
            url TEXT PRIMARY KEY,
            final_url TEXT NOT NULL,
            status INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            changed_at TEXT,
            etag TEXT,
            last_modified TEXT,
            text TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE watch_reports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            report TEXT NOT NULL
        )""",
        "CREATE INDEX watch_reports_finished ON watch_reports (finished_at)",
        """CREATE TABLE curator_channels (
            guild_id INTEGER PRIMARY KEY,
            channel_id INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        )""",
    ),
)
LATEST_VERSION = len(MIGRATIONS)

_TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # fixed width, so text order is time order


def _ts(value: datetime) -> str:
    return as_utc(value).strftime(_TS_FORMAT)


def _dt(value: str) -> datetime:
    return datetime.strptime(value, _TS_FORMAT).replace(tzinfo=UTC)


def _probe(path: str, uri: bool) -> None:
    """Raise what ``sqlite3.connect`` raises for a path it cannot open (missing folder, no permission)."""
    sqlite3.connect(path, uri=uri).close()


def _named_row(cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> dict[str, Any]:
    """A row as a plain dict: a column is found by its exact name (``sqlite3.Row`` ignores case)."""
    return {column[0]: value for column, value in zip(cursor.description, values, strict=True)}


def _ids(value: str) -> frozenset[int]:
    return frozenset(int(v) for v in json.loads(value or "[]"))


# SQL text, kept out of the methods as data (see README, Mutation testing).
_FOREIGN_KEYS_SQL = "PRAGMA foreign_keys = ON"
_SYNCHRONOUS_SQL = "PRAGMA synchronous = NORMAL"
_SWITCH_TO_WAL_SQL = "PRAGMA journal_mode = WAL"
_USER_VERSION_SQL = "PRAGMA user_version"
_BEGIN_SQL = "BEGIN IMMEDIATE"
_COMMIT_SQL = "COMMIT"
_ROLLBACK_SQL = "ROLLBACK"
_LOG_QUESTION_SQL = (
    "INSERT INTO questions (question_text, intent, state, model, year, entry_id, confidence,"
    " answered, guild_id, channel_id, user_id, asked_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_UNANSWERED_SQL = (
    "SELECT * FROM questions WHERE (answered = 0 OR confidence < ?) AND asked_at >= ?"
    " AND (? IS NULL OR guild_id = ?) ORDER BY asked_at DESC, id DESC LIMIT ?"
)
_PRUNE_QUESTIONS_BATCH_SQL = (
    "DELETE FROM questions WHERE id IN"
    " (SELECT id FROM questions WHERE asked_at < ? ORDER BY asked_at LIMIT ?)"
)
_RECORD_FEEDBACK_SQL = (
    "INSERT INTO feedback (entry_id, user_id, vote, reason, source_url, question_id, guild_id,"
    " created_at)"
    " VALUES (?, ?, ?, ?, ?, (SELECT id FROM questions WHERE id = ?), ?, ?)"
    " ON CONFLICT (entry_id, user_id) WHERE vote IN ('helpful', 'not_helpful') DO UPDATE SET"
    " vote = excluded.vote, reason = excluded.reason, source_url = excluded.source_url,"
    " question_id = excluded.question_id, guild_id = excluded.guild_id,"
    " created_at = excluded.created_at"
    " RETURNING id"
)
_FEEDBACK_SUMMARY_SQL = (
    "SELECT entry_id,"
    " COUNT(*) FILTER (WHERE vote = 'helpful') AS helpful,"
    " COUNT(*) FILTER (WHERE vote = 'not_helpful') AS not_helpful,"
    " COUNT(*) FILTER (WHERE vote = 'outdated') AS outdated"
    " FROM feedback WHERE (? IS NULL OR entry_id = ?) GROUP BY entry_id ORDER BY entry_id"
)
_OUTDATED_REPORTS_SQL = (
    "SELECT * FROM feedback WHERE vote = 'outdated' AND (? IS NULL OR guild_id = ?)"
    " ORDER BY created_at DESC, id DESC LIMIT ?"
)
_GET_PROFILE_SQL = "SELECT user_id, home_state, model, year FROM profiles WHERE user_id = ?"
_SET_PROFILE_SQL = (
    "INSERT INTO profiles (user_id, home_state, model, year, updated_at) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (user_id) DO UPDATE SET home_state = excluded.home_state,"
    " model = excluded.model,"
    " year = excluded.year, updated_at = excluded.updated_at"
)
_GET_GUILD_SETTINGS_SQL = "SELECT * FROM guild_settings WHERE guild_id = ?"
_SET_GUILD_SETTINGS_SQL = (
    "INSERT INTO guild_settings (guild_id, answer_channel_ids, forum_channel_ids, auto_answer,"
    " ephemeral_default, user_cooldown_seconds, entry_dedupe_seconds, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (guild_id) DO UPDATE SET answer_channel_ids = excluded.answer_channel_ids,"
    " forum_channel_ids = excluded.forum_channel_ids, auto_answer = excluded.auto_answer,"
    " ephemeral_default = excluded.ephemeral_default,"
    " user_cooldown_seconds = excluded.user_cooldown_seconds,"
    " entry_dedupe_seconds = excluded.entry_dedupe_seconds, updated_at = excluded.updated_at"
)
_SUBSCRIBED_SQL = "SELECT 1 FROM subscriptions WHERE user_id = ? AND entry_id = ?"
_SUBSCRIBE_SQL = (
    "INSERT INTO subscriptions (user_id, entry_id, channel_id, thread_id, created_at)"
    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, entry_id) DO UPDATE SET"
    " channel_id = excluded.channel_id, thread_id = excluded.thread_id"
)
_UNSUBSCRIBE_SQL = "DELETE FROM subscriptions WHERE user_id = ? AND entry_id = ?"
_SUBSCRIBERS_SQL = "SELECT * FROM subscriptions WHERE entry_id = ? ORDER BY created_at, user_id"
_SUBSCRIPTIONS_SQL = "SELECT * FROM subscriptions WHERE user_id = ? ORDER BY created_at, entry_id"
_SNAPSHOTS_SQL = "SELECT * FROM snapshots"
_RECORD_SNAPSHOTS_SQL = (
    "INSERT INTO snapshots (entry_id, content_hash, last_verified, first_seen)"
    " VALUES (?, ?, ?, ?)"
    " ON CONFLICT (entry_id) DO UPDATE SET"
    " first_seen = CASE WHEN snapshots.content_hash = excluded.content_hash"
    " THEN snapshots.first_seen ELSE excluded.first_seen END,"
    " content_hash = excluded.content_hash, last_verified = excluded.last_verified"
)
_AUDIT_SQL = "INSERT INTO audit_log (guild_id, user_id, action, detail, at) VALUES (?, ?, ?, ?, ?)"
_AUDIT_LOG_SQL = "SELECT * FROM audit_log WHERE (? IS NULL OR guild_id = ?) ORDER BY at DESC, id DESC LIMIT ?"
_SOURCE_SNAPSHOTS_SQL = "SELECT * FROM source_snapshots"
_RECORD_SOURCE_SNAPSHOTS_SQL = (
    "INSERT INTO source_snapshots (url, final_url, status, content_hash, fetched_at, changed_at,"
    " etag, last_modified, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (url) DO UPDATE SET final_url = excluded.final_url, status = excluded.status,"
    " content_hash = excluded.content_hash, fetched_at = excluded.fetched_at,"
    " changed_at = excluded.changed_at, etag = excluded.etag,"
    " last_modified = excluded.last_modified, text = excluded.text"
)
_SAVE_WATCH_REPORT_SQL = "INSERT INTO watch_reports (started_at, finished_at, report) VALUES (?, ?, ?)"
_LATEST_WATCH_REPORT_SQL = "SELECT * FROM watch_reports ORDER BY finished_at DESC, id DESC LIMIT 1"
_CURATOR_CHANNELS_SQL = "SELECT guild_id, channel_id FROM curator_channels"
_CLEAR_CURATOR_CHANNEL_SQL = "DELETE FROM curator_channels WHERE guild_id = ?"
_SET_CURATOR_CHANNEL_SQL = (
    "INSERT INTO curator_channels (guild_id, channel_id, updated_at) VALUES (?, ?, ?)"
    " ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id,"
    " updated_at = excluded.updated_at"
)


class SQLiteStorage(Storage):
    """SQLite storage at ``path`` (a file path, or a ``file:`` URI such as ``file:x.db?mode=ro``).

    One connection owned by this object; writes are serialised with an asyncio lock so concurrent callers
    never interleave inside a transaction. The parent folder must exist (``open_storage`` creates it).
    ``migrate_to`` stops migrations at that version (for tests and tools); normally leave it None.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        busy_timeout: float = 5.0,
        migrate_to: int | None = None,
        identity_check_interval: float = 1.0,
    ) -> None:
        if migrate_to is not None and not 0 <= migrate_to <= LATEST_VERSION:
            raise ValueError(f"migrate_to must be 0..{LATEST_VERSION}")
        self.path = os.fspath(path)
        self.identity_check_interval = identity_check_interval
        self.reopened = 0  # times the file was found deleted or replaced and opened again
        self._identity: tuple[int, int] | None = None
        self._checked_at = -float("inf")
        self.busy_timeout = busy_timeout
        self.migrate_to = LATEST_VERSION if migrate_to is None else migrate_to
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    def __repr__(self) -> str:
        return f"SQLiteStorage({self.path!r})"

    # lifecycle -------------------------------------------------------------------------------------
    async def open(self) -> None:
        if self._conn is not None:
            return
        uri = self.path.startswith("file:")
        # Fail here, before aiosqlite starts its worker thread: when aiosqlite's own connect fails, that
        # thread can outlive a short-lived event loop and die with "Event loop is closed".
        await asyncio.to_thread(_probe, self.path, uri)
        conn = await aiosqlite.connect(self.path, uri=uri, isolation_level=None, timeout=self.busy_timeout)
        try:
            conn.row_factory = _named_row
            await conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            await conn.execute(_FOREIGN_KEYS_SQL)
            row = await self._switch_to_wal(conn)
            if row is None or str(row["journal_mode"]).lower() != "wal":
                log.warning(
                    "%s: could not switch to WAL (journal_mode=%s)", self.path, row and row["journal_mode"]
                )
            await conn.execute(_SYNCHRONOUS_SQL)
            self._conn = conn
            await self._migrate(conn)
            self._identity = self._file_identity()
            self._checked_at = time.monotonic()
        except BaseException:
            self._conn = None
            await conn.close()
            raise

    async def _switch_to_wal(self, conn: aiosqlite.Connection) -> Any:
        """``PRAGMA journal_mode = WAL``, retried while another connection holds the lock: SQLite does not
        wait (busy_timeout) for this one, so processes opening a new database together could fail."""
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.01
        while True:
            try:
                async with conn.execute(_SWITCH_TO_WAL_SQL) as cur:
                    return await cur.fetchone()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() + delay > deadline:
                    raise
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.2)

    def _file_identity(self) -> tuple[int, int] | None:
        """(device, inode) of the database file; None for memory databases and ``file:`` URIs."""
        if self.path == ":memory:" or self.path.startswith("file:"):
            return None
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return (-1, -1)
        return (st.st_dev, st.st_ino)

    async def verify(self) -> str | None:
        """Reopen when the file at ``path`` is no longer the one this connection has open: deleted (writes
        would go to an unlinked file and vanish at the next restart) or replaced (a backup moved over it:
        reads would serve the old data and writes would be lost). Checked at most every
        ``identity_check_interval`` seconds; returns what happened, else None."""
        if self._conn is None or self._identity is None:
            return None
        now = time.monotonic()
        if now - self._checked_at < self.identity_check_interval:
            return None
        self._checked_at = now
        current = await asyncio.to_thread(self._file_identity)
        if current == self._identity:
            return None
        what = "deleted" if current == (-1, -1) else "replaced"
        log.error("%s: the database file was %s while open; reopening it", self.path, what)
        await self.close()
        # The old file's write-ahead log is still beside the path (SQLite does not checkpoint or remove it
        # once the file has moved); left there it would be replayed into the new file.
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.path + suffix)
        await self.open()
        self.reopened += 1
        return f"database file {what}; reopened"

    async def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            async with self._lock:
                await conn.close()

    def _connection(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise StorageError(f"{self!r} is not open")
        return self._conn

    async def schema_version(self) -> int:
        return await self._user_version(self._connection())

    @staticmethod
    async def _user_version(conn: aiosqlite.Connection) -> int:
        async with conn.execute(_USER_VERSION_SQL) as cur:
            row = await cur.fetchone()
        return int(row["user_version"]) if row else 0

    async def _migrate(self, conn: aiosqlite.Connection) -> None:
        version = await self._user_version(conn)
        if version > LATEST_VERSION:
            raise StorageError(
                f"{self.path} is at schema v{version}, newer than this bot understands (v{LATEST_VERSION})"
            )
        while version < self.migrate_to:
            async with self._write() as tx:
                version = await self._user_version(tx)  # another process may have migrated meanwhile
                if version >= self.migrate_to:
                    break
                for statement in MIGRATIONS[version]:
                    await tx.execute(statement)
                version += 1
                # PRAGMA takes no parameters; version is an int from this module, never user input.
                await tx.execute(f"PRAGMA user_version = {int(version)}")
            log.info("%s: migrated to schema v%d", self.path, version)

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction at a time (``BEGIN IMMEDIATE`` takes SQLite's write lock up front)."""
        async with self._lock:
            conn = self._connection()
            await conn.execute(_BEGIN_SQL)
            try:
                yield conn
            except BaseException:
                await self._rollback(conn)
                raise
            try:
                await conn.execute(_COMMIT_SQL)
            except BaseException:
                await self._rollback(conn)
                raise

    @staticmethod
    async def _rollback(conn: aiosqlite.Connection) -> None:
        if conn.in_transaction:
            try:
                await conn.execute(_ROLLBACK_SQL)
            except Exception:  # the connection may be gone; the original error matters more
                log.debug("rollback failed", exc_info=True)

    async def _fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        async with self._connection().execute(sql, tuple(params)) as cur:
            return list(await cur.fetchall())

    async def _fetchone(self, sql: str, params: Iterable[Any] = ()) -> dict[str, Any] | None:
        async with self._connection().execute(sql, tuple(params)) as cur:
            return await cur.fetchone()

    # questions -------------------------------------------------------------------------------------
    async def log_question(self, record: QuestionRecord) -> int:
        async with (
            self._write() as tx,
            tx.execute(
                _LOG_QUESTION_SQL,
                (
                    record.question_text,
                    record.intent,
                    record.state,
                    record.model,
                    record.year,
                    record.entry_id,
                    record.confidence,
                    int(record.answered),
                    record.guild_id,
                    record.channel_id,
                    record.user_id,
                    _ts(record.asked_at),
                ),
            ) as cur,
        ):
            return int(cur.lastrowid or 0)

    async def unanswered(
        self,
        since: datetime | None = None,
        limit: int = 500,
        threshold: float = LOW_CONFIDENCE,
        *,
        guild_id: int | None = None,
    ) -> list[QuestionRecord]:
        rows = await self._fetchall(
            _UNANSWERED_SQL,
            (threshold, _ts(since) if since else "", guild_id, guild_id, max(0, limit)),
        )
        return [_question(row) for row in rows]

    async def prune_questions(self, older_than_days: float) -> int:
        total = 0
        while True:
            deleted = await self.prune_questions_batch(older_than_days, PRUNE_BATCH)
            total += deleted
            if deleted < PRUNE_BATCH:
                return total
            await asyncio.sleep(0)  # other callers get the connection between batches

    async def prune_questions_batch(self, older_than_days: float, limit: int = PRUNE_BATCH) -> int:
        cutoff = utcnow() - timedelta(days=older_than_days)
        async with (
            self._write() as tx,
            tx.execute(
                _PRUNE_QUESTIONS_BATCH_SQL,
                (_ts(cutoff), max(0, limit)),
            ) as cur,
        ):
            return max(cur.rowcount, 0)

    # feedback --------------------------------------------------------------------------------------
    async def record_feedback(self, feedback: Feedback) -> int:
        async with (
            self._write() as tx,
            tx.execute(
                _RECORD_FEEDBACK_SQL,
                (
                    feedback.entry_id,
                    feedback.user_id,
                    feedback.vote,
                    feedback.reason,
                    feedback.source_url,
                    feedback.question_id,
                    feedback.guild_id,
                    _ts(feedback.created_at),
                ),
            ) as cur,
        ):
            row = await cur.fetchone()
        assert row is not None
        return int(row["id"])

    async def feedback_summary(self, entry_id: str | None = None) -> dict[str, FeedbackSummary]:
        rows = await self._fetchall(
            _FEEDBACK_SUMMARY_SQL,
            (entry_id, entry_id),
        )
        return {
            row["entry_id"]: FeedbackSummary(
                row["entry_id"], row["helpful"], row["not_helpful"], row["outdated"]
            )
            for row in rows
        }

    async def outdated_reports(self, limit: int = 50, *, guild_id: int | None = None) -> list[Feedback]:
        rows = await self._fetchall(
            _OUTDATED_REPORTS_SQL,
            (guild_id, guild_id, max(0, limit)),
        )
        return [_feedback(row) for row in rows]

    async def entry_stats(self, *, guild_id: int | None = None) -> list[EntryStats]:
        rows = await self._fetchall(ENTRY_STATS_SQLITE, (guild_id,) * 4)
        return [_entry_stats(row) for row in rows]

    # profiles --------------------------------------------------------------------------------------
    async def get_profile(self, user_id: int) -> Profile | None:
        row = await self._fetchone(_GET_PROFILE_SQL, (user_id,))
        return Profile(row["user_id"], row["home_state"], row["model"], row["year"]) if row else None

    async def set_profile(self, profile: Profile) -> None:
        async with self._write() as tx:
            await tx.execute(
                _SET_PROFILE_SQL,
                (profile.user_id, profile.home_state, profile.model, profile.year, _ts(utcnow())),
            )

    async def forget_user(self, user_id: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        async with self._write() as tx:
            for table, sql in FORGET_SQL.items():
                async with tx.execute(sql, (user_id,)) as cur:
                    counts[table] = max(cur.rowcount, 0)
        return counts

    # guild settings --------------------------------------------------------------------------------
    async def get_guild_settings(self, guild_id: int) -> GuildSettings:
        row = await self._fetchone(_GET_GUILD_SETTINGS_SQL, (guild_id,))
        if row is None:
            return GuildSettings(guild_id)
        return GuildSettings(
            guild_id=row["guild_id"],
            answer_channel_ids=_ids(row["answer_channel_ids"]),
            forum_channel_ids=_ids(row["forum_channel_ids"]),
            auto_answer=bool(row["auto_answer"]),
            ephemeral_default=bool(row["ephemeral_default"]),
            user_cooldown_seconds=row["user_cooldown_seconds"],
            entry_dedupe_seconds=row["entry_dedupe_seconds"],
        )

    async def set_guild_settings(self, settings: GuildSettings) -> None:
        async with self._write() as tx:
            await tx.execute(
                _SET_GUILD_SETTINGS_SQL,
                (
                    settings.guild_id,
                    json.dumps(sorted(settings.answer_channel_ids)),
                    json.dumps(sorted(settings.forum_channel_ids)),
                    int(settings.auto_answer),
                    int(settings.ephemeral_default),
                    settings.user_cooldown_seconds,
                    settings.entry_dedupe_seconds,
                    _ts(utcnow()),
                ),
            )

    # subscriptions ---------------------------------------------------------------------------------
    async def subscribe(self, subscription: Subscription) -> bool:
        async with self._write() as tx:
            async with tx.execute(
                _SUBSCRIBED_SQL,
                (subscription.user_id, subscription.entry_id),
            ) as cur:
                existed = await cur.fetchone() is not None
            await tx.execute(
                _SUBSCRIBE_SQL,
                (
                    subscription.user_id,
                    subscription.entry_id,
                    subscription.channel_id,
                    subscription.thread_id,
                    _ts(subscription.created_at),
                ),
            )
        return not existed

    async def unsubscribe(self, user_id: int, entry_id: str) -> bool:
        async with (
            self._write() as tx,
            tx.execute(_UNSUBSCRIBE_SQL, (user_id, entry_id)) as cur,
        ):
            return cur.rowcount > 0

    async def subscribers(self, entry_id: str) -> list[Subscription]:
        rows = await self._fetchall(_SUBSCRIBERS_SQL, (entry_id,))
        return [_subscription(row) for row in rows]

    async def subscriptions(self, user_id: int) -> list[Subscription]:
        rows = await self._fetchall(_SUBSCRIPTIONS_SQL, (user_id,))
        return [_subscription(row) for row in rows]

    # snapshots -------------------------------------------------------------------------------------
    async def snapshots(self) -> dict[str, Snapshot]:
        rows = await self._fetchall(_SNAPSHOTS_SQL)
        return {
            row["entry_id"]: Snapshot(
                row["entry_id"],
                row["content_hash"],
                date.fromisoformat(row["last_verified"]),
                _dt(row["first_seen"]),
            )
            for row in rows
        }

    async def record_snapshots(self, snapshots: Iterable[Snapshot]) -> int:
        params = [
            (s.entry_id, s.content_hash, s.last_verified.isoformat(), _ts(s.first_seen)) for s in snapshots
        ]
        if not params:
            return 0
        async with self._write() as tx:
            await tx.executemany(
                _RECORD_SNAPSHOTS_SQL,
                params,
            )
        return len(params)

    # audit -----------------------------------------------------------------------------------------
    async def audit(self, event: AuditEvent) -> None:
        async with self._write() as tx:
            await tx.execute(
                _AUDIT_SQL,
                (event.guild_id, event.user_id, event.action, event.detail, _ts(event.at)),
            )

    async def audit_log(self, guild_id: int | None = None, limit: int = 50) -> list[AuditEvent]:
        rows = await self._fetchall(
            _AUDIT_LOG_SQL,
            (guild_id, guild_id, max(0, limit)),
        )
        return [
            AuditEvent(row["guild_id"], row["user_id"], row["action"], row["detail"], _dt(row["at"]))
            for row in rows
        ]

    # source watch ----------------------------------------------------------------------------------
    async def source_snapshots(self) -> dict[str, SourceSnapshot]:
        rows = await self._fetchall(_SOURCE_SNAPSHOTS_SQL)
        return {
            row["url"]: SourceSnapshot(
                url=row["url"],
                final_url=row["final_url"],
                status=row["status"],
                content_hash=row["content_hash"],
                fetched_at=_dt(row["fetched_at"]),
                changed_at=_dt(row["changed_at"]) if row["changed_at"] else None,
                etag=row["etag"],
                last_modified=row["last_modified"],
                text=row["text"],
            )
            for row in rows
        }

    async def record_source_snapshots(self, snapshots: Iterable[SourceSnapshot]) -> int:
        params = [
            (
                s.url,
                s.final_url,
                s.status,
                s.content_hash,
                _ts(s.fetched_at),
                _ts(s.changed_at) if s.changed_at else None,
                s.etag,
                s.last_modified,
                s.text,
            )
            for s in snapshots
        ]
        if not params:
            return 0
        async with self._write() as tx:
            await tx.executemany(
                _RECORD_SOURCE_SNAPSHOTS_SQL,
                params,
            )
        return len(params)

    async def save_watch_report(self, record: WatchRecord) -> int:
        async with self._write() as tx:
            cursor = await tx.execute(
                _SAVE_WATCH_REPORT_SQL,
                (_ts(record.started_at), _ts(record.finished_at), record.report),
            )
            return int(cursor.lastrowid or 0)

    async def latest_watch_report(self) -> WatchRecord | None:
        row = await self._fetchone(_LATEST_WATCH_REPORT_SQL)
        if row is None:
            return None
        return WatchRecord(_dt(row["started_at"]), _dt(row["finished_at"]), row["report"], row["id"])

    async def curator_channels(self) -> dict[int, int]:
        rows = await self._fetchall(_CURATOR_CHANNELS_SQL)
        return {int(row["guild_id"]): int(row["channel_id"]) for row in rows}

    async def set_curator_channel(self, guild_id: int, channel_id: int | None) -> None:
        async with self._write() as tx:
            if channel_id is None:
                await tx.execute(_CLEAR_CURATOR_CHANNEL_SQL, (guild_id,))
            else:
                await tx.execute(
                    _SET_CURATOR_CHANNEL_SQL,
                    (guild_id, channel_id, _ts(utcnow())),
                )


def _question(row: Any) -> QuestionRecord:
    return QuestionRecord(
        question_text=row["question_text"],
        intent=row["intent"],
        state=row["state"],
        model=row["model"],
        year=row["year"],
        entry_id=row["entry_id"],
        confidence=row["confidence"],
        answered=bool(row["answered"]),
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        user_id=row["user_id"],
        asked_at=_dt(row["asked_at"]),
        id=row["id"],
    )


def _feedback(row: Any) -> Feedback:
    return Feedback(
        entry_id=row["entry_id"],
        user_id=row["user_id"],
        vote=row["vote"],
        reason=row["reason"],
        source_url=row["source_url"],
        question_id=row["question_id"],
        guild_id=row["guild_id"],
        created_at=_dt(row["created_at"]),
        id=row["id"],
    )


def _subscription(row: Any) -> Subscription:
    return Subscription(
        row["user_id"], row["entry_id"], row["channel_id"], row["thread_id"], _dt(row["created_at"])
    )


def _entry_stats(row: Any) -> EntryStats:
    return EntryStats(
        entry_id=row["entry_id"],
        hits=int(row["hits"]),
        answered=int(row["answered"]),
        helpful=int(row["helpful"]),
        not_helpful=int(row["not_helpful"]),
        outdated=int(row["outdated"]),
    )

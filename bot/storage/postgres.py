"""PostgreSQL backend (asyncpg pool), for several bot processes sharing state.

Same tables and behaviour as the SQLite backend. Every instance works in one schema (``public`` in
production; tests use a throwaway schema each), selected through the connections' ``search_path``.
The migration version lives in a one-row ``schema_version`` table; migrations run under an advisory lock so
processes starting together do not race.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import asyncpg

from bot.storage._shared import ENTRY_STATS_POSTGRES, FORGET_SQL
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

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # v1: core tables
    (
        """CREATE TABLE questions (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            question_text TEXT NOT NULL,
            intent TEXT,
            state TEXT,
            model TEXT,
            year INTEGER,
            entry_id TEXT,
            confidence DOUBLE PRECISION NOT NULL DEFAULT 0,
            answered BOOLEAN NOT NULL DEFAULT FALSE,
            guild_id BIGINT,
            channel_id BIGINT,
            user_id BIGINT,
            asked_at TIMESTAMPTZ NOT NULL
        )""",
        """CREATE TABLE feedback (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            entry_id TEXT NOT NULL,
            user_id BIGINT NOT NULL,
            vote TEXT NOT NULL CHECK (vote IN ('helpful', 'not_helpful', 'outdated')),
            reason TEXT,
            source_url TEXT,
            question_id BIGINT REFERENCES questions (id) ON DELETE SET NULL,
            guild_id BIGINT,
            created_at TIMESTAMPTZ NOT NULL
        )""",
        """CREATE TABLE profiles (
            user_id BIGINT PRIMARY KEY,
            home_state TEXT,
            model TEXT,
            year INTEGER,
            updated_at TIMESTAMPTZ NOT NULL
        )""",
        """CREATE TABLE guild_settings (
            guild_id BIGINT PRIMARY KEY,
            answer_channel_ids BIGINT[] NOT NULL DEFAULT '{}',
            forum_channel_ids BIGINT[] NOT NULL DEFAULT '{}',
            auto_answer BOOLEAN NOT NULL,
            ephemeral_default BOOLEAN NOT NULL,
            user_cooldown_seconds DOUBLE PRECISION NOT NULL,
            entry_dedupe_seconds DOUBLE PRECISION NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        )""",
        """CREATE TABLE subscriptions (
            user_id BIGINT NOT NULL,
            entry_id TEXT NOT NULL,
            channel_id BIGINT,
            thread_id BIGINT,
            created_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (user_id, entry_id)
        )""",
        """CREATE TABLE snapshots (
            entry_id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL,
            last_verified DATE NOT NULL,
            first_seen TIMESTAMPTZ NOT NULL
        )""",
    ),
    # v2: indexes for the gap report, retention, forget-user and notifications
    (
        "CREATE INDEX questions_asked_at ON questions (asked_at)",
        "CREATE INDEX questions_entry ON questions (entry_id)",
        "CREATE INDEX questions_user ON questions (user_id)",
        "CREATE INDEX feedback_entry ON feedback (entry_id, vote)",
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
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            guild_id BIGINT,
            user_id BIGINT,
            action TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            at TIMESTAMPTZ NOT NULL
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
            fetched_at TIMESTAMPTZ NOT NULL,
            changed_at TIMESTAMPTZ,
            etag TEXT,
            last_modified TEXT,
            text TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE watch_reports (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            started_at TIMESTAMPTZ NOT NULL,
            finished_at TIMESTAMPTZ NOT NULL,
            report TEXT NOT NULL
        )""",
        "CREATE INDEX watch_reports_finished ON watch_reports (finished_at)",
        """CREATE TABLE curator_channels (
            guild_id BIGINT PRIMARY KEY,
            channel_id BIGINT NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        )""",
    ),
)
LATEST_VERSION = len(MIGRATIONS)

QUESTION_COLUMNS = (
    "id, question_text, intent, state, model, year, entry_id, confidence, answered, guild_id, channel_id,"
    " user_id, asked_at"
)
FEEDBACK_COLUMNS = "id, entry_id, user_id, vote, reason, source_url, question_id, guild_id, created_at"
SUBSCRIPTION_COLUMNS = "user_id, entry_id, channel_id, thread_id, created_at"

_SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _count(status: str) -> int:
    """Rows affected, from a command status such as ``DELETE 3``."""
    try:
        return int(status.rsplit(" ", 1)[-1])
    except ValueError:
        return 0


# SQL text, kept out of the methods as data (see README, Mutation testing).
_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext($1))"
_SCHEMA_EXISTS_SQL = "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)"
_CREATE_VERSION_TABLE_SQL = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " id BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id), version INTEGER NOT NULL)"
)
_INIT_VERSION_SQL = "INSERT INTO schema_version (id, version) VALUES (TRUE, 0) ON CONFLICT DO NOTHING"
_SET_VERSION_SQL = "UPDATE schema_version SET version = $1"
_SCHEMA_VERSION_SQL = "SELECT version FROM schema_version"
_LOG_QUESTION_SQL = (
    "INSERT INTO questions (question_text, intent, state, model, year, entry_id, confidence,"
    " answered, guild_id, channel_id, user_id, asked_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id"
)
_UNANSWERED_SQL = (
    f"SELECT {QUESTION_COLUMNS} FROM questions WHERE (NOT answered OR confidence < $1)"
    " AND ($2::timestamptz IS NULL OR asked_at >= $2) AND ($4::bigint IS NULL OR guild_id = $4)"
    " ORDER BY asked_at DESC, id DESC LIMIT $3"
)
_PRUNE_QUESTIONS_BATCH_SQL = (
    "DELETE FROM questions WHERE id IN"
    " (SELECT id FROM questions WHERE asked_at < $1 ORDER BY asked_at LIMIT $2)"
)
_RECORD_FEEDBACK_SQL = (
    "INSERT INTO feedback (entry_id, user_id, vote, reason, source_url, question_id, guild_id,"
    " created_at)"
    " VALUES ($1, $2, $3, $4, $5, (SELECT id FROM questions WHERE id = $6), $7, $8)"
    " ON CONFLICT (entry_id, user_id) WHERE vote IN ('helpful', 'not_helpful') DO UPDATE SET"
    " vote = EXCLUDED.vote, reason = EXCLUDED.reason, source_url = EXCLUDED.source_url,"
    " question_id = EXCLUDED.question_id, guild_id = EXCLUDED.guild_id,"
    " created_at = EXCLUDED.created_at"
    " RETURNING id"
)
_FEEDBACK_SUMMARY_SQL = (
    "SELECT entry_id,"
    " COUNT(*) FILTER (WHERE vote = 'helpful') AS helpful,"
    " COUNT(*) FILTER (WHERE vote = 'not_helpful') AS not_helpful,"
    " COUNT(*) FILTER (WHERE vote = 'outdated') AS outdated"
    " FROM feedback WHERE ($1::text IS NULL OR entry_id = $1) GROUP BY entry_id ORDER BY entry_id"
)
_OUTDATED_REPORTS_SQL = (
    f"SELECT {FEEDBACK_COLUMNS} FROM feedback WHERE vote = 'outdated'"
    " AND ($2::bigint IS NULL OR guild_id = $2) ORDER BY created_at DESC, id DESC LIMIT $1"
)
_GET_PROFILE_SQL = "SELECT user_id, home_state, model, year FROM profiles WHERE user_id = $1"
_SET_PROFILE_SQL = (
    "INSERT INTO profiles (user_id, home_state, model, year, updated_at) VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (user_id) DO UPDATE SET home_state = EXCLUDED.home_state, model = EXCLUDED.model,"
    " year = EXCLUDED.year, updated_at = EXCLUDED.updated_at"
)
_GET_GUILD_SETTINGS_SQL = (
    "SELECT guild_id, answer_channel_ids, forum_channel_ids, auto_answer, ephemeral_default,"
    " user_cooldown_seconds, entry_dedupe_seconds FROM guild_settings WHERE guild_id = $1"
)
_SET_GUILD_SETTINGS_SQL = (
    "INSERT INTO guild_settings (guild_id, answer_channel_ids, forum_channel_ids, auto_answer,"
    " ephemeral_default, user_cooldown_seconds, entry_dedupe_seconds, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    " ON CONFLICT (guild_id) DO UPDATE SET answer_channel_ids = EXCLUDED.answer_channel_ids,"
    " forum_channel_ids = EXCLUDED.forum_channel_ids, auto_answer = EXCLUDED.auto_answer,"
    " ephemeral_default = EXCLUDED.ephemeral_default,"
    " user_cooldown_seconds = EXCLUDED.user_cooldown_seconds,"
    " entry_dedupe_seconds = EXCLUDED.entry_dedupe_seconds, updated_at = EXCLUDED.updated_at"
)
_SUBSCRIBE_SQL = (
    "INSERT INTO subscriptions (user_id, entry_id, channel_id, thread_id, created_at)"
    " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, entry_id) DO UPDATE SET"
    " channel_id = EXCLUDED.channel_id, thread_id = EXCLUDED.thread_id RETURNING (xmax = 0)"
)
_UNSUBSCRIBE_SQL = "DELETE FROM subscriptions WHERE user_id = $1 AND entry_id = $2"
_SUBSCRIBERS_SQL = (
    f"SELECT {SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE entry_id = $1 ORDER BY created_at, user_id"
)
_SUBSCRIPTIONS_SQL = (
    f"SELECT {SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE user_id = $1 ORDER BY created_at, entry_id"
)
_SNAPSHOTS_SQL = "SELECT entry_id, content_hash, last_verified, first_seen FROM snapshots"
_RECORD_SNAPSHOTS_SQL = (
    "INSERT INTO snapshots (entry_id, content_hash, last_verified, first_seen)"
    " VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (entry_id) DO UPDATE SET"
    " first_seen = CASE WHEN snapshots.content_hash = EXCLUDED.content_hash"
    " THEN snapshots.first_seen ELSE EXCLUDED.first_seen END,"
    " content_hash = EXCLUDED.content_hash, last_verified = EXCLUDED.last_verified"
)
_AUDIT_SQL = "INSERT INTO audit_log (guild_id, user_id, action, detail, at) VALUES ($1, $2, $3, $4, $5)"
_AUDIT_LOG_SQL = (
    "SELECT guild_id, user_id, action, detail, at FROM audit_log"
    " WHERE ($1::bigint IS NULL OR guild_id = $1) ORDER BY at DESC, id DESC LIMIT $2"
)
_SOURCE_SNAPSHOTS_SQL = (
    "SELECT url, final_url, status, content_hash, fetched_at, changed_at, etag, last_modified, text"
    " FROM source_snapshots"
)
_RECORD_SOURCE_SNAPSHOTS_SQL = (
    "INSERT INTO source_snapshots (url, final_url, status, content_hash, fetched_at, changed_at,"
    " etag, last_modified, text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " ON CONFLICT (url) DO UPDATE SET final_url = EXCLUDED.final_url, status = EXCLUDED.status,"
    " content_hash = EXCLUDED.content_hash, fetched_at = EXCLUDED.fetched_at,"
    " changed_at = EXCLUDED.changed_at, etag = EXCLUDED.etag,"
    " last_modified = EXCLUDED.last_modified, text = EXCLUDED.text"
)
_SAVE_WATCH_REPORT_SQL = (
    "INSERT INTO watch_reports (started_at, finished_at, report) VALUES ($1, $2, $3) RETURNING id"
)
_LATEST_WATCH_REPORT_SQL = (
    "SELECT id, started_at, finished_at, report FROM watch_reports ORDER BY finished_at DESC, id DESC LIMIT 1"
)
_CURATOR_CHANNELS_SQL = "SELECT guild_id, channel_id FROM curator_channels"
_CLEAR_CURATOR_CHANNEL_SQL = "DELETE FROM curator_channels WHERE guild_id = $1"
_SET_CURATOR_CHANNEL_SQL = (
    "INSERT INTO curator_channels (guild_id, channel_id, updated_at) VALUES ($1, $2, $3)"
    " ON CONFLICT (guild_id) DO UPDATE SET channel_id = EXCLUDED.channel_id,"
    " updated_at = EXCLUDED.updated_at"
)


class PostgresStorage(Storage):
    """PostgreSQL storage. ``schema`` must be a plain lower-case identifier; it is created if missing.

    ``connect_timeout`` bounds opening a connection and ``command_timeout`` every statement, so a query on a
    connection that went silent (failover, firewall or NAT drop) ends with an error instead of hanging;
    ``ResilientStorage`` abandons such calls sooner still, at its own per-call budget.
    """

    def __init__(
        self,
        dsn: str,
        *,
        schema: str = "public",
        min_size: int = 1,
        max_size: int = 10,
        connect_timeout: float = 5.0,
        command_timeout: float = 5.0,
        migrate_to: int | None = None,
    ) -> None:
        if not _SCHEMA_NAME.fullmatch(schema):
            raise ValueError(f"schema must match {_SCHEMA_NAME.pattern}, not {schema!r}")
        if migrate_to is not None and not 0 <= migrate_to <= LATEST_VERSION:
            raise ValueError(f"migrate_to must be 0..{LATEST_VERSION}")
        self.dsn = dsn
        self.schema = schema
        self.min_size = min_size
        self.max_size = max_size
        self.connect_timeout = connect_timeout
        self.command_timeout = command_timeout
        self.migrate_to = LATEST_VERSION if migrate_to is None else migrate_to
        self._pool: asyncpg.Pool | None = None

    def __repr__(self) -> str:
        return f"PostgresStorage(schema={self.schema!r})"  # never the DSN: it may hold a password

    # lifecycle -------------------------------------------------------------------------------------
    async def open(self) -> None:
        if self._pool is not None:
            return
        pool = await asyncpg.create_pool(
            self.dsn,
            min_size=self.min_size,
            max_size=self.max_size,
            timeout=self.connect_timeout,
            command_timeout=self.command_timeout,
            server_settings={"search_path": self.schema, "application_name": "keibot"},
        )
        try:
            await self._migrate(pool)
        except BaseException:
            pool.terminate()
            raise
        self._pool = pool

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            try:
                await asyncio.wait_for(pool.close(), timeout=10)
            except (TimeoutError, asyncpg.PostgresError, OSError):
                pool.terminate()

    def _p(self) -> asyncpg.Pool:
        if self._pool is None:
            raise StorageError(f"{self!r} is not open")
        return self._pool

    async def _lock(self, conn: asyncpg.Connection) -> None:
        await conn.execute(_LOCK_SQL, f"keibot-migrate:{self.schema}")

    async def _migrate(self, pool: asyncpg.Pool) -> None:
        async with pool.acquire() as conn:
            async with conn.transaction():
                await self._lock(conn)
                exists = await conn.fetchval(_SCHEMA_EXISTS_SQL, self.schema)
                if not exists:
                    # An identifier cannot be a parameter; the name was checked against _SCHEMA_NAME.
                    await conn.execute(f'CREATE SCHEMA "{self.schema}"')
                await conn.execute(_CREATE_VERSION_TABLE_SQL)
                await conn.execute(_INIT_VERSION_SQL)
            version = await conn.fetchval(_SCHEMA_VERSION_SQL)
            if version > LATEST_VERSION:
                raise StorageError(
                    f"schema {self.schema!r} is at v{version}, newer than this bot understands"
                    f" (v{LATEST_VERSION})"
                )
            while version < self.migrate_to:
                async with conn.transaction():
                    await self._lock(conn)
                    version = await conn.fetchval(_SCHEMA_VERSION_SQL)
                    if version >= self.migrate_to:
                        break
                    for statement in MIGRATIONS[version]:
                        await conn.execute(statement)
                    version += 1
                    await conn.execute(_SET_VERSION_SQL, version)
                log.info("postgres schema %s: migrated to v%d", self.schema, version)

    async def schema_version(self) -> int:
        return int(await self._p().fetchval(_SCHEMA_VERSION_SQL))

    # questions -------------------------------------------------------------------------------------
    async def log_question(self, record: QuestionRecord) -> int:
        return int(
            await self._p().fetchval(
                _LOG_QUESTION_SQL,
                record.question_text,
                record.intent,
                record.state,
                record.model,
                record.year,
                record.entry_id,
                record.confidence,
                record.answered,
                record.guild_id,
                record.channel_id,
                record.user_id,
                record.asked_at,
            )
        )

    async def unanswered(
        self,
        since: datetime | None = None,
        limit: int = 500,
        threshold: float = LOW_CONFIDENCE,
        *,
        guild_id: int | None = None,
    ) -> list[QuestionRecord]:
        rows = await self._p().fetch(
            _UNANSWERED_SQL,
            threshold,
            as_utc(since) if since else None,
            max(0, limit),
            guild_id,
        )
        return [QuestionRecord(**dict(row)) for row in rows]

    async def prune_questions(self, older_than_days: float) -> int:
        total = 0
        while True:
            deleted = await self.prune_questions_batch(older_than_days, PRUNE_BATCH)
            total += deleted
            if deleted < PRUNE_BATCH:
                return total

    async def prune_questions_batch(self, older_than_days: float, limit: int = PRUNE_BATCH) -> int:
        cutoff = utcnow() - timedelta(days=older_than_days)
        return _count(
            await self._p().execute(
                _PRUNE_QUESTIONS_BATCH_SQL,
                cutoff,
                max(0, limit),
            )
        )

    # feedback --------------------------------------------------------------------------------------
    async def record_feedback(self, feedback: Feedback) -> int:
        return int(
            await self._p().fetchval(
                _RECORD_FEEDBACK_SQL,
                feedback.entry_id,
                feedback.user_id,
                feedback.vote,
                feedback.reason,
                feedback.source_url,
                feedback.question_id,
                feedback.guild_id,
                feedback.created_at,
            )
        )

    async def feedback_summary(self, entry_id: str | None = None) -> dict[str, FeedbackSummary]:
        rows = await self._p().fetch(
            _FEEDBACK_SUMMARY_SQL,
            entry_id,
        )
        return {row["entry_id"]: FeedbackSummary(**dict(row)) for row in rows}

    async def outdated_reports(self, limit: int = 50, *, guild_id: int | None = None) -> list[Feedback]:
        rows = await self._p().fetch(
            _OUTDATED_REPORTS_SQL,
            max(0, limit),
            guild_id,
        )
        return [Feedback(**dict(row)) for row in rows]

    async def entry_stats(self, *, guild_id: int | None = None) -> list[EntryStats]:
        rows = await self._p().fetch(ENTRY_STATS_POSTGRES, guild_id)
        return [EntryStats(**dict(row)) for row in rows]

    # profiles --------------------------------------------------------------------------------------
    async def get_profile(self, user_id: int) -> Profile | None:
        row = await self._p().fetchrow(_GET_PROFILE_SQL, user_id)
        return Profile(**dict(row)) if row else None

    async def set_profile(self, profile: Profile) -> None:
        await self._p().execute(
            _SET_PROFILE_SQL,
            profile.user_id,
            profile.home_state,
            profile.model,
            profile.year,
            utcnow(),
        )

    async def forget_user(self, user_id: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        async with self._p().acquire() as conn, conn.transaction():
            for table, sql in FORGET_SQL.items():
                counts[table] = _count(await conn.execute(sql.replace("?", "$1"), user_id))
        return counts

    # guild settings --------------------------------------------------------------------------------
    async def get_guild_settings(self, guild_id: int) -> GuildSettings:
        row = await self._p().fetchrow(
            _GET_GUILD_SETTINGS_SQL,
            guild_id,
        )
        return GuildSettings(**dict(row)) if row else GuildSettings(guild_id)

    async def set_guild_settings(self, settings: GuildSettings) -> None:
        await self._p().execute(
            _SET_GUILD_SETTINGS_SQL,
            settings.guild_id,
            sorted(settings.answer_channel_ids),
            sorted(settings.forum_channel_ids),
            settings.auto_answer,
            settings.ephemeral_default,
            settings.user_cooldown_seconds,
            settings.entry_dedupe_seconds,
            utcnow(),
        )

    # subscriptions ---------------------------------------------------------------------------------
    async def subscribe(self, subscription: Subscription) -> bool:
        # xmax = 0 only on a freshly inserted row, so this tells a new subscription from a moved one.
        return bool(
            await self._p().fetchval(
                _SUBSCRIBE_SQL,
                subscription.user_id,
                subscription.entry_id,
                subscription.channel_id,
                subscription.thread_id,
                subscription.created_at,
            )
        )

    async def unsubscribe(self, user_id: int, entry_id: str) -> bool:
        status = await self._p().execute(_UNSUBSCRIBE_SQL, user_id, entry_id)
        return _count(status) > 0

    async def subscribers(self, entry_id: str) -> list[Subscription]:
        rows = await self._p().fetch(
            _SUBSCRIBERS_SQL,
            entry_id,
        )
        return [Subscription(**dict(row)) for row in rows]

    async def subscriptions(self, user_id: int) -> list[Subscription]:
        rows = await self._p().fetch(
            _SUBSCRIPTIONS_SQL,
            user_id,
        )
        return [Subscription(**dict(row)) for row in rows]

    # snapshots -------------------------------------------------------------------------------------
    async def snapshots(self) -> dict[str, Snapshot]:
        rows = await self._p().fetch(_SNAPSHOTS_SQL)
        return {row["entry_id"]: Snapshot(**dict(row)) for row in rows}

    async def record_snapshots(self, snapshots: Iterable[Snapshot]) -> int:
        params: list[tuple[Any, ...]] = [
            (s.entry_id, s.content_hash, s.last_verified, s.first_seen) for s in snapshots
        ]
        if not params:
            return 0
        async with self._p().acquire() as conn, conn.transaction():
            await conn.executemany(
                _RECORD_SNAPSHOTS_SQL,
                params,
            )
        return len(params)

    # audit -----------------------------------------------------------------------------------------
    async def audit(self, event: AuditEvent) -> None:
        await self._p().execute(
            _AUDIT_SQL,
            event.guild_id,
            event.user_id,
            event.action,
            event.detail,
            event.at,
        )

    async def audit_log(self, guild_id: int | None = None, limit: int = 50) -> list[AuditEvent]:
        rows = await self._p().fetch(
            _AUDIT_LOG_SQL,
            guild_id,
            max(0, limit),
        )
        return [AuditEvent(**dict(row)) for row in rows]

    # source watch ----------------------------------------------------------------------------------
    async def source_snapshots(self) -> dict[str, SourceSnapshot]:
        rows = await self._p().fetch(_SOURCE_SNAPSHOTS_SQL)
        return {row["url"]: SourceSnapshot(**dict(row)) for row in rows}

    async def record_source_snapshots(self, snapshots: Iterable[SourceSnapshot]) -> int:
        params: list[tuple[Any, ...]] = [
            (
                s.url,
                s.final_url,
                s.status,
                s.content_hash,
                s.fetched_at,
                s.changed_at,
                s.etag,
                s.last_modified,
                s.text.replace("\x00", ""),  # PostgreSQL text cannot hold NUL
            )
            for s in snapshots
        ]
        if not params:
            return 0
        async with self._p().acquire() as conn, conn.transaction():
            await conn.executemany(
                _RECORD_SOURCE_SNAPSHOTS_SQL,
                params,
            )
        return len(params)

    async def save_watch_report(self, record: WatchRecord) -> int:
        return int(
            await self._p().fetchval(
                _SAVE_WATCH_REPORT_SQL,
                record.started_at,
                record.finished_at,
                record.report.replace("\x00", ""),
            )
        )

    async def latest_watch_report(self) -> WatchRecord | None:
        row = await self._p().fetchrow(_LATEST_WATCH_REPORT_SQL)
        return None if row is None else WatchRecord(**dict(row))

    async def curator_channels(self) -> dict[int, int]:
        rows = await self._p().fetch(_CURATOR_CHANNELS_SQL)
        return {int(row["guild_id"]): int(row["channel_id"]) for row in rows}

    async def set_curator_channel(self, guild_id: int, channel_id: int | None) -> None:
        if channel_id is None:
            await self._p().execute(_CLEAR_CURATOR_CHANNEL_SQL, guild_id)
            return
        await self._p().execute(
            _SET_CURATOR_CHANNEL_SQL,
            guild_id,
            channel_id,
            utcnow(),
        )

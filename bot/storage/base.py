"""The storage interface every backend (SQLite, PostgreSQL) and the resilient wrapper implement.

The rest of the bot talks to storage only through these methods; no SQL leaves ``bot.storage``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from datetime import datetime
from types import TracebackType
from typing import Self

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

# A question logged with a confidence below this counts as unanswered for the gap report (scores are 0..1).
LOW_CONFIDENCE = 0.6

# Questions deleted per retention statement: each is short, so a big backlog never holds the database
# (or times out and rolls back) for long.
PRUNE_BATCH = 5_000

# Keys of the dict ``forget_user`` returns, one per table that holds per-user rows.
USER_TABLES = ("questions", "feedback", "profiles", "subscriptions", "audit_log")


class StorageError(Exception):
    """A backend could not be opened or used (bad path, bad DSN, schema from a newer version...)."""


class Storage(ABC):
    """Async repository. ``open()`` before use (or ``async with``), ``close()`` when done."""

    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    # lifecycle -------------------------------------------------------------------------------------
    @abstractmethod
    async def open(self) -> None:
        """Connect and bring the schema up to date (runs pending migrations)."""

    @abstractmethod
    async def close(self) -> None:
        """Release connections. Safe to call twice or on a storage that never opened."""

    async def verify(self) -> str | None:
        """Check that the storage is still the one that was opened and repair it if not (SQLite: the file
        was deleted or replaced while open, so it is reopened). Returns what was repaired, else None."""
        return None

    @abstractmethod
    async def schema_version(self) -> int:
        """The migration version the database is at."""

    # questions -------------------------------------------------------------------------------------
    @abstractmethod
    async def log_question(self, record: QuestionRecord) -> int | None:
        """Store one question; returns its id (``None`` only when a resilient wrapper dropped the write)."""

    @abstractmethod
    async def unanswered(
        self,
        since: datetime | None = None,
        limit: int = 500,
        threshold: float = LOW_CONFIDENCE,
        *,
        guild_id: int | None = None,
    ) -> list[QuestionRecord]:
        """Questions not answered outright or answered with confidence below ``threshold``, newest first.

        ``guild_id`` limits them to questions asked in that server (never DMs or other servers); None is
        bot-wide, for curators and operators only.
        """

    @abstractmethod
    async def prune_questions(self, older_than_days: float) -> int:
        """Delete questions asked more than ``older_than_days`` ago; returns how many went.

        Feedback that pointed at a pruned question is kept (its ``question_id`` becomes ``None``). Runs as
        ``prune_questions_batch`` calls until none are left, so no single statement grows with the log.
        """

    @abstractmethod
    async def prune_questions_batch(self, older_than_days: float, limit: int = PRUNE_BATCH) -> int:
        """Delete at most ``limit`` of the oldest questions asked more than ``older_than_days`` ago, in one
        short transaction; returns how many went (fewer than ``limit``: nothing older is left)."""

    # feedback --------------------------------------------------------------------------------------
    @abstractmethod
    async def record_feedback(self, feedback: Feedback) -> int | None:
        """Store a vote; returns its id.

        A user has one helpful/not-helpful opinion per entry: a new one replaces the old. "outdated"
        reports are all kept. A ``question_id`` that no longer exists is stored as ``None``.
        """

    @abstractmethod
    async def feedback_summary(self, entry_id: str | None = None) -> dict[str, FeedbackSummary]:
        """Vote counts per entry (only ``entry_id`` when given)."""

    @abstractmethod
    async def outdated_reports(self, limit: int = 50, *, guild_id: int | None = None) -> list[Feedback]:
        """Votes of kind "outdated" (reports to curators), newest first; only that server's with ``guild_id``."""

    @abstractmethod
    async def entry_stats(self, *, guild_id: int | None = None) -> list[EntryStats]:
        """Per-entry hits, answered count and votes, most hits first; only that server's with ``guild_id``."""

    # profiles --------------------------------------------------------------------------------------
    @abstractmethod
    async def get_profile(self, user_id: int) -> Profile | None: ...

    @abstractmethod
    async def set_profile(self, profile: Profile) -> bool | None:
        """Create or replace the user's profile. Backends return None (a failure raises); the resilient
        wrapper returns True when saved and False when it dropped the write."""

    @abstractmethod
    async def forget_user(self, user_id: int) -> dict[str, int]:
        """Delete every row about the user from every table; returns rows deleted per ``USER_TABLES`` name."""

    # guild settings --------------------------------------------------------------------------------
    @abstractmethod
    async def get_guild_settings(self, guild_id: int) -> GuildSettings:
        """The guild's settings, or ``GuildSettings(guild_id)`` defaults when none were saved."""

    @abstractmethod
    async def set_guild_settings(self, settings: GuildSettings) -> bool | None:
        """Create or replace the guild's settings; returns like ``set_profile``."""

    # subscriptions ---------------------------------------------------------------------------------
    @abstractmethod
    async def subscribe(self, subscription: Subscription) -> bool:
        """Subscribe (or move the user's subscription to a new channel); True if it is new."""

    @abstractmethod
    async def unsubscribe(self, user_id: int, entry_id: str) -> bool:
        """True if there was a subscription to remove."""

    @abstractmethod
    async def subscribers(self, entry_id: str) -> list[Subscription]: ...

    @abstractmethod
    async def subscriptions(self, user_id: int) -> list[Subscription]: ...

    # snapshots -------------------------------------------------------------------------------------
    @abstractmethod
    async def snapshots(self) -> dict[str, Snapshot]:
        """The last recorded snapshot of every entry, by entry id."""

    @abstractmethod
    async def record_snapshots(self, snapshots: Iterable[Snapshot]) -> int:
        """Upsert snapshots; an unchanged hash keeps its ``first_seen``. Returns how many were written."""

    # source watch ----------------------------------------------------------------------------------
    @abstractmethod
    async def source_snapshots(self) -> dict[str, SourceSnapshot]:
        """The last snapshot of every watched source URL, by URL."""

    @abstractmethod
    async def record_source_snapshots(self, snapshots: Iterable[SourceSnapshot]) -> int:
        """Upsert source snapshots (by URL); returns how many were written."""

    @abstractmethod
    async def save_watch_report(self, record: WatchRecord) -> int | None:
        """Store a finished watch run; returns its id."""

    @abstractmethod
    async def latest_watch_report(self) -> WatchRecord | None:
        """The most recently finished watch run, or None."""

    @abstractmethod
    async def curator_channels(self) -> dict[int, int]:
        """Channel the watch digest goes to, by guild id (only guilds that set one)."""

    @abstractmethod
    async def set_curator_channel(self, guild_id: int, channel_id: int | None) -> bool | None:
        """Set (or with None clear) the guild's curator channel; returns like ``set_profile``."""

    # audit -----------------------------------------------------------------------------------------
    @abstractmethod
    async def audit(self, event: AuditEvent) -> None: ...

    @abstractmethod
    async def audit_log(self, guild_id: int | None = None, limit: int = 50) -> list[AuditEvent]:
        """Newest first; ``guild_id`` None means every guild (and command-line actions)."""

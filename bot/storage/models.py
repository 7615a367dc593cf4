"""Plain, frozen records that go in and out of storage. No I/O, no Discord.

Times are always timezone-aware UTC (naive datetimes are taken to be UTC). Discord ids are ``int``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Literal, get_args

Vote = Literal["helpful", "not_helpful", "outdated"]
VOTES: frozenset[str] = frozenset(get_args(Vote))

MAX_TEXT_CHARS = 2000  # stored question text and free-text reasons are cut to this
MAX_URL_CHARS = 2000

_SPACES = re.compile(r"\s+")


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Aware UTC datetime; a naive one is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def normalise_question(text: str) -> str:
    """What is stored for a question: NFKC, control characters dropped, whitespace collapsed, case-folded.

    Deliberately close to ``bot.core.text.normalise`` but self-contained, so storage has no core dependency.
    """
    text = unicodedata.normalize("NFKC", text[: MAX_TEXT_CHARS * 2])
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") else ch for ch in text
    )  # line and paragraph separators (Zl, Zp) are whitespace to _SPACES
    return _SPACES.sub(" ", text).casefold().replace("’", "'").strip()[:MAX_TEXT_CHARS].rstrip()


def _clip(text: str | None, limit: int = MAX_TEXT_CHARS) -> str | None:
    if text is None:
        return None
    text = text.strip()
    return text[:limit] or None


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    """One question the bot saw and what it did with it. ``id`` is set on records read back."""

    question_text: str
    intent: str | None = None
    state: str | None = None
    model: str | None = None
    year: int | None = None
    entry_id: str | None = None
    confidence: float = 0.0
    answered: bool = False
    guild_id: int | None = None
    channel_id: int | None = None
    user_id: int | None = None
    asked_at: datetime = field(default_factory=utcnow)
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "question_text", normalise_question(self.question_text))
        object.__setattr__(self, "confidence", float(self.confidence))
        object.__setattr__(self, "answered", bool(self.answered))
        object.__setattr__(self, "asked_at", as_utc(self.asked_at))


@dataclass(frozen=True, slots=True)
class Feedback:
    """A vote on an answer. ``outdated`` is a report to curators and may carry a reason and a source."""

    entry_id: str
    user_id: int
    vote: Vote
    reason: str | None = None
    source_url: str | None = None
    question_id: int | None = None
    guild_id: int | None = None
    created_at: datetime = field(default_factory=utcnow)
    id: int | None = None

    def __post_init__(self) -> None:
        if self.vote not in VOTES:
            raise ValueError(f"vote must be one of {sorted(VOTES)}, not {self.vote!r}")
        object.__setattr__(self, "reason", _clip(self.reason))
        object.__setattr__(self, "source_url", _clip(self.source_url, MAX_URL_CHARS))
        object.__setattr__(self, "created_at", as_utc(self.created_at))


@dataclass(frozen=True, slots=True)
class FeedbackSummary:
    entry_id: str
    helpful: int = 0
    not_helpful: int = 0
    outdated: int = 0


@dataclass(frozen=True, slots=True)
class EntryStats:
    """How one knowledge entry is doing.

    ``hits``: questions whose best match was this entry; ``answered``: of those, answered outright.
    ``miss_rate``: share of hits that were *not* answered outright (0.0 with no hits).
    """

    entry_id: str
    hits: int = 0
    answered: int = 0
    helpful: int = 0
    not_helpful: int = 0
    outdated: int = 0

    @property
    def miss_rate(self) -> float:
        return (self.hits - self.answered) / self.hits if self.hits else 0.0

    @property
    def not_helpful_rate(self) -> float:
        votes = self.helpful + self.not_helpful
        return self.not_helpful / votes if votes else 0.0


@dataclass(frozen=True, slots=True)
class Profile:
    user_id: int
    home_state: str | None = None
    model: str | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class GuildSettings:
    """Per-guild switches. A guild that never saved settings gets exactly these defaults."""

    guild_id: int
    answer_channel_ids: frozenset[int] = frozenset()
    forum_channel_ids: frozenset[int] = frozenset()
    auto_answer: bool = True
    ephemeral_default: bool = True
    user_cooldown_seconds: float = 5.0
    entry_dedupe_seconds: float = 60.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "answer_channel_ids", frozenset(int(c) for c in self.answer_channel_ids))
        object.__setattr__(self, "forum_channel_ids", frozenset(int(c) for c in self.forum_channel_ids))
        for name in ("user_cooldown_seconds", "entry_dedupe_seconds"):
            value = float(getattr(self, name))
            if not value >= 0:  # also rejects NaN
                raise ValueError(f"{name} must be >= 0, not {value!r}")
            object.__setattr__(self, name, value)


@dataclass(frozen=True, slots=True)
class Subscription:
    """A "notify me if this answer changes" request. ``channel_id`` None means by DM."""

    user_id: int
    entry_id: str
    channel_id: int | None = None
    thread_id: int | None = None
    created_at: datetime = field(default_factory=utcnow)

    def __post_init__(self) -> None:
        object.__setattr__(self, "created_at", as_utc(self.created_at))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What an entry looked like at the last reload.

    ``first_seen`` is when this ``content_hash`` was first recorded for the entry; it moves when the hash
    changes.
    """

    entry_id: str
    content_hash: str
    last_verified: date
    first_seen: datetime = field(default_factory=utcnow)

    def __post_init__(self) -> None:
        if isinstance(self.last_verified, datetime):
            object.__setattr__(self, "last_verified", self.last_verified.date())
        object.__setattr__(self, "first_seen", as_utc(self.first_seen))


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """An admin action. ``guild_id`` None for actions outside a guild (the command line)."""

    guild_id: int | None
    user_id: int | None
    action: str
    detail: str = ""
    at: datetime = field(default_factory=utcnow)

    def __post_init__(self) -> None:
        object.__setattr__(self, "detail", (self.detail or "")[:MAX_TEXT_CHARS])
        object.__setattr__(self, "at", as_utc(self.at))

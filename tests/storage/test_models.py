"""The records: normalisation, validation, UTC times, defaults."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.storage.models import (
    MAX_TEXT_CHARS,
    AuditEvent,
    EntryStats,
    Feedback,
    GuildSettings,
    QuestionRecord,
    Snapshot,
    Subscription,
    normalise_question,
)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("  Is my  Carry LEGAL?  ", "is my carry legal?"),
        ("ＨＡ４ Ａｃｔｙ", "ha4 acty"),  # full-width to ASCII
        ("clutch\u200bkit\x00 now", "clutch kit now"),  # zero-width and control characters
        ("Carry’s belt", "carry's belt"),
        ("軽トラ 車検", "軽トラ 車検"),
    ],
)
def test_question_text_is_normalised(raw: str, stored: str) -> None:
    assert QuestionRecord(raw).question_text == stored


def test_normalising_a_long_question_cuts_it_cleanly() -> None:
    text = normalise_question("Straße  ＨＡ４ " * 400)
    assert len(text) <= MAX_TEXT_CHARS and text == text.strip()
    assert normalise_question(text) == text


@given(st.text(max_size=300))
def test_normalising_twice_changes_nothing(raw: str) -> None:
    once = normalise_question(raw)
    assert normalise_question(once) == once


def test_times_become_aware_utc() -> None:
    eastern = timezone(timedelta(hours=-5))
    record = QuestionRecord("x", asked_at=datetime(2026, 1, 1, 7, tzinfo=eastern))
    assert record.asked_at == datetime(2026, 1, 1, 12, tzinfo=UTC) and record.asked_at.tzinfo is UTC
    assert QuestionRecord("x", asked_at=datetime(2026, 1, 1)).asked_at.tzinfo is UTC
    assert Feedback("e", 1, "helpful", created_at=datetime(2026, 1, 1)).created_at.tzinfo is UTC
    assert Subscription(1, "e").created_at.tzinfo is UTC
    assert AuditEvent(1, 1, "x", at=datetime(2026, 1, 1)).at.tzinfo is UTC
    assert Snapshot("e", "h", date(2026, 1, 1), datetime(2026, 1, 1)).first_seen.tzinfo is UTC


def test_feedback_rejects_unknown_votes_and_trims_text() -> None:
    with pytest.raises(ValueError, match="vote"):
        Feedback("e", 1, "meh")  # type: ignore[arg-type]
    fb = Feedback("e", 1, "outdated", reason="  " + "r" * 5000, source_url="   ")
    assert fb.reason is not None and len(fb.reason) == MAX_TEXT_CHARS
    assert fb.source_url is None


def test_guild_settings_defaults_and_validation() -> None:
    settings = GuildSettings(1, answer_channel_ids=[3, 2, 3])  # type: ignore[arg-type]
    assert settings.answer_channel_ids == frozenset({2, 3})
    assert settings.forum_channel_ids == frozenset()
    assert settings.auto_answer and settings.ephemeral_default
    assert settings.user_cooldown_seconds > 0 and settings.entry_dedupe_seconds >= 60
    with pytest.raises(ValueError):
        GuildSettings(1, user_cooldown_seconds=-1)
    with pytest.raises(ValueError):
        GuildSettings(1, entry_dedupe_seconds=float("nan"))


def test_records_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        QuestionRecord("x").answered = True  # type: ignore[misc]


def test_snapshot_last_verified_is_a_date() -> None:
    assert Snapshot("e", "h", datetime(2026, 3, 4, 5, 6)).last_verified == date(2026, 3, 4)  # type: ignore[arg-type]


def test_entry_stats_rates() -> None:
    assert EntryStats("e").miss_rate == 0.0 and EntryStats("e").not_helpful_rate == 0.0
    stats = EntryStats("e", hits=10, answered=7, helpful=3, not_helpful=1)
    assert stats.miss_rate == pytest.approx(0.3) and stats.not_helpful_rate == pytest.approx(0.25)


def test_feedback_source_url_is_cut_and_audit_detail_defaults_to_empty() -> None:
    url = "https://example.gov/" + "a" * 3000
    assert Feedback("e", 1, "outdated", source_url=url).source_url == url[:2000]
    assert AuditEvent(1, 1, "settings").detail == ""
    assert AuditEvent(1, 1, "settings", None).detail == ""  # type: ignore[arg-type]
    assert AuditEvent(1, 1, "settings", "auto_answer off").detail == "auto_answer off"
    assert len(AuditEvent(1, 1, "settings", "d" * 3000).detail) == MAX_TEXT_CHARS

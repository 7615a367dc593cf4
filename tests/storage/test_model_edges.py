"""The records' edges: each kind of invisible character a stored question drops, the cut before normalising,
the types each record coerces to, the settings' refusals, and the source-watch records."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from bot.storage.models import (
    MAX_TEXT_CHARS,
    EntryStats,
    GuildSettings,
    QuestionRecord,
    Snapshot,
    as_utc,
    normalise_question,
    utcnow,
)
from bot.storage.watch_models import MAX_SNAPSHOT_TEXT, SourceSnapshot, WatchRecord

EASTERN = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(
    ("char", "category"),
    [
        ("\x07", "Cc"),  # bell
        ("\u200b", "Cf"),  # zero-width space
        ("\u2028", "Zl"),  # line separator
        ("\u2029", "Zp"),  # paragraph separator
        ("\ud800", "Cs"),  # a lone surrogate
        ("\ue000", "Co"),  # private use
    ],
)
def test_each_invisible_kind_of_character_becomes_a_space(char: str, category: str) -> None:
    assert normalise_question(f"clutch{char}kit") == "clutch kit", category


def test_the_text_is_cut_before_and_after_normalising() -> None:
    spaced = " " * (MAX_TEXT_CHARS * 2 - 1) + "a" + "b" * 10
    assert normalise_question(spaced) == "a"  # read only the first 4,000 characters
    long = "word " * 1000
    assert normalise_question(long) == ("word " * 400).strip()
    assert len(normalise_question("x" * 5000)) == MAX_TEXT_CHARS
    assert normalise_question("  Carry’s ") == "carry's"


def test_question_record_coerces_its_fields() -> None:
    record = QuestionRecord(
        "  HI  ", confidence=1, answered=1, asked_at=datetime(2026, 1, 1, 7, tzinfo=EASTERN)
    )
    assert record.question_text == "hi"
    assert record.confidence == 1.0 and type(record.confidence) is float
    assert record.answered is True
    assert record.asked_at == datetime(2026, 1, 1, 12, tzinfo=UTC) and record.asked_at.tzinfo is UTC
    assert QuestionRecord("x", answered=0).answered is False


def test_utcnow_is_aware_utc() -> None:
    now = utcnow()
    assert now.tzinfo is UTC and abs(now - datetime.now(UTC)) < timedelta(seconds=5)


def test_as_utc() -> None:
    naive = datetime(2026, 1, 1, 7)
    assert as_utc(naive) == datetime(2026, 1, 1, 7, tzinfo=UTC)
    assert as_utc(datetime(2026, 1, 1, 7, tzinfo=EASTERN)).hour == 12


def test_guild_settings_coerce_and_refuse() -> None:
    settings = GuildSettings(
        1, answer_channel_ids=["5", 6], forum_channel_ids=("7",), user_cooldown_seconds="2",  # type: ignore[arg-type]
        entry_dedupe_seconds=0,
    )  # fmt: skip
    assert settings.answer_channel_ids == frozenset({5, 6}) and settings.forum_channel_ids == frozenset({7})
    assert settings.user_cooldown_seconds == 2.0 and type(settings.user_cooldown_seconds) is float
    assert settings.entry_dedupe_seconds == 0.0 and type(settings.entry_dedupe_seconds) is float
    assert (GuildSettings(1).user_cooldown_seconds, GuildSettings(1).entry_dedupe_seconds) == (5.0, 60.0)
    assert (GuildSettings(1).auto_answer, GuildSettings(1).ephemeral_default) == (True, True)
    for name in ("user_cooldown_seconds", "entry_dedupe_seconds"):
        with pytest.raises(ValueError) as raised:
            GuildSettings(1, **{name: -1})
        assert str(raised.value) == f"{name} must be >= 0, not -1.0"
        with pytest.raises(ValueError) as raised:
            GuildSettings(1, **{name: math.nan})
        assert str(raised.value) == f"{name} must be >= 0, not nan"
        assert getattr(GuildSettings(1, **{name: 0.5}), name) == 0.5


def test_snapshot_keeps_a_date_and_an_aware_first_seen() -> None:
    snapshot = Snapshot("e", "h", datetime(2026, 3, 4, 23, 0), datetime(2026, 1, 1, 7, tzinfo=EASTERN))
    assert snapshot.last_verified == date(2026, 3, 4) and type(snapshot.last_verified) is date
    assert snapshot.first_seen == datetime(2026, 1, 1, 12, tzinfo=UTC) and snapshot.first_seen.tzinfo is UTC


def test_entry_stats_rates_edges() -> None:
    assert EntryStats("e", hits=4, answered=1).miss_rate == 0.75
    assert EntryStats("e", hits=0, answered=0).miss_rate == 0.0
    assert EntryStats("e", helpful=1, not_helpful=3).not_helpful_rate == 0.75
    assert EntryStats("e").not_helpful_rate == 0.0


def test_source_snapshot_coerces_its_fields() -> None:
    snap = SourceSnapshot(
        "u", "u", "200", "h", datetime(2026, 1, 1, 7), datetime(2026, 1, 2, 7, tzinfo=EASTERN),  # type: ignore[arg-type]
        text="t" * (MAX_SNAPSHOT_TEXT + 5),
    )  # fmt: skip
    assert snap.status == 200 and type(snap.status) is int
    assert snap.fetched_at == datetime(2026, 1, 1, 7, tzinfo=UTC) and snap.fetched_at.tzinfo is UTC
    assert snap.changed_at == datetime(2026, 1, 2, 12, tzinfo=UTC) and snap.changed_at.tzinfo is UTC
    assert len(snap.text) == MAX_SNAPSHOT_TEXT
    bare = SourceSnapshot("u", "u", 404, "", text=None)  # type: ignore[arg-type]
    assert bare.text == "" and bare.changed_at is None and bare.etag is None and bare.last_modified is None


def test_watch_record_times_are_aware_utc() -> None:
    record = WatchRecord(datetime(2026, 1, 1, 7), datetime(2026, 1, 1, 8, tzinfo=EASTERN), "{}")
    assert record.started_at == datetime(2026, 1, 1, 7, tzinfo=UTC) and record.started_at.tzinfo is UTC
    assert record.finished_at == datetime(2026, 1, 1, 13, tzinfo=UTC) and record.finished_at.tzinfo is UTC
    assert record.id is None

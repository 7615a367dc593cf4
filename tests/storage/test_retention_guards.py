"""Guards on the question log's retention and on what counts as a low-confidence answer, on both backends.

Each test fails when one rule breaks: the retention cutoff is exactly ``older_than_days`` ago (not half, not
scaled), and ``unanswered()`` by default lists answers below ``LOW_CONFIDENCE`` (0.6) and no others.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.storage import LOW_CONFIDENCE
from bot.storage.base import Storage
from bot.storage.models import QuestionRecord, utcnow

NOW = utcnow().replace(microsecond=0)
HOUR = timedelta(hours=1)


async def log_ages(storage: Storage, ages: dict[str, timedelta]) -> None:
    for text, age in ages.items():
        await storage.log_question(QuestionRecord(text, asked_at=NOW - age))


async def remaining(storage: Storage) -> set[str]:
    return {r.question_text for r in await storage.unanswered(threshold=2.0, limit=1000)}


@pytest.mark.parametrize("days", [1, 7, 30, 180, 400])
async def test_the_cutoff_is_exactly_the_retention_period(storage: Storage, days: int) -> None:
    period = timedelta(days=days)
    await log_ages(
        storage,
        {
            "just inside": period - HOUR,
            "half way": period / 2,
            "just outside": period + HOUR,
            "twice as old": 2 * period,
            "today": timedelta(minutes=5),
        },
    )
    assert await storage.prune_questions(days) == 2
    assert await remaining(storage) == {"just inside", "half way", "today"}


async def test_fractional_days_are_honoured(storage: Storage) -> None:
    await log_ages(storage, {"eleven hours": 11 * HOUR, "thirteen hours": 13 * HOUR})
    assert await storage.prune_questions(0.5) == 1
    assert await remaining(storage) == {"eleven hours"}


async def test_a_zero_day_retention_removes_everything_already_asked(storage: Storage) -> None:
    await log_ages(storage, {"a minute ago": timedelta(minutes=1), "a year ago": timedelta(days=365)})
    assert await storage.prune_questions(0) == 2
    assert await remaining(storage) == set()


async def test_low_confidence_is_below_six_tenths(storage: Storage) -> None:
    assert LOW_CONFIDENCE == 0.6
    for text, confidence in [("0.59", 0.59), ("0.6", 0.6), ("0.61", 0.61), ("0.45", 0.45), ("0.9", 0.9)]:
        await storage.log_question(QuestionRecord(text, answered=True, confidence=confidence, asked_at=NOW))
    await storage.log_question(QuestionRecord("declined", answered=False, confidence=0.95, asked_at=NOW))
    listed = {r.question_text for r in await storage.unanswered()}
    assert listed == {"0.59", "0.45", "declined"}

"""Issue 12 #3: the bot's retention pass deletes in short batches with pauses and reports progress."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

import bot.adapter.client as client_module
from bot.adapter.client import KeiBot
from bot.storage import QuestionRecord
from tests.adapter.discord_harness import Harness


async def test_retention_runs_in_batches_and_logs_progress(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(client_module, "PRUNE_BATCH", 10)
    monkeypatch.setattr(client_module, "PRUNE_PAUSE_SECONDS", 0)
    monkeypatch.setattr(client_module, "PRUNE_PROGRESS_EVERY", 2)
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=bot.settings.question_retention_days + 5)
    for i in range(35):
        await bot.storage.log_question(QuestionRecord(f"old {i}", asked_at=old))
    await bot.storage.log_question(QuestionRecord("recent"))
    limits: list[int] = []
    original = bot.storage.prune_questions_batch

    async def counting(days: float, limit: int) -> int | None:
        limits.append(limit)
        return await original(days, limit)

    monkeypatch.setattr(bot.storage, "prune_questions_batch", counting)
    caplog.set_level(logging.INFO, logger="bot.adapter.client")
    assert await bot.prune_old_questions() == 35
    assert limits == [10, 10, 10, 10]
    messages = [r.getMessage() for r in caplog.records]
    assert any("so far" in m for m in messages)
    assert any("pruned 35 logged question(s)" in m and "4 batch(es)" in m for m in messages)
    assert [r.question_text for r in await bot.storage.unanswered(threshold=2.0)] == ["recent"]


async def test_a_failed_batch_stops_the_pass_and_keeps_what_went(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_module, "PRUNE_BATCH", 10)
    monkeypatch.setattr(client_module, "PRUNE_PAUSE_SECONDS", 0)
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=bot.settings.question_retention_days + 5)
    for i in range(25):
        await bot.storage.log_question(QuestionRecord(f"old {i}", asked_at=old))
    results = iter([10, None])
    monkeypatch.setattr(bot.storage, "prune_questions_batch", lambda days, limit: _const(next(results)))
    assert await bot.prune_old_questions() == 10


async def _const(value: int | None) -> int | None:
    return value

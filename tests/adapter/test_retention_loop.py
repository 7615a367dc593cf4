"""The bot's daily retention loop really prunes the question log, with the configured number of days."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

import bot.adapter.client as client_module
from bot.adapter.client import create_bot
from bot.config import Settings
from bot.core.service import KnowledgeService
from bot.storage import QuestionRecord, Storage
from tests.adapter.conftest import FakeClock
from tests.adapter.discord_harness import Harness

StartBot = Callable[..., Awaitable[Harness]]


@pytest.fixture
async def start_bot(
    settings: Settings, service: KnowledgeService, storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[StartBot]:
    started: list[Harness] = []

    async def start(**changes: object) -> Harness:
        clock = FakeClock()
        bot = create_bot(
            dataclasses.replace(settings, **changes),
            service,
            storage,
            clock=clock.now,
            monotonic=clock.monotonic,
        )
        harness = Harness(bot, monkeypatch)
        await harness.start()
        started.append(harness)
        return harness

    yield start
    for harness in started:
        await harness.close()


async def log(storage: Storage, text: str, days_ago: float) -> None:
    now = dt.datetime.now(dt.UTC)
    await storage.log_question(QuestionRecord(text, asked_at=now - dt.timedelta(days=days_ago)))


async def logged(storage: Storage) -> set[str]:
    return {r.question_text for r in await storage.unanswered(threshold=2.0, limit=1000)}


async def eventually(condition: Callable[[], Awaitable[bool]], seconds: float = 5.0) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        if await condition():
            return True
        await asyncio.sleep(0.02)
    return await condition()


async def test_the_loop_prunes_at_start_with_the_configured_days(
    start_bot: StartBot, storage: Storage
) -> None:
    await storage.open()
    await log(storage, "eleven days old", 11)
    await log(storage, "nine days old", 9)
    await log(storage, "two hundred days old", 200)
    await start_bot(question_retention_days=10)
    assert await eventually(lambda: _equals(storage, {"nine days old"}))


async def test_the_loop_keeps_pruning_every_interval(
    start_bot: StartBot, storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_module, "RETENTION_INTERVAL_SECONDS", 0.05)
    harness = await start_bot(question_retention_days=30)
    task = harness.bot._retention_task
    assert task is not None and not task.done()
    await log(storage, "asked long ago", 40)  # logged after the first pass
    await log(storage, "recent", 1)
    assert await eventually(lambda: _equals(storage, {"recent"}))
    assert not task.done(), "the loop survives its passes"


async def test_only_the_notifying_process_runs_the_loop(start_bot: StartBot, storage: Storage) -> None:
    await storage.open()
    await log(storage, "old", 400)
    harness = await start_bot(shard_count=2, shard_ids=(1,))
    assert getattr(harness.bot, "_retention_task", None) is None
    await asyncio.sleep(0.1)
    assert await logged(storage) == {"old"}


async def test_prune_old_questions_uses_the_configured_days(start_bot: StartBot, storage: Storage) -> None:
    harness = await start_bot(question_retention_days=7)
    await asyncio.sleep(0.05)  # let the start-up pass (nothing to prune yet) finish
    await log(storage, "eight days", 8)
    await log(storage, "six days", 6)
    assert await harness.bot.prune_old_questions() == 1
    assert await logged(storage) == {"six days"}


async def _equals(storage: Storage, expected: set[str]) -> bool:
    return await logged(storage) == expected

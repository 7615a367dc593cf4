"""Two bot processes (two shard ranges) on one PostgreSQL database share profiles, settings and subscriptions.

Both bots run in this test process, each with its own PostgresStorage pool, as two processes would.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import pytest

from bot.adapter.client import create_bot
from bot.config import Settings
from bot.core.service import KnowledgeService
from bot.storage import Subscription
from bot.storage.postgres import PostgresStorage
from bot.storage.resilient import ResilientStorage
from tests.adapter.conftest import ALICE, OTHER_CHANNEL, FakeClock
from tests.adapter.discord_harness import Harness
from tests.storage.conftest import PG_DSN, pg_schema  # noqa: F401  (fixture)

pytestmark = pytest.mark.postgres

SHARD_COUNT = 4
# Discord routes a guild to shard (guild_id >> 22) % shard_count: one guild for each process.
GUILD_ON_SHARD_0 = 700_000_000_004_194_305
GUILD_ON_SHARD_2 = 700_000_000_012_582_913


@pytest.fixture
async def two_bots(
    settings: Settings,
    service: KnowledgeService,
    pg_schema: str,  # noqa: F811  (the storage suite's fixture, imported above)
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[tuple[Harness, Harness]]:
    harnesses = []
    for shard_ids, guild in (((0, 1), GUILD_ON_SHARD_0), ((2, 3), GUILD_ON_SHARD_2)):
        assert (guild >> 22) % SHARD_COUNT == shard_ids[0]
        storage = ResilientStorage(PostgresStorage(PG_DSN, schema=pg_schema, max_size=2))
        shard_settings = dataclasses.replace(settings, shard_count=SHARD_COUNT, shard_ids=shard_ids)
        clock = FakeClock()
        bot = create_bot(shard_settings, service, storage, clock=clock.now, monotonic=clock.monotonic)
        harness = Harness(bot, monkeypatch)
        await harness.start()
        harness.add_guild(guild, text_channels=[OTHER_CHANNEL])
        harnesses.append(harness)
    # The HTTP capture is installed on discord.py's shared webhook adapter, so the last harness started
    # records what both bots send: let both read the same recorder.
    harnesses[0].recorder = harnesses[1].recorder
    yield harnesses[0], harnesses[1]
    for harness in harnesses:
        await harness.close()


async def ask(h: Harness, guild: int, command: str, **options: object) -> object:
    h.recorder.clear()
    await h.dispatch(h.slash(command, user_id=ALICE, guild_id=guild, channel_id=OTHER_CHANNEL, **options))
    return h.recorder.last()


async def test_a_profile_saved_through_one_process_fills_answers_in_the_other(
    two_bots: tuple[Harness, Harness],
) -> None:
    first, second = two_bots
    assert first.bot.shard_ids == [0, 1] and second.bot.shard_ids == [2, 3]
    await ask(first, GUILD_ON_SHARD_0, "profile set", home_state="PA")
    answer = await ask(second, GUILD_ON_SHARD_2, "ask", question="is it legal in my state?")
    assert answer.embeds[0]["title"].startswith("Pennsylvania")


async def test_settings_and_subscriptions_are_shared(two_bots: tuple[Harness, Harness]) -> None:
    first, second = two_bots
    await ask(first, GUILD_ON_SHARD_0, "profile set", home_state="TX")  # (warms both pools up)
    settings = await first.bot.storage.get_guild_settings(GUILD_ON_SHARD_0)
    await first.bot.storage.set_guild_settings(dataclasses.replace(settings, auto_answer=False))
    assert (await second.bot.storage.get_guild_settings(GUILD_ON_SHARD_0)).auto_answer is False
    assert await second.bot.storage.subscribe(Subscription(ALICE, "state-tx", channel_id=None))
    assert [s.user_id for s in await first.bot.storage.subscribers("state-tx")] == [ALICE]
    assert first.bot.sends_notifications and not second.bot.sends_notifications

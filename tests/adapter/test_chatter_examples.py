"""Issue 12 #8, with the issue's own examples: in an answer channel, chatter gets no reply and is not written
to the question log, and "can someone help me move a couch" is not taken for the Daihatsu Move."""

from __future__ import annotations

import pytest

from bot.adapter.client import KeiBot
from bot.storage import GuildSettings
from tests.adapter.conftest import ALICE, ANSWER_CHANNEL, GUILD
from tests.adapter.discord_harness import Harness

CHATTER = ["lol", "thanks!", "good morning everyone", "can someone help me move a couch"]


@pytest.fixture
async def configured(bot: KeiBot) -> KeiBot:
    await bot.save_guild_settings(
        GuildSettings(
            GUILD,
            answer_channel_ids=frozenset({ANSWER_CHANNEL}),
            user_cooldown_seconds=0,
            entry_dedupe_seconds=0,
        )
    )
    return bot


@pytest.mark.parametrize("chat", CHATTER)
async def test_chatter_in_an_answer_channel_is_left_alone(
    harness: Harness, configured: KeiBot, chat: str
) -> None:
    harness.recorder.clear()
    await harness.message(chat, user_id=ALICE, channel_id=ANSWER_CHANNEL, guild_id=GUILD)
    assert harness.recorder.channel_messages() == [], chat
    assert await configured.storage.unanswered(threshold=2.0) == []


async def test_a_real_question_in_the_same_channel_is_still_answered(
    harness: Harness, configured: KeiBot
) -> None:
    harness.recorder.clear()
    await harness.message("is it legal in texas?", user_id=ALICE, channel_id=ANSWER_CHANNEL, guild_id=GUILD)
    (reply,) = harness.recorder.channel_messages()
    assert reply.embeds[0]["title"].startswith("Texas")

"""Plain-message modes, with real Message objects built by the connection state from MESSAGE_CREATE."""

from __future__ import annotations

import dataclasses

import pytest

from bot.adapter.client import KeiBot
from bot.storage import GuildSettings
from tests.adapter.conftest import ALICE, ANSWER_CHANNEL, BOB, FORUM, GUILD, OTHER_CHANNEL, FakeClock
from tests.adapter.discord_harness import BOT_ID, Harness, Sent, snowflake

NO_PINGS = {"parse": [], "replied_user": False}


@pytest.fixture
async def configured(bot: KeiBot) -> KeiBot:
    await bot.save_guild_settings(
        GuildSettings(
            GUILD,
            answer_channel_ids=frozenset({ANSWER_CHANNEL}),
            forum_channel_ids=frozenset({FORUM}),
            user_cooldown_seconds=0,
            entry_dedupe_seconds=0,
        )
    )
    return bot


async def say(
    h: Harness,
    content: str,
    *,
    user: int = ALICE,
    channel: int = ANSWER_CHANNEL,
    guild: int | None = GUILD,
    **kwargs: object,
) -> list[Sent]:
    h.recorder.clear()
    await h.message(content, user_id=user, channel_id=channel, guild_id=guild, **kwargs)
    return h.recorder.channel_messages()


async def test_answers_in_a_configured_answer_channel_as_a_reply(
    harness: Harness, configured: KeiBot
) -> None:
    data_before = len(await configured.storage.unanswered(threshold=2.0))
    (reply,) = await say(harness, "is it legal in texas?")
    assert reply.url.endswith(f"/channels/{ANSWER_CHANNEL}/messages")
    assert reply.allowed_mentions == NO_PINGS
    assert int(reply.payload["message_reference"]["channel_id"]) == ANSWER_CHANNEL
    assert reply.embeds[0]["title"].startswith("Texas")
    assert "kb:vote:up:state-tx" in reply.custom_ids
    logged = await configured.storage.unanswered(threshold=2.0)  # threshold above 1: every question
    assert len(logged) == data_before + 1 and logged[0].answered and logged[0].entry_id == "state-tx"


async def test_ignores_other_channels_bots_webhooks_and_itself(harness: Harness, configured: KeiBot) -> None:
    assert await say(harness, "is it legal in texas?", channel=OTHER_CHANNEL) == []
    assert await say(harness, "is it legal in texas?", user=snowflake(), bot_author=True) == []
    assert await say(harness, "is it legal in texas?", webhook=True) == []
    assert await say(harness, "is it legal in texas?", user=BOT_ID, bot_author=True) == []
    assert await configured.storage.unanswered(threshold=2.0) == []


async def test_mentions_are_answered_anywhere_and_the_mention_is_not_part_of_the_question(
    harness: Harness, configured: KeiBot
) -> None:
    (reply,) = await say(
        harness, f"<@{BOT_ID}> timing belt on an acty", channel=OTHER_CHANNEL, mentions_bot=True
    )
    assert reply.embeds[0]["title"] == "Honda Acty timing belt"
    (logged,) = await configured.storage.unanswered(threshold=2.0)
    assert logged.question_text == "timing belt on an acty"
    (hint,) = await say(harness, f"<@{BOT_ID}>", channel=OTHER_CHANNEL, mentions_bot=True)
    assert hint.content.startswith("Ask me about kei trucks")


async def test_dms_are_answered(harness: Harness, configured: KeiBot) -> None:
    dm = snowflake()
    (reply,) = await say(harness, "rust on a carry", guild=None, channel=dm)
    assert reply.url.endswith(f"/channels/{dm}/messages")
    assert reply.embeds[0]["title"] == "Suzuki Carry rust"


async def test_auto_answer_off_leaves_answer_channels_alone_but_mentions_work(
    harness: Harness, configured: KeiBot
) -> None:
    settings = await configured.guild_settings(GUILD)
    await configured.save_guild_settings(dataclasses.replace(settings, auto_answer=False))
    assert await say(harness, "is it legal in texas?") == []
    assert len(await say(harness, f"<@{BOT_ID}> is it legal in texas?", mentions_bot=True)) == 1


async def test_forum_starter_posts_are_answered_once_and_the_op_can_follow_up(
    harness: Harness, configured: KeiBot
) -> None:
    thread = snowflake()
    harness.add_thread(GUILD, thread, FORUM, owner_id=ALICE, name="Is it legal in Texas?")
    (reply,) = await say(
        harness, "Thinking of buying one, what are the rules?", channel=thread, message_id=thread
    )
    assert reply.embeds[0]["title"].startswith("Texas"), "the post title is part of the question"
    assert (
        await say(harness, "Thinking of buying one, what are the rules?", channel=thread, message_id=thread)
        == []
    ), "once per thread"
    (follow_up,) = await say(harness, "what about oklahoma then", channel=thread)
    assert follow_up.embeds[0]["title"].startswith("Oklahoma"), "conversation context carries the topic"
    assert await say(harness, "is it legal in oregon?", channel=thread, user=BOB) == [], (
        "others need to mention the bot"
    )


async def test_posts_in_other_forums_and_non_starter_messages_are_ignored(
    harness: Harness, configured: KeiBot
) -> None:
    thread = snowflake()
    harness.add_thread(GUILD, thread, FORUM, owner_id=ALICE)
    assert await say(harness, "is it legal in texas?", channel=thread) == [], (
        "not the starter post, not yet answered"
    )
    elsewhere = snowflake()
    harness.add_thread(GUILD, elsewhere, OTHER_CHANNEL, owner_id=ALICE)
    assert await say(harness, "is it legal in texas?", channel=elsewhere, message_id=elsewhere) == []


async def test_threads_under_an_answer_channel_are_answered(harness: Harness, configured: KeiBot) -> None:
    thread = snowflake()
    harness.add_thread(GUILD, thread, ANSWER_CHANNEL, owner_id=BOB)
    (reply,) = await say(harness, "rust on a carry", channel=thread)
    assert reply.url.endswith(f"/channels/{thread}/messages")


async def test_conversation_context_is_per_user_and_channel(harness: Harness, configured: KeiBot) -> None:
    await say(harness, "is it legal in texas?")
    (follow,) = await say(harness, "what about oklahoma then")
    assert follow.embeds[0]["title"].startswith("Oklahoma")
    # Bob never talked about legality here: his "what about oklahoma" has no topic of his own to follow
    (bob,) = await say(harness, "what about the timing belt then", user=BOB)
    assert bob.embeds[0]["title"] == "Honda Acty timing belt"
    assert len(configured.conversations) == 2


async def test_off_topic_question_in_an_answer_channel_gets_no_reply_but_is_logged(
    harness: Harness, configured: KeiBot
) -> None:
    premise = configured.service.answer("what is the boiling point of mercury")
    assert premise.intent == "out_of_scope" and not premise.chatter
    assert await say(harness, "what is the boiling point of mercury") == []
    (logged,) = await configured.storage.unanswered()
    assert not logged.answered
    # but a direct mention still gets the honest "that's outside what I know"
    (reply,) = await say(harness, f"<@{BOT_ID}> what is the boiling point of mercury", mentions_bot=True)
    assert "outside what I know" in reply.embeds[0]["description"]


async def test_chatter_after_a_question_gets_no_reply_and_is_not_logged(
    harness: Harness, configured: KeiBot
) -> None:
    (first,) = await say(harness, "is it legal in texas?")
    assert first.embeds[0]["title"].startswith("Texas")
    logged_before = len(await configured.storage.unanswered(threshold=2.0))
    for chat in ("tell me a joke", "lol nice", "anyone watching the game tonight?", "thanks!"):
        assert await say(harness, chat) == [], chat
        assert await say(harness, f"<@{BOT_ID}> {chat}", mentions_bot=True) == [], chat
    assert len(await configured.storage.unanswered(threshold=2.0)) == logged_before
    # asked directly in a DM, the bot says what it is for instead of re-posting the Texas answer
    dm = snowflake()
    await say(harness, "is it legal in texas?", guild=None, channel=dm)
    (reply,) = await say(harness, "tell me a joke", guild=None, channel=dm)
    assert "kei trucks" in reply.embeds[0]["description"]
    assert not reply.embeds[0]["title"].startswith("Texas")


async def test_per_user_cooldown_from_guild_settings(
    harness: Harness, configured: KeiBot, clock: FakeClock
) -> None:
    await configured.save_guild_settings(
        GuildSettings(GUILD, answer_channel_ids=frozenset({ANSWER_CHANNEL}), user_cooldown_seconds=10)
    )
    assert len(await say(harness, "is it legal in texas?")) == 1
    assert await say(harness, "rust on a carry") == []
    assert len(await say(harness, "rust on a carry", user=BOB)) == 1, "per user"
    clock.advance(11)
    assert len(await say(harness, "rust on a carry")) == 1


async def test_the_same_entry_is_not_posted_twice_in_a_channel_within_the_window(
    harness: Harness, configured: KeiBot, clock: FakeClock
) -> None:
    await configured.save_guild_settings(
        GuildSettings(
            GUILD,
            answer_channel_ids=frozenset({ANSWER_CHANNEL}),
            user_cooldown_seconds=0,
            entry_dedupe_seconds=120,
        )
    )
    (first,) = await say(harness, "is it legal in texas?")
    (pointer,) = await say(harness, "are kei trucks allowed in texas", user=BOB)
    assert pointer.embeds == []
    assert pointer.content.startswith("I answered that here a moment ago: https://discord.com/channels/")
    assert pointer.content.endswith(f"/{first.message['id']}")
    clock.advance(121)
    (again,) = await say(harness, "are kei trucks allowed in texas", user=BOB)
    assert again.embeds[0]["title"].startswith("Texas")


async def test_a_long_message_is_answered_from_its_question_not_cut(
    harness: Harness, configured: KeiBot
) -> None:
    story = "We have been looking at trucks for a while now and the neighbour has a small farm. " * 30
    (reply,) = await say(harness, story + "Is my 98 carry legal in Texas?")
    assert reply.embeds[0]["title"].startswith("Texas")
    assert "longer than 2,000 characters" in reply.embeds[0]["description"]

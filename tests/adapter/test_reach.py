"""Issue 15, through the real CommandTree: the "Ask KeiBot" message context menu (message-command payloads),
user installs (``authorizing_integration_owners`` and contexts 0/1/2), and ``/help``."""

from __future__ import annotations

from typing import Any

import pytest

from bot.adapter.client import KeiBot
from bot.adapter.cogs.reach import ASK_MENU_NAME, NO_TEXT
from bot.storage import GuildSettings
from tests.adapter.conftest import ALICE, ANSWER_CHANNEL, BOB, FORUM, GUILD, OTHER_CHANNEL
from tests.adapter.discord_harness import BOT_ID, Harness, Sent, snowflake

NO_PINGS = {"parse": []}
MARKER = "zqxv"  # a word only the asked message contains: it must never come back in a reply
QUESTION = f"is a kei truck legal in texas? {MARKER}"
FOREIGN_GUILD = 700_000_000_000_000_077  # a server that never invited KeiBot (not in the cache)
GROUP_DM = 730_000_000_000_000_001
DM_WITH_BOT = 730_000_000_000_000_002


async def logged(bot: KeiBot) -> list[Any]:
    return await bot.storage.unanswered(threshold=2.0, limit=50)


async def ask_menu(
    h: Harness,
    target: dict[str, Any],
    *,
    user: int = ALICE,
    guild: int | None = GUILD,
    channel: int = OTHER_CHANNEL,
    install: str | None = None,
    context: int | None = None,
    channel_payload: dict[str, Any] | None = None,
) -> Sent:
    payload = h.message_command(target, user_id=user, guild_id=guild, channel_id=channel)
    if install is not None:
        h.installed(payload, install, context=context, channel=channel_payload)
    h.recorder.clear()
    await h.dispatch(payload)
    return h.recorder.last()


def assert_quotes_nothing(sent: Sent, target: dict[str, Any]) -> None:
    assert MARKER not in str(sent.payload).lower()
    assert target["content"] not in str(sent.payload)
    assert sent.allowed_mentions == NO_PINGS


# ------------------------------------------------------------------------------------------ the menu


async def test_ask_menu_answers_the_message_privately_by_default_and_logs_it_against_its_author(
    harness: Harness, bot: KeiBot
) -> None:
    target = harness.message_payload(QUESTION, author_id=BOB, channel_id=OTHER_CHANNEL, guild_id=GUILD)
    sent = await ask_menu(harness, target)
    assert sent.callback_type == 4
    assert sent.ephemeral, "the server's default visibility is private"
    assert sent.embeds[0]["title"].startswith("Texas")
    assert f"https://discord.com/channels/{GUILD}/{OTHER_CHANNEL}/{target['id']}" in sent.content
    assert_quotes_nothing(sent, target)
    assert "kb:report:state-tx" in sent.custom_ids
    (record,) = await logged(bot)
    assert record.question_text == QUESTION
    assert (record.guild_id, record.channel_id, record.user_id) == (GUILD, OTHER_CHANNEL, BOB)


async def test_ask_menu_gives_the_same_focused_answer_as_ask(harness: Harness) -> None:
    question = "timing belt interval on a 96 acty"
    target = harness.message_payload(question, author_id=BOB, channel_id=OTHER_CHANNEL, guild_id=GUILD)
    from_menu = await ask_menu(harness, target)
    harness.recorder.clear()
    await harness.dispatch(
        harness.slash("ask", user_id=BOB, guild_id=GUILD, channel_id=ANSWER_CHANNEL, question=question)
    )
    from_ask = harness.recorder.last()
    assert from_menu.embeds == from_ask.embeds
    assert from_menu.custom_ids == from_ask.custom_ids


async def test_ask_menu_is_public_when_the_server_chose_public_answers(harness: Harness, bot: KeiBot) -> None:
    await bot.save_guild_settings(GuildSettings(GUILD, ephemeral_default=False))
    target = harness.message_payload(QUESTION, author_id=BOB, channel_id=OTHER_CHANNEL, guild_id=GUILD)
    sent = await ask_menu(harness, target, install="guild")
    assert not sent.ephemeral
    assert_quotes_nothing(sent, target)
    assert sent.embeds[0]["title"].startswith("Texas")


async def test_a_second_public_menu_answer_in_the_channel_goes_privately_with_a_pointer(
    harness: Harness, bot: KeiBot
) -> None:
    await bot.save_guild_settings(GuildSettings(GUILD, ephemeral_default=False, user_cooldown_seconds=0))
    first = harness.message_payload(QUESTION, author_id=BOB, channel_id=OTHER_CHANNEL, guild_id=GUILD)
    assert not (await ask_menu(harness, first)).ephemeral
    second = harness.message_payload(
        "texas kei truck rules?", author_id=BOB, channel_id=OTHER_CHANNEL, guild_id=GUILD
    )
    sent = await ask_menu(harness, second, user=BOB)
    assert sent.ephemeral and "moments ago" in sent.content


async def test_a_second_public_menu_answer_inside_the_cooldown_is_private(
    harness: Harness, bot: KeiBot
) -> None:
    await bot.save_guild_settings(GuildSettings(GUILD, ephemeral_default=False, user_cooldown_seconds=30))
    first = harness.message_payload(QUESTION, author_id=BOB, channel_id=OTHER_CHANNEL, guild_id=GUILD)
    assert not (await ask_menu(harness, first)).ephemeral
    second = harness.message_payload(
        "timing belt interval on a 96 acty", author_id=BOB, channel_id=OTHER_CHANNEL, guild_id=GUILD
    )
    sent = await ask_menu(harness, second)
    assert sent.ephemeral and "a moment ago" in sent.content and sent.embeds


async def test_ask_menu_works_in_a_thread(harness: Harness, bot: KeiBot) -> None:
    thread = snowflake()
    harness.add_thread(GUILD, thread, ANSWER_CHANNEL, BOB, name="Carry question")
    target = harness.message_payload(QUESTION, author_id=BOB, channel_id=thread, guild_id=GUILD)
    sent = await ask_menu(harness, target, channel=thread)
    assert sent.embeds[0]["title"].startswith("Texas")
    assert f"/{GUILD}/{thread}/{target['id']}" in sent.content
    assert_quotes_nothing(sent, target)
    (record,) = await logged(bot)
    assert (record.guild_id, record.channel_id, record.user_id) == (GUILD, thread, BOB)


async def test_ask_menu_on_a_forum_post_reads_the_post_title_too(harness: Harness, bot: KeiBot) -> None:
    post = snowflake()
    harness.add_thread(GUILD, post, FORUM, BOB, name="Is a kei truck legal in Texas?")
    starter = harness.message_payload(
        f"bought one last week, {MARKER}", author_id=BOB, channel_id=post, guild_id=GUILD, message_id=post
    )
    sent = await ask_menu(harness, starter, channel=post)
    assert sent.embeds[0]["title"].startswith("Texas")
    assert_quotes_nothing(sent, starter)
    assert "Is a kei truck legal in Texas?" not in sent.text()


async def test_a_message_with_no_text_gets_a_clear_private_note_and_nothing_is_logged(
    harness: Harness, bot: KeiBot
) -> None:
    photo = harness.message_payload(
        "", author_id=BOB, channel_id=OTHER_CHANNEL, guild_id=GUILD, attachments=1
    )
    sent = await ask_menu(harness, photo)
    assert sent.ephemeral and sent.content == NO_TEXT and not sent.embeds
    assert sent.allowed_mentions == NO_PINGS
    only_a_mention = harness.message_payload(
        f"<@{BOT_ID}>", author_id=BOB, channel_id=OTHER_CHANNEL, guild_id=GUILD
    )
    assert (await ask_menu(harness, only_a_mention)).content == NO_TEXT
    assert await logged(bot) == []


async def test_a_message_with_only_an_embed_counts_as_no_text(harness: Harness) -> None:
    answer = harness.message_payload(
        "",
        author_id=BOT_ID,
        channel_id=OTHER_CHANNEL,
        guild_id=GUILD,
        embeds=[{"type": "rich", "title": "Texas", "description": "Road legal"}],
        bot_author=True,
    )
    assert (await ask_menu(harness, answer)).content == NO_TEXT


async def test_ask_menu_mentions_of_the_bot_are_not_part_of_the_question(harness: Harness) -> None:
    target = harness.message_payload(
        f"<@{BOT_ID}> {QUESTION}", author_id=BOB, channel_id=OTHER_CHANNEL, guild_id=GUILD
    )
    sent = await ask_menu(harness, target)
    assert sent.embeds[0]["title"].startswith("Texas")


# ------------------------------------------------------------------------------------------ user installs


async def test_ask_menu_from_a_user_install_in_a_server_without_keibot_is_private(
    harness: Harness, bot: KeiBot, storage
) -> None:
    # Even a stored "public" setting for that server does not apply: KeiBot was not invited there.
    await storage.set_guild_settings(GuildSettings(FOREIGN_GUILD, ephemeral_default=False))
    channel = snowflake()
    target = harness.message_payload(QUESTION, author_id=BOB, channel_id=channel, guild_id=FOREIGN_GUILD)
    sent = await ask_menu(harness, target, guild=FOREIGN_GUILD, channel=channel, install="user", context=0)
    assert sent.ephemeral
    assert sent.embeds[0]["title"].startswith("Texas")
    assert_quotes_nothing(sent, target)
    (record,) = await logged(bot)
    assert (record.guild_id, record.channel_id, record.user_id) == (FOREIGN_GUILD, channel, BOB)


async def test_ask_menu_in_a_thread_of_a_server_without_keibot(harness: Harness) -> None:
    parent, thread = snowflake(), snowflake()
    channel = Harness.thread_payload(thread, parent, BOB, FOREIGN_GUILD)
    target = harness.message_payload(QUESTION, author_id=BOB, channel_id=thread, guild_id=FOREIGN_GUILD)
    sent = await ask_menu(
        harness,
        target,
        guild=FOREIGN_GUILD,
        channel=thread,
        install="user",
        context=0,
        channel_payload=channel,
    )
    assert sent.ephemeral and sent.embeds[0]["title"].startswith("Texas")
    assert f"/{FOREIGN_GUILD}/{thread}/{target['id']}" in sent.content


async def test_ask_menu_in_a_group_dm_is_private_and_logged_without_a_server(
    harness: Harness, bot: KeiBot
) -> None:
    channel = Harness.group_dm_payload(GROUP_DM, [ALICE, BOB])
    target = harness.message_payload(QUESTION, author_id=BOB, channel_id=GROUP_DM, guild_id=None)
    sent = await ask_menu(
        harness, target, guild=None, channel=GROUP_DM, install="user", context=2, channel_payload=channel
    )
    assert sent.ephemeral
    assert f"https://discord.com/channels/@me/{GROUP_DM}/{target['id']}" in sent.content
    assert_quotes_nothing(sent, target)
    (record,) = await logged(bot)
    assert (record.guild_id, record.channel_id, record.user_id) == (None, GROUP_DM, BOB)


async def test_ask_menu_in_a_dm_with_keibot_is_simply_answered(harness: Harness) -> None:
    target = harness.message_payload(QUESTION, author_id=ALICE, channel_id=DM_WITH_BOT, guild_id=None)
    sent = await ask_menu(harness, target, guild=None, channel=DM_WITH_BOT, install="user", context=1)
    assert not sent.ephemeral
    assert sent.embeds[0]["title"].startswith("Texas")


async def test_buttons_on_an_answer_in_a_group_dm_store_without_a_server(
    harness: Harness, bot: KeiBot
) -> None:
    channel = Harness.group_dm_payload(GROUP_DM, [ALICE, BOB])
    target = harness.message_payload(QUESTION, author_id=BOB, channel_id=GROUP_DM, guild_id=None)
    sent = await ask_menu(
        harness, target, guild=None, channel=GROUP_DM, install="user", context=2, channel_payload=channel
    )
    message = sent.message
    assert message is not None
    for custom_id, reply in (("kb:vote:up:state-tx", "Thanks"), ("kb:notify:state-tx", "")):
        click = harness.click(message, custom_id, user_id=ALICE, guild_id=None, channel_id=GROUP_DM)
        harness.installed(click, "user", context=2, channel=channel)
        harness.recorder.clear()
        await harness.dispatch(click)
        answer = harness.recorder.last()
        assert answer.ephemeral and reply in answer.text()
        assert "went wrong" not in answer.text()
    stats = {s.entry_id: s for s in await bot.storage.entry_stats()}
    assert stats["state-tx"].helpful == 1


@pytest.mark.parametrize("command", ["ask", "state", "truck", "parts", "import-check"])
async def test_lookups_from_a_user_install_in_a_server_without_keibot_are_private(
    harness: Harness, command: str
) -> None:
    options: dict[str, Any] = {
        "ask": {"question": "is a kei truck legal in texas?"},
        "state": {"state": "TX"},
        "truck": {"model": "Acty", "topic": "timing belt"},
        "parts": {"model": "Acty", "query": "clutch kit"},
        "import-check": {"year": 1995},
    }[command]
    channel = snowflake()
    payload = harness.slash(command, user_id=ALICE, guild_id=FOREIGN_GUILD, channel_id=channel, **options)
    harness.installed(payload, "user", context=0)
    harness.recorder.clear()
    await harness.dispatch(payload)
    sent = harness.recorder.last()
    assert sent.ephemeral and sent.embeds and "went wrong" not in sent.text()
    harness.recorder.clear()
    payload = harness.slash(
        command, user_id=ALICE, guild_id=FOREIGN_GUILD, channel_id=channel, share=True, **options
    )
    await harness.dispatch(harness.installed(payload, "user", context=0))
    assert not harness.recorder.last().ephemeral, "share:true still posts for everyone"


async def test_ask_from_a_user_install_in_a_dm_with_keibot(harness: Harness) -> None:
    payload = harness.slash("ask", user_id=ALICE, guild_id=None, channel_id=DM_WITH_BOT, question=QUESTION)
    harness.installed(payload, "user", context=1)
    harness.recorder.clear()
    await harness.dispatch(payload)
    sent = harness.recorder.last()
    assert sent.embeds[0]["title"].startswith("Texas") and MARKER not in str(sent.payload).lower()


async def test_ask_from_a_user_install_in_a_group_dm_is_private(harness: Harness) -> None:
    channel = Harness.group_dm_payload(GROUP_DM, [ALICE, BOB])
    payload = harness.slash("ask", user_id=ALICE, guild_id=None, channel_id=GROUP_DM, question=QUESTION)
    harness.installed(payload, "user", context=2, channel=channel)
    harness.recorder.clear()
    await harness.dispatch(payload)
    assert harness.recorder.last().ephemeral


async def test_profile_works_from_a_user_install_in_a_group_dm(harness: Harness) -> None:
    channel = Harness.group_dm_payload(GROUP_DM, [ALICE, BOB])
    payload = harness.slash("profile show", user_id=ALICE, guild_id=None, channel_id=GROUP_DM)
    harness.installed(payload, "user", context=2, channel=channel)
    harness.recorder.clear()
    await harness.dispatch(payload)
    sent = harness.recorder.last()
    assert sent.ephemeral and "profile" in sent.text().lower()


# ------------------------------------------------------------------------------------------ registration


def synced_commands(h: Harness) -> dict[tuple[str, int], dict[str, Any]]:
    (put,) = [s for s in h.recorder.everything if s.method == "PUT" and s.path.endswith("/commands")]
    return {(c["name"], c.get("type", 1)): c for c in put.payload}


async def test_commands_declare_their_install_types_and_contexts(harness: Harness) -> None:
    commands = synced_commands(harness)
    everywhere = [
        ("ask", 1),
        ("state", 1),
        ("truck", 1),
        ("parts", 1),
        ("import-check", 1),
        ("help", 1),
        ("profile", 1),
        ("new", 1),
        (ASK_MENU_NAME, 3),
    ]
    for key in everywhere:
        assert sorted(commands[key]["integration_types"]) == [0, 1], key
        assert sorted(commands[key]["contexts"]) == [0, 1, 2], key
    for key in [("kb", 1), ("settings", 1), ("why", 1), ("map", 1)]:
        assert commands[key]["integration_types"] == [0], key
    for key in [("kb", 1), ("settings", 1), ("why", 1)]:
        assert commands[key]["contexts"] == [0], key


# ------------------------------------------------------------------------------------------ /help


async def test_help_is_one_private_embed_with_everything_a_new_user_needs(
    harness: Harness, bot: KeiBot
) -> None:
    harness.recorder.clear()
    await harness.dispatch(harness.slash("help", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL))
    sent = harness.recorder.last()
    assert sent.callback_type == 4 and sent.ephemeral and sent.allowed_mentions == NO_PINGS
    (embed,) = sent.embeds
    text = sent.text()
    assert len(text) <= 6000 and all(len(f["value"]) <= 1024 for f in embed["fields"])
    for example in (
        "/ask question:",
        "/state state:",
        "/truck model:",
        "/import-check year:",
        "/parts model:",
        "/map",
        "/new",
        "/profile set",
        ASK_MENU_NAME,
    ):
        assert example in text, example
    assert "Report outdated" in text and "last verified" in text.lower()
    kb = bot.service.kb
    oldest = min(e.last_verified for e in kb.entries)
    assert f"{len(kb.entries)} entries" in text and f"{oldest:%d %b %Y}" in text
    assert "Not legal advice" in embed["footer"]["text"]
    assert sent.components == []


async def test_help_works_from_a_user_install_in_a_group_dm(harness: Harness) -> None:
    channel = Harness.group_dm_payload(GROUP_DM, [ALICE, BOB])
    payload = harness.slash("help", user_id=ALICE, guild_id=None, channel_id=GROUP_DM)
    harness.installed(payload, "user", context=2, channel=channel)
    harness.recorder.clear()
    await harness.dispatch(payload)
    sent = harness.recorder.last()
    assert sent.ephemeral and sent.embeds[0]["title"] == "KeiBot help"


async def test_full_entry_button_in_a_group_dm_answers_only_the_clicker(harness: Harness) -> None:
    """Buttons under an answer in a group DM (user install) answer privately, as in a server."""
    channel = Harness.group_dm_payload(GROUP_DM, [ALICE, BOB])
    payload = harness.slash(
        "ask", user_id=ALICE, guild_id=None, channel_id=GROUP_DM, question=QUESTION, share=True
    )
    harness.installed(payload, "user", context=2, channel=channel)
    harness.recorder.clear()
    await harness.dispatch(payload)
    shared = harness.recorder.last()
    assert not shared.ephemeral, "share:true still shares in a group DM"
    full_id = next(cid for cid in shared.custom_ids if cid.startswith("kb:full:"))
    assert shared.message is not None
    click = harness.click(shared.message, full_id, user_id=BOB, guild_id=None, channel_id=GROUP_DM)
    harness.installed(click, "user", context=2, channel=channel)
    harness.recorder.clear()
    await harness.dispatch(click)
    assert harness.recorder.sent[-1].ephemeral

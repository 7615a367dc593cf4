"""The factory and start-up: intents, mentions, tree class, sharding, extensions, persistent buttons, sync."""

from __future__ import annotations

import dataclasses

import discord
import pytest
from discord.ext import commands

from bot.adapter.client import EXTENSIONS, KeiBot, ShardedKeiBot, create_bot
from bot.adapter.errors import KeiTree
from bot.adapter.views import DYNAMIC_ITEMS
from bot.config import Settings
from bot.core.service import KnowledgeService
from bot.storage import Storage
from tests.adapter.conftest import DEV_GUILD, FakeClock
from tests.adapter.discord_harness import APP_ID, Harness

COMMANDS = {
    *("ask", "new", "state", "truck", "import-check", "parts", "map"),
    *("profile", "kb", "why", "settings"),
    *("help", "Ask KeiBot"),  # issue 15: /help and the message menu
}


def test_factory_sets_intents_mentions_and_tree(
    settings: Settings, service: KnowledgeService, storage: Storage
) -> None:
    bot = create_bot(settings, service, storage)
    assert type(bot) is KeiBot
    assert bot.intents.message_content and bot.intents.guilds and bot.intents.dm_messages
    assert not bot.intents.members and not bot.intents.presences
    mentions = bot.allowed_mentions
    assert mentions is not None
    assert mentions.to_dict() == discord.AllowedMentions.none().to_dict() == {"parse": []}
    assert isinstance(bot.tree, KeiTree)
    assert bot.owner_ids == set(settings.owner_ids)


def test_factory_builds_a_sharded_bot_when_shards_are_configured(
    settings: Settings, service: KnowledgeService, storage: Storage
) -> None:
    sharded = create_bot(dataclasses.replace(settings, shard_count=4, shard_ids=(2, 3)), service, storage)
    assert isinstance(sharded, ShardedKeiBot)
    assert isinstance(sharded, commands.AutoShardedBot) and isinstance(sharded, KeiBot)
    assert sharded.shard_count == 4 and sharded.shard_ids == [2, 3]
    assert not sharded.sends_notifications  # shard 0 lives in another process
    only_count = create_bot(dataclasses.replace(settings, shard_count=2), service, storage)
    assert isinstance(only_count, ShardedKeiBot) and only_count.sends_notifications


@pytest.mark.parametrize(("count", "ids"), [(None, (0, 1)), (2, (0, 2))])
def test_factory_rejects_impossible_shard_settings(
    settings: Settings, service: KnowledgeService, storage: Storage, count: int | None, ids: tuple[int, ...]
) -> None:
    with pytest.raises(ValueError, match="SHARD"):
        create_bot(dataclasses.replace(settings, shard_count=count, shard_ids=ids), service, storage)


async def test_setup_hook_loads_cogs_registers_buttons_and_syncs_to_the_dev_guild_only(
    settings: Settings,
    service: KnowledgeService,
    storage: Storage,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bot = create_bot(settings, service, storage, clock=clock.now)
    h = Harness(bot, monkeypatch)
    await h.start()
    try:
        assert set(bot.extensions) == set(EXTENSIONS)
        assert {c.qualified_name for c in bot.cogs.values()} >= {
            "Lookups",
            "ProfileCog",
            "Admin",
            "MessageModes",
            "ErrorHandler",
        }
        registered = set(bot._connection._view_store._dynamic_items.values())
        assert registered == set(DYNAMIC_ITEMS)
        syncs = [s for s in h.recorder.sent if s.method == "PUT" and s.path.endswith("/commands")]
        assert len(syncs) == 1, "exactly one sync at start"
        assert f"/applications/{APP_ID}/guilds/{DEV_GUILD}/commands" in syncs[0].url
        names = {c["name"] for c in syncs[0].payload or []}
        assert names == COMMANDS
        by_name = {c["name"]: c for c in syncs[0].payload or []}
        manage_guild = discord.Permissions(manage_guild=True).value
        for admin in ("kb", "why", "settings"):
            assert by_name[admin]["default_member_permissions"] == manage_guild
            assert by_name[admin]["dm_permission"] is False  # guild only
        assert by_name["ask"]["default_member_permissions"] is None
        state_option = next(o for o in by_name["state"]["options"] if o["name"] == "state")
        assert state_option["autocomplete"] is True and state_option["required"] is True
    finally:
        await h.close()
    assert storage_closed(storage)


async def test_no_dev_guild_means_no_sync_at_start(
    settings: Settings, service: KnowledgeService, storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = create_bot(dataclasses.replace(settings, dev_guild_id=None), service, storage)
    h = Harness(bot, monkeypatch)
    await h.start()
    try:
        assert not [s for s in h.recorder.sent if s.path.endswith("/commands")]
    finally:
        await h.close()


async def test_a_failing_extension_stops_start_up(
    settings: Settings,
    service: KnowledgeService,
    storage: Storage,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(
        "bot.adapter.client.EXTENSIONS", ("bot.adapter.cogs.errors", "bot.adapter.cogs.does_not_exist")
    )
    bot = create_bot(settings, service, storage)
    h = Harness(bot, monkeypatch)
    with pytest.raises(commands.ExtensionNotFound):
        await h.start()
    assert "failed to load extension bot.adapter.cogs.does_not_exist" in caplog.text
    await bot.close()


def storage_closed(storage: Storage) -> bool:
    inner = getattr(storage, "inner", storage)
    return getattr(inner, "_conn", None) is None


async def test_every_send_sets_allowed_mentions_itself(harness: Harness, kb_dir) -> None:
    """With the client-wide default removed, a sweep through every kind of send still pings nobody (the
    harness checks every recorded payload when it closes)."""
    from bot.storage import GuildSettings
    from tests.adapter.conftest import ADMIN, ALICE, ANSWER_CHANNEL, BOB, GUILD, OTHER_CHANNEL, OWNER
    from tests.adapter.discord_harness import BOT_ID, MANAGE_GUILD

    bot = harness.bot
    bot.allowed_mentions = None
    assert bot._connection.allowed_mentions is None
    await bot.save_guild_settings(
        GuildSettings(GUILD, answer_channel_ids=frozenset({ANSWER_CHANNEL}), user_cooldown_seconds=0)
    )

    async def slash(command: str, user: int = ALICE, **options: object):
        harness.recorder.clear()
        extra = {"permissions": MANAGE_GUILD} if user in (ADMIN, OWNER) else {}
        await harness.dispatch(
            harness.slash(command, user_id=user, guild_id=GUILD, channel_id=OTHER_CHANNEL, **extra, **options)
        )
        return harness.recorder.last()

    answer = await slash("ask", question="is it legal in texas?", share=True)
    for custom_id in ("kb:vote:up:state-tx", "kb:notify:state-tx"):
        await harness.dispatch(
            harness.click(answer.message, custom_id, user_id=BOB, guild_id=GUILD, channel_id=OTHER_CHANNEL)
        )
    unsure = await slash("ask", user=BOB, question="belt or 4wd?")
    dym = next(c for c in unsure.custom_ids if c.startswith("kb:dym:"))
    await harness.dispatch(
        harness.click(unsure.message, dym, user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL)
    )
    harness.recorder.clear()
    await harness.dispatch(
        harness.click(
            answer.message, "kb:report:state-tx", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL
        )
    )
    modal = harness.recorder.sent[-1].payload["data"]
    await harness.dispatch(
        harness.submit_modal(
            modal, {"what": "Wrong fee listed"}, user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL
        )
    )
    await slash("state", state="Narnia")  # error path (safe_reply)
    await slash("profile show")
    await slash("map")
    await slash("kb stats", user=ADMIN)
    await slash("why", user=ADMIN, question="rust")
    await slash("settings show", user=ADMIN)
    await harness.message("is it legal in texas?", user_id=ALICE, channel_id=ANSWER_CHANNEL, guild_id=GUILD)
    await harness.message(
        f"<@{BOT_ID}>", user_id=ALICE, channel_id=OTHER_CHANNEL, guild_id=GUILD, mentions_bot=True
    )
    await harness.message(
        f"<@{BOT_ID}> sync-commands",
        user_id=ALICE,
        channel_id=OTHER_CHANNEL,
        guild_id=GUILD,
        mentions_bot=True,
    )
    path = kb_dir / "states.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Test summary for Texas.", "Changed."), encoding="utf-8"
    )
    await slash("kb reload", user=OWNER)
    notices = [
        s
        for s in harness.recorder.everything
        if s.embeds and s.embeds[0].get("title") == "An answer you follow has changed"
    ]
    assert len(notices) == 1
    assert len(harness.recorder.everything) > 20
    assert harness.recorder.pinging_sends() == []


async def test_old_questions_are_pruned_after_the_retention_period(harness: Harness) -> None:
    import datetime as dt

    from bot.storage import QuestionRecord

    bot = harness.bot
    now = dt.datetime.now(dt.UTC)
    await bot.storage.log_question(QuestionRecord("old question", asked_at=now - dt.timedelta(days=400)))
    await bot.storage.log_question(QuestionRecord("new question", asked_at=now))
    assert await bot.prune_old_questions() == 1
    remaining = await bot.storage.unanswered(threshold=2.0, limit=10)
    assert [r.question_text for r in remaining] == ["new question"]
    assert bot._retention_task is not None and not bot._retention_task.done()  # the daily loop is running

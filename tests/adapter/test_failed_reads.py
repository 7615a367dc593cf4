"""Issue 12 #4: a failed read must not turn into defaults written over the real settings or profile."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from bot.adapter.client import KeiBot
from bot.storage import GuildSettings, Profile
from tests.adapter.conftest import ADMIN, ALICE, ANSWER_CHANNEL, FORUM, GUILD, OTHER_CHANNEL
from tests.adapter.discord_harness import MANAGE_GUILD, ChannelRef, Harness

SAVED = GuildSettings(
    GUILD,
    answer_channel_ids=frozenset({ANSWER_CHANNEL}),
    forum_channel_ids=frozenset({FORUM}),
    ephemeral_default=False,
    user_cooldown_seconds=9,
)


def fail_reads(bot: KeiBot, monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    async def fail(*args: Any, **kwargs: Any) -> Any:
        raise sqlite3.DatabaseError("database disk image is malformed")

    setattr(bot.storage.inner, method, fail)  # type: ignore[attr-defined]  # shadows the class's method


def heal(bot: KeiBot, method: str) -> None:
    delattr(bot.storage.inner, method)  # type: ignore[attr-defined]  # the class's method again


async def run(h: Harness, command: str, user: int = ADMIN, **options: object):
    h.recorder.clear()
    extra = {"permissions": MANAGE_GUILD} if user == ADMIN else {}
    await h.dispatch(
        h.slash(command, user_id=user, guild_id=GUILD, channel_id=OTHER_CHANNEL, **extra, **options)
    )
    return h.recorder.last()


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("settings auto-answer", {"enabled": False}),
        ("settings visibility", {"default": "private"}),
        ("settings cooldowns", {"user_seconds": 1.0}),
        ("settings answer-channel", {"action": "add", "channel": ChannelRef(OTHER_CHANNEL)}),
    ],
)
async def test_settings_are_not_overwritten_after_a_failed_read(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch, command: str, options: dict
) -> None:
    await bot.storage.set_guild_settings(SAVED)
    fail_reads(bot, monkeypatch, "get_guild_settings")
    sent = await run(harness, command, **options)
    assert sent.ephemeral and sent.content.startswith("I couldn't read this server's saved settings")
    heal(bot, "get_guild_settings")
    assert await bot.storage.get_guild_settings(GUILD) == SAVED


async def test_a_profile_is_not_overwritten_after_a_failed_read(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = Profile(ALICE, home_state="PA", model="Honda Acty", year=1995)
    await bot.storage.set_profile(saved)
    fail_reads(bot, monkeypatch, "get_profile")
    sent = await run(harness, "profile set", user=ALICE, year=1999)
    assert sent.ephemeral and sent.content.startswith("I couldn't read your saved profile")
    heal(bot, "get_profile")
    assert await bot.storage.get_profile(ALICE) == saved


async def test_answers_keep_the_last_known_settings_while_reads_fail(
    harness: Harness, bot: KeiBot, clock
) -> None:
    await bot.save_guild_settings(SAVED)
    clock.advance(60)  # the short cache has expired
    fail_reads(bot, None, "get_guild_settings")  # type: ignore[arg-type]
    assert await bot.guild_settings(GUILD) == SAVED  # not the defaults (no answer channels)
    heal(bot, "get_guild_settings")

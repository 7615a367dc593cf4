"""Issue 12 #12: when storage drops a write, /profile and /settings say it was not saved."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from bot.adapter.client import KeiBot
from bot.storage import GuildSettings, Profile
from tests.adapter.conftest import ADMIN, ALICE, GUILD, OTHER_CHANNEL
from tests.adapter.discord_harness import MANAGE_GUILD, Harness


def drop(bot: KeiBot, monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    """The real SQLite storage under the resilient wrapper fails this write (a permanent fault)."""

    async def fail(*args: Any, **kwargs: Any) -> Any:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(bot.storage.inner, method, fail)  # type: ignore[attr-defined]


async def run(h: Harness, command: str, user: int = ALICE, **options: object):
    h.recorder.clear()
    extra = {"permissions": MANAGE_GUILD} if user == ADMIN else {}
    await h.dispatch(
        h.slash(command, user_id=user, guild_id=GUILD, channel_id=OTHER_CHANNEL, **extra, **options)
    )
    return h.recorder.last()


@pytest.mark.parametrize(
    ("command", "options"), [("profile set", {"home_state": "TX"}), ("profile clear", {})]
)
async def test_profile_says_not_saved_when_the_write_is_dropped(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch, command: str, options: dict
) -> None:
    await bot.storage.set_profile(Profile(ALICE, home_state="PA"))
    drop(bot, monkeypatch, "set_profile")
    sent = await run(harness, command, **options)
    assert sent.ephemeral and sent.content.startswith("Not saved")
    assert "saved" not in (sent.embeds[0]["title"].lower() if sent.embeds else "")
    assert await bot.storage.get_profile(ALICE) == Profile(ALICE, home_state="PA")


async def test_settings_say_not_saved_and_keep_the_old_ones_live(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    drop(bot, monkeypatch, "set_guild_settings")
    sent = await run(harness, "settings auto-answer", user=ADMIN, enabled=False)
    assert sent.ephemeral and sent.content.startswith("Not saved") and not sent.embeds
    assert (await bot.guild_settings(GUILD)).auto_answer is True  # nothing cached as if it had been saved
    assert await bot.storage.get_guild_settings(GUILD) == GuildSettings(GUILD)
    assert await bot.storage.audit_log(GUILD) == []

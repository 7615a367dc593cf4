"""Issue 12 #10: under load (a long CPU queue) or for an interaction that is already old, /ask defers
first, so the answer does not miss Discord's 3-second window; every interaction is still answered once."""

from __future__ import annotations

import datetime as dt

import discord
import pytest

import bot.adapter.respond as respond
from bot.adapter.client import KeiBot
from tests.adapter.conftest import GUILD, OTHER_CHANNEL
from tests.adapter.discord_harness import Harness, snowflake

FOLLOWUP = "/webhooks/{webhook_id}/{webhook_token}"


def interaction_id(sent) -> str:  # type: ignore[no-untyped-def]
    return sent.url.split("/interactions/")[1].split("/")[0]


async def test_an_old_interaction_is_deferred_then_answered(harness: Harness) -> None:
    payload = harness.slash(
        "ask", user_id=snowflake(), guild_id=GUILD, channel_id=OTHER_CHANNEL, question="rust on a carry"
    )
    two_seconds_ago = discord.utils.utcnow() - dt.timedelta(seconds=2)
    payload["id"] = str(discord.utils.time_snowflake(two_seconds_ago))
    harness.recorder.clear()
    await harness.dispatch(payload)
    callbacks = [s for s in harness.recorder.sent if s.path.endswith("/callback")]
    assert [c.callback_type for c in callbacks] == [5]
    assert callbacks[0].ephemeral  # deferred with the visibility the answer will have
    followups = [s for s in harness.recorder.sent if s.method == "POST" and s.path == FOLLOWUP]
    assert len(followups) == 1 and followups[0].embeds


async def test_a_fresh_interaction_with_a_short_queue_is_answered_inline(harness: Harness) -> None:
    harness.recorder.clear()
    await harness.dispatch(
        harness.slash(
            "ask", user_id=snowflake(), guild_id=GUILD, channel_id=OTHER_CHANNEL, question="rust on a carry"
        )
    )
    assert [s.callback_type for s in harness.recorder.sent if s.path.endswith("/callback")] == [4]


async def test_a_long_queue_defers_and_everyone_is_answered_once(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(respond, "DEFER_QUEUE_LENGTH", 3)
    payloads = [
        harness.slash(
            "ask",
            user_id=snowflake(),
            guild_id=GUILD,
            channel_id=OTHER_CHANNEL,
            question="timing belt on an acty",
        )
        for _ in range(30)
    ]
    harness.recorder.clear()
    for payload in payloads:
        bot._connection.parse_interaction_create(payload)
    await harness.drain()
    callbacks = [s for s in harness.recorder.sent if s.path.endswith("/callback")]
    inline = {interaction_id(s) for s in callbacks if s.callback_type == 4}
    deferred = {interaction_id(s) for s in callbacks if s.callback_type == 5}
    assert deferred, "a queue of 30 should defer some"
    assert inline.isdisjoint(deferred) and inline | deferred == {p["id"] for p in payloads}
    assert len(callbacks) == 30
    followups = [s for s in harness.recorder.sent if s.method == "POST" and s.path == FOLLOWUP]
    assert len(followups) == len(deferred) and all(f.embeds for f in followups)

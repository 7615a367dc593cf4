"""Issue 12 #11: private /ask, /ask in DMs and owner-only commands from members had no cooldown
(20 of 20 replies in a burst)."""

from __future__ import annotations

from bot.adapter.client import KeiBot
from bot.adapter.limits import PRIVATE_BURST, PRIVATE_WINDOW
from tests.adapter.conftest import ALICE, GUILD, OTHER_CHANNEL, FakeClock
from tests.adapter.discord_harness import BOT_ID, Harness, snowflake


def answered(h: Harness) -> int:
    return sum(1 for s in h.recorder.replies() if s.embeds)


def slowed(h: Harness) -> int:
    return sum(1 for s in h.recorder.replies() if s.content.startswith("Slow down"))


async def burst(h: Harness, guild: int | None, channel: int, n: int = 20) -> None:
    h.recorder.clear()
    for _ in range(n):
        await h.dispatch(
            h.slash(
                "ask", user_id=ALICE, guild_id=guild, channel_id=channel, question="timing belt on an acty"
            )
        )


async def test_private_ask_in_a_server_is_limited(harness: Harness, clock: FakeClock) -> None:
    await burst(harness, GUILD, OTHER_CHANNEL)  # the server default: private answers
    assert answered(harness) == PRIVATE_BURST and slowed(harness) == 20 - PRIVATE_BURST
    clock.advance(PRIVATE_WINDOW)
    await burst(harness, GUILD, OTHER_CHANNEL, n=1)
    assert answered(harness) == 1


async def test_ask_in_a_dm_is_limited(harness: Harness) -> None:
    await burst(harness, None, snowflake())
    assert answered(harness) == PRIVATE_BURST


async def test_an_owner_command_from_a_member_is_refused_once_per_cooldown(
    harness: Harness, bot: KeiBot, clock: FakeClock
) -> None:
    harness.recorder.clear()
    for _ in range(20):
        await harness.message(
            f"<@{BOT_ID}> sync-commands global",
            user_id=ALICE,
            channel_id=OTHER_CHANNEL,
            guild_id=GUILD,
            mentions_bot=True,
        )
    refusals = [s for s in harness.recorder.channel_messages() if "for the bot's owner" in s.content]
    assert len(refusals) == 1

"""Issue 12 #11, message path: DMs and bare mentions (``@KeiBot`` and nothing else) had no cooldown, so a
burst of 20 got 20 replies. They now share the per-user burst limit of private /ask."""

from __future__ import annotations

from bot.adapter.client import KeiBot
from bot.adapter.limits import PRIVATE_BURST, PRIVATE_WINDOW
from bot.storage import GuildSettings
from tests.adapter.conftest import ALICE, ANSWER_CHANNEL, BOB, GUILD, OTHER_CHANNEL, FakeClock
from tests.adapter.discord_harness import BOT_ID, Harness, snowflake


async def burst(
    h: Harness, content: str, *, guild: int | None, channel: int, user: int = ALICE, n: int = 20
) -> int:
    """Send ``n`` messages; how many replies the bot posted."""
    h.recorder.clear()
    for _ in range(n):
        await h.message(
            content, user_id=user, channel_id=channel, guild_id=guild, mentions_bot=f"<@{BOT_ID}>" in content
        )
    return len(h.recorder.channel_messages())


async def test_a_dm_burst_is_limited_per_user(harness: Harness, clock: FakeClock) -> None:
    dm = snowflake()
    assert await burst(harness, "rust on a carry", guild=None, channel=dm) == PRIVATE_BURST
    assert await burst(harness, "rust on a carry", guild=None, channel=snowflake(), user=BOB, n=1) == 1, (
        "per user"
    )
    clock.advance(PRIVATE_WINDOW)
    assert await burst(harness, "rust on a carry", guild=None, channel=dm, n=1) == 1


async def test_bare_mentions_are_limited(harness: Harness, bot: KeiBot, clock: FakeClock) -> None:
    await bot.save_guild_settings(GuildSettings(GUILD, user_cooldown_seconds=0))
    assert await burst(harness, f"<@{BOT_ID}>", guild=GUILD, channel=OTHER_CHANNEL) == PRIVATE_BURST
    clock.advance(PRIVATE_WINDOW)
    assert await burst(harness, f"<@{BOT_ID}>", guild=GUILD, channel=OTHER_CHANNEL, n=1) == 1


async def test_a_bare_dm_is_limited_too(harness: Harness) -> None:
    assert await burst(harness, "   ", guild=None, channel=snowflake()) == PRIVATE_BURST


async def test_questions_in_an_answer_channel_keep_the_server_cooldown_only(
    harness: Harness, bot: KeiBot
) -> None:
    # the server chose no cooldown for its answer channel: that choice stands (no private burst limit)
    await bot.save_guild_settings(
        GuildSettings(
            GUILD,
            answer_channel_ids=frozenset({ANSWER_CHANNEL}),
            user_cooldown_seconds=0,
            entry_dedupe_seconds=0,
        )
    )
    assert await burst(harness, "is it legal in texas?", guild=GUILD, channel=ANSWER_CHANNEL, n=8) == 8

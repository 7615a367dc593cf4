"""'Is it legal in my state?' with no saved home state: the bot asks which state and offers state menus;
picking one answers for that state (issue 13 #8), through the real CommandTree and component dispatch."""

from __future__ import annotations

from bot.adapter.client import KeiBot
from bot.adapter.views import STATE_GROUPS
from tests.adapter.conftest import ALICE, GUILD, OTHER_CHANNEL
from tests.adapter.discord_harness import Harness


async def test_my_state_without_a_profile_offers_state_menus_that_answer(
    harness: Harness, bot: KeiBot
) -> None:
    harness.recorder.clear()
    await harness.dispatch(
        harness.slash(
            "ask",
            user_id=ALICE,
            guild_id=GUILD,
            channel_id=OTHER_CHANNEL,
            question="is it legal in my state?",
        )
    )
    asked = harness.recorder.last()
    assert (
        "Which state?" in asked.embeds[0]["description"] and "/profile set" in asked.embeds[0]["description"]
    )
    menus = [cid for cid in asked.custom_ids if cid.startswith("kb:pickstate:")]
    assert menus == [f"kb:pickstate:{i}" for i in range(len(STATE_GROUPS))]
    assert sum(len(group) for group in STATE_GROUPS) == 51 and all(len(group) <= 25 for group in STATE_GROUPS)

    group = next(i for i, names in enumerate(STATE_GROUPS) if "TX" in dict(names))
    assert asked.message is not None
    payload = harness.click(
        asked.message, f"kb:pickstate:{group}", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL
    )
    payload["data"] = {"custom_id": f"kb:pickstate:{group}", "component_type": 3, "values": ["TX"]}
    harness.recorder.clear()
    await harness.dispatch(payload)
    picked = harness.recorder.sent[-1]
    assert picked.embeds[0]["title"].startswith("Texas")
    assert picked.ephemeral


async def test_a_long_ask_is_answered_from_its_question_and_says_so(harness: Harness, bot: KeiBot) -> None:
    """Long input is not cut silently (issue 13 #10): the reply says it was long and answers its question."""
    story = "We have been looking at trucks for a while now and the neighbour has a small farm. " * 30
    harness.recorder.clear()
    await harness.dispatch(
        harness.slash(
            "ask",
            user_id=ALICE,
            guild_id=GUILD,
            channel_id=OTHER_CHANNEL,
            question=story + "Is my 98 carry legal in Texas?",
        )
    )
    reply = harness.recorder.last()
    assert reply.embeds[0]["title"].startswith("Texas")
    assert "longer than 2,000 characters" in reply.embeds[0]["description"]

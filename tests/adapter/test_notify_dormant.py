"""Issue 12 #5, subscriptions: an entry removed from the knowledge base (on purpose, or by a partial tree a
curator confirmed) leaves its subscriptions dormant, not deleted. The subscribers are told once; when the
entry comes back they are told it is back and are notified of its changes again."""

from __future__ import annotations

from pathlib import Path

from bot.adapter.client import KeiBot
from bot.adapter.notify import REMOVED
from tests.adapter.conftest import ALICE, BOB, GUILD, OTHER_CHANNEL
from tests.adapter.discord_harness import Harness
from tests.adapter.test_notify import notices, reload, subscribe


def remove_oklahoma(kb_dir: Path) -> str:
    path = kb_dir / "states.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("- id: state-ok"), text.index("- id: state-or")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return text


def description(h: Harness) -> str:
    (notice,) = notices(h)
    return notice.embeds[0]["description"]


async def test_a_removed_entry_keeps_its_subscribers_and_is_announced_once(
    harness: Harness, bot: KeiBot, kb_dir: Path
) -> None:
    await subscribe(harness, ALICE, OTHER_CHANNEL, "is it legal in oklahoma?", "state-ok")
    await subscribe(harness, BOB, OTHER_CHANNEL, "is it legal in oklahoma?", "state-ok")
    remove_oklahoma(kb_dir)
    await reload(harness)
    assert len(notices(harness)) == 2
    assert "**state-ok** was removed from the knowledge base" in notices(harness)[0].embeds[0]["description"]
    assert "if it comes back" in notices(harness)[0].embeds[0]["description"]
    assert {s.user_id for s in await bot.storage.subscribers("state-ok")} == {ALICE, BOB}, "dormant, kept"
    assert (await bot.storage.snapshots())["state-ok"].content_hash == REMOVED
    await reload(harness)
    assert notices(harness) == [], "the removal is announced once, not at every reload"
    assert bot.last_notify is not None and bot.last_notify.changes == []


async def test_a_returning_entry_wakes_its_subscriptions(harness: Harness, bot: KeiBot, kb_dir: Path) -> None:
    await subscribe(harness, ALICE, OTHER_CHANNEL, "is it legal in oklahoma?", "state-ok")
    original = remove_oklahoma(kb_dir)
    await reload(harness)
    (kb_dir / "states.yaml").write_text(original, encoding="utf-8")
    await reload(harness)
    back = description(harness)
    assert "**Oklahoma** is back in the knowledge base" in back and "removed" not in back
    assert [s.user_id for s in await bot.storage.subscribers("state-ok")] == [ALICE]
    # alive again: a later change is announced as usual
    path = kb_dir / "states.yaml"
    path.write_text(
        original.replace("Test summary for Oklahoma.", "Oklahoma now titles kei trucks."), encoding="utf-8"
    )
    await reload(harness)
    assert "**Oklahoma** was updated" in description(harness)


async def test_the_old_button_stops_a_dormant_subscription(
    harness: Harness, bot: KeiBot, kb_dir: Path
) -> None:
    harness.recorder.clear()
    await harness.dispatch(
        harness.slash(
            "ask",
            user_id=ALICE,
            guild_id=GUILD,
            channel_id=OTHER_CHANNEL,
            question="is it legal in oklahoma?",
        )
    )
    answer = harness.recorder.last()

    async def click() -> str:
        harness.recorder.clear()
        await harness.dispatch(
            harness.click(
                answer.message, "kb:notify:state-ok", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL
            )
        )
        return harness.recorder.last().content

    assert "I'll tell you" in await click()
    remove_oklahoma(kb_dir)
    await reload(harness)
    assert "I won't tell you if it comes back" in await click()
    assert await bot.storage.subscribers("state-ok") == []
    assert await click() == "That answer is no longer in the knowledge base."

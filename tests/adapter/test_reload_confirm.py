"""Issue 12 #5 through Discord: /kb reload refuses a tree that drops many entries unless confirm:true."""

from __future__ import annotations

from pathlib import Path

from bot.adapter.client import KeiBot
from tests.adapter.conftest import GUILD, OTHER_CHANNEL, OWNER
from tests.adapter.discord_harness import MANAGE_GUILD, Harness


async def reload(h: Harness, **options: object):
    h.recorder.clear()
    await h.dispatch(
        h.slash(
            "kb reload",
            user_id=OWNER,
            guild_id=GUILD,
            channel_id=OTHER_CHANNEL,
            permissions=MANAGE_GUILD,
            **options,
        )
    )
    return h.recorder.last()


async def test_reload_of_a_partial_tree_needs_confirmation(
    harness: Harness, bot: KeiBot, kb_dir: Path
) -> None:
    before = len(bot.service.kb)
    (kb_dir / "other.yaml").unlink()  # 10 of the 16 entries, the federal rules among them
    refused = await reload(harness)
    assert refused.embeds[0]["title"] == "Reload refused"
    assert "confirm:true" in refused.embeds[0]["description"]
    assert len(bot.service.kb) == before
    accepted = await reload(harness, confirm=True)
    assert accepted.embeds[0]["title"] == "Knowledge base reloaded"
    assert len(bot.service.kb) == before - 10
    events = await bot.storage.audit_log(GUILD)
    assert [e.action for e in events] == ["kb.reload.confirmed", "kb.reload"]

"""Issue 12 #13: /kb stats stays within Discord's message limits however many entries are stale."""

from __future__ import annotations

from typing import Any

import pytest

from bot.adapter.client import KeiBot
from bot.storage import Feedback, QuestionRecord
from tests.adapter.conftest import ADMIN, GUILD, OTHER_CHANNEL
from tests.adapter.discord_harness import MANAGE_GUILD, Harness


def embed_size(embed: dict[str, Any]) -> int:
    size = len(embed.get("title") or "") + len(embed.get("description") or "")
    size += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    return size + len((embed.get("footer") or {}).get("text") or "")


class FakeEntry:
    def __init__(self, entry_id: str) -> None:
        self.id = entry_id


async def test_kb_stats_fits_in_one_message(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [f"entry-{i:03d}-" + "x" * 66 for i in range(300)]  # long ids, the longest the schema allows
    for entry_id in ids:
        await bot.storage.log_question(
            QuestionRecord("q", entry_id=entry_id, answered=True, confidence=0.9, guild_id=GUILD)
        )
    for i in range(5):
        await bot.storage.record_feedback(
            Feedback(
                ids[i],
                1,
                "outdated",
                reason="r" * 1000,
                source_url="https://x.example/" + "y" * 480,
                guild_id=GUILD,
            )
        )
    monkeypatch.setattr(bot.service, "stale", lambda: [FakeEntry(i) for i in ids])  # every one past review
    harness.recorder.clear()
    await harness.dispatch(
        harness.slash(
            "kb stats", user_id=ADMIN, guild_id=GUILD, channel_id=OTHER_CHANNEL, permissions=MANAGE_GUILD
        )
    )
    embeds = harness.recorder.last().embeds
    assert 1 <= len(embeds) <= 10
    assert sum(embed_size(e) for e in embeds) <= 6000
    assert all(len(e.get("description") or "") <= 4096 for e in embeds)
    text = harness.recorder.last().text()
    assert "Stale entries still being served" in text and "more" in text

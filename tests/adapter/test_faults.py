"""A broken database never stops answers: the storage wrapper degrades, the bot keeps talking."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapter.client import create_bot
from bot.config import Settings
from bot.core.service import KnowledgeService
from bot.storage import open_storage
from tests.adapter.conftest import ALICE, GUILD, OTHER_CHANNEL, FakeClock
from tests.adapter.discord_harness import Harness


async def test_answers_and_buttons_work_with_an_unusable_database(
    settings: Settings,
    service: KnowledgeService,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    not_a_file = tmp_path / "folder.sqlite3"
    not_a_file.mkdir()  # a directory where the database file should be
    storage = await open_storage(None, not_a_file)
    assert not getattr(storage, "healthy", True)
    bot = create_bot(settings, service, storage, clock=clock.now, monotonic=clock.monotonic)
    h = Harness(bot, monkeypatch)
    await h.start()
    h.add_guild(GUILD, text_channels=[OTHER_CHANNEL])
    try:
        h.recorder.clear()
        await h.dispatch(
            h.slash(
                "ask",
                user_id=ALICE,
                guild_id=GUILD,
                channel_id=OTHER_CHANNEL,
                question="is it legal in texas?",
            )
        )
        answer = h.recorder.last()
        assert answer.embeds[0]["title"].startswith("Texas")
        h.recorder.clear()
        await h.dispatch(
            h.click(
                answer.message, "kb:vote:up:state-tx", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL
            )
        )
        # the vote could not be stored, and the click says so (issue 12 #12) instead of thanking
        assert h.recorder.last().content.startswith("Not saved")
        assert storage.stats()["dropped_writes"] >= 2  # type: ignore[attr-defined]
    finally:
        await h.close()

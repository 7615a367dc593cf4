"""Issue 12 #9: a question is logged even when Discord rejects the answer, and a reset connection while
answering does not escape the error handler."""

from __future__ import annotations

from typing import Any

import aiohttp
import discord
import pytest
from discord.webhook.async_ import AsyncWebhookAdapter

from bot.adapter.client import KeiBot
from tests.adapter.conftest import ALICE, GUILD, OTHER_CHANNEL
from tests.adapter.discord_harness import Harness, _FakeResponse


async def logged(bot: KeiBot) -> list[str]:
    return [r.question_text for r in await bot.storage.unanswered(threshold=2.0)]


async def test_a_question_is_logged_when_the_interaction_expired(harness: Harness, bot: KeiBot) -> None:
    harness.recorder.fail_interactions = True  # every interaction call: 404 / 10062 Unknown interaction
    await harness.call_tree(
        harness.slash(
            "ask", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL, question="xyzzy lost one"
        )
    )
    assert await logged(bot) == ["xyzzy lost one"]


def failing_adapter(exc: BaseException) -> Any:
    async def request(self: AsyncWebhookAdapter, route: Any, session: Any, **kwargs: Any) -> Any:
        raise exc

    return request


@pytest.mark.parametrize(
    "exc",
    [
        aiohttp.ClientOSError(104, "Connection reset by peer"),
        ConnectionResetError(104, "Connection reset by peer"),
        discord.HTTPException(_FakeResponse(503), {"code": 0, "message": "upstream"}),
        discord.HTTPException(_FakeResponse(429), {"code": 0, "message": "rate limited"}),
    ],
    ids=["aiohttp-reset", "oserror-reset", "5xx", "429"],
)
async def test_a_rejected_or_dropped_send_still_logs_and_is_handled(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch, exc: BaseException
) -> None:
    monkeypatch.setattr(AsyncWebhookAdapter, "request", failing_adapter(exc))
    # call_tree awaits the tree and its error handler in the test: anything escaping fails the test here
    await harness.call_tree(
        harness.slash(
            "ask", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL, question="plugh dropped"
        )
    )
    assert await logged(bot) == ["plugh dropped"]

"""Issue 12 #9, message path: a question asked by plain message is logged even when Discord rejects or drops
the reply (10062-style 404, 5xx, 429, a reset connection), and such a failure is handled as Discord trouble
(a warning), not logged as a bug of ours with a traceback."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
import discord
import pytest

from bot.adapter.client import KeiBot
from bot.storage import GuildSettings
from tests.adapter.conftest import ALICE, ANSWER_CHANNEL, BOB, GUILD
from tests.adapter.discord_harness import Harness, _FakeResponse, snowflake

FAILURES = [
    aiohttp.ClientOSError(104, "Connection reset by peer"),
    ConnectionResetError(104, "Connection reset by peer"),
    discord.HTTPException(_FakeResponse(503), {"code": 0, "message": "upstream"}),
    discord.HTTPException(_FakeResponse(429), {"code": 0, "message": "rate limited"}),
]
IDS = ["aiohttp-reset", "oserror-reset", "5xx", "429"]


@pytest.fixture
async def configured(bot: KeiBot) -> KeiBot:
    await bot.save_guild_settings(
        GuildSettings(
            GUILD,
            answer_channel_ids=frozenset({ANSWER_CHANNEL}),
            user_cooldown_seconds=0,
            entry_dedupe_seconds=120,
        )
    )
    return bot


def fail_channel_sends(bot: KeiBot, monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> list[str]:
    """Every message the bot posts in a channel raises ``exc`` (after being recorded as attempted)."""
    attempted: list[str] = []
    real = bot.http.request

    async def request(route: Any, **kwargs: Any) -> Any:
        if route.method == "POST" and route.path == "/channels/{channel_id}/messages":
            attempted.append(route.url)
            raise exc
        return await real(route, **kwargs)

    monkeypatch.setattr(bot.http, "request", request)
    return attempted


async def logged(bot: KeiBot) -> list[str]:
    return [r.question_text for r in await bot.storage.unanswered(threshold=2.0)]


def bug_reports(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


@pytest.mark.parametrize("exc", FAILURES, ids=IDS)
async def test_a_message_question_is_logged_when_the_reply_fails(
    harness: Harness,
    configured: KeiBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    exc: BaseException,
) -> None:
    attempted = fail_channel_sends(configured, monkeypatch, exc)
    caplog.set_level(logging.INFO)
    await harness.message("is it legal in texas?", user_id=ALICE, channel_id=ANSWER_CHANNEL, guild_id=GUILD)
    assert len(attempted) == 1
    assert await logged(configured) == ["is it legal in texas?"]
    assert bug_reports(caplog) == [], "a refused or dropped send is Discord trouble, not our bug"


@pytest.mark.parametrize("exc", FAILURES, ids=IDS)
async def test_a_dm_question_is_logged_when_the_reply_fails(
    harness: Harness,
    configured: KeiBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    exc: BaseException,
) -> None:
    fail_channel_sends(configured, monkeypatch, exc)
    caplog.set_level(logging.INFO)
    await harness.message("rust on a carry", user_id=ALICE, channel_id=snowflake(), guild_id=None)
    assert await logged(configured) == ["rust on a carry"]
    assert bug_reports(caplog) == []


async def test_the_question_is_logged_when_the_pointer_to_a_recent_answer_fails(
    harness: Harness, configured: KeiBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    await harness.message("is it legal in texas?", user_id=ALICE, channel_id=ANSWER_CHANNEL, guild_id=GUILD)
    attempted = fail_channel_sends(configured, monkeypatch, FAILURES[0])
    await harness.message(
        "are kei trucks allowed in texas", user_id=BOB, channel_id=ANSWER_CHANNEL, guild_id=GUILD
    )
    assert len(attempted) == 1, "the pointer reply was attempted"
    assert sorted(await logged(configured)) == ["are kei trucks allowed in texas", "is it legal in texas?"]

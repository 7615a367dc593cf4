"""Issue 12 #12, buttons: when storage drops a vote, an outdated report or a (un)subscription, the click is
answered with "Not saved", not with thanks or "I'll tell you"."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from bot.adapter.client import KeiBot
from bot.storage import Subscription
from tests.adapter.conftest import ALICE, GUILD, OTHER_CHANNEL
from tests.adapter.discord_harness import Harness, Sent


def drop(bot: KeiBot, monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    """The real SQLite storage under the resilient wrapper fails this call (a permanent fault)."""

    async def fail(*args: Any, **kwargs: Any) -> Any:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(bot.storage.inner, method, fail)  # type: ignore[attr-defined]


async def answer(h: Harness, question: str) -> Sent:
    h.recorder.clear()
    await h.dispatch(
        h.slash("ask", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL, question=question)
    )
    return h.recorder.last()


async def click(h: Harness, sent: Sent, custom_id: str) -> Sent:
    assert custom_id in sent.custom_ids and sent.message is not None
    h.recorder.clear()
    await h.dispatch(
        h.click(sent.message, custom_id, user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL)
    )
    assert h.recorder.sent, "the click got no response"
    return h.recorder.sent[-1]  # a reply, or the modal a report button opens


@pytest.mark.parametrize("vote", ["up", "down"])
async def test_a_dropped_vote_says_not_saved(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch, vote: str
) -> None:
    sent = await answer(harness, "timing belt on an acty")
    drop(bot, monkeypatch, "record_feedback")
    reply = await click(harness, sent, f"kb:vote:{vote}:acty-timing-belt")
    assert reply.ephemeral and reply.content.startswith("Not saved"), reply.content
    assert "Thanks" not in reply.content
    monkeypatch.undo()
    assert await bot.storage.feedback_summary() == {}


async def test_a_dropped_outdated_report_says_not_saved(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = await answer(harness, "is it legal in texas?")
    modal = (await click(harness, sent, "kb:report:state-tx")).payload["data"]
    drop(bot, monkeypatch, "record_feedback")
    harness.recorder.clear()
    await harness.dispatch(
        harness.submit_modal(
            modal,
            {"what": "The fee changed in 2026."},
            user_id=ALICE,
            guild_id=GUILD,
            channel_id=OTHER_CHANNEL,
        )
    )
    reply = harness.recorder.last()
    assert reply.ephemeral and reply.content.startswith("Not saved") and "Thanks" not in reply.content


async def test_a_dropped_subscription_says_not_saved(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = await answer(harness, "is it legal in texas?")
    drop(bot, monkeypatch, "subscribe")
    reply = await click(harness, sent, "kb:notify:state-tx")
    assert reply.ephemeral and reply.content.startswith("Not saved") and "I'll tell you" not in reply.content
    monkeypatch.undo()
    assert await bot.storage.subscribers("state-tx") == []


async def test_a_dropped_unsubscription_says_not_saved(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    await bot.storage.subscribe(Subscription(user_id=ALICE, entry_id="state-tx"))
    sent = await answer(harness, "is it legal in texas?")
    drop(bot, monkeypatch, "unsubscribe")
    reply = await click(harness, sent, "kb:notify:state-tx")
    assert reply.ephemeral and reply.content.startswith("Not saved") and "no longer" not in reply.content
    monkeypatch.undo()
    assert [s.entry_id for s in await bot.storage.subscribers("state-tx")] == ["state-tx"]


async def test_an_unreadable_subscription_list_changes_nothing(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading the user's subscriptions decides subscribe or unsubscribe: a failed read must not pass for
    "none" (that would subscribe someone who clicked to stop)."""
    await bot.storage.subscribe(Subscription(user_id=ALICE, entry_id="state-tx"))
    sent = await answer(harness, "is it legal in texas?")
    drop(bot, monkeypatch, "subscriptions")
    reply = await click(harness, sent, "kb:notify:state-tx")
    assert reply.ephemeral and "changed nothing" in reply.content and "I'll tell you" not in reply.content
    monkeypatch.undo()
    assert len(await bot.storage.subscribers("state-tx")) == 1

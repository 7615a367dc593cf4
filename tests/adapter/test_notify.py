"""'Notify me if this changes': subscribe with the button, change the knowledge base, reload (or restart),
and the subscribers are told once, by DM or in their thread."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.adapter.client import KeiBot, create_bot
from bot.adapter.notify import detect_changes
from bot.config import Settings
from bot.core.knowledge import load_dir
from bot.core.service import KnowledgeService
from bot.storage import Storage
from tests.adapter.conftest import ALICE, BOB, FORUM, GUILD, OTHER_CHANNEL, OWNER, FakeClock
from tests.adapter.discord_harness import MANAGE_GUILD, Harness, Sent, snowflake

TEXAS_EDIT = (
    "  summary: Test summary for Texas.",
    "  summary: Texas now asks for a safety inspection first.\n"
    "  changes: [{date: '2026-11-20', what: Safety inspection now required before titling}]",
)


def edit(kb_dir: Path, old: str, new: str) -> None:
    path = kb_dir / "states.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


async def subscribe(
    h: Harness, user: int, channel: int, question: str = "is it legal in texas?", entry: str = "state-tx"
) -> None:
    h.recorder.clear()
    await h.dispatch(h.slash("ask", user_id=user, guild_id=GUILD, channel_id=channel, question=question))
    answer = h.recorder.last()
    h.recorder.clear()
    await h.dispatch(
        h.click(answer.message, f"kb:notify:{entry}", user_id=user, guild_id=GUILD, channel_id=channel)
    )
    assert "I'll tell you" in h.recorder.last().content


async def reload(h: Harness) -> Sent:
    h.recorder.clear()
    await h.dispatch(
        h.slash(
            "kb reload", user_id=OWNER, guild_id=GUILD, channel_id=OTHER_CHANNEL, permissions=MANAGE_GUILD
        )
    )
    return next(s for s in h.recorder.sent if s.path == "/webhooks/{webhook_id}/{webhook_token}")


def notices(h: Harness) -> list[Sent]:
    return [
        s
        for s in h.recorder.channel_messages()
        if any(e.get("title") == "An answer you follow has changed" for e in s.embeds)
    ]


async def test_subscribers_are_notified_once_after_a_reload_that_changes_their_entry(
    harness: Harness, bot: KeiBot, kb_dir: Path
) -> None:
    """End to end: a change notification after /kb reload with a changed entry."""
    thread = snowflake()
    harness.add_thread(GUILD, thread, FORUM, owner_id=BOB)
    await subscribe(harness, ALICE, OTHER_CHANNEL)  # a normal channel: notified by DM
    await subscribe(harness, BOB, thread)  # inside a thread: notified there
    await subscribe(
        harness, ALICE, OTHER_CHANNEL, "timing belt on an acty", "acty-timing-belt"
    )  # not changing

    edit(kb_dir, *TEXAS_EDIT)
    summary = await reload(harness)
    text = summary.embeds[0]["description"]
    assert "Changed (1): state-tx" in text
    assert "1 entry changed since the last snapshot; 2 notification(s) sent." in text

    dm_open = [s for s in harness.recorder.sent if s.path == "/users/@me/channels"]
    assert [int(s.payload["recipient_id"]) for s in dm_open] == [ALICE]
    sent = notices(harness)
    assert {s.url.split("/channels/")[1].split("/")[0] for s in sent} == {str(ALICE), str(thread)}
    for message in sent:
        assert message.allowed_mentions == {"parse": []}
        description = message.embeds[0]["description"]
        assert "**Texas** was updated (last verified Nov 25, 2026" in description
        assert (
            "Latest recorded change: 2026-11-20: Safety inspection now required before titling" in description
        )
        assert "Honda Acty timing belt" not in description
    in_thread = next(s for s in sent if str(thread) in s.url)
    assert in_thread.content == f"<@{BOB}>"

    stored = await bot.storage.snapshots()
    assert stored["state-tx"].content_hash == bot.service.kb.fingerprints["state-tx"]
    again = await reload(harness)
    assert "nothing changed" in again.embeds[0]["description"]
    assert notices(harness) == [], "told once"


async def test_changes_made_while_the_bot_was_down_are_announced_at_start(
    harness: Harness,
    settings: Settings,
    kb_dir: Path,
    storage: Storage,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await subscribe(harness, ALICE, OTHER_CHANNEL)
    await harness.close()
    edit(kb_dir, *TEXAS_EDIT)
    restarted = create_bot(
        settings, KnowledgeService(kb_dir), storage, clock=clock.now, monotonic=clock.monotonic
    )
    h2 = Harness(restarted, monkeypatch)
    await h2.start()
    try:
        (notice,) = notices(h2)
        assert notice.url.endswith(f"/channels/{ALICE}/messages")
        assert restarted.last_notify is not None and restarted.last_notify.notified == 1
    finally:
        await h2.close()


async def test_removed_entries_are_announced_and_their_subscriptions_kept(
    harness: Harness, bot: KeiBot, kb_dir: Path
) -> None:
    await subscribe(harness, ALICE, OTHER_CHANNEL, "is it legal in oklahoma?", "state-ok")
    path = kb_dir / "states.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: state-ok")
    end = text.index("- id: state-or")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    await reload(harness)
    (notice,) = notices(harness)
    assert "**state-ok** was removed from the knowledge base" in notice.embeds[0]["description"]
    # dormant, not deleted: they wake up if the entry comes back (test_notify_dormant)
    assert [s.user_id for s in await bot.storage.subscribers("state-ok")] == [ALICE]


async def test_undeliverable_notices_are_counted_not_fatal(
    harness: Harness, bot: KeiBot, kb_dir: Path
) -> None:
    await subscribe(harness, ALICE, OTHER_CHANNEL)
    harness.recorder.fail_dm_for = {ALICE}
    edit(kb_dir, *TEXAS_EDIT)
    summary = await reload(harness)
    assert "0 notification(s) sent, 1 could not be delivered." in summary.embeds[0]["description"]
    assert bot.last_notify is not None and bot.last_notify.failed == 1


async def test_only_the_process_with_shard_zero_notifies(
    harness: Harness, settings: Settings, kb_dir: Path, storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    await subscribe(harness, ALICE, OTHER_CHANNEL)
    before = (await storage.snapshots())["state-tx"].content_hash
    await harness.close()
    edit(kb_dir, *TEXAS_EDIT)
    other = create_bot(
        dataclasses.replace(settings, shard_count=2, shard_ids=(1,)), KnowledgeService(kb_dir), storage
    )
    h2 = Harness(other, monkeypatch)
    await h2.start()
    try:
        assert notices(h2) == []
        # It leaves the snapshot alone, so the shard-0 process still sees the change (test_notify_shards).
        assert (await storage.snapshots())["state-tx"].content_hash == before
        assert before != other.service.kb.fingerprints["state-tx"]
    finally:
        await h2.close()


def test_detect_changes_treats_missing_snapshots_as_new_not_changed(kb_dir: Path) -> None:
    kb = load_dir(kb_dir)
    assert detect_changes(kb, {}) == []

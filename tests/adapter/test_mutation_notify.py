"""Delivering change notices, with a stand-in for the bot (issue 16, mutmut survivors of ``notify_changes`` and
``_deliver``): who is counted as reached or missed, one notice per destination, the DM fallback, the cached
user, and a non-sending process that neither delivers nor records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import discord

from bot.adapter import notify
from bot.adapter.errors import NO_MENTIONS
from bot.core.knowledge import KnowledgeBase
from bot.storage.models import Snapshot, Subscription


class _Response:
    status, reason = 403, "Forbidden"


FORBIDDEN = discord.HTTPException(_Response(), {"code": 50007, "message": "cannot send"})


@dataclass
class _Sink:
    fail: bool = False
    sent: list[dict[str, Any]] = field(default_factory=list)

    async def send(self, **kwargs: Any) -> None:
        if self.fail:
            raise FORBIDDEN
        self.sent.append(kwargs)


@dataclass
class _Storage:
    snapshot_map: dict[str, Snapshot]
    subs: list[Subscription]
    recorded: list[Snapshot] = field(default_factory=list)

    async def snapshots(self) -> dict[str, Snapshot]:
        return dict(self.snapshot_map)

    async def subscribers(self, entry_id: str) -> list[Subscription]:
        return [s for s in self.subs if s.entry_id == entry_id]

    async def record_snapshots(self, snapshots: list[Snapshot]) -> int:
        self.recorded += snapshots
        return len(snapshots)


class _Bot:
    def __init__(self, kb: KnowledgeBase, storage: _Storage, *, sender: bool = True) -> None:
        self.service = type("Service", (), {"kb": kb})()
        self.storage = storage
        self.sends_notifications = sender
        self.threads: dict[int, _Sink] = {}
        self.users: dict[int, _Sink] = {}  # in the client's cache
        self.fetchable: dict[int, _Sink] = {}  # only through the API
        self.fetched: list[int] = []

    def get_partial_messageable(self, channel_id: int) -> _Sink:
        return self.threads.setdefault(channel_id, _Sink(fail=True))

    def get_user(self, user_id: int) -> _Sink | None:
        return self.users.get(user_id)

    async def fetch_user(self, user_id: int) -> _Sink:
        self.fetched.append(user_id)
        if user_id not in self.fetchable:
            raise FORBIDDEN
        return self.fetchable[user_id]


def _changed(kb: KnowledgeBase, *entry_ids: str) -> dict[str, Snapshot]:
    return {
        entry_id: Snapshot(entry_id, "old" if entry_id in entry_ids else fp, kb.by_id[entry_id].last_verified)
        for entry_id, fp in kb.fingerprints.items()
    }


async def test_each_unreachable_subscriber_is_counted(mini_kb: KnowledgeBase) -> None:
    storage = _Storage(
        _changed(mini_kb, "state-tx"), [Subscription(1, "state-tx"), Subscription(2, "state-tx")]
    )
    bot = _Bot(mini_kb, storage)
    report = await notify.notify_changes(bot)  # type: ignore[arg-type]
    assert (report.notified, report.failed) == (0, 2)
    assert sorted(bot.fetched) == [1, 2]


async def test_a_cached_user_is_messaged_without_an_api_lookup(mini_kb: KnowledgeBase) -> None:
    storage = _Storage(_changed(mini_kb, "state-tx"), [Subscription(1, "state-tx")])
    bot = _Bot(mini_kb, storage)
    bot.users[1] = _Sink()
    report = await notify.notify_changes(bot)  # type: ignore[arg-type]
    assert (report.notified, report.failed) == (1, 0)
    assert bot.fetched == []
    (message,) = bot.users[1].sent
    assert message["allowed_mentions"] is NO_MENTIONS


async def test_one_notice_per_destination_naming_every_change(mini_kb: KnowledgeBase) -> None:
    subs = [Subscription(1, "state-tx"), Subscription(1, "state-ok"), Subscription(2, "state-ok", 10, 11)]
    storage = _Storage(_changed(mini_kb, "state-tx", "state-ok"), subs)
    bot = _Bot(mini_kb, storage)
    bot.users[1] = _Sink()
    bot.threads[11] = _Sink()
    report = await notify.notify_changes(bot)  # type: ignore[arg-type]
    assert (report.notified, report.failed) == (2, 0)
    (dm,) = bot.users[1].sent
    text = dm["embed"].description
    assert mini_kb.by_id["state-tx"].title in text and mini_kb.by_id["state-ok"].title in text
    (in_thread,) = bot.threads[11].sent
    assert in_thread["content"] == "<@2>" and in_thread["allowed_mentions"] is NO_MENTIONS
    assert mini_kb.by_id["state-tx"].title not in in_thread["embed"].description
    assert sorted(s.entry_id for s in storage.recorded) == ["state-ok", "state-tx"]
    assert report.recorded == 2


async def test_an_unreachable_thread_falls_back_to_a_dm(mini_kb: KnowledgeBase) -> None:
    storage = _Storage(_changed(mini_kb, "state-tx"), [Subscription(2, "state-tx", 10, 11)])
    bot = _Bot(mini_kb, storage)
    bot.fetchable[2] = _Sink()
    report = await notify.notify_changes(bot)  # type: ignore[arg-type]
    assert (report.notified, report.failed) == (1, 0)
    assert bot.fetched == [2] and len(bot.fetchable[2].sent) == 1


async def test_a_process_that_does_not_send_neither_delivers_nor_records(mini_kb: KnowledgeBase) -> None:
    storage = _Storage(_changed(mini_kb, "state-tx"), [Subscription(1, "state-tx")])
    bot = _Bot(mini_kb, storage, sender=False)
    bot.users[1] = _Sink()
    report = await notify.notify_changes(bot)  # type: ignore[arg-type]
    assert [c.entry_id for c in report.changes] == ["state-tx"]
    assert bot.users[1].sent == [] and storage.recorded == [] and report.recorded == 0


async def test_no_change_no_notice_and_nothing_recorded(mini_kb: KnowledgeBase) -> None:
    storage = _Storage(_changed(mini_kb), [Subscription(1, "state-tx")])
    bot = _Bot(mini_kb, storage)
    bot.users[1] = _Sink()
    report = await notify.notify_changes(bot)  # type: ignore[arg-type]
    assert report.changes == [] and bot.users[1].sent == [] and storage.recorded == []


def test_every_removed_entry_is_named_not_just_the_first() -> None:
    embed = notify.change_message(
        [
            notify.EntryChange("a", removed=True, title="first-gone"),
            notify.EntryChange("b", removed=True, title="second-gone"),
            notify.EntryChange("c", removed=False, title="Updated"),
        ]
    )
    text = embed.description or ""
    assert "**first-gone** was removed" in text and "**second-gone** was removed" in text
    assert "**Updated** was updated" in text


def test_the_latest_change_is_cut_to_300_characters() -> None:
    embed = notify.change_message(
        [notify.EntryChange("a", removed=False, title="T", latest_change="x" * 400)]
    )
    (line,) = [ln for ln in (embed.description or "").split("\n") if "Latest recorded change" in ln]
    shown = line.split("Latest recorded change: ", 1)[1]
    assert len(shown) == 300 and shown.endswith("…")

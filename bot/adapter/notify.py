"""'Notify me if this changes': compare the live knowledge base with the stored snapshots and tell the
subscribers of every changed (or removed) entry, once, by DM or in the thread they subscribed from.

Detection is pure (``detect_changes``); ``notify_changes`` does the I/O. An entry with no snapshot yet is
new, not changed. Snapshots are recorded after the notifications go out, so the same change is never
announced twice (a crash in between can repeat it, never lose it).

A removed entry's subscriptions go dormant, they are not deleted: a reload of a partial tree (confirmed by a
curator) or a deliberate removal must not unsubscribe people for good. The removal is announced once (its
snapshot becomes the ``REMOVED`` tombstone); if the entry comes back, its subscribers are told it is back
and from then on hear about its changes as before.

Only the process that sends notifications (the one running shard 0) records snapshots. The others only
detect and report: if they recorded, a non-zero shard that starts or reloads first would mark the change as
seen, and the shard-0 process, comparing against that newer snapshot, would never announce it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import discord

from bot.adapter.errors import NO_MENTIONS
from bot.adapter.render import COLOUR_NOTICE, MAX_DESCRIPTION, clip, discord_date
from bot.core.knowledge import KnowledgeBase
from bot.storage.models import Snapshot

if TYPE_CHECKING:
    from bot.adapter.client import KeiBot

log = logging.getLogger(__name__)

# The content hash recorded for an entry that left the knowledge base: its removal has been announced, and
# its (dormant) subscribers hear again when it returns. Never a real fingerprint (those are hex digests).
REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class EntryChange:
    entry_id: str
    removed: bool
    title: str
    last_verified: dt.date | None = None
    latest_change: str | None = None  # "2026-12-01: what changed", from the entry's history
    returned: bool = False  # back in the knowledge base after a removal


@dataclass
class NotifyReport:
    changes: list[EntryChange] = field(default_factory=list)
    notified: int = 0  # messages delivered
    failed: int = 0  # subscribers we could not reach
    recorded: int = 0  # snapshots written
    sender: bool = True  # False in a process that leaves notifying (and snapshots) to the shard-0 process

    def summary(self) -> str:
        if not self.changes:
            return "No followed answers changed."
        if not self.sender:
            return (
                f"{len(self.changes)} entr{'y' if len(self.changes) == 1 else 'ies'} changed since the last "
                "snapshot; the process running shard 0 notifies subscribers when it starts or reloads."
            )
        return (
            f"{len(self.changes)} entr{'y' if len(self.changes) == 1 else 'ies'} changed since the last snapshot; "
            f"{self.notified} notification(s) sent"
            + (f", {self.failed} could not be delivered." if self.failed else ".")
        )


def detect_changes(kb: KnowledgeBase, snapshots: Mapping[str, Snapshot]) -> list[EntryChange]:
    changes: list[EntryChange] = []
    for entry_id, fingerprint in sorted(kb.fingerprints.items()):
        snapshot = snapshots.get(entry_id)
        if snapshot is None or snapshot.content_hash == fingerprint:
            continue
        entry = kb.by_id[entry_id]
        latest = max(entry.changes, key=lambda c: c.date, default=None)
        changes.append(
            EntryChange(
                entry_id,
                removed=False,
                title=entry.title,
                last_verified=entry.last_verified,
                latest_change=f"{latest.date}: {latest.what}" if latest is not None else None,
                returned=snapshot.content_hash == REMOVED,
            )
        )
    for entry_id in sorted(snapshots.keys() - kb.fingerprints.keys()):
        if snapshots[entry_id].content_hash != REMOVED:  # a removal already announced is not news
            changes.append(EntryChange(entry_id, removed=True, title=entry_id))
    return changes


def snapshots_to_record(kb: KnowledgeBase, snapshots: Mapping[str, Snapshot]) -> list[Snapshot]:
    """Snapshots for entries that are new, changed or back, and a ``REMOVED`` tombstone for each entry
    that left since the last snapshot."""
    recorded = [
        Snapshot(entry_id, fingerprint, kb.by_id[entry_id].last_verified)
        for entry_id, fingerprint in sorted(kb.fingerprints.items())
        if entry_id not in snapshots or snapshots[entry_id].content_hash != fingerprint
    ]
    recorded += [
        Snapshot(entry_id, REMOVED, snapshots[entry_id].last_verified)
        for entry_id in sorted(snapshots.keys() - kb.fingerprints.keys())
        if snapshots[entry_id].content_hash != REMOVED
    ]
    return recorded


def change_message(changes: list[EntryChange]) -> discord.Embed:
    lines: list[str] = []
    for change in changes:
        if change.removed:
            lines.append(
                f"• **{change.title}** was removed from the knowledge base. I'll keep following it for you "
                "and tell you if it comes back."
            )
            continue
        what = "is back in the knowledge base" if change.returned else "was updated"
        line = f"• **{change.title}** {what}"
        if change.last_verified:
            line += f" (last verified {discord_date(change.last_verified)})"
        line += "."
        if change.latest_change:
            line += f"\n  Latest recorded change: {clip(change.latest_change, 300)}"
        lines.append(line)
    lines.append("\nAsk again (for example with `/ask`) to see the current answer.")
    return discord.Embed(
        title="An answer you follow has changed",
        description=clip("\n".join(lines), MAX_DESCRIPTION),
        colour=COLOUR_NOTICE,
    ).set_footer(text="You asked KeiBot to notify you. Use the 🔔 button under an answer again to stop.")


async def notify_changes(bot: KeiBot) -> NotifyReport:
    """Detect changes against the stored snapshots, notify subscribers, then record new snapshots.

    A process that does not send notifications only detects: it must leave the snapshots to the sender.
    """
    kb = bot.service.kb
    snapshots = await bot.storage.snapshots()
    report = NotifyReport(changes=detect_changes(kb, snapshots), sender=bot.sends_notifications)
    if not report.sender:
        return report
    if report.changes:
        by_destination: dict[tuple[int, int | None], list[EntryChange]] = defaultdict(list)
        for change in report.changes:
            for sub in await bot.storage.subscribers(change.entry_id):
                by_destination[(sub.user_id, sub.thread_id)].append(change)
        for (user_id, thread_id), changes in by_destination.items():
            if await _deliver(bot, user_id, thread_id, change_message(changes)):
                report.notified += 1
            else:
                report.failed += 1
            # a removed entry's subscriptions stay (dormant): they wake up if the entry comes back
    to_record = snapshots_to_record(kb, snapshots)
    if to_record:
        report.recorded = await bot.storage.record_snapshots(to_record)
    if report.changes:
        log.info("knowledge changes: %s", report.summary())
    return report


async def _deliver(bot: KeiBot, user_id: int, thread_id: int | None, embed: discord.Embed) -> bool:
    if thread_id is not None:
        try:
            await bot.get_partial_messageable(thread_id).send(
                content=f"<@{user_id}>", embed=embed, allowed_mentions=NO_MENTIONS
            )
            return True
        except discord.HTTPException as exc:
            log.info("thread %s unreachable for a change notice (%s); trying a DM", thread_id, exc.status)
    try:
        user = bot.get_user(user_id) or await bot.fetch_user(user_id)
        await user.send(embed=embed, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        log.info("could not DM user %s a change notice (%s)", user_id, exc.status)
        return False
    return True

"""The weekly source watch in the bot: on the process that runs shard 0 only (``sends_notifications``),
check hourly whether the last watch run is a week old; if so run it (``bot.watch.run``) and post the
digest to every curator channel set with ``/settings curator-channel``. ``/kb sources`` shows the last
report and ``/kb stale`` the entries whose sources changed since they were verified (in ``admin.py``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.adapter.errors import NO_MENTIONS
from bot.adapter.render import COLOUR_ERROR, COLOUR_NOTICE, clip, list_embeds
from bot.watch.report import WatchReport

if TYPE_CHECKING:
    from bot.adapter.client import KeiBot

log = logging.getLogger(__name__)

WATCH_EVERY = dt.timedelta(days=7)
CHECK_EVERY_SECONDS = 3600.0
FIRST_CHECK_DELAY_SECONDS = 600.0  # let the bot settle (and short-lived test bots close) before any fetch


def digest_lines(report: WatchReport) -> list[str]:
    """One line per entry that needs a look, then its sources that are not unchanged (with diffs cut)."""
    lines: list[str] = []
    for entry in report.attention():
        legal = " (legal)" if entry.legal else ""
        lines.append(f"**{entry.outcome}** `{entry.id}`{legal}, verified {entry.last_verified}")
        for source in entry.sources:
            if source.outcome in ("unchanged", "new"):
                continue
            detail = f" ({clip(source.detail, 80)})" if source.detail else ""
            target = (
                f" → <{clip(source.final_url, 200)}>"
                if source.outcome == "moved" and source.final_url
                else ""
            )
            lines.append(f"- {source.outcome}: <{clip(source.url, 200)}>{target}{detail}")
            if source.diff:
                diff = "\n".join(clip(d, 120) for d in source.diff[:6]).replace("```", "ʼʼʼ")
                lines.append(f"```diff\n{diff}\n```")
    return lines


def digest_embeds(report: WatchReport) -> list[discord.Embed]:
    return list_embeds(
        clip(report.summary_line(), 240),
        digest_lines(report),
        colour=COLOUR_ERROR if report.needs_curator else COLOUR_NOTICE,
        empty="Every source is unchanged (or seen for the first time). Nothing needs a curator.",
    )


class SourceWatch(commands.Cog):
    def __init__(self, bot: KeiBot) -> None:
        self.bot = bot
        self._task: asyncio.Task[None] | None = None
        self._running = asyncio.Lock()

    async def cog_load(self) -> None:
        if self.bot.sends_notifications:
            self._task = asyncio.create_task(self._weekly(), name="keibot-source-watch")

    async def cog_unload(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def due(self) -> bool:
        latest = await self.bot.storage.latest_watch_report()
        return latest is None or latest.finished_at <= self.bot.clock() - WATCH_EVERY

    async def run_once(self, fetcher: object | None = None) -> WatchReport | None:
        """Run the watch now (one at a time) and post the digest; None if a run was already going."""
        if self._running.locked():
            return None
        async with self._running:
            from bot.watch.fetch import Fetcher
            from bot.watch.run import run_watch

            entries = self.bot.service.kb.entries
            if fetcher is None:
                async with Fetcher() as owned:
                    report = await run_watch(entries, self.bot.storage, owned)
            else:
                report = await run_watch(entries, self.bot.storage, fetcher)  # type: ignore[arg-type]
            await self.post_digest(report)
            return report

    async def post_digest(self, report: WatchReport) -> int:
        """Send the digest to every curator channel; returns how many took it."""
        sent = 0
        embeds = digest_embeds(report)
        for guild_id, channel_id in (await self.bot.storage.curator_channels()).items():
            try:
                # by id over REST, so a channel in a guild on another shard's process is reached too
                await self.bot.get_partial_messageable(channel_id).send(
                    embeds=embeds, allowed_mentions=NO_MENTIONS
                )
                sent += 1
            except discord.HTTPException as exc:
                log.warning(
                    "watch digest not delivered to guild %s channel %s: %s", guild_id, channel_id, exc
                )
        return sent

    async def _weekly(self) -> None:
        await asyncio.sleep(FIRST_CHECK_DELAY_SECONDS)
        while True:
            try:
                if await self.due():
                    await self.run_once()
            except Exception:
                log.exception("the weekly source watch failed")
            await asyncio.sleep(CHECK_EVERY_SECONDS)

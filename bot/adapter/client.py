"""The Discord client: built by ``create_bot`` from settings and its collaborators, no module-level state.

Gateway intents
---------------
``Intents.default()`` (guilds, guild and DM messages, ...) plus **Message Content**, a privileged intent:
without it Discord sends the bot empty text for messages that do not mention it, and the plain-message
modes (answer channels, forum starter posts, threads, follow-ups) cannot work. Turn it on for the
application in the Discord Developer Portal (Bot -> Privileged Gateway Intents -> Message Content Intent);
servers with 100+ members need the intent approved by Discord once the bot is verified. Slash commands,
mentions and DMs work without it. Members and presence intents are not used.

Mentions
--------
``AllowedMentions.none()`` is the client default and is passed again on every send, so nothing the bot
posts (including user text it quotes) can ping a user, a role, @everyone or @here.

Lifecycle
---------
``setup_hook`` opens storage, loads the extensions in ``EXTENSIONS`` (a failure is logged and re-raised),
registers the persistent buttons, syncs app commands to ``DEV_GUILD_ID`` when it is set (global sync is
the owner's ``@KeiBot sync-commands global``), and checks the knowledge base against the stored snapshots
to notify subscribers of changed entries. ``close`` closes storage, then the connection.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import Any

import discord
from discord.ext import commands

from bot.adapter.errors import NO_MENTIONS, KeiTree
from bot.adapter.limits import (
    BoundedDict,
    Bursts,
    Conversations,
    Cooldowns,
    CpuTurns,
    Dedupe,
    PageStore,
    TTLCache,
)
from bot.adapter.notify import NotifyReport, notify_changes
from bot.adapter.render import RenderedAnswer, render_answer
from bot.adapter.views import DYNAMIC_ITEMS
from bot.config import Settings
from bot.core.answering import Answer, ProfileLike
from bot.core.schema import Status
from bot.core.service import KnowledgeService, ReloadReport
from bot.memory import settle_memory
from bot.storage import GuildSettings, Profile, QuestionRecord, Storage
from bot.storage.base import PRUNE_BATCH
from bot.storage.resilient import abandon_after

log = logging.getLogger(__name__)

EXTENSIONS: tuple[str, ...] = (
    "bot.adapter.cogs.errors",
    "bot.adapter.cogs.ask",
    "bot.adapter.cogs.profile",
    "bot.adapter.cogs.admin",
    "bot.adapter.cogs.messages",
    "bot.adapter.cogs.reach",
)

# Reads on the way to an answer must leave time to respond within Discord's 3-second interaction window.
FAST_READ_TIMEOUT = 1.0
RETENTION_INTERVAL_SECONDS = 24 * 60 * 60
PRUNE_PAUSE_SECONDS = 0.05  # between retention batches, so answers and other writes get the database
PRUNE_PROGRESS_EVERY = 20  # batches between progress lines in the log
GUILD_SETTINGS_TTL = 30.0  # seconds a guild's settings are cached (another bot process may change them)

WallClock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def make_intents() -> discord.Intents:
    """Default intents plus the privileged Message Content intent (see the module docstring)."""
    intents = discord.Intents.default()
    intents.message_content = True
    intents.members = False
    intents.presences = False
    return intents


class KeiBot(commands.Bot):
    """KeiBot on one gateway connection (or the shards this process runs, in ``ShardedKeiBot``)."""

    def __init__(
        self,
        settings: Settings,
        service: KnowledgeService,
        storage: Storage,
        *,
        clock: WallClock = utc_now,
        monotonic: Callable[[], float] = time.monotonic,
        **options: Any,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=make_intents(),
            allowed_mentions=NO_MENTIONS,
            tree_cls=KeiTree,
            help_command=None,
            owner_ids=set(settings.owner_ids) or None,
            **options,
        )
        self.settings = settings
        self.service = service
        self.storage = storage
        self.clock = clock
        self.monotonic = monotonic
        self.conversations = Conversations(monotonic)
        self.cooldowns = Cooldowns(monotonic)
        self.bursts = Bursts(monotonic)
        self.dedupe = Dedupe(monotonic)
        self.pages: PageStore[RenderedAnswer] = PageStore(monotonic)
        self.answered_threads: TTLCache[int, bool] = TTLCache(7 * 24 * 3600, monotonic, maxsize=50_000)
        self._guild_settings: TTLCache[int, GuildSettings] = TTLCache(GUILD_SETTINGS_TTL, monotonic)
        # Last settings read per guild, whatever their age: used when storage is too slow or stalled, so
        # a database fault does not turn a server's answer channels off.
        self._known_settings: BoundedDict[int, GuildSettings] = BoundedDict(10_000)
        self._knowledge_lock = asyncio.Lock()
        self.cpu_turns = CpuTurns()
        self._map_cache: tuple[tuple[int, dt.date], bytes] | None = None
        self.last_notify: NotifyReport | None = None

    # ------------------------------------------------------------------ lifecycle

    async def setup_hook(self) -> None:
        await self.storage.open()
        for extension in EXTENSIONS:
            try:
                await self.load_extension(extension)
            except Exception:
                log.exception("failed to load extension %s", extension)
                raise
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        if self.settings.dev_guild_id:
            guild = discord.Object(id=self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d app commands to the dev guild %s", len(synced), self.settings.dev_guild_id)
        try:
            await self.check_knowledge_changes()
        except Exception:  # notifications must never stop the bot from starting
            log.exception("checking the knowledge base for changes failed at start")
        settle_memory(collect=True)
        if self.sends_notifications:  # one process prunes for all of them
            self._retention_task = asyncio.create_task(self._prune_daily(), name="keibot-retention")

    async def prune_old_questions(self) -> int:
        """Delete logged questions older than QUESTION_RETENTION_DAYS in short batches (``PRUNE_BATCH``
        each, a pause between them so answers get the database), logging progress; a storage fault stops
        the pass (what went is gone) until the next one. Returns how many went."""
        days = self.settings.question_retention_days
        total = batches = 0
        while True:
            deleted = await self.storage.prune_questions_batch(days, PRUNE_BATCH)
            if deleted is None:
                log.warning(
                    "pruning stopped after %d question(s): storage unavailable; next pass tomorrow", total
                )
                break
            total += deleted
            batches += 1
            if deleted < PRUNE_BATCH:
                break
            if batches % PRUNE_PROGRESS_EVERY == 0:
                log.info("pruning the question log: %d question(s) older than %d days so far", total, days)
            await asyncio.sleep(PRUNE_PAUSE_SECONDS)
        if total:
            log.info("pruned %d logged question(s) older than %d days in %d batch(es)", total, days, batches)
        return total

    async def _prune_daily(self) -> None:
        while True:
            try:
                await self.prune_old_questions()
            except Exception:
                log.exception("pruning the question log failed")
            await asyncio.sleep(RETENTION_INTERVAL_SECONDS)

    async def close(self) -> None:
        task = getattr(self, "_retention_task", None)
        if task is not None:
            task.cancel()
        try:
            await self.storage.close()
        finally:
            await super().close()

    @property
    def sends_notifications(self) -> bool:
        """Only one process notifies subscribers: the one running shard 0 (or the only process)."""
        ids = self.settings.shard_ids
        return ids is None or 0 in ids

    async def on_ready(self) -> None:
        log.info(
            "connected as %s (%s) to %d guild(s)", self.user, getattr(self.user, "id", "?"), len(self.guilds)
        )

    # ------------------------------------------------------------------ answering

    def answer(self, question: str, *, user_id: int, channel_id: int, profile: ProfileLike | None) -> Answer:
        """Answer through the core with this user's conversation in this channel and their profile."""
        conversation = self.conversations.get(user_id, channel_id)
        return self.service.answer(question, conversation, profile)

    async def think(
        self, question: str, *, user_id: int, channel_id: int, profile: ProfileLike | None
    ) -> tuple[Answer, RenderedAnswer]:
        """Answer and render, taking turns with other questions (see ``CpuTurns``)."""
        async with self.cpu_turns.turn():
            answer = self.answer(question, user_id=user_id, channel_id=channel_id, profile=profile)
            return answer, self.render(answer)

    def answer_entry(self, entry_id: str, *, full: bool = False) -> Answer | None:
        """The answer for one entry (a "did you mean" button, or the whole entry with ``full``); None if a
        reload removed it."""
        return self.service.answer_entry(entry_id, full=full)

    def status_for(self, answer: Answer) -> Status | None:
        if answer.status is not None:
            return answer.status
        if answer.state and answer.intent == "state_legality":
            entry = self.service.kb.by_state.get(answer.state)
            return entry.status if entry is not None else None
        return None

    def render(self, answer: Answer) -> RenderedAnswer:
        return render_answer(answer, status=self.status_for(answer), site_url=self.settings.site_url)

    async def log_answer(
        self, answer: Answer, *, user_id: int | None, channel_id: int | None, guild_id: int | None
    ) -> None:
        """Store the question (for gaps and stats). Never raises: storage is behind ResilientStorage."""
        entry_id = (
            answer.entries[0].id
            if answer.entries
            else (answer.suggestion_ids[0] if answer.suggestion_ids else None)
        )
        try:
            await self.storage.log_question(
                QuestionRecord(
                    question_text=answer.question or "",
                    intent=answer.intent,
                    state=answer.state,
                    model=answer.model,
                    year=answer.year,
                    entry_id=entry_id,
                    confidence=answer.confidence,
                    answered=answer.answered,
                    guild_id=guild_id,
                    channel_id=channel_id,
                    user_id=user_id,
                    asked_at=self.clock(),
                )
            )
        except Exception:
            log.exception("logging a question failed")

    # ------------------------------------------------------------------ guild settings

    def _storage_stalled(self) -> bool:
        return bool(getattr(self.storage, "stalled", False))

    def _note_stall(self, operation: str) -> None:
        mark = getattr(self.storage, "mark_stalled", None)
        if callable(mark):
            mark(operation)

    async def guild_settings(self, guild_id: int) -> GuildSettings:
        """The guild's settings (cached briefly). When storage is stalled or too slow to answer within
        ``FAST_READ_TIMEOUT`` the read is abandoned and the last settings seen (else defaults) are used."""
        cached = self._guild_settings.get(guild_id)
        if cached is not None:
            return cached
        fallback = self._known_settings.get(guild_id) or GuildSettings(guild_id)
        if self._storage_stalled():
            return fallback
        try:
            settings = await abandon_after(self.storage.get_guild_settings(guild_id), FAST_READ_TIMEOUT)
        except TimeoutError:
            log.warning("guild settings for %s were too slow to load; using the last known ones", guild_id)
            self._note_stall("get_guild_settings")
            return fallback
        if getattr(self.storage, "reads_healthy", True):  # not a default served in place of a failed read
            self._guild_settings.put(guild_id, settings)
            self._known_settings[guild_id] = settings
        else:
            return self._known_settings.get(guild_id) or settings
        return settings

    async def profile(self, user_id: int) -> Profile | None:
        """The user's profile for filling "my state" / "my truck", or None if storage is stalled or slow."""
        if self._storage_stalled():
            return None
        try:
            return await abandon_after(self.storage.get_profile(user_id), FAST_READ_TIMEOUT)
        except TimeoutError:
            log.warning("profile read was too slow; answering without it")
            self._note_stall("get_profile")
            return None

    async def save_guild_settings(self, settings: GuildSettings) -> bool:
        """Save and cache the settings; False (and nothing cached) when storage dropped the write."""
        if await self.storage.set_guild_settings(settings) is False:
            return False
        self._guild_settings.put(settings.guild_id, settings)
        self._known_settings[settings.guild_id] = settings
        return True

    # ------------------------------------------------------------------ knowledge

    async def check_knowledge_changes(self) -> NotifyReport:
        async with self._knowledge_lock:
            self.last_notify = await notify_changes(self)
            return self.last_notify

    async def reload_knowledge(self, *, force: bool = False) -> tuple[ReloadReport, NotifyReport | None]:
        """Reload in a worker thread (loading takes a moment), then notify subscribers of changes.
        ``force`` accepts a tree that loses required parts or many entries (an admin confirmed it)."""
        report = await asyncio.to_thread(lambda: self.service.reload(force=force))
        self._map_cache = None
        if not report.ok:
            return report, None
        settle_memory(collect=True)  # a rare, admin-started pause; freezing uncollected garbage would pin it
        return report, await self.check_knowledge_changes()

    async def state_map_png(self) -> bytes:
        from bot.statemap import render_state_map

        kb = self.service.kb
        today = self.clock().date()
        key = (id(kb), today)
        if self._map_cache is not None and self._map_cache[0] == key:
            return self._map_cache[1]
        png = await asyncio.to_thread(render_state_map, kb, today)
        self._map_cache = (key, png)
        return png


class ShardedKeiBot(KeiBot, commands.AutoShardedBot):
    """KeiBot running the shards in ``SHARD_IDS`` of ``SHARD_COUNT`` (several processes can share the work,
    and their state through PostgreSQL)."""


def create_bot(
    settings: Settings,
    service: KnowledgeService,
    storage: Storage,
    *,
    clock: WallClock = utc_now,
    monotonic: Callable[[], float] = time.monotonic,
) -> KeiBot:
    """The one way to build the bot. Sharded when ``SHARD_COUNT`` / ``SHARD_IDS`` are set."""
    if settings.shard_ids and settings.shard_count is None:
        raise ValueError("SHARD_IDS needs SHARD_COUNT")
    if settings.shard_count is not None or settings.shard_ids:
        if settings.shard_ids and any(not 0 <= i < (settings.shard_count or 0) for i in settings.shard_ids):
            raise ValueError("every SHARD_IDS value must be between 0 and SHARD_COUNT - 1")
        return ShardedKeiBot(
            settings,
            service,
            storage,
            clock=clock,
            monotonic=monotonic,
            shard_count=settings.shard_count,
            shard_ids=list(settings.shard_ids) if settings.shard_ids else None,
        )
    return KeiBot(settings, service, storage, clock=clock, monotonic=monotonic)

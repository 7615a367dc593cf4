"""Curator and moderator commands: /kb reload | stale | gaps | stats, /why, /settings, and the owner's
``@KeiBot sync-commands``.

Admin commands are hidden from members without Manage Server (``default_permissions``; server admins can
change that in Server Settings -> Integrations) and the permission is checked again here on every call,
because integration overrides can grant a command to anyone. State-changing actions go to the audit log.

Who sees what: anyone can create a server and invite the bot, so Manage Server in *a* server proves
nothing about the rest. ``/kb gaps`` and ``/kb stats`` show that server's own questions, votes and reports
only (never DMs, never other servers). Bot-wide actions (``/kb reload``, which changes answers for every
server, and the ``scope:all`` views, which include DMs and private ``/ask`` questions) are for curators:
``OWNER_IDS``, or members holding one of ``CURATOR_ROLE_IDS`` in the home server ``CURATOR_GUILD_ID``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
import logging
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.errors import NO_MENTIONS, UserFacingError
from bot.adapter.render import (
    COLOUR_ERROR,
    COLOUR_NOTICE,
    MAX_EMBEDS,
    MAX_FIELD_VALUE,
    MAX_TOTAL,
    clip,
    list_embeds,
    notice,
    untrusted,
)
from bot.core.gaps import cluster_questions
from bot.storage import StorageError, read_or_raise
from bot.storage.models import AuditEvent, GuildSettings

if TYPE_CHECKING:
    from bot.adapter.client import KeiBot

log = logging.getLogger(__name__)

Interaction = discord.Interaction["KeiBot"]
MANAGE_GUILD = discord.Permissions(manage_guild=True)
GAP_DAYS = 30
Scope = Literal["server", "all"]
NOT_READ = (
    "I couldn't read this server's saved settings just now, so I changed nothing (saving now could"
    " overwrite them). Please try again in a few minutes."
)
NOT_SAVED = (
    "Not saved: KeiBot's database is not accepting changes right now. Nothing changed; please try again"
    " in a few minutes."
)
CURATORS_ONLY = (
    "That acts on every server KeiBot is in, so it is only for the bot's curators (its owners, or the"
    " curator role in its home server). Use scope `server` for this server's own data."
)


def is_curator(bot: KeiBot, interaction: Interaction) -> bool:
    """An owner (``OWNER_IDS``), or a member of the home server holding a curator role there."""
    settings = bot.settings
    user = interaction.user
    if user.id in settings.owner_ids:
        return True
    home = settings.curator_guild_id
    if home is None or interaction.guild_id != home or not settings.curator_role_ids:
        return False
    roles = getattr(user, "roles", ())
    return any(role.id in settings.curator_role_ids for role in roles)


def _channel_list(ids: frozenset[int]) -> str:
    return ", ".join(f"<#{i}>" for i in sorted(ids)) or "none"


def describe_settings(settings: GuildSettings) -> str:
    return "\n".join(
        [
            f"**Answer channels:** {_channel_list(settings.answer_channel_ids)}",
            f"**Forum channels:** {_channel_list(settings.forum_channel_ids)}",
            f"**Auto-answer** (answer channels, forum posts, threads): {'on' if settings.auto_answer else 'off'}",
            f"**Default visibility of lookups:** {'private (ephemeral)' if settings.ephemeral_default else 'public'}",
            f"**Per-user cooldown:** {settings.user_cooldown_seconds:g} s",
            f"**Same answer in a channel at most every:** {settings.entry_dedupe_seconds:g} s",
            "\nMentions and DMs are always answered.",
        ]
    )


class Admin(commands.Cog):
    kb = app_commands.Group(
        name="kb",
        description="Knowledge base tools for curators",
        default_permissions=MANAGE_GUILD,
        guild_only=True,
        allowed_installs=app_commands.AppInstallationType(guild=True, user=False),
        allowed_contexts=app_commands.AppCommandContext(guild=True),
    )
    settings = app_commands.Group(
        name="settings",
        description="Where and how KeiBot answers in this server",
        default_permissions=MANAGE_GUILD,
        guild_only=True,
        allowed_installs=app_commands.AppInstallationType(guild=True, user=False),
        allowed_contexts=app_commands.AppCommandContext(guild=True),
    )

    def __init__(self, bot: KeiBot) -> None:
        self.bot = bot

    async def interaction_check(self, interaction: Interaction) -> bool:  # type: ignore[override]
        """Checked in code on every admin command, whatever the server's integration overrides say."""
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        if not interaction.permissions.manage_guild and not is_curator(self.bot, interaction):
            raise app_commands.MissingPermissions(["manage_guild"])
        return True

    def _require_curator(self, interaction: Interaction) -> None:
        if not is_curator(self.bot, interaction):
            raise UserFacingError(CURATORS_ONLY)

    async def _audit(self, interaction: Interaction, action: str, detail: str = "") -> None:
        await self.bot.storage.audit(AuditEvent(interaction.guild_id, interaction.user.id, action, detail))

    # ------------------------------------------------------------------ /kb

    @kb.command(
        name="reload", description="Reload the knowledge base from disk (keeps the old one on any error)"
    )
    @app_commands.describe(
        confirm="Accept a tree that drops jurisdictions, the federal rules or many entries (default: refuse)"
    )
    async def kb_reload(self, interaction: Interaction, confirm: bool = False) -> None:
        self._require_curator(interaction)  # a reload changes the answers of every server
        await interaction.response.defer(ephemeral=True, thinking=True)
        report, notified = await self.bot.reload_knowledge(force=confirm)
        summary = report.summary()
        await self._audit(
            interaction, "kb.reload.confirmed" if confirm else "kb.reload", summary.splitlines()[0]
        )
        text = f"```\n{clip(summary, 3500)}\n```"
        if notified is not None:
            text += f"\n{notified.summary()}"
        await interaction.followup.send(
            embed=notice(
                "Knowledge base reloaded" if report.ok else "Reload refused",
                text,
                colour=COLOUR_NOTICE if report.ok else COLOUR_ERROR,
            ),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @kb.command(name="stale", description="Entries past their review date or whose sources changed since")
    async def kb_stale(self, interaction: Interaction) -> None:
        stale = self.bot.service.stale()
        lines = [
            f"`{e.id}` {clip(e.title, 80)}: review due {discord.utils.format_dt(_midnight(e.review_by), 'D')}"
            for e in stale
        ]
        lines += await source_changed_lines(self.bot)
        await interaction.response.send_message(
            embeds=list_embeds(
                f"Stale entries ({len(lines)})",
                lines,
                empty="Nothing is past its review date or changed at its source.",
            ),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @kb.command(name="sources", description="The last source-watch report (curators)")
    async def kb_sources(self, interaction: Interaction) -> None:
        self._require_curator(interaction)  # the watch covers every entry, like /kb reload
        latest = await self.bot.storage.latest_watch_report()
        if latest is None:
            embeds = [notice("Source watch", "No watch has run yet (weekly, or `keibot kb watch`).")]
        else:
            from bot.adapter.cogs.source_watch import digest_embeds
            from bot.watch.report import WatchReport

            embeds = digest_embeds(WatchReport.from_json(latest.report))
        await interaction.response.send_message(embeds=embeds, ephemeral=True, allowed_mentions=NO_MENTIONS)

    @kb.command(name="gaps", description=f"Questions KeiBot could not answer (last {GAP_DAYS} days), grouped")
    @app_commands.describe(scope="This server's questions (default), or every server's and DMs (curators)")
    async def kb_gaps(self, interaction: Interaction, scope: Scope = "server") -> None:
        guild_id = self._scope_guild(interaction, scope)
        await interaction.response.defer(ephemeral=True, thinking=True)
        since = self.bot.clock() - dt.timedelta(days=GAP_DAYS)
        records = await self.bot.storage.unanswered(since=since, limit=1000, guild_id=guild_id)
        clusters = await asyncio.to_thread(cluster_questions, records, limit=25)
        lines = []
        for cluster in clusters:
            more = f" (+{len(cluster.variants) - 1} similar)" if len(cluster.variants) > 1 else ""
            lines.append(
                f"**{cluster.count}×** {untrusted(cluster.example, 200)}{more} · last {discord.utils.format_dt(cluster.last_seen, 'R')}"
            )
        await interaction.followup.send(
            embeds=list_embeds(
                f"Unanswered or low-confidence questions ({len(records)} in {GAP_DAYS} days"
                f"{', all servers and DMs' if guild_id is None else ''})",
                lines,
                empty="No gaps logged. 🎉",
            ),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    def _scope_guild(self, interaction: Interaction, scope: Scope) -> int | None:
        """The guild a view is limited to: this one, or None (bot-wide) for a curator asking for ``all``."""
        if scope == "all":
            self._require_curator(interaction)
            return None
        assert interaction.guild_id is not None  # interaction_check refuses DMs
        return interaction.guild_id

    @kb.command(name="stats", description="Per-entry hits, helpful votes, misses and outdated reports")
    @app_commands.describe(scope="This server's questions and votes (default), or bot-wide (curators)")
    async def kb_stats(self, interaction: Interaction, scope: Scope = "server") -> None:
        guild_id = self._scope_guild(interaction, scope)
        await interaction.response.defer(ephemeral=True, thinking=True)
        stats = await self.bot.storage.entry_stats(guild_id=guild_id)
        stale_ids = {e.id for e in self.bot.service.stale()}
        lines = []
        for s in stats[:20]:
            votes = s.helpful + s.not_helpful
            helpful = f"{s.helpful}/{votes} helpful" if votes else "no votes"
            flags = " · ⚠️ stale" if s.entry_id in stale_ids else ""
            reports = f" · {s.outdated} outdated report(s)" if s.outdated else ""
            lines.append(
                f"`{s.entry_id}`: {s.hits} hits, {s.miss_rate:.0%} missed, {helpful}{reports}{flags}"
            )
        embeds = list_embeds("Entry stats (most asked first)", lines, empty="No questions logged yet.")
        served_stale = [s.entry_id for s in stats if s.entry_id in stale_ids and s.hits]
        if served_stale:
            embeds.append(
                notice(
                    "Stale entries still being served",
                    _id_list(served_stale, 1000),
                    colour=COLOUR_ERROR,
                )
            )
        reports = await self.bot.storage.outdated_reports(limit=5, guild_id=guild_id)
        if reports:
            report_lines = []
            for r in reports:
                source = f" · source: {untrusted(r.source_url, 200)}" if r.source_url else ""
                report_lines.append(
                    f"`{r.entry_id}` {discord.utils.format_dt(r.created_at, 'R')}: {untrusted(r.reason or '', 300)}{source}"
                )
            embeds.append(notice("Latest outdated reports", "\n".join(report_lines)))
        health = getattr(self.bot.storage, "stats", None)
        if callable(health) and guild_id is None:  # the bot's own health is for its curators
            info = health()
            if not info.get("healthy", True):
                embeds.append(
                    notice(
                        "Storage is degraded",
                        f"{info.get('dropped_writes', 0)} write(s) dropped; see the log.",
                        colour=COLOUR_ERROR,
                    )
                )
        await interaction.followup.send(
            embeds=fit_message(embeds), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    # ------------------------------------------------------------------ /why

    @app_commands.command(name="why", description="Explain how KeiBot matches a question (admins)")
    @app_commands.describe(question="The question to explain")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @app_commands.allowed_installs(guilds=True, users=False)
    async def why(self, interaction: Interaction, question: app_commands.Range[str, 1, 500]) -> None:
        profile = await self.bot.storage.get_profile(interaction.user.id)
        info = self.bot.service.explain(question, profile)
        embed = discord.Embed(title="Why this answer", colour=COLOUR_NOTICE)
        embed.add_field(
            name="Normalised question", value=untrusted(info["normalised"] or "(empty)", 1000), inline=False
        )
        slots = {k: v for k, v in info["slots"].items() if v not in (None, [], {}, False)}
        embed.add_field(
            name="Understood", value=_code(json.dumps(slots, ensure_ascii=False, default=str)), inline=False
        )
        embed.add_field(name="Topic words", value=_code(" ".join(info["topic_words"]) or "-"), inline=False)
        match_lines = [
            f"{m['score']:.3f} {m['id']} (text {m['text']:.2f}, intent {m['intent']:+.2f}, slots {m['slots']:+.2f}) via {m['matched']!r}"
            for m in info["matches"]
        ]
        embed.add_field(name="Top matches", value=_code("\n".join(match_lines) or "none"), inline=False)
        t = info["thresholds"]
        embed.add_field(
            name="Thresholds",
            value=f"answer ≥ {t['answer']}, suggest ≥ {t['suggest']}, ambiguity margin {t['margin']}",
            inline=False,
        )
        d = info["decision"]
        decision = f"{'answered' if d['answered'] else 'not answered'} · intent {d['intent']} · confidence {d['confidence']:.3f}"
        if d["entries"]:
            decision += " · " + ", ".join(d["entries"])
        embed.add_field(name="Decision", value=clip(decision, MAX_FIELD_VALUE), inline=False)
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)

    # ------------------------------------------------------------------ /settings

    async def _toggle_channel(
        self, interaction: Interaction, field: str, action: Literal["add", "remove"], channel_id: int
    ) -> None:
        """Add a channel to, or remove it from, one of the guild's channel sets (``field``)."""
        current = await self._current_settings(interaction)
        ids = set(getattr(current, field))
        if action == "add":
            ids.add(channel_id)
        else:
            ids.discard(channel_id)
        audit = "settings." + field.removesuffix("_ids")  # settings.answer_channel, settings.forum_channel
        await self._update(interaction, audit, f"{action} {channel_id}", **{field: frozenset(ids)})

    async def _current_settings(self, interaction: Interaction) -> GuildSettings:
        """The saved settings, read for real: a change is refused rather than written over defaults that
        stood in for a failed read (which would wipe the answer channels, forums and visibility)."""
        assert interaction.guild_id is not None
        try:
            settings: GuildSettings = await read_or_raise(
                self.bot.storage, "get_guild_settings", interaction.guild_id
            )
        except StorageError:
            raise UserFacingError(NOT_READ) from None
        return settings

    async def _update(self, interaction: Interaction, action: str, detail: str, **changes: object) -> None:
        current = await self._current_settings(interaction)
        updated = dataclasses.replace(current, **changes)  # type: ignore[arg-type]
        if not await self.bot.save_guild_settings(updated):
            raise UserFacingError(NOT_SAVED)
        await self._audit(interaction, action, detail)
        await interaction.response.send_message(
            embed=notice("Settings saved", describe_settings(updated)),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @settings.command(name="show", description="Show this server's KeiBot settings")
    async def settings_show(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        current = await self.bot.storage.get_guild_settings(interaction.guild_id)
        await interaction.response.send_message(
            embed=notice("KeiBot settings", describe_settings(current)),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @settings.command(
        name="answer-channel", description="Add or remove a channel where KeiBot answers every question"
    )
    async def settings_answer_channel(
        self, interaction: Interaction, action: Literal["add", "remove"], channel: discord.TextChannel
    ) -> None:
        await self._toggle_channel(interaction, "answer_channel_ids", action, channel.id)

    @settings.command(
        name="forum-channel", description="Add or remove a forum whose new posts KeiBot answers"
    )
    async def settings_forum_channel(
        self, interaction: Interaction, action: Literal["add", "remove"], channel: discord.ForumChannel
    ) -> None:
        await self._toggle_channel(interaction, "forum_channel_ids", action, channel.id)

    @settings.command(
        name="auto-answer", description="Turn answering in answer channels, forums and threads on or off"
    )
    async def settings_auto_answer(self, interaction: Interaction, enabled: bool) -> None:
        await self._update(interaction, "settings.auto_answer", str(enabled), auto_answer=enabled)

    @settings.command(
        name="visibility", description="Whether lookups are private (ephemeral) or public by default"
    )
    async def settings_visibility(
        self, interaction: Interaction, default: Literal["private", "public"]
    ) -> None:
        await self._update(
            interaction, "settings.visibility", default, ephemeral_default=default == "private"
        )

    @settings.command(
        name="cooldowns", description="Per-user cooldown and the same-answer window, in seconds"
    )
    @app_commands.describe(
        user_seconds="Seconds between public answers to one user",
        entry_seconds="Seconds before the same answer is posted again in a channel",
    )
    async def settings_cooldowns(
        self,
        interaction: Interaction,
        user_seconds: app_commands.Range[float, 0, 3600] | None = None,
        entry_seconds: app_commands.Range[float, 0, 86400] | None = None,
    ) -> None:
        if user_seconds is None and entry_seconds is None:
            raise UserFacingError("Give user_seconds, entry_seconds or both.")
        changes: dict[str, object] = {}
        if user_seconds is not None:
            changes["user_cooldown_seconds"] = user_seconds
        if entry_seconds is not None:
            changes["entry_dedupe_seconds"] = entry_seconds
        await self._update(interaction, "settings.cooldowns", json.dumps(changes), **changes)

    @settings.command(
        name="curator-channel",
        description="Where the weekly source-watch digest goes (leave empty to stop it)",
    )
    @app_commands.describe(channel="Channel for the digest; omit to turn the digest off in this server")
    async def settings_curator_channel(
        self, interaction: Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        assert interaction.guild_id is not None
        channel_id = channel.id if channel is not None else None
        if not await self.bot.storage.set_curator_channel(interaction.guild_id, channel_id):
            raise UserFacingError(NOT_SAVED)
        await self._audit(interaction, "settings.curator_channel", str(channel_id or "off"))
        text = (
            f"The weekly source-watch digest goes to <#{channel_id}>."
            if channel_id
            else "Source-watch digest off."
        )
        await interaction.response.send_message(
            embed=notice("Settings saved", text), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    # ------------------------------------------------------------------ owner: sync

    @commands.command(name="sync-commands", hidden=True)
    @commands.is_owner()
    async def sync_commands(
        self, ctx: commands.Context[KeiBot], scope: Literal["global", "guild", "clear-guild"] = "guild"
    ) -> None:
        """Owner only: ``@KeiBot sync-commands global|guild|clear-guild``."""
        if scope == "global":
            synced = await self.bot.tree.sync()
            where = "globally (may take a while to appear)"
        elif ctx.guild is None:
            raise UserFacingError("Use `guild` or `clear-guild` inside a server.")
        elif scope == "guild":
            self.bot.tree.copy_global_to(guild=ctx.guild)
            synced = await self.bot.tree.sync(guild=ctx.guild)
            where = "to this server"
        else:
            self.bot.tree.clear_commands(guild=ctx.guild)
            synced = await self.bot.tree.sync(guild=ctx.guild)
            where = "to this server (cleared)"
        await self.bot.storage.audit(
            AuditEvent(ctx.guild.id if ctx.guild else None, ctx.author.id, "sync", scope)
        )
        await ctx.reply(
            f"Synced {len(synced)} command(s) {where}.", mention_author=False, allowed_mentions=NO_MENTIONS
        )


def _id_list(ids: list[str], limit: int) -> str:
    """Entry ids as code spans, as many as fit in ``limit`` characters, then how many more there are."""
    shown: list[str] = []
    used = 0
    for index, entry_id in enumerate(ids):
        item = f"`{entry_id}`"
        if used + len(item) + 2 > limit - 20:
            return ", ".join(shown) + f" …and {len(ids) - index} more"
        shown.append(item)
        used += len(item) + 2
    return ", ".join(shown)


def fit_message(embeds: list[discord.Embed]) -> list[discord.Embed]:
    """At most 10 embeds and 6,000 characters in all (Discord rejects a bigger message): the embed that
    crosses the limit has its description cut to what is left, later ones are dropped."""
    kept: list[discord.Embed] = []
    used = 0
    for embed in embeds[:MAX_EMBEDS]:
        size = len(embed)
        if used + size <= MAX_TOTAL:
            kept.append(embed)
            used += size
            continue
        room = MAX_TOTAL - used - (size - len(embed.description or "")) - 1
        if embed.description and room >= 100:
            embed.description = clip(embed.description, room)
            kept.append(embed)
        break
    return kept


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _code(text: str) -> str:
    return f"```\n{clip(text.replace('```', 'ʼʼʼ'), MAX_FIELD_VALUE - 8)}\n```"


async def source_changed_lines(bot: KeiBot) -> list[str]:
    """``/kb stale`` lines for entries whose source pages changed after their last_verified date."""
    from bot.watch.run import stale_entries

    changed = await stale_entries(bot.service.kb.entries, bot.storage)
    return [
        f"`{e.id}` {clip(e.title, 80)}: a source changed since it was verified ({e.last_verified})"
        for e in changed
    ]


async def setup(bot: KeiBot) -> None:
    from bot.adapter.cogs.source_watch import SourceWatch

    await bot.add_cog(Admin(bot))
    await bot.add_cog(SourceWatch(bot))  # the weekly source watch (shard 0's process only)

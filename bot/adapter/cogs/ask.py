"""Lookups: /ask, /new, /state, /truck, /import-check, /parts and /map.

Each command turns its options into a question for the answering core (the core decides; this only
phrases), then sends the answer through ``respond.answer_interaction``.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter import choices
from bot.adapter.errors import NO_MENTIONS, UserFacingError
from bot.adapter.limits import CONVERSATION_IDLE
from bot.adapter.render import list_embeds, notice
from bot.adapter.respond import answer_interaction, is_public
from bot.core.answering import CONDITION_WORDS, FEDERAL_25_YEAR
from bot.core.eligibility import MONTH_NAMES, check
from bot.core.knowledge import KnowledgeBase
from bot.core.places import STATE_NAMES
from bot.core.schema import Kind
from bot.site.links import index_url
from bot.statemap import STATUS_ORDER, status_counts

if TYPE_CHECKING:
    from bot.adapter.client import KeiBot

Interaction = discord.Interaction["KeiBot"]

MAX_QUESTION = 500  # Discord allows 6000 in an option; a question is never that long
STATE_TOPICS = tuple(key.replace("_", " ") for key in CONDITION_WORDS)
TRUCK_TOPICS = (
    "overview",
    "engine",
    "timing belt",
    "oil change",
    "rust",
    "4wd",
    "tyres",
    "payload",
    "dimensions",
)
MONTH_CHOICES = [
    app_commands.Choice(name=name, value=number) for number, name in enumerate(MONTH_NAMES, start=1)
]


def _choices(options: list[choices.Option]) -> list[app_commands.Choice[str]]:
    return [
        app_commands.Choice(name=o.label[:100], value=o.value[:100]) for o in options[: choices.MAX_CHOICES]
    ]


def _topic_choices(topics: tuple[str, ...], typed: str) -> list[app_commands.Choice[str]]:
    typed = typed.casefold().strip()
    ranked = [t for t in topics if t.startswith(typed)] + [
        t for t in topics if typed in t and not t.startswith(typed)
    ]
    return [app_commands.Choice(name=t, value=t) for t in ranked[:25]]


def truck_question(
    kb: KnowledgeBase,
    chassis: dict[str, str],
    canonical: str,
    typed: str,
    topic: str | None,
    year: int | None,
) -> tuple[str, str | None]:
    """The question /truck asks the core, and a note to send with the answer.

    Without a topic a model or twin is asked by its own name, so its own entry answers ("Mazda Scrum", not
    "Scrum overview", which the Carry's overview entry wins); a chassis code keeps "overview". With a topic,
    a twin's answer may come from the entries of the truck it is built on, so the note says how they relate
    (the twin entry's own title says it, e.g. "... a rebadged Suzuki Carry")."""
    name = typed.split("(")[0].strip()
    subject = (topic or "").strip()
    if subject.casefold() in ("", "overview"):
        subject = f"{name} overview" if name.casefold() in chassis else canonical
        note = None
    else:
        subject = f"{name} {subject}"
        own = next(
            (e for e in kb.entries if e.kind is Kind.MODEL_SPEC and e.model == canonical and e.family), None
        )
        note = (
            f"{canonical}: {own.title}. Entries written for its twin apply to it; `/truck model:{canonical}` "
            "without a topic gives its own entry."
            if own is not None and own.family is not None and own.family.twin_of
            else None
        )
    return (f"{year} {subject}" if year else subject), note


class Lookups(commands.Cog):
    def __init__(self, bot: KeiBot) -> None:
        self.bot = bot

    # ------------------------------------------------------------------ /ask

    @app_commands.command(name="ask", description="Ask KeiBot anything about kei trucks in the US")
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    @app_commands.describe(
        question="Your question, e.g. 'is a 1998 Carry legal in Pennsylvania?'",
        share="Post the answer publicly in this channel (default: this server's setting)",
    )
    async def ask(
        self,
        interaction: Interaction,
        question: app_commands.Range[str, 1, MAX_QUESTION],
        share: bool | None = None,
    ) -> None:
        await answer_interaction(interaction, question, share=share)

    # ------------------------------------------------------------------ /new

    @app_commands.command(name="new", description="Start over: your next question is not a follow-up")
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    async def new_question(self, interaction: Interaction) -> None:
        had = self.bot.conversations.reset(interaction.user.id, interaction.channel_id or 0)
        minutes = round(CONVERSATION_IDLE / 60)
        await interaction.response.send_message(
            ("Starting over." if had else "Nothing to forget: you have no conversation going here.")
            + " Your next question here is read on its own, not as a follow-up of the earlier ones. "
            f"(A conversation also ends by itself after {minutes} minutes without a question.)",
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    # ------------------------------------------------------------------ /state

    @app_commands.command(name="state", description="Kei truck rules in one state (or DC)")
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    @app_commands.describe(
        state="State name or code",
        topic="Optional: inspection, title, speed, interstates...",
        share="Post publicly",
    )
    async def state(
        self,
        interaction: Interaction,
        state: app_commands.Range[str, 1, 60],
        topic: app_commands.Range[str, 1, 100] | None = None,
        share: bool | None = None,
    ) -> None:
        code = choices.resolve_state(state)
        if code is None:
            raise UserFacingError("I don't know that state. Pick one of the 50 states or DC from the list.")
        name = STATE_NAMES[code]
        question = f"{topic} rules for kei trucks in {name}" if topic else f"Are kei trucks legal in {name}?"
        await answer_interaction(interaction, question, share=share)

    @state.autocomplete("state")
    async def _state_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return _choices(choices.state_choices(current))

    @state.autocomplete("topic")
    async def _state_topic_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return _topic_choices(STATE_TOPICS, current)

    # ------------------------------------------------------------------ /truck

    @app_commands.command(name="truck", description="A kei truck model: specs, generations, maintenance")
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    @app_commands.describe(
        model="Model, twin or chassis code (Acty, Carry, Scrum, DA63T, HA4...)",
        topic="Optional: engine, timing belt, rust...",
        year="Optional: build year",
        share="Post publicly",
    )
    async def truck(
        self,
        interaction: Interaction,
        model: app_commands.Range[str, 1, 60],
        topic: app_commands.Range[str, 1, 100] | None = None,
        year: app_commands.Range[int, 1950, 2100] | None = None,
        share: bool | None = None,
    ) -> None:
        lexicon = self.bot.service.answerer.lexicon
        canonical = choices.resolve_model(model, lexicon.model_names, lexicon.chassis)
        if canonical is None:
            raise UserFacingError(
                "I don't know that model. Pick a model, twin or chassis code from the list."
            )
        question, note = truck_question(self.bot.service.kb, lexicon.chassis, canonical, model, topic, year)
        await answer_interaction(interaction, question, share=share, note=note)

    @truck.autocomplete("model")
    async def _truck_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return _choices(choices.truck_choices(self.bot.service.kb, current))

    @truck.autocomplete("topic")
    async def _truck_topic_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return _topic_choices(TRUCK_TOPICS, current)

    # ------------------------------------------------------------------ /parts

    @app_commands.command(name="parts", description="Where to find parts for a kei truck")
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    @app_commands.describe(
        model="Model, twin or chassis code", query="The part, e.g. 'clutch kit'", share="Post publicly"
    )
    async def parts(
        self,
        interaction: Interaction,
        model: app_commands.Range[str, 1, 60],
        query: app_commands.Range[str, 1, 200],
        share: bool | None = None,
    ) -> None:
        lexicon = self.bot.service.answerer.lexicon
        if choices.resolve_model(model, lexicon.model_names, lexicon.chassis) is None:
            raise UserFacingError(
                "I don't know that model. Pick a model, twin or chassis code from the list."
            )
        await answer_interaction(interaction, f"{model.split('(')[0].strip()} parts: {query}", share=share)

    @parts.autocomplete("model")
    async def _parts_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return _choices(choices.truck_choices(self.bot.service.kb, current))

    # ------------------------------------------------------------------ /import-check

    @app_commands.command(
        name="import-check", description="Is a truck built then old enough to import (25-year rule)?"
    )
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    @app_commands.describe(
        year="Build year (from the chassis plate or export certificate)", month="Build month, if known"
    )
    @app_commands.choices(month=MONTH_CHOICES)
    async def import_check(
        self,
        interaction: Interaction,
        year: app_commands.Range[int, 1950, 2100],
        month: app_commands.Choice[int] | None = None,
        share: bool | None = None,
    ) -> None:
        if FEDERAL_25_YEAR not in self.bot.service.kb.by_id:
            # Without the federal entries the core has nothing to cite; still give the computed result.
            result = check(year, month.value if month else None, self.bot.service.clock())
            guild_id = interaction.guild_id
            public = is_public(share, await self.bot.guild_settings(guild_id) if guild_id else None)
            await interaction.response.send_message(
                embed=notice("Import eligibility (computed)", result.describe()),
                ephemeral=not public,
                allowed_mentions=NO_MENTIONS,
            )
            return
        built = f"{MONTH_NAMES[month.value - 1]} {year}" if month else str(year)
        await answer_interaction(interaction, f"Can I import a kei truck built in {built}?", share=share)

    # ------------------------------------------------------------------ /map

    @app_commands.command(name="map", description="Map of the 50 states + DC coloured by kei truck status")
    @app_commands.allowed_installs(guilds=True, users=False)
    @app_commands.describe(share="Post publicly")
    async def state_map(self, interaction: Interaction, share: bool | None = None) -> None:
        guild_id = interaction.guild_id
        public = is_public(share, await self.bot.guild_settings(guild_id) if guild_id else None)
        await interaction.response.defer(ephemeral=not public, thinking=True)
        png = await self.bot.state_map_png()
        counts = status_counts(self.bot.service.kb)
        lines = [f"**{status.label}**: {counts[status]}" for status in STATUS_ORDER]
        if counts[None]:
            lines.append(f"**No entry yet**: {counts[None]}")
        today = self.bot.clock().date()
        embed = list_embeds("Kei trucks on US roads, by state", lines)[0]
        embed.description = (embed.description or "") + (
            f"\n\nAs of {discord.utils.format_dt(self.bot.clock(), 'D')}. Ask `/state` for a state's conditions, "
            "sources and the DMV to call. Not legal advice."
        )
        embed.set_image(url="attachment://kei-truck-map.png")
        embed.set_footer(text=f"Knowledge base as of {today.isoformat()}")
        if site := index_url(
            self.bot.settings.site_url
        ):  # SITE_URL: the published map and state table (`keibot site`)
            embed.url = site
            embed.description += f"\n[Map, state table and a page per state]({site})"
        await interaction.followup.send(
            embed=embed,
            file=discord.File(io.BytesIO(png), filename="kei-truck-map.png"),
            ephemeral=not public,
            allowed_mentions=NO_MENTIONS,
        )


async def setup(bot: KeiBot) -> None:
    await bot.add_cog(Lookups(bot))

"""/profile set | show | clear: a home state and a truck, so "is it legal in my state?" and "my truck"
questions work. Always private (ephemeral)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter import choices
from bot.adapter.errors import NO_MENTIONS, UserFacingError
from bot.adapter.render import notice
from bot.core.places import STATE_NAMES
from bot.storage import StorageError, read_or_raise
from bot.storage.models import Profile

if TYPE_CHECKING:
    from bot.adapter.client import KeiBot

Interaction = discord.Interaction["KeiBot"]
NOT_READ = (
    "I couldn't read your saved profile just now, so I changed nothing. Please try again in a few minutes."
)
NOT_SAVED = (
    "Not saved: KeiBot's database is not accepting changes right now. Please try again in a few minutes."
)


def describe_profile(profile: Profile | None) -> str:
    if profile is None or not (profile.home_state or profile.model or profile.year):
        return "Your profile is empty. Set it with `/profile set`."
    lines = []
    if profile.home_state:
        lines.append(
            f"**Home state:** {STATE_NAMES.get(profile.home_state, profile.home_state)} ({profile.home_state})"
        )
    if profile.model:
        lines.append(f"**Truck:** {profile.model}")
    if profile.year:
        lines.append(f"**Year:** {profile.year}")
    lines.append('\nNow "is it legal in my state?" and "my truck" questions use these.')
    return "\n".join(lines)


@app_commands.allowed_installs(guilds=True, users=True)
@app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
class ProfileCog(commands.GroupCog, group_name="profile", group_description="Your home state and truck"):
    def __init__(self, bot: KeiBot) -> None:
        self.bot = bot
        super().__init__()

    async def _reply(self, interaction: Interaction, text: str, title: str = "Your KeiBot profile") -> None:
        await interaction.response.send_message(
            embed=notice(title, text), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    @app_commands.command(name="set", description="Save your home state and/or truck")
    @app_commands.describe(
        home_state="Your state", truck="Your truck's model or chassis code", year="Its build year"
    )
    async def set_profile(
        self,
        interaction: Interaction,
        home_state: app_commands.Range[str, 1, 60] | None = None,
        truck: app_commands.Range[str, 1, 60] | None = None,
        year: app_commands.Range[int, 1950, 2100] | None = None,
    ) -> None:
        if home_state is None and truck is None and year is None:
            raise UserFacingError("Give at least one of home_state, truck or year.")
        try:
            # read for real: defaults standing in for a failed read would be written over the profile
            saved: Profile | None = await read_or_raise(self.bot.storage, "get_profile", interaction.user.id)
        except StorageError:
            raise UserFacingError(NOT_READ) from None
        current = saved or Profile(interaction.user.id)
        state_code = current.home_state
        if home_state is not None:
            state_code = choices.resolve_state(home_state)
            if state_code is None:
                raise UserFacingError(
                    "I don't know that state. Pick one of the 50 states or DC from the list."
                )
        model = current.model
        if truck is not None:
            lexicon = self.bot.service.answerer.lexicon
            model = choices.resolve_model(truck, lexicon.model_names, lexicon.chassis)
            if model is None:
                raise UserFacingError(
                    "I don't know that truck. Pick a model, twin or chassis code from the list."
                )
        profile = Profile(interaction.user.id, home_state=state_code, model=model, year=year or current.year)
        if await self.bot.storage.set_profile(profile) is False:
            raise UserFacingError(NOT_SAVED)
        await self._reply(interaction, describe_profile(profile), "Profile saved")

    @set_profile.autocomplete("home_state")
    async def _state_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=o.label, value=o.value) for o in choices.state_choices(current)]

    @set_profile.autocomplete("truck")
    async def _truck_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=o.label[:100], value=o.value[:100])
            for o in choices.truck_choices(self.bot.service.kb, current)
        ]

    @app_commands.command(name="show", description="Show what KeiBot remembers about you")
    async def show(self, interaction: Interaction) -> None:
        await self._reply(
            interaction, describe_profile(await self.bot.storage.get_profile(interaction.user.id))
        )

    @app_commands.command(name="clear", description="Forget your home state and truck")
    async def clear(self, interaction: Interaction) -> None:
        if await self.bot.storage.set_profile(Profile(interaction.user.id)) is False:
            raise UserFacingError(NOT_SAVED)
        await self._reply(
            interaction, "Cleared. I no longer know your home state or truck.", "Profile cleared"
        )


async def setup(bot: KeiBot) -> None:
    await bot.add_cog(ProfileCog(bot))

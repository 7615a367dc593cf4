"""Reach: the "Ask KeiBot" message context menu and ``/help``.

Ask KeiBot (Apps -> Ask KeiBot on any message)
----------------------------------------------
Answers the text of someone else's message with the same focused answer ``/ask`` gives (no conversation
and no profile: the question is not the invoker's, and the author's saved profile is theirs alone). The
reply links to the message it answers and quotes none of its text; nothing it sends can ping anyone.
Visibility: in a server that installed KeiBot, the server's default (private unless the admins chose
public); where only the invoker's own install of KeiBot is present (a server without KeiBot, a group DM, a
DM between people) it is private. A DM with KeiBot itself is simply answered. The question is logged like
any other, against the server the message is in and the message's author (so ``keibot db forget-user``
by the author removes it). A forum post's title is part of its starter message's question. A message with
no text (only an image, a sticker or an embed) gets a private note saying so.

User installs
-------------
The lookups (``/ask``, ``/state``, ``/truck``, ``/import-check``, ``/parts``), ``/help`` and this menu may be
installed by a user and used in any server, DM or group DM; admin, settings, ``/profile`` and ``/map`` stay
guild-install only. Discord tells the bot which install authorised an interaction
(``authorizing_integration_owners``): ``respond.user_install_only`` reads it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.errors import NO_MENTIONS
from bot.adapter.render import COLOUR_ANSWER
from bot.adapter.respond import deliver

if TYPE_CHECKING:
    from bot.adapter.client import KeiBot
    from bot.adapter.render import RenderedAnswer
    from bot.core.answering import Answer

Interaction = discord.Interaction["KeiBot"]

ASK_MENU_NAME = "Ask KeiBot"
MAX_MENU_QUESTION = 1000  # as for plain messages
NO_TEXT = (
    "That message has no text I can read (only an image, a sticker, an embed or an attachment). "
    "Ask with `/ask` in words instead, e.g. `/ask question: is a 1998 Carry legal in Pennsylvania?`"
)

# The install types and contexts of the commands that make sense where KeiBot was not invited.
EVERYWHERE_INSTALLS = app_commands.AppInstallationType(guild=True, user=True)
EVERYWHERE_CONTEXTS = app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=True)


def _strip_bot_mentions(text: str, bot_id: int | None) -> str:
    return re.sub(rf"<@!?{bot_id}>", " ", text).strip() if bot_id else text.strip()


def menu_question(interaction: Interaction, message: discord.Message) -> str:
    """The question in ``message``: its text, and for a forum post's starter message the post's title."""
    me = interaction.client.user
    text = _strip_bot_mentions(message.content or "", me.id if me else None)
    channel = interaction.channel
    if (
        isinstance(channel, discord.Thread)
        and message.id == channel.id  # a forum post's starter message has the thread's id
        and channel.name
        and text
    ):
        text = f"{channel.name}\n{text}"
    return text[:MAX_MENU_QUESTION].strip()


# ------------------------------------------------------------------------------------------ /help


def help_embed(bot: KeiBot) -> discord.Embed:
    """One page: what KeiBot answers, the commands with an example each, sources and dates, reporting an
    outdated answer, and the not-legal-advice line. Figures come from the loaded knowledge base."""
    kb = bot.service.kb
    entries = list(kb.entries)
    states = len(kb.by_state)
    dates = sorted(e.last_verified for e in entries)
    embed = discord.Embed(
        title="KeiBot help",
        colour=COLOUR_ANSWER,
        description=(
            "I answer questions about **kei trucks (Japanese mini-trucks) in the US**: whether one is road "
            "legal in a state and on which roads, titling and inspection, importing under the 25-year rule, "
            "models and their twins and chassis codes, maintenance, parts and buying. I answer only from a "
            "curated, reviewed knowledge base, and say so when I don't know rather than guess."
        ),
    )
    commands_text = "\n".join(
        [
            "`/ask` anything: `/ask question: is a 1998 Carry legal in Pennsylvania?`",
            "`/state` one state's rules: `/state state: Texas topic: inspection`",
            "`/truck` a model or chassis code: `/truck model: HA4 topic: timing belt`",
            "`/import-check` the 25-year rule: `/import-check year: 2001 month: March`",
            "`/parts` where to find parts: `/parts model: KS4 query: clutch kit`",
            "`/map` every state by status: `/map`",
            "`/new` starts over, so your next question is not read as a follow-up",
            '`/profile` your state and truck for "my state" questions: `/profile set home_state: Ohio`',
            f"**Apps → {ASK_MENU_NAME}** on someone's message answers the question in it",
            "Mention me with a question, e.g. `@KeiBot oil change interval on a DA63T?`",
        ]
    )
    embed.add_field(name="Commands", value=commands_text, inline=False)
    embed.add_field(
        name="Where answers show",
        value=(
            "`/ask`, `/state`, `/truck`, `/import-check` and `/parts` answer privately unless the server "
            "chose public answers; add `share: True` to post for everyone. Added to your own account "
            "(user install), KeiBot works in any server, DM or group DM, and answers there are private "
            "unless you share them."
        ),
        inline=False,
    )
    verified = (
        f" The {len(entries)} entries ({states} states and DC among them) were last verified between "
        f"{dates[0]:%d %b %Y} and {dates[-1]:%d %b %Y}."
        if dates
        else ""
    )
    embed.add_field(
        name="Sources and dates",
        value=(
            "Every answer lists its sources (official pages first) and the date its facts were last "
            "checked; when an answer draws on several entries it shows the oldest date, and it warns you "
            f"when an entry is past its review date.{verified}"
        ),
        inline=False,
    )
    embed.add_field(
        name="Something out of date?",
        value=(
            "Press **Report outdated** under the answer and say what changed, with a link if you have "
            "one; the curators check every report. **Notify me if this changes** sends you one message "
            "when that entry is updated."
        ),
        inline=False,
    )
    embed.set_footer(
        text="Not legal advice: laws and DMV practice change. Confirm with your state's DMV before you buy "
        "or drive."
    )
    return embed


class Reach(commands.Cog):
    def __init__(self, bot: KeiBot) -> None:
        self.bot = bot
        self.ask_menu = app_commands.ContextMenu(
            name=ASK_MENU_NAME,
            callback=self.ask_about_message,
            allowed_installs=EVERYWHERE_INSTALLS,
            allowed_contexts=EVERYWHERE_CONTEXTS,
        )

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.ask_menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.ask_menu.name, type=self.ask_menu.type)

    # ------------------------------------------------------------------ Apps -> Ask KeiBot

    async def ask_about_message(self, interaction: Interaction, message: discord.Message) -> None:
        bot = self.bot
        question = menu_question(interaction, message)
        if not question:
            await interaction.response.send_message(NO_TEXT, ephemeral=True, allowed_mentions=NO_MENTIONS)
            return

        async def ask() -> tuple[Answer, RenderedAnswer]:
            # someone else's question: no conversation, and not the clicker's saved profile
            async with bot.cpu_turns.turn():
                answer = bot.service.answer(question)
                return answer, bot.render(answer)

        await deliver(
            interaction,
            ask,
            share=None,
            # a link to the message, never its words: the author's text is not repeated by the bot
            note=f"Answering [this message]({message.jump_url}).",
            channel_id=interaction.channel_id or message.channel.id,
            # logged like any other question: against the server the message is in, and its author
            asked_by=(message.author.id, message.channel.id),
        )

    # ------------------------------------------------------------------ /help

    @app_commands.command(name="help", description="What KeiBot answers and how to ask")
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    async def help_command(self, interaction: Interaction) -> None:
        await interaction.response.send_message(
            embed=help_embed(self.bot), ephemeral=True, allowed_mentions=NO_MENTIONS
        )


async def setup(bot: KeiBot) -> None:
    await bot.add_cog(Reach(bot))

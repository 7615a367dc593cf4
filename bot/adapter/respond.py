"""Sending answers: the shared path from a question to an embed for slash commands, buttons and messages.

Visibility: in a server, lookups follow the guild's default (ephemeral unless the server chose public);
``share:true`` posts publicly and ``share:false`` privately. In DMs everything is simply sent.
Spam control for public posts: a per-user cooldown and a per-entry-per-channel window, both from the guild
settings. A public question inside the cooldown is answered privately rather than refused. Private
answers and DMs disturb nobody but still cost an answer each, so they have a burst limit per user
(``PRIVATE_BURST`` per ``PRIVATE_WINDOW`` seconds). Inside the same-answer window the asker still gets the
answer, privately, with a link to the recent public one.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.adapter.errors import NO_MENTIONS
from bot.adapter.limits import PRIVATE_BURST, PRIVATE_WINDOW
from bot.adapter.render import RenderedAnswer
from bot.adapter.views import answer_view
from bot.core.answering import Answer
from bot.storage import GuildSettings

if TYPE_CHECKING:
    from bot.adapter.client import KeiBot

log = logging.getLogger(__name__)

Interaction = discord.Interaction["KeiBot"]

# Defer instead of answering inline when this many questions wait for a CPU turn, or when the interaction is
# already this old: the answer could otherwise arrive after Discord's 3-second window.
DEFER_QUEUE_LENGTH = 50
DEFER_AGE_SECONDS = 1.5


def jump_url(guild_id: int | None, channel_id: int, message_id: int) -> str:
    return f"https://discord.com/channels/{guild_id or '@me'}/{channel_id}/{message_id}"


def is_public(share: bool | None, settings: GuildSettings | None) -> bool:
    """``share`` when given, else the guild's default; always True outside a guild (a DM)."""
    if settings is None:
        return True
    return share if share is not None else not settings.ephemeral_default


def user_install_only(interaction: Interaction) -> bool:
    """True when only the invoker's own install authorised this interaction: KeiBot may not be a member of
    this server (or this is a group DM / a DM between people), so there are no server settings to follow."""
    return interaction.is_user_integration() and not interaction.is_guild_integration()


def among_others(interaction: Interaction) -> bool:
    """Other people can see what is posted here: a server channel, a group DM or a DM between people (not a
    DM with KeiBot itself)."""
    return interaction.guild_id is not None or bool(interaction.context.private_channel)


async def visibility(interaction: Interaction, share: bool | None) -> tuple[bool, GuildSettings | None]:
    """(public, the server's settings if they apply). Where only the user's own install reaches (a server
    without KeiBot, a group DM, a DM between people) answers are private unless ``share`` asks otherwise; a
    server that installed KeiBot decides by its setting; a DM with KeiBot is private by nature."""
    if interaction.guild_id is None or user_install_only(interaction):
        return (bool(share) if among_others(interaction) else True), None
    settings = await interaction.client.guild_settings(interaction.guild_id)
    return is_public(share, settings), settings


async def answer_interaction(
    interaction: Interaction, question: str, *, share: bool | None, note: str | None = None
) -> Answer:
    """Answer ``question`` for the user behind ``interaction`` and send it; returns the answer. ``note`` is
    a line sent above the answer (e.g. how a twin model relates to the entry that answers)."""
    bot = interaction.client
    channel_id = interaction.channel_id or 0

    profile = await bot.profile(interaction.user.id)  # read before deliver decides whether to defer

    async def ask() -> tuple[Answer, RenderedAnswer]:
        return await bot.think(question, user_id=interaction.user.id, channel_id=channel_id, profile=profile)

    return await deliver(
        interaction,
        ask,
        share=share,
        note=note,
        channel_id=channel_id,
        asked_by=(interaction.user.id, channel_id),
    )


async def deliver(
    interaction: Interaction,
    ask: Callable[[], Awaitable[tuple[Answer, RenderedAnswer]]],
    *,
    share: bool | None,
    note: str | None,
    channel_id: int,
    asked_by: tuple[int, int],
) -> Answer:
    """The one way an interaction's answer goes out (``/ask``, the lookups, the message menu): public or private
    by ``visibility``; a public question inside the asker's cooldown answered privately, not refused; a burst
    limit on private answers; deferred when late; an answer just given in this channel sent privately with a
    pointer; and the question logged (``asked_by``: whose question, in which channel) whatever Discord says."""
    bot = interaction.client
    guild_id = interaction.guild_id
    public, settings = await visibility(interaction, share)
    content = note
    if (
        public
        and settings is not None
        and bot.cooldowns.hit((guild_id, interaction.user.id), settings.user_cooldown_seconds)
    ):
        # A second public question inside the cooldown is still answered, only privately: the cooldown
        # keeps the channel quiet, it is not meant to refuse the asker.
        public = False
        content = _joined(note, "You asked in this channel a moment ago, so this answer is just for you.")
    if not public or settings is None:  # private or in a DM: no server cooldown, but a burst limit per user
        wait = bot.bursts.hit(("private", interaction.user.id), PRIVATE_BURST, PRIVATE_WINDOW)
        if wait:
            raise app_commands.CommandOnCooldown(app_commands.Cooldown(PRIVATE_BURST, PRIVATE_WINDOW), wait)
    deferred = await defer_if_late(interaction, ephemeral=not public)
    answer, rendered = await ask()
    if public and settings is not None and answer.answered and answer.entries:
        recent = bot.dedupe.recent(channel_id, answer.entries[0].id, settings.entry_dedupe_seconds)
        if recent is not None:
            public = False
            where = f": {recent.jump_url}" if recent.jump_url else ""
            content = _joined(
                note, f"This was answered in this channel moments ago{where}. Here it is just for you."
            )
            if deferred:  # the public "thinking" message becomes the pointer; the answer follows privately
                await interaction.followup.send(
                    f"Answered in this channel moments ago{where}.", allowed_mentions=NO_MENTIONS
                )
    try:
        await send_interaction_answer(
            interaction, answer, ephemeral=not public, content=content, rendered=rendered
        )
    finally:
        # Logged whether or not Discord took the answer (an expired interaction, a 5xx, a 429, a reset
        # connection): the question was asked, and the gap report needs it.
        user_id, logged_channel = asked_by
        await bot.log_answer(answer, user_id=user_id, channel_id=logged_channel, guild_id=guild_id)
    return answer


def _joined(*lines: str | None) -> str:
    return "\n".join(line for line in lines if line)


async def defer_if_late(interaction: Interaction, *, ephemeral: bool) -> bool:
    """Defer (Discord shows "thinking") when the answer may miss the 3-second window: many questions are
    queued for a CPU turn, or the interaction is already old when we get to it. Returns True if deferred."""
    if interaction.response.is_done():
        return False
    queued = interaction.client.cpu_turns.waiting
    age = (discord.utils.utcnow() - interaction.created_at).total_seconds()
    if queued < DEFER_QUEUE_LENGTH and age < DEFER_AGE_SECONDS:
        return False
    log.debug("deferring interaction %s (queue %d, age %.2f s)", interaction.id, queued, age)
    await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    return True


async def send_interaction_answer(
    interaction: Interaction,
    answer: Answer,
    *,
    ephemeral: bool,
    content: str | None = None,
    rendered: RenderedAnswer | None = None,
) -> None:
    bot = interaction.client
    rendered = rendered or bot.render(answer)
    token = bot.pages.put(interaction.user.id, rendered) if len(rendered.pages) > 1 else None
    view = answer_view(rendered, 0, token)
    kwargs: dict[str, Any] = {
        "embeds": list(rendered.pages[0]),
        "ephemeral": ephemeral,
        "allowed_mentions": NO_MENTIONS,
    }
    if content:
        kwargs["content"] = content
    if view is not None:
        kwargs["view"] = view
    message_id: int | None = None
    if not interaction.response.is_done():
        callback = await interaction.response.send_message(**kwargs)
        message_id = getattr(callback, "message_id", None)
    else:
        message = await interaction.followup.send(wait=True, **kwargs)
        message_id = message.id
    if not ephemeral and rendered.primary_entry and interaction.channel_id and message_id:
        bot.dedupe.remember(
            interaction.channel_id,
            rendered.primary_entry,
            jump_url(interaction.guild_id, interaction.channel_id, message_id),
        )


async def send_message_answer(
    bot: KeiBot, message: discord.Message, answer: Answer, rendered: RenderedAnswer | None = None
) -> discord.Message:
    """Reply to a plain message with the answer (public: message mode is public by nature)."""
    owner_id = message.author.id
    rendered = rendered or bot.render(answer)
    token = bot.pages.put(owner_id, rendered) if len(rendered.pages) > 1 else None
    view = answer_view(rendered, 0, token)
    kwargs: dict[str, Any] = {
        "embeds": list(rendered.pages[0]),
        "allowed_mentions": NO_MENTIONS,
        "mention_author": False,
    }
    if view is not None:
        kwargs["view"] = view
    sent = await message.reply(**kwargs)
    if rendered.primary_entry:
        bot.dedupe.remember(message.channel.id, rendered.primary_entry, sent.jump_url)
    return sent

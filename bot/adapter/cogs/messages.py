"""Plain-message modes. KeiBot answers a message when:

- it mentions the bot (anywhere, always, even with auto-answer off);
- it is a DM;
- and, when the server's auto-answer is on:
  - it is in a configured answer channel, or in a thread under one;
  - it is the starter post of a thread in a configured forum channel (once per thread);
  - it is a follow-up by the original poster inside such a forum thread that KeiBot already answered.

It never answers bots, webhooks or itself. Each (user, channel) has its own conversation, so "ok what about
Oklahoma then" follows on. In passive modes (not mentioned, not a DM) messages that are off-topic get no
reply, so chat in an answer channel is not drowned in "I only know about kei trucks". Spam control: a
per-user cooldown (messages inside it are ignored) and a per-entry-per-channel window (the same answer is
not posted twice; the asker gets a one-line pointer to the recent one instead). Both come from the guild
settings; DMs have neither. DMs and bare mentions ("@KeiBot" alone) share private /ask's burst limit per
user (``PRIVATE_BURST`` per ``PRIVATE_WINDOW`` seconds); messages past it are ignored. The question is
logged whether or not Discord accepts the reply.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.adapter.errors import NETWORK_ERRORS, NO_MENTIONS
from bot.adapter.limits import PRIVATE_BURST, PRIVATE_WINDOW
from bot.adapter.respond import send_message_answer

if TYPE_CHECKING:
    from bot.adapter.client import KeiBot

log = logging.getLogger(__name__)


def _strip_mentions(text: str, bot_id: int) -> str:
    return re.sub(rf"<@!?{bot_id}>", " ", text).strip()


class MessageModes(commands.Cog):
    def __init__(self, bot: KeiBot) -> None:
        self.bot = bot

    def mode_for(
        self,
        message: discord.Message,
        *,
        mentioned: bool,
        answer_channels: frozenset[int],
        forums: frozenset[int],
        auto: bool,
    ) -> str | None:
        """Why this message should be answered ("mention", "dm", "channel", "thread", "forum", "forum-followup"),
        or None."""
        if message.guild is None:
            return "dm"
        if mentioned:
            return "mention"
        if not auto:
            return None
        channel = message.channel
        if channel.id in answer_channels:
            return "channel"
        if isinstance(channel, discord.Thread) and channel.parent_id is not None:
            if channel.parent_id in answer_channels:
                return "thread"
            if channel.parent_id in forums:
                if message.id == channel.id:  # a forum post's starter message has the thread's id
                    return "forum" if not self.bot.answered_threads.get(channel.id) else None
                if self.bot.answered_threads.get(channel.id) and message.author.id == channel.owner_id:
                    return "forum-followup"
        return None

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        try:
            await self.handle(message)
        except (discord.HTTPException, *NETWORK_ERRORS) as exc:
            # Discord refused or dropped our reply (5xx, 429 after retries, a reset connection): not a bug of
            # ours; the question was logged all the same (see handle).
            log.warning(
                "replying to message %s in channel %s failed: %s: %s",
                message.id,
                message.channel.id,
                type(exc).__name__,
                exc,
            )
        except Exception:
            log.exception("answering message %s in channel %s failed", message.id, message.channel.id)

    async def handle(self, message: discord.Message) -> None:
        bot = self.bot
        me = bot.user
        if me is None or message.author.bot or message.webhook_id is not None or message.author.id == me.id:
            return
        if message.type not in (discord.MessageType.default, discord.MessageType.reply):
            return
        mentioned = me in message.mentions
        if mentioned:
            ctx = await bot.get_context(message)
            if ctx.command is not None:  # "@KeiBot sync-commands": a command, not a question
                return
        settings = await bot.guild_settings(message.guild.id) if message.guild else None
        mode = self.mode_for(
            message,
            mentioned=mentioned,
            answer_channels=settings.answer_channel_ids if settings else frozenset(),
            forums=settings.forum_channel_ids if settings else frozenset(),
            auto=settings.auto_answer if settings else False,
        )
        if mode is None:
            return
        # not cut here: the core answers a long message from its question and says it did
        question = _strip_mentions(message.content, me.id)
        if isinstance(message.channel, discord.Thread) and mode == "forum" and message.channel.name:
            question = f"{message.channel.name}\n{question}"  # the post title is part of the question
        bare = not question.strip()
        if (mode == "dm" or (mode == "mention" and bare)) and bot.bursts.hit(
            ("private", message.author.id), PRIVATE_BURST, PRIVATE_WINDOW
        ):
            # DMs and bare mentions have no server cooldown; like private /ask (same key) they get a burst
            # limit per user. Messages past it are ignored, as in a server cooldown.
            log.debug("user %s is over the burst limit; message %s ignored", message.author.id, message.id)
            return
        if bare:
            if mode in ("mention", "dm"):
                await message.reply(
                    "Ask me about kei trucks in the US: a state's rules, importing, a model, maintenance, parts or buying.",
                    mention_author=False,
                    allowed_mentions=NO_MENTIONS,
                )
            return
        if settings is not None and bot.cooldowns.hit(
            (settings.guild_id, message.author.id), settings.user_cooldown_seconds
        ):
            log.debug("user %s is on cooldown; message %s ignored", message.author.id, message.id)
            return
        profile = await bot.profile(message.author.id)
        answer, rendered = await bot.think(
            question, user_id=message.author.id, channel_id=message.channel.id, profile=profile
        )
        passive = mode not in ("mention", "dm", "forum")
        guild_id = message.guild.id if message.guild else None
        if answer.chatter and mode != "dm":
            return  # chat, not a question: no reply and nothing logged, wherever people talk among themselves
        # (off-topic questions are not answered in passive places; another vehicle's question with the rule that
        # applies to it, a state's lines on UTVs or the federal 25-year rule, is: it quotes sourced entries)
        if passive and not answer.answered and answer.intent == "out_of_scope" and not answer.entries:
            await bot.log_answer(
                answer, user_id=message.author.id, channel_id=message.channel.id, guild_id=guild_id
            )
            return
        if settings is not None and answer.answered and answer.entries:
            recent = bot.dedupe.recent(
                message.channel.id, answer.entries[0].id, settings.entry_dedupe_seconds
            )
            if recent is not None:
                where = f" {recent.jump_url}" if recent.jump_url else " above"
                try:
                    await message.reply(
                        f"I answered that here a moment ago:{where}",
                        mention_author=False,
                        allowed_mentions=NO_MENTIONS,
                    )
                finally:  # logged whether or not Discord took the reply
                    await bot.log_answer(
                        answer, user_id=message.author.id, channel_id=message.channel.id, guild_id=guild_id
                    )
                return
        try:
            await send_message_answer(bot, message, answer, rendered)
            if mode == "forum":
                bot.answered_threads.put(message.channel.id, True)
        finally:
            # Logged whether or not Discord took the answer (a 5xx, a 429, a reset connection): the question
            # was asked, and the gap report needs it.
            await bot.log_answer(
                answer, user_id=message.author.id, channel_id=message.channel.id, guild_id=guild_id
            )


async def setup(bot: KeiBot) -> None:
    await bot.add_cog(MessageModes(bot))

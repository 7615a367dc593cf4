"""``on_command_error`` for message commands (``@KeiBot sync-commands``): the same ladder as the tree's
``on_error``, replying in the channel. Lives apart from ``bot.adapter.errors`` because an extension module
is executed afresh by ``load_extension``, and the tree must share its exception classes with the cogs."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.adapter.errors import GENERIC, NETWORK_ERRORS, NO_MENTIONS, UserFacingError, permission_names

if TYPE_CHECKING:
    from bot.adapter.client import KeiBot

log = logging.getLogger(__name__)

ERROR_REPLY_COOLDOWN = 30.0  # seconds


class ErrorHandler(commands.Cog):
    """``on_command_error`` for message (prefix/mention) commands: the same ladder, replies in channel."""

    def __init__(self, bot: KeiBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_command_error(self, ctx: commands.Context[KeiBot], error: commands.CommandError) -> None:
        if getattr(ctx, "handled", False) or (ctx.command and ctx.command.has_error_handler()):
            return
        if isinstance(error, commands.CommandNotFound):
            return
        # One error reply per user per ERROR_REPLY_COOLDOWN: a member repeating an owner-only command (or
        # any failing command) gets one answer, not one per message.
        if self.bot.cooldowns.hit(("command-error", ctx.author.id), ERROR_REPLY_COOLDOWN):
            log.debug("command error reply to %s suppressed (cooldown)", ctx.author.id)
            return
        original = error.original if isinstance(error, commands.CommandInvokeError) else error
        if isinstance(original, UserFacingError):
            message = original.message
        elif isinstance(error, commands.NotOwner):
            message = "That command is for the bot's owner."
        elif isinstance(error, commands.NoPrivateMessage):
            message = "That command only works in a server."
        elif isinstance(error, commands.MissingPermissions):
            needed, plural = permission_names(error.missing_permissions), len(error.missing_permissions) > 1
            message = f"You need the {needed} permission{'s' if plural else ''} to use that."
        elif isinstance(error, commands.BotMissingPermissions):
            needed, plural = permission_names(error.missing_permissions), len(error.missing_permissions) > 1
            message = f"I'm missing the {needed} permission{'s' if plural else ''} here."
        elif isinstance(error, commands.CheckFailure):
            message = "You can't use that here."
        elif isinstance(error, commands.UserInputError):
            usage = (
                f" Usage: `{ctx.clean_prefix}{ctx.command.qualified_name} {ctx.command.signature}`"
                if ctx.command
                else ""
            )
            message = f"I couldn't read that command.{usage}"
        elif isinstance(error, commands.CommandOnCooldown):
            message = f"Slow down a little: try again in {error.retry_after:.0f} s."
        else:
            log.error(
                "error in message command %s",
                ctx.command,
                exc_info=(type(original), original, original.__traceback__),
            )
            message = GENERIC
        try:
            await ctx.reply(message, mention_author=False, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            log.info("could not send a command error reply: %s", exc.status)
        except NETWORK_ERRORS as exc:
            log.info("could not send a command error reply: %s", type(exc).__name__)


async def setup(bot: KeiBot) -> None:
    await bot.add_cog(ErrorHandler(bot))

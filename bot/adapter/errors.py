"""Central error handling: one ladder for app commands (the tree's ``on_error``), buttons and modals,
replying through ``safe_reply``; ``bot.adapter.cogs.errors`` holds ``on_command_error`` for message
commands.

Users get a short, friendly message and never a traceback, an exception text or a token; the log gets the
traceback. A ``UserFacingError`` carries a message written for users and is shown as it is.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import aiohttp
import discord
from discord import app_commands

if TYPE_CHECKING:
    from bot.adapter.client import KeiBot

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
GENERIC = "Something went wrong on my side. It has been logged; please try again in a moment."
DISCORD_TROUBLE = "I couldn't reach Discord just now; please try again in a moment."

# What a send to Discord raises besides discord.HTTPException: a reset or refused connection, a timeout.
NETWORK_ERRORS: tuple[type[BaseException], ...] = (OSError, aiohttp.ClientError)


# Permission names as Discord's own interface shows them, where the API name differs ("manage_guild").
PERMISSION_LABELS = {
    "manage_guild": "Manage Server",
    "view_guild_insights": "View Server Insights",
    "view_channel": "View Channels",
    "external_emojis": "Use External Emoji",
    "external_stickers": "Use External Stickers",
    "moderate_members": "Timeout Members",
    "send_tts_messages": "Send Text-to-Speech Messages",
    "send_messages_in_threads": "Send Messages in Threads",
    "use_application_commands": "Use Application Commands",
    "manage_expressions": "Manage Expressions",
    "mention_everyone": "Mention @everyone, @here, and All Roles",
}


def permission_names(permissions: list[str]) -> str:
    """The names a server admin sees in Discord: "Manage Server", "Manage Server and Embed Links"."""
    labels = [PERMISSION_LABELS.get(p, p.replace("_", " ").title()) for p in permissions]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


class UserFacingError(Exception):
    """An error whose message is meant for the user (e.g. "I don't know that state")."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


async def safe_reply(interaction: discord.Interaction[Any], content: str, *, ephemeral: bool = True) -> bool:
    """Reply whatever state the interaction is in: respond, follow up after a defer or a response, or give
    up quietly once the token has expired. Returns True if a message was sent."""
    try:
        if interaction.is_expired():
            log.info("interaction %s expired before an error reply could be sent", interaction.id)
            return False
        if not interaction.response.is_done():
            await interaction.response.send_message(
                content, ephemeral=ephemeral, allowed_mentions=NO_MENTIONS
            )
        else:
            await interaction.followup.send(content, ephemeral=ephemeral, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        # the interaction vanished (10062 unknown interaction) or was answered elsewhere meanwhile
        log.info("could not send an error reply for interaction %s: %s", interaction.id, exc.status)
        return False
    except NETWORK_ERRORS as exc:  # a reset connection must not escape the error handler
        log.info("could not send an error reply for interaction %s: %s", interaction.id, type(exc).__name__)
        return False
    return True


def describe_app_error(error: BaseException) -> tuple[str, bool]:
    """(message for the user, whether the error is ours and should be logged with its traceback)."""
    if isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError) and isinstance(
        error.__cause__, UserFacingError
    ):
        return error.__cause__.message, False
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, UserFacingError):
        return error.message, False
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} s.", False
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command only works in a server.", False
    if isinstance(error, app_commands.MissingPermissions):
        needed = permission_names(error.missing_permissions)
        plural = "s" if len(error.missing_permissions) > 1 else ""
        return f"You need the {needed} permission{plural} to use that.", False
    if isinstance(error, app_commands.BotMissingPermissions):
        needed = permission_names(error.missing_permissions)
        plural = "s" if len(error.missing_permissions) > 1 else ""
        return f"I'm missing the {needed} permission{plural} here.", False
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use that here.", False
    if isinstance(error, app_commands.TransformerError):
        return "I couldn't understand one of the options; please pick a value from the list.", False
    if isinstance(error, (discord.HTTPException, *NETWORK_ERRORS)):
        # Discord refused or dropped our own send (10062, 5xx, 429 after retries, a reset connection):
        # not a bug of ours, and the asker most likely cannot be told anyway.
        log.warning("sending to Discord failed: %s: %s", type(error).__name__, error)
        return DISCORD_TROUBLE, False
    if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
        return "That command has changed since your Discord app loaded it; please try again shortly.", False
    return GENERIC, True


async def handle_interaction_error(
    interaction: discord.Interaction[Any], error: BaseException, *, where: str = ""
) -> None:
    """The one ladder for slash commands, buttons and modals."""
    message, unexpected = describe_app_error(error)
    if unexpected:
        command = interaction.command.qualified_name if interaction.command else where or "component"
        log.error(
            "error in %s (interaction %s, guild %s)",
            command,
            interaction.id,
            interaction.guild_id,
            exc_info=(type(error), error, error.__traceback__),
        )
    if interaction.type is discord.InteractionType.autocomplete:
        return  # an autocomplete cannot carry a message; the user just sees no suggestions
    await safe_reply(interaction, message)


class KeiTree(app_commands.CommandTree["KeiBot"]):
    """The command tree, with the central error handler always installed (``tree_cls=``)."""

    async def on_error(
        self, interaction: discord.Interaction[KeiBot], error: app_commands.AppCommandError
    ) -> None:
        await handle_interaction_error(interaction, error)

"""Starting KeiBot: ``run(settings)`` is what ``keibot run`` / ``make run`` / ``python -m bot`` call.

With ``DISCORD_TOKEN`` set it connects to Discord; without one it starts the console chat instead. Startup
problems (a bad token, an invalid knowledge base, a missing privileged intent, no network) end with one
line on stderr and a non-zero exit code, never a traceback; the token is never printed.

A knowledge tree that lacks required parts (a state_rule for each of the 51 jurisdictions, the federal
rules) is refused too: that is a checkout in progress or a bad deploy, and serving it would answer "I don't
know" for whole states (``/kb reload`` refuses the same tree unless a curator confirms).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

import aiohttp
import discord

from bot.adapter.client import create_bot
from bot.config import Settings
from bot.core.knowledge import KnowledgeBaseError
from bot.core.service import KnowledgeService, missing_required
from bot.storage import open_storage

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_LOGIN = 1
EXIT_CONFIG = 2


class _NoVoiceWarnings(logging.Filter):
    """Drops discord.py's start-up warnings about voice libraries ("PyNaCl is not installed, voice will
    NOT be supported", the same for davey): KeiBot never joins voice, so they only look like errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "voice will NOT be supported" not in record.getMessage()


def silence_voice_warnings() -> None:
    """Install the filter on discord.py's client logger (once)."""
    logger = logging.getLogger("discord.client")
    if not any(isinstance(f, _NoVoiceWarnings) for f in logger.filters):
        logger.addFilter(_NoVoiceWarnings())


def _fail(message: str, code: int) -> int:
    print(f"keibot: {message}", file=sys.stderr)
    return code


async def run_bot(settings: Settings, *, allow_partial_knowledge: bool = False) -> int:
    """Connect to Discord and run until the connection is closed; returns an exit code.

    ``allow_partial_knowledge`` starts with a knowledge tree that lacks required parts (a deliberately small
    tree); without it such a tree is refused."""
    if not settings.discord_token:
        return _fail("DISCORD_TOKEN is not set (put it in .env or the environment)", EXIT_CONFIG)
    try:
        service = KnowledgeService(settings.knowledge_dir)
    except KnowledgeBaseError as exc:
        return _fail(
            f"the knowledge base has {len(exc.problems)} problem(s); run `keibot kb check` to list them",
            EXIT_CONFIG,
        )
    missing = missing_required(service.kb)
    if missing and not allow_partial_knowledge:
        return _fail(
            f"the knowledge base is incomplete ({'; '.join(missing)}) in {settings.knowledge_dir}: "
            "a checkout in progress or a bad deploy? Restore the missing files; nothing was started",
            EXIT_CONFIG,
        )
    storage = await open_storage(settings.database_url, settings.database_path)
    silence_voice_warnings()  # discord.py warns while the client is being created
    try:
        bot = create_bot(settings, service, storage)
    except ValueError as exc:
        await storage.close()
        return _fail(str(exc), EXIT_CONFIG)
    try:
        async with bot:
            await bot.start(settings.discord_token.value)
    except discord.LoginFailure:
        return _fail(
            "Discord rejected DISCORD_TOKEN (is it the bot token from the Developer Portal?)", EXIT_LOGIN
        )
    except discord.PrivilegedIntentsRequired:
        return _fail(
            "enable the Message Content intent for this application in the Discord Developer Portal "
            "(Bot -> Privileged Gateway Intents)",
            EXIT_LOGIN,
        )
    except (aiohttp.ClientConnectionError, TimeoutError) as exc:
        return _fail(f"could not reach Discord ({type(exc).__name__}); check the network", EXIT_LOGIN)
    finally:
        await storage.close()
    return EXIT_OK


def run(settings: Settings) -> int:
    """``keibot run``: the Discord bot with a token, the console chat without one."""
    if not settings.discord_token:
        from bot.cli import cmd_chat

        print("keibot: DISCORD_TOKEN is not set, so starting the console chat instead.", file=sys.stderr)
        return cmd_chat(argparse.Namespace(knowledge=str(settings.knowledge_dir)))
    discord.utils.setup_logging(level=getattr(logging, settings.log_level, logging.INFO), root=True)
    try:
        return asyncio.run(run_bot(settings))
    except KeyboardInterrupt:
        return EXIT_OK

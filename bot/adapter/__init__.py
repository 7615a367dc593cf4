"""Everything that knows about discord.py: the client, cogs, rendering, buttons and error handling.

The answering core (``bot.core``) and storage (``bot.storage``) never import discord; this package turns
Discord input into core calls and core results into embeds and buttons.
"""

"""Buttons and the report form under answers.

Every button is a ``discord.ui.DynamicItem`` whose custom id carries what it needs (the entry id, the page
token), matched by a regex template. They are registered once with ``bot.add_dynamic_items`` and so keep
working on old messages after a restart:

- ``kb:vote:up|down:<entry>``: helpful / not helpful, stored as feedback;
- ``kb:report:<entry>``: "report outdated", opens a form (what is wrong + optional source URL);
- ``kb:notify:<entry>[,<entry>...]``: "notify me if this changes" (click again to stop);
- ``kb:dym:<entry>``: a "did you mean" suggestion, answers that entry;
- ``kb:full:<entry>``: the full entry behind a focused answer, sent privately to whoever clicked;
- ``kb:page:<token>:<n>``: paging of a long answer (pages are kept in memory; after a restart or an hour
  the button says the pages expired).
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

import discord

from bot.adapter.errors import NO_MENTIONS, handle_interaction_error
from bot.adapter.render import RenderedAnswer, clip
from bot.core.places import STATE_NAMES
from bot.storage import StorageError, read_or_raise
from bot.storage.models import Feedback, Subscription

if TYPE_CHECKING:
    from bot.adapter.client import KeiBot

log = logging.getLogger(__name__)

ENTRY_ID = r"[a-z0-9][a-z0-9-]{1,79}"
MAX_CUSTOM_ID = 100
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)

Interaction = discord.Interaction["KeiBot"]

# Storage drops a write it cannot make (ResilientStorage returns None): the click must not be thanked as if
# it had been saved.
NOT_SAVED = (
    "Not saved: KeiBot's database is not accepting changes right now. Please try again in a few minutes."
)
NOT_READ = (
    "I couldn't read your notification settings just now, so I changed nothing. "
    "Please try again in a few minutes."
)


async def _guarded(interaction: Interaction, where: str, handler: Callable[[], Awaitable[None]]) -> None:
    try:
        await handler()
    except Exception as exc:
        await handle_interaction_error(interaction, exc, where=where)


async def _tell(interaction: Interaction, text: str) -> None:
    await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)


def _entry_title(bot: KeiBot, entry_id: str) -> str | None:
    entry = bot.service.kb.by_id.get(entry_id)
    return entry.title if entry is not None else None


# ------------------------------------------------------------------------------------------ feedback


class VoteButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"kb:vote:(?P<vote>up|down):(?P<entry>{ENTRY_ID})",
):
    def __init__(self, entry_id: str, vote: str) -> None:
        up = vote == "up"
        super().__init__(
            discord.ui.Button(
                label="Helpful" if up else "Not helpful",
                emoji="👍" if up else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"kb:vote:{vote}:{entry_id}",
            )
        )
        self.entry_id = entry_id
        self.vote = vote

    @classmethod
    async def from_custom_id(
        cls, interaction: Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> VoteButton:
        return cls(match["entry"], match["vote"])

    async def callback(self, interaction: Interaction) -> None:
        await _guarded(interaction, "vote button", lambda: self._vote(interaction))

    async def _vote(self, interaction: Interaction) -> None:
        bot = interaction.client
        title = _entry_title(bot, self.entry_id)
        if title is None:
            await _tell(
                interaction, "That answer is no longer in the knowledge base, so there is nothing to vote on."
            )
            return
        vote = "helpful" if self.vote == "up" else "not_helpful"
        stored = await bot.storage.record_feedback(
            Feedback(
                entry_id=self.entry_id, user_id=interaction.user.id, vote=vote, guild_id=interaction.guild_id
            )
        )
        if stored is None:
            log.warning("vote on %s was not stored (storage unavailable)", self.entry_id)
            await _tell(interaction, NOT_SAVED)
            return
        if vote == "helpful":
            await _tell(interaction, "Thanks! Glad it helped.")
        else:
            await _tell(
                interaction,
                "Thanks for telling me. If something in it is wrong or out of date, please use "
                "**Report outdated** so the curators know what to fix.",
            )


class ReportButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"kb:report:(?P<entry>{ENTRY_ID})"
):
    def __init__(self, entry_id: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Report outdated",
                emoji="⚠️",
                style=discord.ButtonStyle.secondary,
                custom_id=f"kb:report:{entry_id}",
            )
        )
        self.entry_id = entry_id

    @classmethod
    async def from_custom_id(
        cls, interaction: Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ReportButton:
        return cls(match["entry"])

    async def callback(self, interaction: Interaction) -> None:
        async def open_form() -> None:
            title = _entry_title(interaction.client, self.entry_id)
            if title is None:
                await _tell(interaction, "That answer is no longer in the knowledge base.")
                return
            await interaction.response.send_modal(ReportModal(self.entry_id, title))

        await _guarded(interaction, "report button", open_form)


class ReportModal(discord.ui.Modal):
    """What is wrong, and optionally where the right information is."""

    def __init__(self, entry_id: str, entry_title: str) -> None:
        # A fresh custom id per form, so two people reporting the same entry never share one.
        super().__init__(
            title="Report outdated information",
            custom_id=f"kb:report-form:{secrets.token_hex(6)}",
            timeout=15 * 60,
        )
        self.entry_id = entry_id
        self.what: discord.ui.TextInput[ReportModal] = discord.ui.TextInput(
            style=discord.TextStyle.paragraph, max_length=1000, min_length=5, custom_id="what"
        )
        self.source: discord.ui.TextInput[ReportModal] = discord.ui.TextInput(
            required=False, max_length=500, placeholder="https://...", custom_id="source"
        )
        self.add_item(
            discord.ui.Label(
                text="What is wrong or out of date?",
                description=clip(f"In: {entry_title}", 100),
                component=self.what,
            )
        )
        self.add_item(
            discord.ui.Label(
                text="Source for the correct information",
                description="Optional: a link",
                component=self.source,
            )
        )

    async def on_submit(self, interaction: Interaction) -> None:  # type: ignore[override]
        bot = interaction.client
        url = (self.source.value or "").strip() or None
        note = ""
        if url is not None and not _URL.match(url):
            url = None
            note = " The source didn't look like a web link, so I saved the report without it."
        stored = await bot.storage.record_feedback(
            Feedback(
                entry_id=self.entry_id,
                user_id=interaction.user.id,
                vote="outdated",
                reason=self.what.value,
                source_url=url,
                guild_id=interaction.guild_id,
            )
        )
        if stored is None:
            log.warning("outdated report on %s was not stored (storage unavailable)", self.entry_id)
            await _tell(interaction, NOT_SAVED)
            return
        await _tell(interaction, f"Thanks, the curators will check it.{note}")

    async def on_error(self, interaction: Interaction, error: Exception) -> None:  # type: ignore[override]
        await handle_interaction_error(interaction, error, where="report form")


# ------------------------------------------------------------------------------------------ subscriptions


def notify_custom_id(entry_ids: Sequence[str]) -> str | None:
    """``kb:notify:`` and as many of the entry ids as fit in a custom id (100 characters)."""
    prefix = "kb:notify:"
    kept: list[str] = []
    for entry_id in entry_ids:
        candidate = prefix + ",".join([*kept, entry_id])
        if len(candidate) > MAX_CUSTOM_ID:
            break
        kept.append(entry_id)
    return prefix + ",".join(kept) if kept else None


class NotifyButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"kb:notify:(?P<entries>[a-z0-9][a-z0-9,-]{1,89})",
):
    def __init__(self, custom_id: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Notify me if this changes",
                emoji="🔔",
                style=discord.ButtonStyle.secondary,
                custom_id=custom_id,
            )
        )
        self.entry_ids = tuple(e for e in custom_id.removeprefix("kb:notify:").split(",") if e)

    @classmethod
    async def from_custom_id(
        cls, interaction: Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> NotifyButton:
        return cls(f"kb:notify:{match['entries']}")

    async def callback(self, interaction: Interaction) -> None:
        await _guarded(interaction, "notify button", lambda: self._toggle(interaction))

    async def _toggle(self, interaction: Interaction) -> None:
        bot = interaction.client
        known = [e for e in self.entry_ids if e in bot.service.kb.by_id]
        if not known:
            # Subscriptions to removed entries stay, dormant (see bot.adapter.notify): a click here stops them.
            followed = {s.entry_id for s in await bot.storage.subscriptions(interaction.user.id)}
            gone = [e for e in self.entry_ids if e in followed]
            if gone:
                results = [await bot.storage.unsubscribe(interaction.user.id, e) for e in gone]
                if any(r is None for r in results):  # dropped by storage
                    await _tell(interaction, NOT_SAVED)
                    return
                await _tell(
                    interaction,
                    "That answer is no longer in the knowledge base. Done: I won't tell you if it comes back.",
                )
                return
            await _tell(interaction, "That answer is no longer in the knowledge base.")
            return
        user_id = interaction.user.id
        try:
            # read for real: an empty list standing in for a failed read would turn "stop" into "subscribe"
            subscriptions = await read_or_raise(bot.storage, "subscriptions", user_id)
        except StorageError:
            await _tell(interaction, NOT_READ)
            return
        current = {s.entry_id for s in subscriptions}
        titles = ", ".join(f"**{clip(bot.service.kb.by_id[e].title, 80)}**" for e in known)
        if all(e in current for e in known):
            results = [await bot.storage.unsubscribe(user_id, entry_id) for entry_id in known]
            if any(r is None for r in results):  # dropped by storage
                await _tell(interaction, NOT_SAVED)
                return
            await _tell(interaction, f"Done: you will no longer be notified about {titles}.")
            return
        channel = interaction.channel
        thread = channel if isinstance(channel, discord.Thread) else None
        results = [
            await bot.storage.subscribe(
                Subscription(
                    user_id=user_id,
                    entry_id=entry_id,
                    channel_id=thread.parent_id if thread is not None else None,
                    thread_id=thread.id if thread is not None else None,
                )
            )
            for entry_id in known
        ]
        if any(r is None for r in results):  # dropped by storage
            await _tell(interaction, NOT_SAVED)
            return
        where = (
            "in this thread" if thread is not None else "by direct message (keep DMs from this server open)"
        )
        await _tell(
            interaction,
            f"I'll tell you {where} when {titles} changes. Click the button again to stop.",
        )


# ------------------------------------------------------------------------------------------ suggestions


class SuggestionButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"kb:dym:(?P<entry>{ENTRY_ID})"
):
    def __init__(self, entry_id: str, label: str = "Show this") -> None:
        super().__init__(
            discord.ui.Button(
                label=clip(label, 80), style=discord.ButtonStyle.primary, custom_id=f"kb:dym:{entry_id}"
            )
        )
        self.entry_id = entry_id

    @classmethod
    async def from_custom_id(
        cls, interaction: Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> SuggestionButton:
        label = getattr(item, "label", None) or "Show this"
        return cls(match["entry"], label)

    async def callback(self, interaction: Interaction) -> None:
        async def show() -> None:
            from bot.adapter.respond import among_others, send_interaction_answer

            bot = interaction.client
            answer = bot.answer_entry(self.entry_id)
            if answer is None:
                await _tell(interaction, "That topic is no longer in the knowledge base.")
                return
            # Shown to the person who clicked, so a public "did you mean" never turns into channel spam.
            await send_interaction_answer(interaction, answer, ephemeral=among_others(interaction))

        await _guarded(interaction, "suggestion button", show)


class FullEntryButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"kb:full:(?P<entry>{ENTRY_ID})"
):
    """A focused answer quotes only what the question bears on; this shows the whole entry."""

    def __init__(self, entry_id: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Full entry",
                emoji="📄",
                style=discord.ButtonStyle.secondary,
                custom_id=f"kb:full:{entry_id}",
            )
        )
        self.entry_id = entry_id

    @classmethod
    async def from_custom_id(
        cls, interaction: Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> FullEntryButton:
        return cls(match["entry"])

    async def callback(self, interaction: Interaction) -> None:
        async def show() -> None:
            from bot.adapter.respond import among_others, send_interaction_answer

            answer = interaction.client.answer_entry(self.entry_id, full=True)
            if answer is None:
                await _tell(interaction, "That topic is no longer in the knowledge base.")
                return
            await send_interaction_answer(interaction, answer, ephemeral=among_others(interaction))

        await _guarded(interaction, "full entry button", show)


# ------------------------------------------------------------------------------------------ paging


class PageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"kb:page:(?P<token>[0-9a-f]{12}):(?P<page>[0-9]{1,3}):(?P<dir>p|n)",
):
    def __init__(self, token: str, page: int, direction: str, *, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label="Previous" if direction == "p" else "Next",
                emoji="◀️" if direction == "p" else "▶️",
                style=discord.ButtonStyle.secondary,
                custom_id=f"kb:page:{token}:{page}:{direction}",
                disabled=disabled,
            )
        )
        self.token = token
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> PageButton:
        return cls(match["token"], int(match["page"]), match["dir"])

    async def callback(self, interaction: Interaction) -> None:
        await _guarded(interaction, "page button", lambda: self._turn(interaction))

    async def _turn(self, interaction: Interaction) -> None:
        bot = interaction.client
        stored = bot.pages.get(self.token)
        if stored is None:
            await _tell(interaction, "These pages have expired. Ask again to get the full answer.")
            return
        rendered: RenderedAnswer = stored.pages
        page = max(0, min(self.page, len(rendered.pages) - 1))
        if stored.owner_id != interaction.user.id:
            # Someone else's answer: give them their own copy instead of flipping the asker's message.
            token = bot.pages.put(interaction.user.id, rendered)
            await interaction.response.send_message(
                embeds=list(rendered.pages[page]),
                view=answer_view(rendered, page, token),
                ephemeral=True,
                allowed_mentions=NO_MENTIONS,
            )
            return
        await interaction.response.edit_message(
            embeds=list(rendered.pages[page]),
            view=answer_view(rendered, page, self.token),
            allowed_mentions=NO_MENTIONS,
        )


# ------------------------------------------------------------------------------------------ state picker

# Three menus of 17: a select holds at most 25 options, and the 50 states + DC are 51.
STATE_GROUPS = tuple(
    tuple(sorted(STATE_NAMES.items(), key=lambda kv: kv[1])[i : i + 17])
    for i in range(0, len(STATE_NAMES), 17)
)


class StatePicker(discord.ui.DynamicItem[discord.ui.Select[Any]], template=r"kb:pickstate:(?P<group>[0-9])"):
    """Offered when someone asks about "my state" with no saved home state: picking one answers for it."""

    def __init__(self, group: int) -> None:
        names = STATE_GROUPS[group]
        super().__init__(
            discord.ui.Select(
                placeholder=f"Pick your state ({names[0][1]} – {names[-1][1]})",
                options=[discord.SelectOption(label=name, value=code) for code, name in names],
                custom_id=f"kb:pickstate:{group}",
            )
        )
        self.group = group

    @classmethod
    async def from_custom_id(
        cls, interaction: Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> StatePicker:
        return cls(int(match["group"]))

    async def callback(self, interaction: Interaction) -> None:
        async def show() -> None:
            from bot.adapter.respond import among_others, send_interaction_answer

            code = (self.item.values or [""])[0]
            answer = interaction.client.answer_entry(f"state-{code.lower()}") if code in STATE_NAMES else None
            if answer is None:
                await _tell(interaction, "I have no entry for that state yet.")
                return
            await send_interaction_answer(interaction, answer, ephemeral=among_others(interaction))

        await _guarded(interaction, "state picker", show)


# ------------------------------------------------------------------------------------------ building


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    VoteButton,
    ReportButton,
    NotifyButton,
    SuggestionButton,
    FullEntryButton,
    PageButton,
    StatePicker,
)


def _row(item: discord.ui.DynamicItem[Any], row: int) -> discord.ui.DynamicItem[Any]:
    item.row = row
    return item


def answer_view(rendered: RenderedAnswer, page: int = 0, token: str | None = None) -> discord.ui.View | None:
    """Paging (row 0), "did you mean" (row 1) and feedback (row 2) buttons for one page of an answer."""
    view = discord.ui.View(timeout=None)
    total = len(rendered.pages)
    if total > 1 and token is not None:
        view.add_item(_row(PageButton(token, max(page - 1, 0), "p", disabled=page == 0), 0))
        view.add_item(_row(PageButton(token, min(page + 1, total - 1), "n", disabled=page >= total - 1), 0))
    for entry_id, label in rendered.suggestions[:3]:
        view.add_item(_row(SuggestionButton(entry_id, label), 1))
    if rendered.full_entry:
        view.add_item(_row(FullEntryButton(rendered.full_entry), 1))
    if rendered.state_picker:  # such an answer has no entry, so no feedback row: the menus take rows 2-4
        for group in range(len(STATE_GROUPS)):
            view.add_item(_row(StatePicker(group), 2 + group))
    if rendered.feedback and rendered.primary_entry:
        view.add_item(_row(VoteButton(rendered.primary_entry, "up"), 2))
        view.add_item(_row(VoteButton(rendered.primary_entry, "down"), 2))
        view.add_item(_row(ReportButton(rendered.primary_entry), 2))
        custom_id = notify_custom_id(rendered.entry_ids)
        if custom_id:
            view.add_item(_row(NotifyButton(custom_id), 2))
    return view if view.children else None

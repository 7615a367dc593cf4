"""Answer -> Discord embeds, within Discord's limits.

The answering core composes one Markdown text for every interface. On Discord the sources, the
last-verified date and the not-legal-advice line get their own places (fields with links, a plain
calendar date, the footer), so they are lifted out of the text here and the rest becomes the description.

Limits respected (https://discord.com/developers/docs/resources/message#embed-object-embed-limits):
title 256, description 4096, 25 fields, field name 256 / value 1024, footer 2048, 6000 characters per
message over all its embeds, 10 embeds per message. A long answer becomes several pages (one message
each, switched with buttons); text is split between paragraphs, lines or words, never inside a word, and
every page says which page it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import discord

from bot.core.answering import Answer
from bot.core.eligibility import MONTH_NAMES
from bot.core.schema import Status
from bot.core.text import escape_untrusted
from bot.statemap import STATUS_COLOURS

MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER = 2048
MAX_TOTAL = 6000
MAX_EMBEDS = 10
MAX_BUTTON_LABEL = 80

# Room kept for the sources on the first page; more sources than fit go on a page of their own.
SOURCES_BUDGET = 2400

COLOUR_ANSWER = 0x5865F2  # blurple
COLOUR_DECLINE = 0x4F545C  # grey
COLOUR_NOTICE = 0x3BA55C
COLOUR_ERROR = 0xED4245

ELLIPSIS = "…"


@dataclass(frozen=True)
class RenderedAnswer:
    pages: tuple[tuple[discord.Embed, ...], ...]
    entry_ids: tuple[str, ...]
    suggestions: tuple[tuple[str, str], ...] = ()  # (entry id, button label)
    feedback: bool = False
    primary_entry: str | None = None
    full_entry: str | None = None  # the entry a "Full entry" button opens, when the answer quoted only part
    state_picker: bool = False  # "my state" asked with none known: offer state menus


# ----------------------------------------------------------------------------------------- pieces


def clip(text: str, limit: int) -> str:
    """Cut to ``limit`` characters at a word boundary, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def status_colour(status: Status | None, answered: bool) -> int:
    if not answered:
        return COLOUR_DECLINE
    if status is not None:
        return STATUS_COLOURS[status]
    return COLOUR_ANSWER


def discord_date(day: str | dt.date) -> str:
    """A calendar date as plain text ("Nov 25, 2026"). Not a Discord timestamp: a timestamp is a moment,
    and midnight UTC shows as the previous day to every reader west of UTC; a date is the same day for all."""
    value = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return f"{MONTH_NAMES[value.month - 1][:3]} {value.day}, {value.year}"  # not %b: locale-free


_BOLD_LEAD = re.compile(r"\*\*(?P<head>[^*\n]{1,300}?)\*\*[ \t]*")


def drop_repeated_heading(body: str, title: str) -> str:
    """``body`` without a bold first phrase that only repeats ``title`` (the embed already shows it)."""
    match = _BOLD_LEAD.match(body)
    if match is None:
        return body

    def key(text: str) -> str:
        return " ".join(text.casefold().split()).rstrip(".:!—- ")

    if key(match.group("head")) != key(title):
        return body
    rest = body[match.end() :].lstrip()
    return rest or body


def _link_title(title: str) -> str:
    return title.replace("[", "(").replace("]", ")")


def _link_url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def source_lines(sources: Iterable[dict[str, str]]) -> list[str]:
    lines = []
    for source in sources:
        line = f"- [{_link_title(source['title'])}]({_link_url(source['url'])})"
        if len(line) > MAX_FIELD_VALUE:
            line = f"- <{clip(source['url'], MAX_FIELD_VALUE - 5)}>"
        lines.append(line)
    return lines


def pack_lines(lines: Sequence[str], limit: int) -> list[str]:
    """Join lines into chunks of at most ``limit`` characters (lines longer than that are clipped)."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        line = clip(line, limit)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks


def split_text(text: str, first: int, rest: int) -> list[str]:
    """Chunks of at most ``first`` (then ``rest``) characters, split at the last paragraph break in reach,
    else the last line break, else the last space: never inside a word. A single word longer than a chunk
    (a pathological URL) is the only thing cut, and the cut is marked with an ellipsis."""
    chunks: list[str] = []
    remaining = text.strip()
    budget = first
    while len(remaining) > budget:
        cut, hard = _cut_point(remaining, budget)
        if hard:
            chunks.append(remaining[: budget - 1] + ELLIPSIS)
            remaining = remaining[budget - 1 :]
        else:
            chunks.append(remaining[:cut].rstrip())
            remaining = remaining[cut:].lstrip("\n ")
        budget = rest
    if remaining:
        chunks.append(remaining)
    return [c for c in chunks if c]


def _cut_point(text: str, budget: int) -> tuple[int, bool]:
    """Index to cut ``text`` at so the head fits ``budget``; True when no break exists (a hard cut)."""
    for sep in ("\n\n", "\n"):
        at = text.rfind(sep, 0, budget + 1)
        if at >= budget // 3:
            return at, False
    at = text.rfind(" ", 0, budget + 1)
    if at > 0:
        return at, False
    return budget, True


def embed_total(embeds: Iterable[discord.Embed]) -> int:
    return sum(len(e) for e in embeds)


# ----------------------------------------------------------------------------------------- answers


def state_page_field(answer: Answer, site_url: str | None) -> tuple[str, str] | None:
    """A "State page" field linking a state answer to the state's page on the published site (only
    when SITE_URL is set; see ``keibot site``)."""
    if not (answer.answered and answer.state and answer.intent == "state_legality"):
        return None
    from bot.site.links import state_page_url

    url = state_page_url(answer.state, site_url)
    return ("State page", f"[Map, conditions and sources]({_link_url(url)})") if url else None


def render_answer(
    answer: Answer, *, status: Status | None = None, brand: str = "KeiBot", site_url: str | None = None
) -> RenderedAnswer:
    """Pages of embeds for one answer. ``status`` colours a state answer whose first entry is not the state
    rule itself (defaults to ``answer.status``)."""
    status = status if status is not None else answer.status
    suggestions = tuple(
        (entry_id, clip(title, MAX_BUTTON_LABEL))
        for entry_id, title in zip(answer.suggestion_ids, answer.suggestions, strict=False)
    )[:3]
    title = clip(answer.title or ("Answer" if answer.answered else "I don't know that one"), MAX_TITLE)
    colour = status_colour(status, answer.answered)

    if answer.legal:
        who = answer.dmv[0] if answer.dmv else "your state's DMV"
        footer = f"Not legal advice — confirm with {who} before you buy or drive."
    elif answer.answered:
        footer = f"{brand} answers only from its curated, sourced knowledge base."
    else:
        footer = f"{brand} won't guess without a source."
    footer = clip(footer, MAX_FOOTER - 40)

    fields: list[tuple[str, str]] = []
    overflow_sources: list[str] = []
    lines = source_lines(answer.sources)
    if lines:
        shown, used = [], 0
        for line in lines:
            if used + len(line) + 1 > SOURCES_BUDGET:
                break
            shown.append(line)
            used += len(line) + 1
        overflow_sources = lines[len(shown) :]
        chunks = pack_lines(shown, MAX_FIELD_VALUE)
        for index, chunk in enumerate(chunks):
            fields.append(("Sources" if index == 0 else "Sources (continued)", chunk))
        if overflow_sources:
            fields.append(("More sources", f"{len(overflow_sources)} more on the last page."))
    if answer.last_verified:
        fields.append(("Last verified", discord_date(answer.last_verified)))
    if answer.stale and answer.stale_note:
        fields.append(("⚠️ May be out of date", clip(answer.stale_note, MAX_FIELD_VALUE)))
    if answer.legal and answer.dmv:
        fields.append(
            (
                "Confirm with",
                clip(f"[{_link_title(answer.dmv[0])}]({_link_url(answer.dmv[1])})", MAX_FIELD_VALUE),
            )
        )
    if state_page := state_page_field(answer, site_url):
        fields.append(state_page)
    fields = fields[:MAX_FIELDS]

    page_footer_room = len(" · page 99/99")
    first_fixed = len(title) + len(footer) + page_footer_room + sum(len(n) + len(v) for n, v in fields)
    first_budget = max(200, min(MAX_DESCRIPTION, MAX_TOTAL - first_fixed - 16))
    rest_title = clip(f"{title} (continued)", MAX_TITLE)
    rest_budget = min(MAX_DESCRIPTION, MAX_TOTAL - len(rest_title) - len(footer) - page_footer_room - 16)
    body = answer.body.strip() or ("I don't have a sourced answer to that." if not answer.answered else "")
    body = drop_repeated_heading(body, title)
    chunks = split_text(body, first_budget, rest_budget) or [""]

    pages: list[list[discord.Embed]] = []
    for index, chunk in enumerate(chunks):
        embed = discord.Embed(
            title=title if index == 0 else rest_title, description=chunk or None, colour=colour
        )
        if index == 0:
            for name, value in fields:
                embed.add_field(name=name, value=value, inline=name in ("Last verified",))
        pages.append([embed])
    for chunk in pack_lines(overflow_sources, MAX_FIELD_VALUE):
        if (
            not pages[-1][0].fields
            or len(pages[-1][0].fields) >= MAX_FIELDS
            or embed_total(pages[-1]) + len(chunk) + 40 > MAX_TOTAL
        ):
            pages.append([discord.Embed(title=clip(f"{title} (sources)", MAX_TITLE), colour=colour)])
        pages[-1][0].add_field(name="Sources (continued)", value=chunk, inline=False)
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        text = footer if total == 1 else f"{footer} · page {number}/{total}"
        page[-1].set_footer(text=text)

    entry_ids = tuple(e.id for e in answer.entries)
    return RenderedAnswer(
        pages=tuple(tuple(p) for p in pages),
        entry_ids=entry_ids,
        suggestions=suggestions,
        feedback=bool(entry_ids),
        # (a reply that is no answer, a UTV question with the state card's UTV lines, is not the card's answer: a
        # kei question about that state after it must not be told "I answered that here", nor vote on the card)
        primary_entry=entry_ids[0] if entry_ids and answer.answered else None,
        full_entry=entry_ids[0] if entry_ids and answer.answered and answer.focused else None,
        state_picker=answer.needs_state,
    )


# ----------------------------------------------------------------------------------------- other embeds


def notice(title: str, text: str, *, colour: int = COLOUR_NOTICE, footer: str | None = None) -> discord.Embed:
    embed = discord.Embed(
        title=clip(title, MAX_TITLE), description=clip(text, MAX_DESCRIPTION), colour=colour
    )
    if footer:
        embed.set_footer(text=clip(footer, MAX_FOOTER))
    return embed


def list_embeds(
    title: str, lines: Sequence[str], *, colour: int = COLOUR_ANSWER, empty: str = "Nothing."
) -> list[discord.Embed]:
    """A list as one or more embeds (each description <= 4096, all together <= 6000 and <= 10 embeds);
    what does not fit is counted in the last line."""
    if not lines:
        return [notice(title, empty, colour=colour)]
    budget = MAX_TOTAL - len(title) - 200
    kept: list[str] = []
    used = 0
    for line in lines:
        line = clip(line, 1000)
        if used + len(line) + 1 > budget:
            break
        kept.append(line)
        used += len(line) + 1
    dropped = len(lines) - len(kept)
    if dropped:
        kept.append(f"…and {dropped} more.")
    chunks = pack_lines(kept, MAX_DESCRIPTION)[:MAX_EMBEDS]
    embeds = []
    for index, chunk in enumerate(chunks):
        embeds.append(
            discord.Embed(
                title=clip(title, MAX_TITLE) if index == 0 else None, description=chunk, colour=colour
            )
        )
    return embeds


def untrusted(text: str, limit: int = 300) -> str:
    """User-supplied text, made inert (no pings, links or formatting) and shortened."""
    return escape_untrusted(clip(" ".join(text.split()), limit))

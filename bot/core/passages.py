"""An entry cut into passages a focused answer can quote.

Entry bodies are Markdown written as a bold lead paragraph (the direct answer) followed by short sections:
bold-headed paragraphs and bullet lists. A passage is one paragraph or one list item, carrying the heading
of the block it sits in; a state rule also turns each recorded condition, law, change, the agreement note
and whom to ask into passages of their own. Passages are cut once per entry at load, never per question.

``select`` picks the passages a question bears on: the question's content words are weighted by how rare
they are among all passages (a word every passage has, like "truck", says nothing about which one to quote),
and a passage scores the weight of the question's words it contains.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.core.schema import Entry, Kind
from bot.core.text import content_tokens, normalise, stem

_FOCUS_FILE = Path(__file__).with_name("data") / "focus_words.yaml"

_TOPICS_FILE = Path(__file__).with_name("data") / "state_topics.yaml"


@cache
def _state_topics_file() -> dict[str, Any]:
    with _TOPICS_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def related_conditions() -> dict[str, tuple[str, ...]]:
    """Condition -> the conditions that often hold its answer when a state records none of its own."""
    data = _state_topics_file()
    return {key: tuple(others) for key, others in (data.get("related_conditions") or {}).items()}


@cache
def state_topics() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """(condition -> the words and phrases a question uses for it, section -> its cue words as one string),
    from the data file."""
    data = _state_topics_file()
    conditions = {
        key: tuple(str(w).casefold() for w in words or ()) for key, words in data["conditions"].items()
    }
    sections = {key: " ".join(str(w) for w in words) for key, words in data["sections"].items()}
    return conditions, sections


@cache
def paperwork_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words asking what to file, the conditions they ask about when no other paperwork-like one is named)."""
    data = _state_topics_file()
    return (
        tuple(str(w).casefold() for w in data.get("paperwork_words") or ()),
        tuple(str(k) for k in data.get("paperwork_conditions") or ()),
    )


@cache
def source_generic_words() -> tuple[str, ...]:
    """Words of a source's title that say nothing of which line it backs ("code", "chapter", "NRS")."""
    return tuple(str(w).casefold() for w in _state_topics_file().get("source_generic_words") or ())


@cache
def office_names() -> tuple[str, ...]:
    """Phrases that name an office to go to ("town clerk", "county tax office"), not a condition of the rules."""
    return tuple(str(p).casefold() for p in _state_topics_file().get("office_names") or ())


@cache
def any_vehicle_headings() -> tuple[str, ...]:
    """How the heading of a state card's section of rules for every vehicle starts (lower case)."""
    return tuple(str(h).casefold() for h in _state_topics_file().get("any_vehicle_headings") or ())


@cache
def topic_generic_words() -> frozenset[str]:
    """Words of a line's label that name no topic of its own ("Temporary plates": only "temporary" does)."""
    return frozenset(
        t
        for w in _state_topics_file().get("topic_generic_words") or ()
        for t in content_tokens(normalise(str(w)))
    )


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TOP_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")  # an indented item belongs to the item above it
_HEADING_ONLY = re.compile(r"^\*\*[^*]+\*\*(?:\s*\([^)]*\))?\s*:?$")
RELATIVE_CUTOFF = 0.2  # passages scoring under this share of the best one are left out
OTHER_SUB_QUESTION = 0.5  # a passage under a heading that asks what the question did not counts this much


@dataclass(frozen=True, slots=True)
class Passage:
    order: int
    heading: str  # the bold heading line of the block the passage sits in, or ""
    text: str  # Markdown as written
    tokens: frozenset[str]
    # a heading that asks a question of its own ("**Lost the export certificate?**"): its words beyond the
    # entry's title, which a question must use for the passages under it to be what it asks
    sub_question: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class EntryPassages:
    lead: str  # the direct answer: a state's status and summary, or the body's bold lead paragraph
    passages: tuple[Passage, ...]
    facts_from: int  # where a state's conditions, laws, changes and whom to ask start (after its body)


def cut(entry: Entry) -> EntryPassages:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", entry.body.strip()) if b.strip()]
    if entry.kind is Kind.STATE_RULE:
        status = entry.status.label if entry.status else ""
        lead = f"**{entry.title}: {status}.** {entry.summary or ''}".strip()
        # a body's own "Short answer" restates the summary the lead already gives, and its "Confirm with ..."
        # the line every legal answer ends with
        blocks = [
            b
            for b in blocks
            if not (entry.summary and b.startswith("**Short answer:**")) and not b.startswith("Confirm with")
        ]
    else:
        # the bold lead paragraph is the direct answer; a first block that is a headed list is a section
        opening = blocks[0] if blocks and not any(_LIST_ITEM.match(x) for x in blocks[0].splitlines()) else ""
        if opening:
            blocks.pop(0)
        # a bold opening is the entry's own direct answer (a plain sentence may follow it: "**No bonnet: the
        # engine is under the seats.** Makers did this to..."); a summary beside it mostly says it again. Not a
        # bold label ("**The rule:** ...") over a plain answer: the bold part must be most of the paragraph.
        bold_opening = opening.startswith("**") and opening.find("**", 2) >= BOLD_SHARE * len(opening)
        lead = opening if bold_opening else "\n".join(part for part in (opening, entry.summary) if part)
    raw: list[tuple[str, str, str]] = []  # (heading, text, extra cue words)
    for block in blocks:
        # a sum of money is what "how much does it cost" asks for, however it is written ("$900-2,000", "¥20,000")
        raw.extend(
            (heading, text, "dollars" if _MONEY.search(text) else "") for heading, text in _split_block(block)
        )
    facts_from = len(raw)
    if entry.kind is Kind.STATE_RULE:
        raw.extend(_state_parts(entry))
    title_words = frozenset(content_tokens(normalise(entry.title)))
    passages = tuple(
        Passage(
            i,
            heading,
            text,
            frozenset(content_tokens(normalise(f"{heading} {text} {cues}"))),
            _sub_question(heading, title_words),
        )
        for i, (heading, text, cues) in enumerate(raw)
    )
    return EntryPassages(lead, passages, facts_from)


_MONEY = re.compile(r"[$¥£€]\s?\d|\b\d[\d,.]*\s?(usd|dollars?|yen)\b", re.I)


def _sub_question(heading: str, title_words: frozenset[str]) -> frozenset[str]:
    """A heading that is a question: its words the entry's title does not already say (else nothing)."""
    if not heading.rstrip("*: ").endswith("?"):
        return frozenset()
    return frozenset(content_tokens(normalise(heading))) - title_words


def _split_block(block: str) -> Iterable[tuple[str, str]]:
    """A paragraph is one passage; a list is one passage per item, under the block's heading line."""
    lines = block.splitlines()
    if not any(_LIST_ITEM.match(line) for line in lines):
        yield "", block
        return
    heading_lines: list[str] = []
    item: list[str] = []
    for line in lines:
        if _TOP_ITEM.match(line):
            if item:
                yield " ".join(heading_lines), "\n".join(item)
            item = [line]
        elif item:
            item.append(line)  # a wrapped or nested line belongs to its item
        else:
            heading_lines.append(line.strip())
    if item:
        yield " ".join(heading_lines), "\n".join(item)


def _state_parts(entry: Entry) -> Iterable[tuple[str, str, str]]:
    conditions, sections = state_topics()
    if entry.conditions:
        for key, value in entry.conditions.model_dump().items():
            if value:
                label = key.replace("_", " ").capitalize()
                yield "**Conditions**", f"- **{label}:** {value}", " ".join(conditions.get(key, ()))
    for law in entry.laws:
        line = (
            f"- {law.name}" + (f" ({law.date})" if law.date else "") + (f": {law.note}" if law.note else "")
        )
        yield "**Law / policy**", line, sections["law"]
    for change in entry.changes:
        heading = "**Pending**" if change.pending else "**History**"
        yield heading, f"- {change.date}: {change.what}", sections["pending" if change.pending else "history"]
    if entry.agreement:
        yield "", f"**Do sources agree?** {entry.agreement}", sections["agreement"]
    if entry.dmv:
        ask = f" Ask them: {entry.dmv.ask_for}" if entry.dmv.ask_for else ""
        yield "", f"**Who to ask:** {entry.dmv.name} <{entry.dmv.url}>.{ask}", sections["who"]


class PassageWeights:
    """How telling each word is for choosing a passage: rare across all passages is telling."""

    def __init__(self, all_passages: Iterable[EntryPassages]) -> None:
        counts: Counter[str] = Counter()
        total = 0
        for entry_passages in all_passages:
            for passage in entry_passages.passages:
                counts.update(passage.tokens)
                total += 1
        self.total = max(total, 1)
        self.weights = {token: math.log(1 + self.total / n) for token, n in counts.items()}

    def weight(self, token: str) -> float:
        return self.weights.get(token, 0.0)


@cache
def focus_words() -> dict[str, tuple[str, ...]]:
    """Question word (stemmed) -> passage words (stemmed) that tend to answer it; from the data file."""
    with _FOCUS_FILE.open(encoding="utf-8") as fh:
        table = yaml.safe_load(fh) or {}
    return {
        stem(str(key).casefold()): tuple(t for word in words for t in content_tokens(normalise(str(word))))
        for key, words in table.items()
    }


def expand(tokens: Iterable[str]) -> dict[str, float]:
    """The question's words at full strength, and the words they ask for at half strength."""
    wanted: dict[str, float] = {}
    table = focus_words()
    for token in tokens:
        wanted[token] = 1.0
    for token in list(wanted):
        for extra in table.get(token, ()):
            wanted.setdefault(extra, 0.5)
    return wanted


def weigh(tokens: Iterable[str], weights: PassageWeights) -> dict[str, float]:
    """The question's words (and the words they ask for) with their weight for choosing passages."""
    return {t: w for t, strength in expand(tokens).items() if (w := weights.weight(t) * strength)}


def select(
    entry_passages: EntryPassages, wanted: dict[str, float], budget: int
) -> tuple[list[Passage], bool]:
    """The passages the question bears on (``wanted``: from ``weigh``), in entry order, within ``budget``
    characters (at least one if any matched), and whether anything matched at all."""
    keys = frozenset(wanted)
    scored = []
    for passage in entry_passages.passages:
        shared = passage.tokens & keys  # a set intersection: no Python loop over the question's words
        if shared:
            score = math.fsum(wanted[t] for t in shared)  # exact, so the same whatever the set's order
            # under "Lost the certificate?", and nothing was said of losing it
            if passage.sub_question and not passage.sub_question & keys:
                score *= OTHER_SUB_QUESTION
            scored.append((score, passage))
    if not scored:
        return [], False
    best = max(score for score, _ in scored)
    chosen: list[Passage] = []
    used = 0
    for score, passage in sorted(scored, key=lambda sp: (-sp[0], sp[1].order)):
        if score < best * RELATIVE_CUTOFF:
            break
        size = len(passage.text) + len(passage.heading)
        if chosen and used + size > budget:
            continue
        chosen.append(passage)
        used += size
    return sorted(chosen, key=lambda p: p.order), True


def strongest_section_first(chosen: list[Passage], wanted: dict[str, float]) -> list[Passage]:
    """Chosen passages in entry order, except that the section of one that speaks to the question far more than
    every passage before it comes first ("ISF late filing penalty how much": the Penalties line, not after what
    an ISF is and when it is due)."""
    scores = [math.fsum(wanted[t] for t in p.tokens & wanted.keys()) for p in chosen]
    if not scores:
        return chosen
    top = max(range(len(chosen)), key=lambda i: (scores[i], -i))
    heading = chosen[top].heading
    # its section's first chosen line (a passage under no heading is a section of its own)
    first = next(i for i, p in enumerate(chosen) if p.heading == heading) if heading else top
    if first == 0 or scores[top] < STRONGEST_LEAD * max(scores[:first]):
        return chosen
    section = [p for p in chosen if p.heading == heading] if heading else [chosen[top]]
    moved = {p.order for p in section}  # (by position: a passage's == compares every field)
    return [*section, *(p for p in chosen if p.order not in moved)]


def overview(entry_passages: EntryPassages, budget: int) -> list[Passage]:
    """For a question with no topic of its own ("tell me about the acty"): the first passages that fit."""
    chosen: list[Passage] = []
    used = 0
    for passage in entry_passages.passages:
        size = len(passage.text) + len(passage.heading)
        if chosen and used + size > budget:
            break
        chosen.append(passage)
        used += size
    return chosen


def render(passages: list[Passage]) -> str:
    """Passages as Markdown, each block heading shown once above its first quoted item. Numbered items quoted
    out of a longer list ("1." and "3.", or "2." alone) become bullets: a gap in the numbers reads as a lost
    line."""
    lines: list[str] = []
    heading = None
    for group in _by_heading(passages):
        if group[0].heading and group[0].heading != heading:
            lines.append(group[0].heading)
        heading = group[0].heading
        numbers = [int(m.group(1)) if (m := _NUMBERED.match(p.text)) else None for p in group]
        if any(numbers) and [n for n in numbers if n] != list(range(1, 1 + sum(1 for n in numbers if n))):
            lines.extend(_NUMBERED.sub("- ", p.text, count=1) for p in group)
        else:
            lines.extend(p.text for p in group)
    return "\n".join(lines)


BOLD_SHARE = 0.6
STRONGEST_LEAD = 2.0  # how far one passage must outscore those before it to move its section first
_NUMBERED = re.compile(r"^(\d+)[.)]\s+")


def _by_heading(passages: list[Passage]) -> list[list[Passage]]:
    """Runs of consecutive passages under one heading."""
    groups: list[list[Passage]] = []
    for passage in passages:
        if groups and groups[-1][0].heading == passage.heading:
            groups[-1].append(passage)
        else:
            groups.append([passage])
    return groups

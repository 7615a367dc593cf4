"""Ranking knowledge-base entries against an understood question.

Everything expensive is done once when the index is built: every entry's title, aliases and phrasings are
normalised, stemmed and weighted (inverse document frequency), and a vocabulary is kept for typo
correction. A question then costs a few dictionary look-ups per word, one rapidfuzz call per unknown word,
and a pass over the entries.

The score of an entry has three parts:
- text: how completely its best alias appears in the question, and how much of the question its words
  explain (IDF-weighted, so "timing belt" counts for more than "change");
- intent: whether the question's cue words (register / import / swap / interval ...) point at its kind;
- slots: whether its model, chassis code and years agree with the question's.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.knowledge import KnowledgeBase
from bot.core.schema import Entry, Kind
from bot.core.text import content_tokens, normalise
from bot.core.understand import Understanding

TYPO_CUTOFF = 85  # rapidfuzz ratio for correcting an unknown word to a knowledge-base word
MIN_TYPO_LENGTH = 5


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float  # 0..1
    matched: str  # the alias or phrasing that matched best, for /why
    text_score: float
    intent_bonus: float
    slot_bonus: float


@dataclass(frozen=True, slots=True)
class _Indexed:
    entry: Entry
    vocabulary: frozenset[str]
    aliases: tuple[tuple[str, tuple[str, ...]], ...]  # (display, stemmed tokens)


class Index:
    def __init__(self, kb: KnowledgeBase, twins: dict[str, str] | None = None) -> None:
        self.kb = kb
        self.twins = twins or {}
        documents: list[set[str]] = []
        indexed: list[_Indexed] = []
        for entry in kb.entries:
            if entry.kind is Kind.STATE_RULE:
                continue  # state entries are chosen by the state slot, not by wording
            aliases = []
            vocabulary: set[str] = set()
            for text in (entry.title, *entry.aliases, *entry.phrasings):
                tokens = tuple(dict.fromkeys(content_tokens(normalise(text))))
                vocabulary.update(tokens)
                if text is not entry.title and text in entry.aliases and tokens:
                    aliases.append((text, tokens))
            title_tokens = tuple(dict.fromkeys(content_tokens(normalise(entry.title))))
            if title_tokens:
                aliases.append((entry.title, title_tokens))
            indexed.append(_Indexed(entry, frozenset(vocabulary), tuple(aliases)))
            documents.append(vocabulary)
        count = Counter(token for doc in documents for token in doc)
        total = max(len(documents), 1)
        self.idf = {token: math.log(1 + total / n) for token, n in count.items()}
        self.default_idf = math.log(1 + total)
        self.vocabulary = tuple(sorted(self.idf))
        self.entries = tuple(indexed)

    # ------------------------------------------------------------ question side

    def question_tokens(self, understanding: Understanding) -> list[str]:
        """Content words of the question, minus slot words, with typos corrected to the vocabulary."""
        slot_stems = {content_tokens(t)[0] for t in understanding.slot_tokens if content_tokens(t)}
        tokens: list[str] = []
        for token in content_tokens(understanding.text):
            if token in slot_stems or token.isdigit():
                continue
            if token not in self.idf and len(token) >= MIN_TYPO_LENGTH and token.isalpha():
                hit = process.extractOne(token, self.vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
                if hit:
                    token = hit[0]
            if token not in tokens:
                tokens.append(token)
        return tokens

    def weight(self, token: str) -> float:
        return self.idf.get(token, self.default_idf)

    # ------------------------------------------------------------ ranking

    def rank(
        self, understanding: Understanding, tokens: list[str] | None = None, limit: int = 5
    ) -> list[Match]:
        tokens = self.question_tokens(understanding) if tokens is None else tokens
        known = [t for t in tokens if t in self.idf]
        question_mass = sum(self.weight(t) for t in known) or 1.0
        cue_total = sum(understanding.cues.values())
        matches: list[Match] = []
        for item in self.entries:
            entry = item.entry
            slot = _slot_bonus(entry, understanding, self.twins)
            if slot <= -1:
                continue
            overlap = [t for t in known if t in item.vocabulary]
            coverage = sum(self.weight(t) for t in overlap) / question_mass
            best_alias, alias_score = "", 0.0
            token_set = set(tokens)
            for display, alias_tokens in item.aliases:
                mass = sum(self.weight(t) for t in alias_tokens)
                hit = sum(self.weight(t) for t in alias_tokens if t in token_set) / mass if mass else 0.0
                if hit > alias_score:
                    best_alias, alias_score = display, hit
            text = 0.55 * alias_score + 0.45 * coverage
            if text <= 0.05:
                continue
            intent = _intent_bonus(entry, understanding, cue_total)
            score = max(0.0, min(1.0, text + intent + slot))
            matches.append(Match(entry, round(score, 4), best_alias, round(text, 4), intent, slot))
        matches.sort(key=lambda m: (-m.score, m.entry.id))
        return matches[:limit]


def _intent_bonus(entry: Entry, understanding: Understanding, cue_total: float) -> float:
    if not cue_total:
        return 0.0
    share = understanding.cues.get(entry.kind.intent, 0.0) / cue_total
    if entry.kind is Kind.LEGAL_TOPIC:
        share = max(share, understanding.cues.get("state_legality", 0.0) / cue_total)
    if entry.kind in (Kind.MODEL_SPEC, Kind.MAINTENANCE, Kind.PARTS) and "compare" in understanding.cues:
        share += 0.5 * understanding.cues["compare"] / cue_total
    return round(0.2 * share - 0.05, 4)


def _slot_bonus(entry: Entry, understanding: Understanding, twins: dict[str, str]) -> float:
    bonus = 0.0
    model = understanding.model
    if model and entry.model:
        if entry.model == model or entry.model in understanding.models:
            bonus += 0.12
        elif twins.get(model) == entry.model or twins.get(entry.model) == model:
            bonus += 0.06  # a Scrum question may be answered by the Carry it is a rebadge of
        else:
            return -1.0  # a fact about another model is never the answer
    elif model and not entry.model:
        bonus -= 0.02
    elif entry.model and not model:
        bonus -= 0.15  # a model-specific fact for a question that named no model
    code = understanding.chassis_code
    if code and entry.chassis_codes:
        bonus += 0.08 if code in entry.chassis_codes else -0.1
    year = understanding.year
    if year and entry.years:
        bonus += 0.04 if entry.years[0] <= year <= entry.years[1] else -0.08
    return bonus

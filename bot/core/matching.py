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
UNKNOWN_WORD_WEIGHT = 0.3
MAX_BONUS = 0.25 + 0.24  # the largest intent bonus plus the largest slot bonus
MAX_CACHED_CORRECTIONS = 50_000  # bounded, so hostile input cannot grow memory without limit
SINGLE_WORD_ALIAS = 0.9


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float  # 0..1
    matched: str  # the alias or phrasing that matched best, for /why
    text_score: float
    intent_bonus: float
    slot_bonus: float


class Index:
    """Inverted postings built once: token -> entries whose words contain it, and token -> aliases."""

    def __init__(self, kb: KnowledgeBase, twins: dict[str, str] | None = None) -> None:
        self.kb = kb
        self.twins = twins or {}
        entries: list[Entry] = []
        vocabularies: list[set[str]] = []
        aliases: list[tuple[int, str, tuple[str, ...]]] = []  # (entry index, display, stemmed tokens)
        for entry in kb.entries:
            if entry.kind is Kind.STATE_RULE:
                continue  # state entries are chosen by the state slot, not by wording
            index = len(entries)
            entries.append(entry)
            vocabulary: set[str] = set()
            for text in (entry.title, *entry.aliases, *entry.phrasings):
                vocabulary.update(content_tokens(normalise(text)))
            vocabularies.append(vocabulary)
            for display in (*entry.aliases, entry.title):
                tokens = tuple(dict.fromkeys(content_tokens(normalise(display))))
                if tokens:
                    aliases.append((index, display, tokens))
        count = Counter(token for vocabulary in vocabularies for token in vocabulary)
        total = max(len(entries), 1)
        self.idf = {token: math.log(1 + total / n) for token, n in count.items()}
        self.default_idf = math.log(1 + total)
        self.vocabulary = tuple(sorted(self.idf))
        self._by_length: dict[int, list[str]] = {}
        for word in self.vocabulary:
            self._by_length.setdefault(len(word), []).append(word)
        self._corrections: dict[str, str] = {}
        self._token_cache: dict[tuple[str, frozenset[str]], tuple[str, ...]] = {}
        self.entries = tuple(entries)
        self.entry_postings: dict[str, tuple[int, ...]] = {}
        for index, vocabulary in enumerate(vocabularies):
            for token in vocabulary:
                self.entry_postings.setdefault(token, ())
                self.entry_postings[token] += (index,)
        self.aliases = tuple(aliases)
        self.alias_mass = tuple(sum(self.weight(t) for t in tokens) for _, _, tokens in aliases)
        # One shared word is weaker evidence than a whole phrase ("town" vs "timing belt").
        self.alias_strength = tuple(1.0 if len(tokens) > 1 else SINGLE_WORD_ALIAS for _, _, tokens in aliases)
        self.alias_postings: dict[str, tuple[int, ...]] = {}
        for alias_index, (_, _, tokens) in enumerate(aliases):
            for token in tokens:
                self.alias_postings.setdefault(token, ())
                self.alias_postings[token] += (alias_index,)

    # ------------------------------------------------------------ question side

    def question_tokens(self, understanding: Understanding) -> list[str]:
        """Content words of the question, minus slot words, with typos corrected to the vocabulary."""
        key = (understanding.text, understanding.slot_tokens)
        cached = self._token_cache.get(key)
        if cached is not None:
            return list(cached)
        tokens = self._question_tokens(understanding)
        if len(self._token_cache) >= 1024:
            self._token_cache.clear()
        self._token_cache[key] = tuple(tokens)
        return tokens

    def _question_tokens(self, understanding: Understanding) -> list[str]:
        slot_stems = {content_tokens(t)[0] for t in understanding.slot_tokens if content_tokens(t)}
        tokens: list[str] = []
        for token in content_tokens(understanding.text):
            if token in slot_stems or token.isdigit():
                continue
            if token not in self.idf and len(token) >= MIN_TYPO_LENGTH and token.isalpha():
                hit = process.extractOne(token, self.vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
                if hit:
                    token = hit[0]
                else:  # a compound: "rustproofing" -> "rust", "cambelt" -> "cam"
                    prefix = next(
                        (token[:k] for k in range(len(token) - 3, 3, -1) if token[:k] in self.idf), None
                    )
                    token = prefix or token
            if token not in tokens:
                tokens.append(token)
        return tokens

    def _correct(self, token: str) -> str:
        """The vocabulary word a typo was meant to be, or the stem of a compound; cached per word."""
        cached = self._corrections.get(token)
        if cached is not None:
            return cached
        # ratio >= 85 is impossible unless the lengths are within about 26% of each other
        low, high = math.ceil(len(token) * 0.73), math.floor(len(token) / 0.73)
        candidates = [w for n in range(low, high + 1) for w in self._by_length.get(n, ())]
        hit = process.extractOne(token, candidates, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
        if hit:
            corrected = hit[0]
        else:  # a compound: "rustproofing" -> "rust", "cambelt" -> "cam"
            prefix = next((token[:k] for k in range(len(token) - 3, 3, -1) if token[:k] in self.idf), None)
            corrected = prefix or token
        if len(self._corrections) < MAX_CACHED_CORRECTIONS:
            self._corrections[token] = corrected
        return corrected

    def weight(self, token: str) -> float:
        return self.idf.get(token, self.default_idf)

    # ------------------------------------------------------------ ranking

    def rank(
        self, understanding: Understanding, tokens: list[str] | None = None, limit: int = 5
    ) -> list[Match]:
        tokens = self.question_tokens(understanding) if tokens is None else tokens
        known = list(dict.fromkeys(t for t in tokens if t in self.idf))
        unknown = len(set(tokens)) - len(known)
        # Words no entry knows still count (at half weight): a question about brake pads is not
        # explained by an entry that only shares the word "use" with it.
        question_mass = sum(self.idf[t] for t in known) + UNKNOWN_WORD_WEIGHT * self.default_idf * unknown
        question_mass = question_mass or 1.0
        coverage: dict[int, float] = {}
        alias_hit: dict[int, float] = {}
        for token in known:
            weight = self.idf[token]
            for index in self.entry_postings.get(token, ()):
                coverage[index] = coverage.get(index, 0.0) + weight
            for alias_index in self.alias_postings.get(token, ()):
                alias_hit[alias_index] = alias_hit.get(alias_index, 0.0) + weight
        best_alias: dict[int, tuple[float, str]] = {}
        for alias_index, hit in alias_hit.items():
            index, display, _ = self.aliases[alias_index]
            score = hit / self.alias_mass[alias_index] * self.alias_strength[alias_index]
            if score > best_alias.get(index, (0.0, ""))[0]:
                best_alias[index] = (score, display)
        texts = []
        for index, mass in coverage.items():
            alias_score, display = best_alias.get(index, (0.0, ""))
            text = 0.55 * alias_score + 0.45 * mass / question_mass
            if text > 0.05:
                texts.append((text, index, display))
        texts.sort(key=lambda t: -t[0])
        cue_total = sum(understanding.cues.values())
        ranked: list[tuple[float, str, int, str, float, float, float]] = []
        floor = -math.inf  # the limit-th best raw score so far
        for text, index, display in texts:
            if text + MAX_BONUS < floor:
                break  # bonuses are bounded, so nothing further down the text order can still make the cut
            entry = self.entries[index]
            slot = _slot_bonus(entry, understanding, self.twins)
            if slot <= -1:
                continue
            intent = _intent_bonus(entry, understanding, cue_total)
            raw = text + intent + slot  # ranked unclipped, so ties at the 1.0 cap still order by evidence
            ranked.append((-raw, entry.id, index, display, text, intent, slot))
            if len(ranked) >= limit:
                ranked.sort()
                del ranked[limit:]
                floor = -ranked[-1][0]
        ranked.sort()
        return [
            Match(
                self.entries[index], round(max(0.0, min(1.0, -neg)), 4), display, round(text, 4), intent, slot
            )
            for neg, _, index, display, text, intent, slot in ranked[:limit]
        ]


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

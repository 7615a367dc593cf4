"""Ranking knowledge-base entries against an understood question.

Everything expensive is done once when the index is built: every entry's title, aliases and phrasings are
normalised, stemmed and weighted (inverse document frequency), and a vocabulary is kept for typo
correction. A question then costs a few dictionary look-ups per word, one rapidfuzz call per unknown word,
and a pass over the entries.

The score of an entry has three parts:
- text: how completely its best alias appears in the question, and how much of the question its words
  explain (IDF-weighted, so "timing belt" counts for more than "change");
- intent: whether the question's cue words (register / import / swap / interval ...) point at its kind;
- slots: whether its model, chassis code and years agree with the question's;
and, only when a question is read a second time after "did you mean" (``reading_examples``), a fourth:
- example: how closely one of its example questions (phrasings), standing out from every other entry's, is worded
  like the question.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import yaml
from rapidfuzz import fuzz, process

from bot.core.knowledge import KnowledgeBase
from bot.core.schema import Entry, Kind
from bot.core.text import content_tokens, everyday_words, normalise, stem
from bot.core.understand import Understanding
from bot.core.wordbook import alternation, phrase_pattern, word_map, word_set

TYPO_CUTOFF = 85  # rapidfuzz ratio for correcting an unknown word to a knowledge-base word
MIN_TYPO_LENGTH = 5
# a correction with another first letter must be this close ("karburetor" 90; "estate" to "state" is 88.9)
OTHER_FIRST_LETTER_CUTOFF = 90
UNKNOWN_WORD_WEIGHT = 0.3
_GRADE_CODE = re.compile(r"(dot|gl)\d")  # text.content_tokens' one word for "DOT 5", "GL-5"
# An everyday English word is no typo of another word ("could" is not "cold", "thanks" not "tank", "border" not
# "order"): the most frequent English words (``text.everyday_words``), corrected only to a form of themselves
# (a form of a word: the knowledge base's word with one of these endings more, "mechanic" -> "mechanical", or
# the word with one of these less, "hilly" -> "hill", "municipality" -> "municipal"; "thing" is no form of "thin")
_ENDINGS_ADDED = ("al", "er", "or", "ion", "s", "es")
_ENDINGS_DROPPED = ("y", "ly", "s", "es", "ed", "ing", "er", "ity", "ities")
MAX_CACHED_CORRECTIONS = 50_000  # bounded, so hostile input cannot grow memory without limit
SINGLE_WORD_ALIAS = 0.9
# An entry's example questions (its phrasings) are owners' own wordings of what it answers. A question worded much
# like one of them (cosine of their IDF-weighted words at least ``EXAMPLE_SIMILARITY``, sharing at least
# ``EXAMPLE_SHARED_WORDS`` words: one shared word is weak evidence), closer than any other entry's example by
# ``EXAMPLE_LEAD``, moves that entry up by up to ``EXAMPLE_WEIGHT`` ("kei van vs kei truck - does customs classify
# them differently for duty?" is like an import-duty example). It adds to the rank only, not to the text score that
# says how much of the question an entry's words explain, and only while ``reading_examples`` is on: the answering
# stage reads a question that way a second time when the first reading ended in "did you mean" (read so every time,
# questions answered before changed: a Texas question went to the Delica entry). Set on the sourced sets' read
# halves, checked on their unread halves and the held-out split.
EXAMPLE_WEIGHT = 0.1
EXAMPLE_SIMILARITY = 0.45
EXAMPLE_SHARED_WORDS = 2
EXAMPLE_LEAD = 0.05  # the cosine by which the closest example must lead the next entry's
# Up to this many postings a question's words touch, text scores are summed in plain Python: numpy's
# per-call overhead only pays off on larger knowledge bases. Both ways give the same floats.
SMALL_QUESTION_POSTINGS = 250


class _AliasScores:
    """Scores of the aliases a question hit, looked up in numpy arrays without building a dict; ``get`` is
    all ``_best_alias_text`` needs, as of a dict."""

    def __init__(self, aliases: np.ndarray, scores: np.ndarray) -> None:
        self.aliases, self.scores = aliases, scores  # aliases ascending

    def get(self, alias: int, default: float = 0.0) -> float:
        at = int(self.aliases.searchsorted(alias))
        if at < len(self.aliases) and self.aliases[at] == alias:
            return float(self.scores[at])
        return default


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float  # 0..1
    matched: str  # the alias or phrasing that matched best, for /why
    text_score: float
    intent_bonus: float
    slot_bonus: float


_READING_EXAMPLES: ContextVar[bool] = ContextVar("reading_examples", default=False)


@contextmanager
def reading_examples() -> Iterator[None]:
    """Within it, ``Index.rank`` adds what a close example question says (see ``EXAMPLE_WEIGHT``)."""
    token = _READING_EXAMPLES.set(True)
    try:
        yield
    finally:
        _READING_EXAMPLES.reset(token)


class Index:
    """Inverted postings built once: token -> entries whose words contain it, and token -> aliases."""

    def __init__(self, kb: KnowledgeBase, twins: dict[str, str] | None = None) -> None:
        self.kb = kb
        self.twins = twins or {}
        self.everyday_words = everyday_words()
        self.generation_sheets = generation_sheets(kb)
        # chassis code -> the codes its generation's sheet lists (the DA52T's: DA52T, DB52T, DA62T): an entry
        # for any of them is about the asked generation (the S200P's 4WD is the S210P's)
        self.generation_codes = {
            code: frozenset(sheet.chassis_codes) for code, sheet in self.generation_sheets.items()
        }
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
        self._candidates_by_length: dict[tuple[int, str], list[str]] = {}
        self._corrections: dict[str, str] = {}
        self._token_cache: dict[tuple[str, frozenset[str]], tuple[str, ...]] = {}
        self.entries = tuple(entries)
        # the entries' example questions (``learn_examples``): none until then
        self.example_posting_lists: dict[str, list[int]] = {}
        self.example_owner: list[int] = []
        self.example_norm: list[float] = []
        self._example_arrays: tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]] | None = None
        entry_postings: dict[str, list[int]] = {}
        for index, vocabulary in enumerate(vocabularies):
            for token in vocabulary:
                entry_postings.setdefault(token, []).append(index)
        self.entry_postings = {t: np.asarray(p, dtype=np.int32) for t, p in entry_postings.items()}
        self.aliases = tuple(aliases)
        alias_postings: dict[str, list[int]] = {}
        self.entry_aliases: list[list[int]] = [[] for _ in entries]
        for alias_index, (index, _, tokens) in enumerate(aliases):
            self.entry_aliases[index].append(alias_index)
            for token in tokens:
                alias_postings.setdefault(token, []).append(alias_index)
        self.alias_postings = {t: np.asarray(p, dtype=np.int32) for t, p in alias_postings.items()}
        # The same postings as lists, for questions whose words touch few entries (see ``_text_scores``).
        self.entry_posting_lists = {t: p.tolist() for t, p in self.entry_postings.items()}
        self.alias_posting_lists = alias_postings
        self.alias_entry_list = [index for index, _, _ in aliases]
        self.small_question_postings = SMALL_QUESTION_POSTINGS
        self.alias_entry = np.asarray([index for index, _, _ in aliases], dtype=np.int32)
        # score of an alias = (IDF mass of its words present) / (its whole mass) * strength, where
        # one shared word is weaker evidence than a whole phrase ("town" vs "timing belt")
        self.alias_factor = np.asarray(
            [
                (1.0 if len(tokens) > 1 else SINGLE_WORD_ALIAS) / sum(self.weight(t) for t in tokens)
                for _, _, tokens in aliases
            ]
        )
        self.alias_factor_list: list[float] = self.alias_factor.tolist()

    def learn_examples(self, tokenize: Callable[[str], list[str]]) -> None:
        """Index every entry's example questions (phrasings) by their words as ``tokenize`` reads a question (the
        answering stage's reading, so the truck and state names a question's slots take are left out of both)."""
        owners: list[int] = []
        norms: list[float] = []
        postings: dict[str, list[int]] = {}
        for index, entry in enumerate(self.entries):
            for phrasing in entry.phrasings:
                tokens = [t for t in dict.fromkeys(tokenize(phrasing)) if t in self.idf]
                if not tokens:
                    continue
                for token in tokens:
                    postings.setdefault(token, []).append(len(owners))
                owners.append(index)
                norms.append(math.sqrt(sum(self.idf[t] ** 2 for t in tokens)))
        self.example_owner = owners
        self.example_norm = norms
        self.example_posting_lists = postings
        # (the same as arrays, made the first time a question's words touch many examples: only a knowledge base many
        # times this one does that, and a thousand small arrays held from the start cost the bot process 2 MB)
        self._example_arrays = None

    def example_stands_out(self, understanding: Understanding) -> bool:
        """Whether one entry's example question stands out for the question's words (``_example_boosts``): what
        makes reading it again with the examples worth the time."""
        return bool(self._example_boosts(*self._known_and_unknown(self.question_tokens(understanding))))

    def _known_and_unknown(self, tokens: list[str]) -> tuple[list[str], int]:
        """The question's words the knowledge base knows (each once, in order), and how many others it has."""
        known = list(dict.fromkeys(t for t in tokens if t in self.idf))
        return known, len(set(tokens)) - len(known)

    def _example_boosts(self, known: list[str], unknown: int) -> dict[int, float]:
        """Entry index -> what its closest example question adds to its rank (``EXAMPLE_WEIGHT`` x cosine), for the
        entry whose example is close enough and closer than any other entry's by ``EXAMPLE_LEAD``; else nothing."""
        postings = self.example_posting_lists
        hit = [t for t in known if t in postings]
        if len(hit) < EXAMPLE_SHARED_WORDS:
            return {}
        # (a word no entry knows still makes the question less like any example)
        question_norm = math.sqrt(
            sum(self.idf[t] ** 2 for t in known) + unknown * (UNKNOWN_WORD_WEIGHT * self.default_idf) ** 2
        )
        if sum(len(postings[t]) for t in hit) > self.small_question_postings:
            close = self._close_examples_large(hit, question_norm)
        else:
            close = self._close_examples_small(hit, question_norm)
        boosts: dict[int, float] = {}
        for owner, similarity in close:
            # (a cosine of the same words can come out as 1.0000000000000002)
            similarity = min(similarity, 1.0)
            if EXAMPLE_WEIGHT * similarity > boosts.get(owner, 0.0):
                boosts[owner] = EXAMPLE_WEIGHT * similarity
        # only an entry whose example stands out settles anything: several alike ("U42T frame rust and 4wd
        # problems" is like examples of three entries once the code is read as a slot) would only lift them all
        # past the bar together (review 17: the general inspection checklist answered for the U42T's frame entry)
        ranked = sorted(boosts.items(), key=lambda item: -item[1])
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < EXAMPLE_LEAD * EXAMPLE_WEIGHT:
            return {}
        return dict(ranked[:1])

    def _close_examples_small(self, hit: list[str], question_norm: float) -> list[tuple[int, float]]:
        """(entry index, cosine) of every example close enough to the question, summed in plain Python (a few dozen
        postings for most questions: cheaper than numpy's call overhead)."""
        postings = self.example_posting_lists
        dots: dict[int, float] = {}
        shared: dict[int, int] = {}
        for token in hit:
            weight = self.idf[token] ** 2
            for example in postings[token]:
                dots[example] = dots.get(example, 0.0) + weight
                shared[example] = shared.get(example, 0) + 1
        owners, norms = self.example_owner, self.example_norm
        close = []
        for example, dot in dots.items():
            if shared[example] >= EXAMPLE_SHARED_WORDS:
                similarity = dot / (question_norm * norms[example])
                if similarity >= EXAMPLE_SIMILARITY:
                    close.append((owners[example], similarity))
        return close

    def _close_examples_large(self, hit: list[str], question_norm: float) -> list[tuple[int, float]]:
        """As ``_close_examples_small``, with numpy, for many postings."""
        if self._example_arrays is None:
            self._example_arrays = (
                np.asarray(self.example_owner, dtype=np.int32),
                np.asarray(self.example_norm),
                {t: np.asarray(p, dtype=np.int32) for t, p in self.example_posting_lists.items()},
            )
        owners, norms, postings = self._example_arrays
        arrays = [postings[t] for t in hit]
        examples = np.concatenate(arrays)
        weights = np.repeat([self.idf[t] ** 2 for t in hit], [len(a) for a in arrays])
        dots = np.bincount(examples, weights=weights, minlength=len(owners))
        shared = np.bincount(examples, minlength=len(owners))
        similarity = dots / (question_norm * norms)
        close = np.nonzero((shared >= EXAMPLE_SHARED_WORDS) & (similarity >= EXAMPLE_SIMILARITY))[0]
        return [(int(owners[e]), float(similarity[e])) for e in close.tolist()]

    def entries_named_with(self, token: str) -> frozenset[str]:
        """The ids of the entries whose title or an alias has the (stemmed) word ``token``."""
        return frozenset(self.entries[index].id for index, _, tokens in self.aliases if token in tokens)

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
        slot_stems = {stems[0] for t in understanding.slot_tokens if (stems := content_tokens(t))}
        tokens: list[str] = []
        for token in content_tokens(understanding.text):
            if token in slot_stems or (token.isdigit() and not _form_number(token, self.idf)):
                continue
            if token not in self.idf and len(token) >= MIN_TYPO_LENGTH and token.isalpha():
                token = self._correct(token)
            elif token not in self.idf and (code := _GRADE_CODE.fullmatch(token)) and code[1] in self.idf:
                token = code[1]  # "dot5", a grade no entry names: still a question about DOT fluids
            if token not in tokens:
                tokens.append(token)
        for word, (implied, unless, when) in implied_words().items():
            if (
                word in tokens
                and implied not in tokens
                and not unless.intersection(tokens)
                and (when is None or when.search(understanding.text))
            ):
                tokens.append(implied)  # "what oil should I run": engine oil
        era = next((_ERA_LETTERS[t[0]] for t in tokens if _ERA_YEAR.fullmatch(t)), None)
        if (
            era
            and era not in tokens
            and _NOT_AN_ERA_BESIDE.isdisjoint(understanding.tokens)
            and not _ERA_CONTEXT.isdisjoint(understanding.tokens)
        ):
            tokens.append(era)  # "what year is H9 on an auction sheet": Heisei 9
        if _TYRE_SIZE.search(understanding.text) and TYRE_WORDS[0] not in tokens:
            # "will 165/70R12 fit on a kei truck": a size written as tyre makers write it asks about tyres (a question
            # that says "tires" itself is about what it says of them: "put 145r12 tires on and now it shakes")
            tokens.extend(word for word in TYRE_WORDS if word not in tokens)
        if COMPARING_THE_TRUCKS.search(understanding.text) and COMPARE not in tokens:
            # "which kei truck has the best 4wd": the entry comparing their 4WD systems
            tokens.append(COMPARE)
        return tokens

    def _correct(self, token: str) -> str:
        """The vocabulary word a typo was meant to be, or the word itself; cached per word. (Taking the
        longest known prefix of a compound was tried and dropped: it read "specific" as "spec", "colorado"
        as "color", "paperweight" as "paper", "disconnect" as "disc".)"""
        cached = self._corrections.get(token)
        if cached is not None:
            return cached
        hit = process.extractOne(
            token, self._typo_candidates(len(token), token[0]), scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF
        ) or process.extractOne(  # a first letter spelled by its sound, closer still: "karburetor"
            token,
            self._typo_candidates(len(token), ""),
            scorer=fuzz.ratio,
            score_cutoff=OTHER_FIRST_LETTER_CUTOFF,
        )
        corrected = hit[0] if hit and (token not in self.everyday_words or _form_of(token, hit[0])) else token
        if len(self._corrections) < MAX_CACHED_CORRECTIONS:
            self._corrections[token] = corrected
        return corrected

    def _typo_candidates(self, length: int, first: str) -> list[str]:
        """Vocabulary words a word of ``length`` letters starting with ``first`` (any, if empty) could be a typo
        of, in vocabulary order (so ties resolve as they would over all such words): a ratio >= 85 is
        impossible unless the lengths are within about 26% of each other. A typo usually keeps the word's first
        letter ("pensylvania"; "estate" is no "state": "an estate sale")."""
        candidates = self._candidates_by_length.get((length, first))
        if candidates is None:
            low, high = math.ceil(length * 0.73), math.floor(length / 0.73)
            candidates = [
                w for w in self.vocabulary if low <= len(w) <= high and (not first or w[0] == first)
            ]
            if len(self._candidates_by_length) < 512:  # bounded: hostile input has words of any length
                self._candidates_by_length[(length, first)] = candidates
        return candidates

    def weight(self, token: str) -> float:
        return self.idf.get(token, self.default_idf)

    # ------------------------------------------------------------ ranking

    def rank(
        self, understanding: Understanding, tokens: list[str] | None = None, limit: int = 5
    ) -> list[Match]:
        tokens = self.question_tokens(understanding) if tokens is None else tokens
        known, unknown = self._known_and_unknown(tokens)
        # Words no entry knows still count (at half weight): a question about brake pads is not
        # explained by an entry that only shares the word "use" with it.
        question_mass = sum(self.idf[t] for t in known) + UNKNOWN_WORD_WEIGHT * self.default_idf * unknown
        question_mass = question_mass or 1.0
        postings = sum(len(self.entry_posting_lists[t]) for t in known)
        if postings <= self.small_question_postings:
            order, text_scores, hit_aliases = self._text_scores_small(known, question_mass)
        else:
            order, text_scores, hit_aliases = self._text_scores_large(known, question_mass)
        boosts = (
            self._example_boosts(known, unknown)
            if self.example_posting_lists and _READING_EXAMPLES.get()
            else {}
        )
        if boosts and isinstance(text_scores, dict):
            for index in boosts:  # (one with next to no text score of its own is still a candidate)
                text_scores.setdefault(index, 0.0)
        # The largest bonus this question can give any entry bounds how far down the text order to look; the
        # entries an example question boosts are looked at first, so the bound holds for the rest.
        intent_bonus = _intent_bonuses(understanding.cues)
        max_bonus = max(intent_bonus.values()) + _max_slot_bonus(understanding)
        candidates = itertools.chain(
            ((index, True) for index in boosts), ((index, False) for index in order if index not in boosts)
        )
        ranked: list[tuple[float, str, int, str, float, float, float]] = []
        floor = -math.inf  # the limit-th best raw score so far
        for index, boosted in candidates:
            text = float(text_scores[index])
            if not boosted and text + max_bonus < floor:
                break  # bonuses are bounded, so nothing further down the text order can still make the cut
            entry = self.entries[index]
            slot = _slot_bonus(entry, understanding, self.twins, self.generation_codes)
            if slot <= -1:
                continue
            intent = intent_bonus[entry.kind]
            # ranked unclipped, so ties at the 1.0 cap still order by evidence
            raw = text + boosts.get(index, 0.0) + intent + slot
            ranked.append((-raw, entry.id, index, text, intent, slot))
            if len(ranked) >= limit:
                ranked.sort()
                del ranked[limit:]
                floor = -ranked[-1][0]
        ranked.sort()
        return [
            Match(
                self.entries[index],
                round(max(0.0, min(1.0, -neg)), 4),
                self._best_alias_text(index, hit_aliases),
                round(text, 4),
                intent,
                slot,
            )
            for neg, _, index, text, intent, slot in ranked[:limit]
        ]

    def _text_scores_small(
        self, known: list[str], question_mass: float
    ) -> tuple[list[int], dict[int, float], dict[int, float]]:
        """Entries in descending text score (ties by position), their scores, and the aliases hit."""
        idf, entry_postings, alias_postings = self.idf, self.entry_posting_lists, self.alias_posting_lists
        coverage: dict[int, float] = {}
        alias_hit: dict[int, float] = {}
        for token in known:  # each entry / alias appears once per token: sums as numpy's += would
            weight = idf[token]
            get = coverage.get
            for index in entry_postings[token]:
                coverage[index] = get(index, 0.0) + weight
            get = alias_hit.get
            for alias in alias_postings.get(token, ()):
                alias_hit[alias] = get(alias, 0.0) + weight
        factor, alias_entry = self.alias_factor_list, self.alias_entry_list
        hit_aliases = {alias: hit * factor[alias] for alias, hit in alias_hit.items()}
        best_alias: dict[int, float] = {}
        for alias, score in hit_aliases.items():
            index = alias_entry[alias]
            if score > best_alias.get(index, -1.0):
                best_alias[index] = score
        text_scores = {
            index: 0.55 * best_alias.get(index, 0.0) + 0.45 * mass / question_mass
            for index, mass in coverage.items()
        }
        # by score, ties by position: the numpy path's stable argsort
        candidates = sorted(
            (index for index, score in text_scores.items() if score > 0.05),
            key=lambda index: (-text_scores[index], index),
        )
        return candidates, text_scores, hit_aliases

    def _text_scores_large(
        self, known: list[str], question_mass: float
    ) -> tuple[list[int], np.ndarray, _AliasScores]:
        """As ``_text_scores_small``, with numpy: the work grows with the postings touched, not the aliases."""
        coverage = np.zeros(len(self.entries))
        for token in known:  # postings hold each entry once per token, so += is exact
            coverage[self.entry_postings[token]] += self.idf[token]
        hit_lists = [(self.alias_postings[t], self.idf[t]) for t in known if t in self.alias_postings]
        best_alias = np.zeros(len(self.entries))
        if hit_lists:
            hits = np.concatenate([postings for postings, _ in hit_lists])
            weights = np.repeat(
                [weight for _, weight in hit_lists], [len(postings) for postings, _ in hit_lists]
            )
            touched, where = np.unique(hits, return_inverse=True)
            # bincount adds in order of appearance: the same sums, in the same order, as += per token
            alias_score = np.bincount(where, weights=weights) * self.alias_factor[touched]
            np.maximum.at(best_alias, self.alias_entry[touched], alias_score)
        else:
            touched, alias_score = np.zeros(0, dtype=np.int32), np.zeros(0)
        text_scores = 0.55 * best_alias + 0.45 * coverage / question_mass
        candidates = np.nonzero(text_scores > 0.05)[0]
        order = candidates[np.argsort(-text_scores[candidates], kind="stable")]
        return order.tolist(), text_scores, _AliasScores(touched, alias_score)

    def _best_alias_text(self, index: int, hit_aliases: dict[int, float] | _AliasScores) -> str:
        """The entry's alias the question matched best (the first of equals), or "" if none matched."""
        best, best_score = None, 0.0
        for alias in self.entry_aliases[index]:
            score = hit_aliases.get(alias, 0.0)
            if score > best_score:
                best, best_score = alias, score
        return self.aliases[best][1] if best is not None else ""


# "which kei truck has the best 4wd", "best mini truck for snow": the trucks compared (data/question_words.yaml)
# an era year as on Japanese papers: Heisei 1-31, Showa 1-64, Reiwa 1-9 ("h9", "s63", "r2")
_ERA_YEAR = re.compile(r"h(?:[1-9]|[12]\d|3[01])|s(?:[1-9]|[1-5]\d|6[0-4])|r[1-9]")
_ERA_LETTERS = {letter: stem(word) for letter, word in word_map("era_letters").items()}
_NOT_AN_ERA_BESIDE = word_set("not_an_era_beside")
_ERA_CONTEXT = word_set("era_context")
COMPARING_THE_TRUCKS = re.compile(
    rf"\bwhich (?:\w+ ){{0,2}}?(?:{alternation('which_truck_nouns')})\b[^.?!]{{0,40}}?\b(?:{alternation('superlatives')})\b|"
    rf"\b(?:{alternation('superlatives')}) (?:{alternation('kei_nouns')})"
    rf"(?=\s*$|\s*[?.!,;:]|\s+(?:{alternation('after_the_trucks')})\b)"
)
COMPARE = stem("compare")
_IMPLIED_FILE = Path(__file__).with_name("data") / "implied_words.yaml"


# a tyre size as written on the sidewall: "145R12", "165/70R12", "145/80 R12", "5.00-12"
_TYRE_SIZE = re.compile(r"\b(?:\d{3}(?:/\d{2})?\s?r\s?1[0-6]|\d\.\d{2}-1[0-6])\b")
TYRE_WORDS = tuple(content_tokens("tire size"))


@cache
def implied_words() -> dict[str, tuple[str, frozenset[str], re.Pattern[str] | None]]:
    """Stemmed word -> (the stemmed word it implies, stemmed words that mean it implies nothing, and the
    phrases of which the question must say one for it to imply anything, if the data gives any), from the data
    file."""
    with _IMPLIED_FILE.open(encoding="utf-8") as fh:
        table = yaml.safe_load(fh) or {}
    implied: dict[str, tuple[str, frozenset[str], re.Pattern[str] | None]] = {}
    for word, spec in table.items():
        stems = content_tokens(normalise(str(word)))
        means = content_tokens(normalise(str(spec["implies"])))
        if stems and means:
            unless = frozenset(t for w in spec.get("unless", ()) for t in content_tokens(normalise(str(w))))
            when = spec.get("when")
            said = re.compile(rf"\b(?:{'|'.join(phrase_pattern(str(p)) for p in when)})\b") if when else None
            implied[stems[0]] = (means[0], unless, said)
    return implied


def _form_number(token: str, vocabulary: dict[str, float]) -> bool:
    """A number is no topic, except a form or code number entries name ("3520-1", "7501", "8704"); a year
    ("back in 2008") is a date, not a topic."""
    return len(token) >= 4 and token in vocabulary and not 1900 <= int(token) <= 2099


def _max_slot_bonus(understanding: Understanding) -> float:
    return (
        (0.12 if understanding.model else 0.0)
        + (0.08 if understanding.chassis_code else 0.0)
        + (0.04 if understanding.year else 0.0)
    )


_NO_CUES = dict.fromkeys(Kind, 0.0)


def _intent_bonuses(cues: dict[str, float]) -> dict[Kind, float]:
    """Each kind's bonus: up to +0.15 for the kind the question's cue words point at, -0.05 for the rest."""
    cue_total = sum(cues.values())
    if not cue_total:
        return _NO_CUES
    compare = 0.5 * cues.get("compare", 0.0) / cue_total
    bonuses = {}
    for kind in Kind:
        share = cues.get(kind.intent, 0.0) / cue_total
        if kind is Kind.LEGAL_TOPIC:
            share = max(share, cues.get("state_legality", 0.0) / cue_total)
        if compare and kind in (Kind.MODEL_SPEC, Kind.MAINTENANCE, Kind.PARTS):
            share += compare
        bonuses[kind] = round(0.2 * share - 0.05, 4)
    return bonuses


def generation_sheets(kb: KnowledgeBase) -> dict[str, Entry]:
    """Chassis code -> its generation's own sheet: a spec entry rather than a fault the generation has ("da63t"
    alone is not a question about its 4WD actuator), the one spanning the fewest years (not a system shared by
    three generations), then the fewest codes."""
    by_code: dict[str, list[Entry]] = {}
    for entry in kb.entries:
        if entry.model:
            for code in entry.chassis_codes:
                by_code.setdefault(code, []).append(entry)
    return {
        code: min(entries, key=lambda e: (e.kind is not Kind.MODEL_SPEC, _year_span(e), len(e.chassis_codes)))
        for code, entries in by_code.items()
    }


def _year_span(entry: Entry) -> int:
    return entry.years[1] - entry.years[0] if entry.years else 1_000


def _slot_bonus(
    entry: Entry,
    understanding: Understanding,
    twins: dict[str, str],
    generation_codes: Mapping[str, frozenset[str]] | None = None,
) -> float:
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
        generation = (generation_codes or {}).get(code) or frozenset({code})
        # another generation's entry ranks under a general one for the model (0.12 - 0.2 < -0.02): a DA52T
        # question does not get the DA63T's 4WD motor
        bonus += 0.08 if generation.intersection(entry.chassis_codes) else -0.2
    year = understanding.year
    if year and entry.years:
        bonus += 0.04 if entry.years[0] <= year <= entry.years[1] else -0.08
    return bonus


def _form_of(word: str, known: str) -> bool:
    """Whether ``known`` is ``word`` with a common ending added or taken off."""
    if known.startswith(word):
        return known[len(word) :] in _ENDINGS_ADDED
    if word.endswith("ily") and known == word[:-3] + "y":
        return True  # "temporarily", "temporary"
    return word.startswith(known) and word[len(known) :] in _ENDINGS_DROPPED

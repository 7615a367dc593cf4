"""Compose: the text a user reads, from the entries the decide stage chose.

A focused answer gives each entry's direct answer, then only the passages the question bears on (see
``passages``), the few most official sources with a count of the rest, the oldest last-verified date, a stale
warning, and on legal answers whom to confirm with. ``full`` renders whole entries instead (the "Full entry"
button, ``keibot ask --full``, ``keibot show``). A decline says why, offers "did you mean" and says when the
question was logged as a gap. Composing never searches: it only renders what it is given.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from bot.core import passages, places
from bot.core.knowledge import KnowledgeBase
from bot.core.matching import Index, Match
from bot.core.model import Answer, UsedEntry
from bot.core.policy import SUGGEST_THRESHOLD
from bot.core.schema import CANONICAL_MODELS, Entry, Kind, Status
from bot.core.text import (
    CHASSIS_CODE_SHAPE,
    STOPWORDS,
    content_tokens,
    fold,
    normalise,
    prose_clauses,
    prose_sentences,
    stem,
    words,
)
from bot.core.understand import ENGINE_MODELS, Lexicon, Understanding
from bot.core.wordbook import alternation, word_map, word_set

# statuses under which a kei gets no plates for public roads, and the conditions that only matter on them
NO_ROAD_USE = frozenset({Status.OFF_ROAD_ONLY, Status.NOT_REGISTRABLE})
ROAD_USE_CONDITIONS = frozenset({"speed", "roads", "interstates", "equipment", "inspection", "emissions"})
_WHERE_IT_MAY_GO = frozenset({"speed", "roads", "interstates", "local_option"})
# a card's own passage this far ahead of its road lines, for a question naming no condition, stands in for them
BODY_PASSAGE_SCORE = 4.0
BODY_PASSAGE_LEAD = 2.0
FOCUS_BUDGET = 1000  # characters of quoted passages in a focused answer, shared by its entries
SOURCES_SHOWN = 1  # sources listed under a focused answer; the rest are in the full entry
STATE_DEFAULT_CONDITIONS = ("roads", "speed", "interstates")  # what "is it legal" is really asking
LOGGED_GAP = "I've logged the question so the curators can fill the gap."
# a did-you-mean's first entry this far ahead of the second has its opening sentence shown, cut to this length
PREVIEW_LEAD = 0.1
PREVIEW_CHARS = 280
PREVIEW_MIN_CHARS = 60
# under a did-you-mean the entries may well hold the answer: the gap is only a gap if none of them is it
LOGGED_IF_NONE = "If none of these is it, I've logged the question so the curators can fill the gap."

CONDITION_WORDS = passages.state_topics()[0]  # condition -> the words a question uses for it (data file)
# the words of "are kei trucks street legal here", as passages are looked up (the focus words' expansions included)
ASKING_IF_LEGAL = frozenset(
    passages.expand(
        content_tokens(
            normalise(
                " ".join(
                    (
                        "legal street kei truck trucks mini minitruck minitrucks vehicle",
                        *(w for key in STATE_DEFAULT_CONDITIONS for w in CONDITION_WORDS.get(key, ())),
                    )
                )
            )
        )
    )
)
# condition -> its words as passages hold them ("registration": register, registr, plat, tag, antiqu...)
_CONDITION_KEY_STEMS = {
    key: frozenset(t for w in words for t in content_tokens(normalise(w)))
    for key, words in CONDITION_WORDS.items()
}
# (the words of all conditions and of the card's other parts: "register", "inspection", "dmv")
_CONDITION_STEMS = frozenset().union(
    *_CONDITION_KEY_STEMS.values(),
    *(content_tokens(normalise(words)) for words in passages.state_topics()[1].values()),
)
_BOLD_LABEL = re.compile(r"^\s*(?:[-*]|\d+[.)])?\s*\*\*([^*]+)\*\*")  # "- **New residents:** ..."
RELATED_CONDITIONS = (
    passages.related_conditions()
)  # condition -> those that often hold its answer (data file)


class Composer:
    """Renders answers; holds what is worked out once per knowledge base (passages, rendered entry text)."""

    def __init__(
        self, kb: KnowledgeBase, lexicon: Lexicon, index: Index, clock: Callable[[], dt.date]
    ) -> None:
        self.kb = kb
        self.lexicon = lexicon
        self.index = index
        self.clock = clock
        self._entry_texts: dict[str, _EntryText] = {}
        self.passages = {entry.id: passages.cut(entry) for entry in kb.entries}
        self.passage_weights = passages.PassageWeights(self.passages.values())
        # one-word names and chassis codes of each truck, for telling which trucks a passage is about
        self._model_of_word = {
            name: model for name, model in lexicon.model_names.items() if name.isascii() and " " not in name
        } | dict(lexicon.chassis)
        # passage heading and text -> the trucks it names
        self._models_in_passage: dict[tuple[str, str], frozenset[str]] = {}
        self._twin_sets: dict[tuple[str, ...], frozenset[str]] = {}  # asked trucks -> with their twins
        # each truck's overview (its first, where two name the same truck)
        self.family_overviews = {e.model: e for e in reversed(kb.entries) if e.family and e.model}

    def __getstate__(self) -> dict[str, Any]:
        # (the clock is the answerer's caller's: Answerer.use_clock sets it)
        return {name: value for name, value in self.__dict__.items() if name != "clock"}

    def _models_named(self, passage: passages.Passage) -> frozenset[str]:
        key = (passage.heading, passage.text)  # (the strings' own hashes are kept: no new string per call)
        named = self._models_in_passage.get(key)
        if named is None:
            # written as a name: "to carry more than 8 people" is no Suzuki Carry (a chassis code is upper-case)
            found = (
                self._model_of_word.get(word.casefold())
                for word in _NAME_LIKE.findall(f"{passage.heading}\n{passage.text}")
                if word[:1].isupper()
            )
            named = self._models_in_passage[key] = frozenset(m for m in found if m)
        return named

    def _other_trucks(self, models: tuple[str, ...]) -> frozenset[str]:
        """The names (stemmed) of the trucks not asked about, nor their twins; none when no truck is named."""
        if not models:
            return frozenset()
        asked = self._with_twins(models)
        return frozenset(stem(m.split()[-1].casefold()) for m in CANONICAL_MODELS if m not in asked)

    def _with_twins(self, models: tuple[str, ...]) -> frozenset[str]:
        """The asked trucks and their twins (a Scrum question's passages may speak of the Carry)."""
        found = self._twin_sets.get(models)
        if found is None:
            twins = self.lexicon.twins
            found = self._twin_sets[models] = frozenset(
                {*models, *(twins[m] for m in models if m in twins)}
                | {m for m, twin in twins.items() if twin in models}
            )
        return found

    def _about_asked_models(self, passage: passages.Passage, asked: frozenset[str]) -> bool:
        """False for a passage of a general entry that names trucks, none of them asked about (the Carry's
        "Axle Lock" button beside a Hijet question); passages naming no truck, or an asked one, stay."""
        named = self._models_named(passage)
        return not named or bool(named & asked)

    def _asked_code_note(self, entry: Entry, u: Understanding) -> str | None:
        """A general entry asked for a figure of one truck, chassis or engine code it gives nothing for, said
        first: its lead names other trucks' figures, and a DA63T owner must not pour in the DA52T's oil.

        The entry names the code (or, failing that, the truck) only in clauses that say it is not verified, or
        does not name the code but names other codes of the same truck: then the answer opens by saying so.
        Only for a question asking a figure ("how much", "gap", "capacity") or which one an engine takes ("what
        spark plugs does a k6a take"): the oil interval holds for all."""
        if entry.model is not None or entry.kind is Kind.STATE_RULE:
            return None
        # (which one an engine code takes differs engine by engine; "what oil does the dd51t take" has a grade for
        # every truck)
        engine_asked = u.engine_code is not None and u.chassis_code is None
        if not (_asks_a_figure(u) or (engine_asked and _ASKS_WHICH_ONE.search(u.text))):
            return None
        code = u.chassis_code or u.engine_code
        if code:
            naming = _clauses_naming(entry.body, code)
            if naming:
                if all(_UNVERIFIED.search(clause) for clause in naming):
                    return f"**The {code.upper()} is not verified in my sources for this;** what they do give follows."
                return None
            family = self.lexicon.chassis.get(code.casefold()) if u.chassis_code else None
            named = _codes_named(entry.body) if family else frozenset()
            if family and any(
                other in named
                for other, truck in self.lexicon.chassis.items()
                if truck == family and other != code.casefold()
            ):
                # (or other trucks' too, where it names them: "the one figure we have is for the Sambar's EN07")
                others = f"{family} generations" + (
                    " and other trucks" if self._names_other_makes(entry, family) else ""
                )
                return _for_others(f"don't name the {code.upper()}", others)
            if (
                family
                and not _asks_a_cost(u)
                and not self._names_the_truck(entry, family)
                and self._names_other_trucks(entry, family)
            ):
                # "how much gear oil does the diff take on a sambar KS4": the figures are the Carry's and Hijet's
                return _for_others(
                    f"give nothing for the {code.upper()} or any {family.split()[-1]}", "trucks"
                )
            if not u.chassis_code and any(
                _clauses_naming(entry.body, other) for other in ENGINE_MODELS if other != code.casefold()
            ):
                # "whats the plug gap on a K6A": the entry gives the F6A's and the EN07's
                return _for_others(f"don't name the {code.upper()} engine", "engines")
        # the truck named ("how much oil does my acty take", "...my HA4 acty"): "Acty and Sambar capacities are
        # not verified"
        name = u.models[0].split()[-1] if len(u.models) == 1 else None
        naming = _clauses_naming(entry.body, name) if name else []
        if (
            naming
            and all(_UNVERIFIED.search(clause) for clause in naming)
            # (a table row giving the truck a figure says otherwise: "Sambar TT, 2WD manual | about 730 kg")
            and not any(not _UNVERIFIED.search(row) for row in _rows_naming(entry.body, name))
        ):
            return f"**The {name} is not verified in my sources for this;** what they do give follows."
        # (not for a price, which is seldom one truck's: "how much does a new clutch cost for a carry")
        if (
            name
            and not _asks_a_cost(u)
            and not self._names_the_truck(entry, u.models[0])
            and self._names_other_trucks(entry, u.models[0])
        ):
            return _for_others(f"give nothing for the {name}", "trucks")
        return None

    def _twin_note(self, entry: Entry, u: Understanding) -> str | None:
        """A rebadged truck asked about, answered from an entry that speaks only of the truck it is built from
        ("gear oil for a scrum transfer case": the Carry's figures): the answer says first why those apply. A truck
        rebadged from different makers over the years (the Clipper: a Minicab, later a Carry) takes the one its
        overview names beside the asked chassis code; with only a year, nothing is said."""
        if len(u.models) != 1 or entry.kind is Kind.STATE_RULE:
            return None
        asked = u.models[0]
        built_from = self.lexicon.twins.get(asked)
        overview = self.family_overviews.get(asked)
        if built_from is None or overview is None:
            return None
        _, _, what = overview.title.partition(" - ")  # "a rebadged Minicab, later a rebadged Carry"
        if u.chassis_code:
            built_from = self._built_from_for_code(overview, asked, u.chassis_code) or built_from
            what = f"a rebadged {built_from}"
        elif "rebadge" not in what:
            what = f"a rebadged {built_from}"
        elif u.year and "later" in what:
            # ("nissan clipper 2015 timing belt": which truck it was built from depends on the year)
            return None
        name, base = asked.split()[-1], built_from.split()[-1]
        if _clauses_naming(entry.body, name) or not _clauses_naming(entry.body, base):
            return None
        return f"**The {name} is {what}:** where what follows names the {base}, it holds for the {name}."

    @staticmethod
    def _built_from_for_code(overview: Entry, asked: str, code: str) -> str | None:
        """The one truck the overview's clauses naming ``code`` say it is built from ("DR16T, Dec 2013 on: a Carry
        DA16T with Nissan badges"), if they agree on one."""
        others = {m.split()[-1]: m for m in CANONICAL_MODELS if m != asked}
        said = set()
        for clause in _clauses_naming(overview.body, code):
            named = {model for short, model in others.items() if _clauses_naming(clause, short)}
            if len(named) == 1:
                said |= named
        return said.pop() if len(said) == 1 else None

    def _names_the_truck(self, entry: Entry, model: str) -> bool:
        """Whether an entry's body names a truck, by its name, its twin's or one of their chassis codes."""
        trucks = self._with_twins((model,))
        names = {m.split()[-1] for m in trucks}
        if any(_clauses_naming(entry.body, n) for n in names):
            return True
        return any(self.lexicon.chassis.get(c) in trucks for c in _codes_named(entry.body))

    def _names_other_makes(self, entry: Entry, model: str) -> bool:
        """Whether an entry's body names a truck other than ``model`` and its twin, by name or chassis code."""
        trucks = self._with_twins((model,))
        others = {m.split()[-1] for m in CANONICAL_MODELS if m not in trucks}
        return self._names_other_trucks(entry, model) or any(_clauses_naming(entry.body, n) for n in others)

    def _names_other_trucks(self, entry: Entry, model: str) -> bool:
        """Whether an entry's body names a chassis code of a truck other than ``model`` and its twin: its figures
        are those trucks'."""
        trucks = self._with_twins((model,))
        return any(
            (truck := self.lexicon.chassis.get(c)) and truck not in trucks for c in _codes_named(entry.body)
        )

    def _sources(self, entries: list[Entry]) -> list[tuple[str, str]]:
        """(title, url) of every source of ``entries``, each URL once, in order."""
        seen: set[str] = set()
        unique = []
        for entry in entries:
            for title, url in self._entry_text(entry).sources:
                if url not in seen:
                    seen.add(url)
                    unique.append((title, url))
        return unique

    def _entry_text(self, entry: Entry) -> _EntryText:
        text = self._entry_texts.get(entry.id)
        if text is None:
            text = self._entry_texts[entry.id] = _EntryText.of(entry, self.passages[entry.id])
        return text

    def _passage_wants(
        self, u: Understanding, tokens: list[str], *, model_words: bool = True
    ) -> dict[str, float]:
        """What the question looks for in passages, weighted once per answer (not once per entry)."""
        wanted = list(tokens) + [t for t in u.tokens if t not in tokens]  # cue words count here too
        names = self.lexicon.model_words(u)
        if model_words:  # a passage about the asked truck ("the E07A bends valves")
            wanted += names
        else:  # the chassis code still picks its own generation's passage in the model's entry
            code = u.chassis_code.casefold() if u.chassis_code else None
            wanted = [t for t in wanted if t not in names or t == code]
        return passages.weigh(wanted, self.passage_weights)

    def _speaks_to_a_body_passage(
        self, cut: passages.EntryPassages, wanted: dict[str, float], u: Understanding
    ) -> bool:
        """Whether a question that names no condition asks something a passage of the card's own text answers far
        better than where the truck may go does ("does colorado's kei law cover an export hijet ... a bit wider":
        what counts as a kei, not the roads line): then the default road lines make way for it. Only the
        question's own words count for the passage: not those of "is it legal", nor the truck's names."""
        names = set(self.lexicon.model_words(u))
        own = {t: w for t, w in wanted.items() if t not in ASKING_IF_LEGAL and t not in names}

        def score(p: passages.Passage, words: dict[str, float]) -> float:
            return math.fsum(words[t] for t in p.tokens & words.keys())

        labels = tuple(f"- **{key.capitalize()}:**" for key in STATE_DEFAULT_CONDITIONS)
        body = max((score(p, own) for p in cut.passages if p.order < cut.facts_from), default=0.0)
        roads = max((score(p, wanted) for p in cut.passages if p.text.startswith(labels)), default=0.0)
        return body >= BODY_PASSAGE_SCORE and body >= roads * BODY_PASSAGE_LEAD

    def _focused(self, entry: Entry, u: Understanding, wanted: dict[str, float], budget: int) -> str:
        """The entry's direct answer, then only the passages the question bears on."""
        cut = self.passages[entry.id]
        missing: list[str] = []
        asked: list[passages.Passage] = []
        named_lines: list[passages.Passage] = []  # lines the question's words name: quoted beyond the budget
        if entry.kind is Kind.STATE_RULE:
            # the conditions the question names come first; a plain "is it legal?" gets where the truck may go
            keys = asked_conditions(u)

            def records(key: str) -> bool:
                return bool(entry.conditions and getattr(entry.conditions, key, None))

            def stands_in(key: str) -> tuple[str, ...]:
                # where no kei is plated, road conditions get the no-road-use line below instead
                if entry.status in NO_ROAD_USE and key in ROAD_USE_CONDITIONS:
                    return ()
                return tuple(o for o in RELATED_CONDITIONS.get(key, ()) if records(o))

            # an asked condition the state does not record is often answered by a related one it does ("speed
            # restriction" by its roads line): that one is quoted instead of "not recorded"
            stand_ins = [
                other for key in keys if not records(key) for other in stands_in(key) if other not in keys
            ]
            defaults = (
                () if keys or self._speaks_to_a_body_passage(cut, wanted, u) else STATE_DEFAULT_CONDITIONS
            )
            labels = tuple(
                f"- **{key.replace('_', ' ').capitalize()}:**" for key in [*keys, *stand_ins] or defaults
            )
            asked = [p for p in cut.passages if labels and p.text.startswith(labels)]
            # a condition the card's conditions leave out may have a line in its rules for any vehicle ("farm plates"
            # in Texas: its "Farm plates" line): that line is the asked one, and the condition is not "not recorded"
            covered = set()
            for key in [k for k in keys if not records(k)]:
                words = _CONDITION_KEY_STEMS.get(key, frozenset())
                found = [
                    p for p in cut.passages if _for_any_vehicle(p) and not words.isdisjoint(_label_words(p))
                ]
                if found:
                    covered.add(key)
                    shown_orders = {p.order for p in asked}  # (by position: == compares every field)
                    asked += [p for p in found if p.order not in shown_orders]
            missing = [
                k.replace("_", " ") for k in keys if not records(k) and not stands_in(k) and k not in covered
            ]
            # a line of the rules for any vehicle whose label the question's own words name ("Ohio historic plates":
            # its "Historical plates" line) is asked as much as a condition is: quoted whatever else competes, and
            # beyond the budget, so the rest of the answer keeps its room (a named line that took it cut the fact
            # asked from one unread answer). Not by a word the card's own line on an asked condition already speaks
            # to: "safety inspection in ohio" asks its kei Inspection line, not the VIN inspection every vehicle from
            # elsewhere gets; but "antique" is a registration word, and a Registration line that says nothing of
            # antiques leaves the Antique plates line named (review 21).
            own = _own_label_words(entry, u) - frozenset().union(
                *(_line_words(str(getattr(entry.conditions, key))) for key in keys if records(key))
            )
            shown_orders = {p.order for p in asked}
            named_lines = [p for p in cut.passages if _named_by(p, own) and p.order not in shown_orders]
            asked += named_lines
        named = {p.order for p in named_lines}  # (by position: == compares every field)
        # (beyond the budget only where this entry has the answer to itself: three states' named lines on top of their
        # shares made a four-entry answer longer than one Discord embed page)
        beyond_budget = named if budget >= FOCUS_BUDGET else set()
        room = budget - sum(len(p.text) for p in asked if p.order not in beyond_budget)
        pool = cut
        if entry.kind is Kind.STATE_RULE:
            # the card's rules for every vehicle only where the question names a line's topic: "is a kei legal in
            # kansas" is not answered with Kansas's new-residents deadline
            # (nor a place the question names: "Portland DMV clerk ... my VIN" asks nothing of the titling line's "DEQ
            # test around Portland")
            ignored = (
                _no_topic_words(entry.state)
                | frozenset(self.lexicon.model_words(u))
                | _slot_words(u.slot_tokens)
            )
            pool = replace(cut, passages=tuple(p for p in cut.passages if _topic_named(p, wanted, ignored)))
        if u.states and entry.kind is not Kind.STATE_RULE:
            # a general legal entry beside New York's answer: not its passages about Illinois alone
            pool = replace(cut, passages=tuple(p for p in cut.passages if _about_asked_states(p, u.states)))
        if u.models and entry.model is None:
            # likewise a general entry's passages about other trucks alone, beside a Hijet question (a twin's
            # passage is about the asked truck: the Scrum is a Carry); but where the rest say little of what was
            # asked (under a third of its weight), one holding what they do not and saying what is not verified is
            # kept ("bolt pattern" on an Acty: the Carry's PCD line, which says the others' are not verified; "the
            # diff lock button on my Hijet" still leaves out the Carry's button)
            trucks = self._with_twins(u.models)
            kept = [p for p in pool.passages if self._about_asked_models(p, trucks)]
            # (passages compared by position: their == compares every field)
            kept_orders = {p.order for p in kept}
            said = frozenset().union(*(p.tokens for p in kept))
            names = set(self.lexicon.model_words(u))
            topic = {t: weight for t, weight in wanted.items() if t not in names}
            little_said = sum(w for t, w in topic.items() if t in said) < sum(topic.values()) / 3
            unsaid = {t for t in topic if t not in said} if little_said else set()
            pool = replace(
                pool,
                passages=tuple(
                    p
                    for p in pool.passages
                    if p.order in kept_orders
                    or (unsaid and not unsaid.isdisjoint(p.tokens) and _UNVERIFIED.search(p.text))
                ),
            )
        chosen, matched = passages.select(pool, wanted, room) if room > 0 else ([], False)
        chosen = sorted({p.order: p for p in (*asked, *chosen)}.values(), key=lambda p: p.order)
        if entry.kind is Kind.STATE_RULE and asked:
            chosen = _without_restatements(chosen, asked, cut.facts_from)
        if entry.kind is Kind.STATE_RULE and asked and asked_conditions(u):
            # "is there a speed limit for mini trucks in ohio": the asked condition's line answers it, so it comes
            # right after the status, before the law and history that explain it
            # (the asked lines' whole section, so its heading is shown once: "Interstates" after "Speed")
            sections = {p.heading for p in asked}
            chosen = [
                *(p for p in chosen if p in asked),  # (the asked lines first within their section)
                *(p for p in chosen if p.heading in sections and p not in asked),
                *(p for p in chosen if p.heading not in sections),
            ]
        if matched and entry.kind is not Kind.STATE_RULE:
            chosen = passages.strongest_section_first(chosen, wanted)
        elif matched and asked:
            chosen = _detail_before_the_conditions(chosen, asked, wanted, cut.facts_from, entry)
        if not matched and entry.kind is not Kind.STATE_RULE:
            # no passage speaks to the question's words: the entry's opening sections, kept short
            chosen = passages.overview(pool, budget // 2 if wanted else budget)
        lines = [cut.lead] if cut.lead else []
        if (
            lines
            and entry.kind is Kind.STATE_RULE
            and (_ASKS_IF_BANNED.search(u.text) or set(asked_conditions(u)) - VERDICT_CONDITIONS)
        ):
            # "do kei trucks need a state inspection in NY": a bare "No" would read as "no inspection needed"
            # (a bare "Yes" is the answer to "can i register a kei in texas")
            lines[0] = _unambiguous_verdict(lines[0])
        if lines and entry.kind is not Kind.STATE_RULE and wanted and not _ASKS_WHAT_IS_WRONG.search(u.text):
            # (not on the truck's names and codes, which the whole entry is about: "DA63T")
            truck = frozenset(self.lexicon.model_words(u))
            lines[0] = _asked_sentence_first(lines[0], {t: w for t, w in wanted.items() if t not in truck})
        if entry.kind is Kind.STATE_RULE and (posted := _posted_limit_line(entry, u)):
            lines.append(posted)
        if lines and named:
            # "can I put farm plates on my hijet in texas": the line its words name (Farm plates) answers it; the
            # card's kei status is only its setting, so the opening of it leads, then that line
            lines[0] = _opening_of(lines[0])
            chosen = [*(p for p in chosen if p.order in named), *(p for p in chosen if p.order not in named)]
        if chosen:
            lines.append(passages.render(chosen))
        if missing and entry.status in NO_ROAD_USE:
            # "can it go on interstates there?" where the state plates no kei: the lead has already said no
            road = [m for m in missing if m in ROAD_USE_CONDITIONS]
            if road:
                lines.append(
                    f"**{', '.join(road).capitalize()}:** not recorded separately: {entry.title} gives kei trucks "
                    "no ordinary road registration (see above), so this matters only for the exceptions named "
                    f"there; ask {entry.dmv.name if entry.dmv else 'the DMV'}."
                )
            missing = [m for m in missing if m not in ROAD_USE_CONDITIONS]
        if missing:
            lines.append(
                f"**{', '.join(missing).capitalize()}:** not recorded in my sources for {entry.title}; "
                f"ask {entry.dmv.name if entry.dmv else 'the DMV'}."
            )
        if entry.kind is not Kind.STATE_RULE:
            lines.append(f"_From “{entry.title}”._")
        # a bare pointer to another part of the entry ("usually your broker (see below)") points at nothing in an
        # answer quoting a few of its passages (trial 52): dropped; the full entry keeps it
        return _BARE_POINTER.sub("", "\n".join(lines))

    def decline(
        self,
        asked: str,
        u: Understanding,
        intent: str,
        message: str,
        suggestions: list[Match] | None = None,
        entries: list[Entry] | None = None,
        log_gap: bool = True,
        chatter: bool = False,
        needs_state: bool = False,
        preview: bool = False,
        first_is_likely: bool = False,
    ) -> Answer:
        """``preview``: under a did-you-mean whose first entry is well ahead of the rest (or ``first_is_likely``:
        one of the post's questions is worded like it), that entry's opening sentence, so an owner who asked it
        in many words sees whether it is the one (still no answer: nothing is claimed)."""
        offered = [m for m in (suggestions or []) if m.score >= SUGGEST_THRESHOLD * 0.8][:3]
        lines = [message]
        body = [message]
        if offered:
            lines.append("Did you mean:")
            lines.extend(f"- {m.entry.title}" for m in offered)
            if preview and (opening := self._clear_leaders_opening(offered, sure=first_is_likely)):
                said = f"The first of these begins: “{opening}”"
                lines.append(said)
                body.append(said)
        if log_gap and intent in ("unknown", "state_legality", "federal_import") and not entries:
            logged = LOGGED_IF_NONE if offered else LOGGED_GAP
            lines.append(logged)
            body.append(logged)
        sources = self._sources(entries or [])
        text = "\n".join(lines)
        if sources:
            text += "\n\n" + _sources_block(*_pick_sources(entries or [], sources))
        return Answer(
            question=asked,
            answered=False,
            intent=intent,
            state=u.state,
            model=u.model,
            year=u.year,
            entries=tuple(UsedEntry(e.id, e.kind.value, e.title, 0.0) for e in entries or []),
            sources=tuple({"title": title, "url": url} for title, url in sources),
            last_verified=_oldest(entries or []),
            confidence=offered[0].score if offered else 0.0,
            suggestions=tuple(m.entry.title for m in offered),
            text=text,
            body="\n".join(body),
            title="Not sure" if offered else "I don't know that one",
            suggestion_ids=tuple(m.entry.id for m in offered),
            chatter=chatter,
            needs_state=needs_state,
            understanding=u,
            matches=tuple(suggestions or ()),
        )

    def has_a_line_named_by(self, card: Entry, u: Understanding, at_least: int = 1) -> bool:
        """Whether a line of a state card's rules for any vehicle has a bold label ``at_least`` of the question's
        own words name (as written, not their synonyms), beyond the words every registration question uses."""
        own = _own_label_words(card, u)
        return any(_named_by(p, own, at_least) for p in self.passages[card.id].passages)

    def vehicle_class_rules(
        self, asked: str, u: Understanding, scope_line: str, cards: list[Entry], kind_pattern: re.Pattern[str]
    ) -> Answer | None:
        """A question about another kind of vehicle in a state ("can i ride my RZR on the county road in Idaho"):
        the scope line, then, for each state named, the lines of its card's rules for any vehicle whose bold label
        names that kind (``kind_pattern``: "UTVs / side-by-sides"), which do apply to it, without their asides to
        kei owners, with the sources whose titles speak of them; None where no card has such a line.
        Still no answer (``answered`` false): the lines define the class and say where it may go, and marked as
        answers they missed what was asked more often than not (a golf cart "sped up to 20" is no LSV question;
        sourced sets: 2 right, 3 wrong of 5)."""
        parts = [scope_line]
        quoted_cards: list[Entry] = []
        quoted: list[str] = []
        for card in cards:
            lines = [
                _without_kei_asides(p.text)
                for p in self.passages[card.id].passages
                if _for_any_vehicle(p)
                and (label := _BOLD_LABEL.match(p.text))
                and kind_pattern.search(label[1])
            ]
            if lines:
                parts.append(
                    f"**What I have on {card.title}'s rules for that kind of vehicle**\n" + "\n".join(lines)
                )
                quoted_cards.append(card)
                quoted += lines
        if not quoted_cards:
            return None
        if len(quoted_cards) < len(cards):
            quoted_ids = {c.id for c in quoted_cards}
            missing = ", ".join(c.title for c in cards if c.id not in quoted_ids)
            parts.append(f"For {missing}, I have nothing on that kind of vehicle: ask its DMV.")
        body = "\n\n".join(parts)
        # only sources whose titles speak of what is quoted ("MCL 324.81101, ATV defined" under an ATV line), not the
        # card's pages on kei bills; two words in common beyond the state's name and generic ones
        said = frozenset().union(*map(_line_words, quoted)) - _GENERIC_SOURCE_WORDS
        ranked = sorted(
            (
                (len(said & _title_words(title)), title, url)
                for card in quoted_cards
                for title, url in self._sources([card])
                if len(said & _title_words(title) - _state_words((card.state,) if card.state else ())) >= 2
            ),
            key=lambda s: -s[0],
        )
        sources = [(title, url) for _, title, url in ranked][: SOURCES_SHOWN + len(quoted_cards) - 1]
        first = quoted_cards[0]
        # (whom to ask: the one state's DMV; for several, each one's)
        dmv = (first.dmv.name, first.dmv.url) if first.dmv and len(quoted_cards) == 1 else None
        where = dmv[0] if dmv else "the state's DMV" if len(quoted_cards) == 1 else "each state's DMV"
        oldest = _oldest(quoted_cards)
        text = "\n\n".join(
            [
                body,
                f"_Not legal advice — confirm with {where} before you buy or drive._",
                *([_sources_block(sources)] if sources else []),
                f"_Last verified: {oldest}._",
            ]
        )
        return Answer(
            question=asked,
            answered=False,
            intent="out_of_scope",
            state=first.state,
            model=None,
            year=u.year,
            entries=tuple(UsedEntry(c.id, c.kind.value, c.title, 0.7) for c in quoted_cards),
            sources=tuple({"title": title, "url": url} for title, url in sources),
            last_verified=oldest,
            confidence=0.7,
            suggestions=(),
            text=text,
            body=body,
            focused=True,
            title="Not a kei truck",
            legal=True,
            dmv=dmv,
            understanding=u,
        )

    def _clear_leaders_opening(self, offered: list[Match], sure: bool = False) -> str | None:
        """The first sentence of the leading suggestion's lead, if it leads the next by PREVIEW_LEAD (or is
        ``sure`` to be the likely one)."""
        if not sure and len(offered) > 1 and round(offered[0].score - offered[1].score, 6) < PREVIEW_LEAD:
            return None
        sentences = prose_sentences(self.passages[offered[0].entry.id].lead.replace("**", "").strip())
        first = sentences[0]
        for sentence in sentences[1:]:
            if len(first) >= PREVIEW_MIN_CHARS:
                break
            first += " " + sentence  # "No." alone says nothing out of context
        if len(first) > PREVIEW_CHARS:
            first = first[:PREVIEW_CHARS].rsplit(" ", 1)[0] + "…"
        return first or None

    def compose(
        self,
        asked: str,
        u: Understanding,
        intent: str,
        entries: list[Entry],
        matches: list[Match],
        confidence: float,
        *,
        state: str | None = None,
        model: str | None = None,
        preface: str | None = None,
        include_bodies: bool | set[str] = True,
        full: bool = False,
        focus: Mapping[str, list[str]] | None = None,
    ) -> Answer:
        entries = list({e.id: e for e in entries}.values())
        if not entries:
            return self.decline(
                asked, u, intent, "That part of the knowledge base is missing; I won't guess."
            )
        today = self.clock()
        parts: list[str] = []
        if preface:
            parts.append(preface)
        shown = [
            e
            for e in entries
            if include_bodies is True or (isinstance(include_bodies, set) and e.id in include_bodies)
        ]
        if full:
            parts.extend(self._entry_text(entry).full for entry in shown)
        else:
            tokens = self.index.question_tokens(u) if u.text else []
            budget = FOCUS_BUDGET // max(len(shown), 1)
            wanted = self._passage_wants(u, tokens)
            # in the asked truck's own entry every passage is about it: its names, engine codes and versions
            # would only pull in the passages that happen to spell them out ("EN07", "Akabou")
            own = self._passage_wants(u, tokens, model_words=False) if u.models else wanted

            # likewise a state's name in its own card: "A first-time Florida plate ..." says nothing of what
            # "how old do you have to be to drive one in Florida" asks (another named state's does: Oregon's
            # "Registering in Washington instead?")
            # (nor the truck's names and engine codes, which only pull in lines that happen to use the verb "carry":
            # "is my 98 carry legal in texas" is no question about antique plates that "carry" five-year terms)
            truck_names = frozenset(self.lexicon.model_words(u))

            def in_state_card(entry: Entry) -> dict[str, float]:
                own_name = _state_words((entry.state,)) if entry.state else frozenset()
                return {t: w for t, w in wanted.items() if t not in own_name and t not in truck_names}

            # an entry answering one question of several is quoted on that question's words (``focus``)
            parts.extend(
                self._focused(
                    entry,
                    u,
                    passages.weigh(focus[entry.id], self.passage_weights)
                    if focus and entry.id in focus
                    else in_state_card(entry)
                    if entry.kind is Kind.STATE_RULE
                    else own
                    if entry.model in u.models
                    else wanted,
                    budget,
                )
                for entry in shown
            )
            if shown and (note := self._asked_code_note(shown[0], u) or self._twin_note(shown[0], u)):
                parts.insert(len(parts) - len(shown), note)  # before the entry it is about
        body = "\n\n".join(p for p in parts if p)
        legal = any(e.kind.is_legal for e in entries) or intent in ("state_legality", "federal_import")
        dmv = next(((e.dmv.name, e.dmv.url) for e in entries if e.dmv), None)
        if (
            legal
        ):  # whom to ask belongs to the answer itself, before its sources (adapters put it in a footer)
            # the agency's link once: not again when the answer's "Who to ask" line already gives it
            if dmv is None:
                where = "your state's DMV"
            else:
                where = dmv[0] if dmv[1] in body else f"{dmv[0]} (<{dmv[1]}>)"
            parts.append(f"_Not legal advice — confirm with {where} before you buy or drive._")
        sources = self._sources(entries)
        parts.append(
            _sources_block(sources)
            if full
            else _sources_block(
                *_pick_sources(entries, sources, u.states, body, self._other_trucks(u.models))
            )
        )
        oldest = _oldest(entries)
        stale = [e for e in entries if e.review_by < today]
        footer = [f"_Last verified: {oldest}._"]
        stale_note = None
        if stale:
            stale_note = (
                f"{', '.join(e.title for e in stale)}: due for review since "
                f"{min(e.review_by for e in stale).isoformat()}, so this may be out of date."
            )
            footer.append(f"⚠️ {stale_note}")
        parts.append("\n".join(footer))
        primary = entries[0]
        used = {m.entry.id: m.score for m in matches}
        return Answer(
            question=asked,
            answered=True,
            intent=intent,
            state=state
            if state is not None
            else (primary.state if primary.kind is Kind.STATE_RULE else None),
            model=model,
            year=u.year,
            entries=tuple(
                UsedEntry(e.id, e.kind.value, e.title, round(used.get(e.id, confidence), 3)) for e in entries
            ),
            sources=tuple({"title": title, "url": url} for title, url in sources),
            last_verified=oldest,
            confidence=confidence,
            suggestions=(),
            text="\n\n".join(p for p in parts if p),
            body=body,
            stale_note=stale_note,
            focused=not full,
            title=_answer_title(primary, intent),
            status=primary.status,
            legal=legal,
            stale=bool(stale),
            dmv=dmv,
            understanding=u,
            matches=tuple(matches),
        )


# a word beginning another this long is the same word for naming a line ("historic", "historical")
SAME_WORD_PREFIX = 6
_BARE_POINTER = re.compile(r" \((?:see |note )?(?:above|below)\)")
# a state lead's summary is kept to its opening sentences this long when an asked line follows
OPENING_CHARS = 80
_UNVERIFIED = re.compile(r"\b(not verified|unverified|not confirmed)\b", re.I)
FIGURE_WORDS = word_set("figure_words")
_ASKS_WHICH_ONE = re.compile(
    rf"\b(?:what|which)\b(?:\s+[\w-]+){{1,4}}?\s+(?:does|do|should|would|will|can)\b.*\b(?:{alternation('which_one_verbs')})\b"
)
# a number that names the truck, not a figure asked of it ("where's the frame number on a S110P")
_IDENTITY_NUMBER = re.compile(rf"\b({alternation('identity_numbers')})\b")


def _for_others(said: str, others: str) -> str:
    """The note opening an answer whose figures are for other trucks, generations or engines than the asked one."""
    return f"**My sources here {said};** what they give is for other {others}: check it against yours."


def _asks_a_cost(u: Understanding) -> bool:
    """Whether the message asks a price ("how much does a new clutch cost", "what's the price of"): not a price
    told in passing ("how much gear oil does the diff take, I paid $2000 for the truck")."""
    return _ASKS_A_PRICE.search(u.text) is not None


_ASKS_A_PRICE = re.compile(
    rf"\b(how much|what|whats|how expensive)\b[^.?!,;]*\b({alternation('cost_words')})\b"
)


def _asks_a_figure(u: Understanding) -> bool:
    """Whether the message asks a figure ("how much", "gap", "capacity", a part number), not a number that names
    the truck ("the frame number")."""
    asked = FIGURE_WORDS.intersection(u.tokens)
    return bool(asked - {"number"}) or (bool(asked) and _IDENTITY_NUMBER.search(u.text) is None)


def _clauses_naming(body: str, name: str) -> list[str]:
    """The clauses of an entry's body that name a code or truck; not table rows, whose cells mix what is known
    with what is not."""
    folded = name.casefold()
    return [c for c, low in _clauses(body) if folded in low and _code_pattern(name).search(c)]


def _rows_naming(body: str, name: str) -> list[str]:
    """The table rows of an entry's body that name a code or truck."""
    folded = name.casefold()
    return [
        line
        for line in body.splitlines()
        if line.lstrip().startswith("|") and folded in line.casefold() and _code_pattern(name).search(line)
    ]


@functools.lru_cache(maxsize=512)
def _clauses(body: str) -> tuple[tuple[str, str], ...]:
    """An entry body's clauses outside tables, each with its case-folded text (worked out once per entry)."""
    return tuple((c, c.casefold()) for c in prose_clauses(body) if not c.lstrip().startswith("|"))


@functools.lru_cache(maxsize=512)
def _codes_named(body: str) -> frozenset[str]:
    """The chassis-code-shaped words of an entry body, case-folded ("da52t", "db52t" in "Carry DA52T/DB52T")."""
    return frozenset(code.casefold() for code in _CODE_SHAPE.findall(body))


_CODE_SHAPE = re.compile(rf"\b{CHASSIS_CODE_SHAPE}\b")


@functools.lru_cache(maxsize=256)
def _code_pattern(code: str) -> re.Pattern[str]:
    """A chassis or engine code or a truck's name as a whole word, any case, plural or possessive too ("DA52T" in
    "Carry DA52T/DB52T", "Hijet" in "farm-grade Hijets")."""
    return re.compile(rf"\b{re.escape(code)}(?:s|'s)?\b", re.I)


def _answer_title(entry: Entry, intent: str) -> str:
    if entry.kind is Kind.STATE_RULE and entry.status is not None:
        return f"{entry.title}: {entry.status.label}"
    if intent == "federal_import" and entry.kind is not Kind.FEDERAL_RULE:
        return "Federal import eligibility"
    return entry.title


@dataclass(frozen=True)
class _EntryText:
    """The parts of an entry's Markdown that do not depend on the question, rendered once per entry."""

    # the whole entry: its direct answer, its body and (state rules) its conditions, laws and history
    full: str
    sources: tuple[tuple[str, str], ...]  # (title, url)

    @classmethod
    def of(cls, entry: Entry, cut: passages.EntryPassages) -> _EntryText:
        if entry.kind is not Kind.STATE_RULE:
            head = [f"**{entry.title}**", entry.summary] if entry.summary else [f"**{entry.title}**"]
            return cls("\n".join([*head, entry.body.strip()]), _source_pairs(entry))
        facts = passages.render(list(cut.passages[cut.facts_from :]))
        return cls(
            "\n".join(part for part in (cut.lead, entry.body.strip(), facts) if part), _source_pairs(entry)
        )


def _source_pairs(entry: Entry) -> tuple[tuple[str, str], ...]:
    return tuple((source.title, source.url) for source in entry.sources)


# "on I-5", "up I 95", "the i-90": an interstate named by its number asks about interstates
_INTERSTATE_NUMBER = re.compile(r"\bi[- ]?\d{1,3}\b")


# the conditions the status line's own "Yes"/"No" answers
VERDICT_CONDITIONS = frozenset({"registration", "title"})
# "heard WA banned them, true?": a state summary's bare "Yes"/"No" answers "can I register it?", and would read
# the other way round
_ASKS_IF_BANNED = re.compile(rf"\b({alternation('ban_words')})\b")
# longer openings first in the file: "Probably yes" before "Yes"
_VERDICT_WORDS = tuple(word_map("verdict_words").items())


def _unambiguous_verdict(lead: str) -> str:
    """The state lead with its summary's opening "Yes"/"No" said as what it means (registrable or not)."""
    head, sep, summary = lead.partition(".** ")
    for word, meaning in _VERDICT_WORDS:
        if re.match(rf"{word}\b", summary):
            return head + sep + meaning + summary[len(word) :]
    return lead


# sentences of a state card's line written to kei owners ("A kei goes well past 25 mph, so this is no route; the
# mini-truck class above is."): left out where the line is quoted for another kind of vehicle (a sentence that only
# compares the class with mini-trucks stays: "same local-permission scheme as mini-trucks" is its rule)
_KEI_ASIDE = re.compile(r"\bkeis?\b", re.I)
# title words that say nothing of which line a source backs ("NRS chapter 490, off-highway vehicles")
_GENERIC_SOURCE_WORDS = frozenset(
    t for word in passages.source_generic_words() for t in content_tokens(normalise(word))
)


def _without_kei_asides(line: str) -> str:
    """A line of a card's rules for any vehicle without its sentences about keis; the bold label always stays."""
    label = _BOLD_LABEL.match(line)
    head, rest = (line[: label.end()], line[label.end() :]) if label else ("", line)
    kept = [sentence for sentence in prose_sentences(rest.strip()) if not _KEI_ASIDE.search(sentence)]
    return f"{head} {' '.join(kept)}".strip() if kept else line


def _for_any_vehicle(passage: passages.Passage) -> bool:
    """Whether a passage is a line of a state card's rules for every vehicle (its section's heading says so)."""
    return _any_vehicle_heading(passage.heading)


@functools.lru_cache(maxsize=1024)  # (a card's few headings, asked of every passage of every state answer)
def _any_vehicle_heading(heading: str) -> bool:
    return heading.strip("* ").casefold().startswith(passages.any_vehicle_headings())


def _own_label_words(card: Entry, u: Understanding) -> frozenset[str]:
    """The question's own words (as written, not their synonyms) that can name a line of ``card``'s rules for any
    vehicle: not the state's name, the words every registration question uses, nor the slots (truck, year)."""
    return _line_words(u.raw) - _no_topic_words(card.state) - _slot_words(u.slot_tokens)


def _named_by(passage: passages.Passage, own: frozenset[str], at_least: int = 1) -> bool:
    """Whether a passage is a line of a card's rules for any vehicle whose bold label ``at_least`` of ``own`` words
    name (the same word, or one the other begins: "historic" names "Historical plates")."""
    if not _for_any_vehicle(passage):
        return False
    label = _label_words(passage)
    named = [
        b
        for b in label
        if b in own
        or any(min(len(a), len(b)) >= SAME_WORD_PREFIX and (a.startswith(b) or b.startswith(a)) for a in own)
    ]
    return len(named) >= at_least


def _without_restatements(
    chosen: list[passages.Passage], asked: list[passages.Passage], facts_from: int
) -> list[passages.Passage]:
    """A state card's quoted lines without a line of its text that says again what a quoted asked line says under
    the same label ("**Inspection, if a kei is already registered in New York:** ..." beside the Inspection
    condition; a "**Equipment:**" list beside the Equipment condition): trial 53 read the same paragraph twice."""
    asked_orders = {p.order for p in asked}  # (by position: a passage's == compares every field)

    def restates(p: passages.Passage, line: passages.Passage) -> bool:
        shared = len(p.tokens & line.tokens)
        return bool(_label_words(p) & _label_words(line)) and shared >= RESTATED_SHARE * min(
            len(p.tokens), len(line.tokens)
        )

    return [
        p
        for p in chosen
        if p.order >= facts_from
        # (a body line the question names is asked too: it gives way only to a condition's line saying the same)
        or not any(
            restates(p, line)
            for line in asked
            if line.order != p.order and (line.order >= facts_from or p.order not in asked_orders)
        )
    ]


# the share of the shorter line's words the two lines have in common for one to say the other again
RESTATED_SHARE = 0.6


def _asked_sentence_first(lead: str, wanted: dict[str, float]) -> str:
    """An entry's bold direct answer with the sentence that speaks to the question moved first, where the first
    says nothing of it and that one far more ("does the DA63T have a timing belt or chain": the chain sentence, not
    the spark plugs the lead opens with; trial 53). A sentence leaning on the one before it ("It ...") stays put."""
    if not lead.startswith("**"):
        return lead
    end = lead.find("**", 2)
    if end < 0:
        return lead
    sentences = [x.strip() for x in prose_sentences(lead[2:end]) if x.strip()]
    if len(sentences) < 2:
        return lead

    def score(sentence: str) -> float:
        return math.fsum(wanted.get(t, 0.0) for t in set(content_tokens(normalise(sentence))))

    if _VERDICT_OR_QUESTION.match(sentences[0]) or sentences[0].endswith("?"):
        return lead  # "No. Fit a new thermostat...", "Can they be street legal? Yes, in some states."
    scores = [score(x) for x in sentences]
    best = max(range(len(sentences)), key=lambda i: (scores[i], -i))
    if (
        best == 0
        or scores[0] > 0
        or scores[best] < LEAD_SENTENCE_SCORE
        or _LEANS_BACK.match(sentences[best])
        # (nor one whose "it" or "this" points back: "Do it on arrival and treat the engine as interference";
        # review 22)
        or POINTS_BACK.search(sentences[best])
        # (two of the question's words at least: one may be a word the sentence merely shares)
        or len(set(content_tokens(normalise(sentences[best]))) & wanted.keys()) < 2
    ):
        return lead
    order = [sentences[best], *(x for i, x in enumerate(sentences) if i != best)]
    return "**" + " ".join(order) + lead[end:]


LEAD_SENTENCE_SCORE = 4.0  # what a lead sentence must say of the question to be moved first
# a question asking what is wrong describes symptoms: an entry's opening names the cause, whatever sentence after it
# repeats the symptoms ("coolant is pushing into the reservoir - what's likely damaged?": the head gasket first)
_ASKS_WHAT_IS_WRONG = re.compile(
    rf"\b(?:what(?:'s| is| could be| would be)?|whats)\b.{{0,30}}\b(?:{alternation('about_the_trouble_named')}|likely|damaged|broken)\b"
)
# a pronoun standing for something said before it ("Do it on arrival", "how often should it be changed")
POINTS_BACK = re.compile(r"\b(?:it|this|that|they|them|these|those)\b", re.I)
_VERDICT_OR_QUESTION = re.compile(r"(?:yes|no|not really|usually|it depends)\b", re.I)
_LEANS_BACK = re.compile(
    r"(?:it|its|it's|this|that|these|those|they|their|then|so|but|and|also|everything|the catch|signs)\b", re.I
)


def _opening_of(lead: str) -> str:
    """A state lead's bold status and the opening of its summary: sentences up to OPENING_CHARS ("Registrable."
    alone says too little), for an answer whose asked line follows."""
    head, sep, summary = lead.partition(".** ")
    if not sep:
        return lead
    sentences = prose_sentences(summary)
    opening = sentences[0] if sentences else summary
    for sentence in sentences[1:]:
        if len(opening) >= OPENING_CHARS:
            break
        opening += " " + sentence
    return head + sep + opening


def _label_words(passage: passages.Passage) -> frozenset[str]:
    """The words of a passage's bold label ("- **Farm plates:** ...": farm, plate); none without one."""
    return _label_and_line_words(passage.text)[0]


@functools.lru_cache(maxsize=8192)  # (the knowledge base's lines: tokenised once, not per answer)
def _label_and_line_words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A line's bold-label words and the words of the rest of it; no label, no words of either."""
    label = _BOLD_LABEL.match(text)
    if label is None:
        return frozenset(), frozenset()
    rest = text[label.end() :]
    return frozenset(content_tokens(normalise(label[1]))), frozenset(content_tokens(normalise(rest)))


@functools.lru_cache(maxsize=1024)
def _slot_words(slot_tokens: frozenset[str]) -> frozenset[str]:
    """The question's words a slot claimed (a city, a truck's code, a year), as passage words."""
    return frozenset(content_tokens(normalise(" ".join(sorted(slot_tokens)))))


@functools.lru_cache(maxsize=64)
def _no_topic_words(state: str | None) -> frozenset[str]:
    """Words that name no topic of a state card's line: every registration question's, "is it legal"'s, the
    state's name."""
    return passages.topic_generic_words() | ASKING_IF_LEGAL | _state_words((state,) if state else ())


def _topic_named(passage: passages.Passage, wanted: dict[str, float], ignored: frozenset[str]) -> bool:
    """Whether a passage may answer: any passage but a line of a state card's rules for every vehicle, which needs
    a question naming its topic, a word of its bold label beyond the ``ignored`` ones every registration question
    uses ("New residents": "resident", which "just moved" asks for too), or two words of the question of its own."""
    if not _for_any_vehicle(passage):
        return True
    label, line = _label_and_line_words(passage.text)
    if not (label - ignored).isdisjoint(wanted):
        return True
    # (or the line's own text speaks to two words of the question that are neither its rules' words, the state's
    # name nor the truck's (``ignored`` holds the truck's names): "6 month job ... keeping my OK residence"; not the
    # truck's name and "day", nor the heading's "kei-specific", review 19)
    return len((wanted.keys() - ignored - _CONDITION_STEMS) & line) >= 2


def _detail_before_the_conditions(
    chosen: list[passages.Passage],
    asked: list[passages.Passage],
    wanted: dict[str, float],
    facts_from: int,
    entry: Entry,
) -> list[passages.Passage]:
    """A state card's quoted lines with the asked condition's line first, unless a line of the card's own text is
    about what the question asks (its bold label or heading names a word of the question), speaks to two words of
    the question beyond the condition's, and outscores the asked condition's lines by far: "just moved to colorado,
    how long do i have to register it?" asks the card's "New residents" line more than its registration line; "CT
    emissions test ... exempt cause of age" still asks the emissions line, though a new-residents line says "test"."""

    def score(p: passages.Passage) -> float:
        return math.fsum(wanted[t] for t in p.tokens & wanted.keys())

    lead = max(chosen, key=lambda p: (score(p), -p.order))
    # (by position: a passage's == compares every field)
    if lead.order in {p.order for p in asked} or score(lead) < passages.STRONGEST_LEAD * max(
        map(score, asked), default=0.0
    ):
        return chosen
    ignored = ASKING_IF_LEGAL | _state_words((entry.state,) if entry.state else ())
    own = wanted.keys() - ignored - _CONDITION_STEMS
    named = _label_words(lead) | set(content_tokens(normalise(lead.heading)))
    if lead.order >= facts_from or len(lead.tokens & own) < 2 or named.isdisjoint(own):
        return chosen
    section = [p for p in chosen if p.heading == lead.heading] if lead.heading else [lead]
    moved = {p.order for p in section}  # (by position: a passage's == compares every field)
    return [*section, *(p for p in chosen if p.order not in moved)]


@functools.lru_cache(maxsize=64)
def _state_words(codes: tuple[str, ...]) -> frozenset[str]:
    """The words of the named states' names and their codes, as passages hold them ("new", "york", "ny")."""
    names = " ".join(places.STATE_NAMES[code] for code in codes)
    return frozenset(content_tokens(normalise(names))) | {code.casefold() for code in codes}


def asked_conditions(u: Understanding) -> list[str]:
    """Up to three state conditions the question asks about ("speed", "interstates", "inspection"); an office
    named as where to go is none ("what do I bring to the town clerk")."""
    return list(_conditions_in(u.text, u.tokens))


def asked_conditions_in(normalised: str) -> list[str]:
    """``asked_conditions`` of a piece of a message (a clause), already normalised."""
    return list(_conditions_in(normalised, tuple(words(normalised))))


@functools.lru_cache(maxsize=1024)  # several stages ask about the same question
def _conditions_in(text: str, tokens: tuple[str, ...]) -> tuple[str, ...]:
    if any(office in text for office in passages.office_names()):
        text = _OFFICE_NAMES.sub(" ", text)
        tokens = tuple(words(text))
    token_set = set(tokens)
    keys = tuple(
        key
        for key, cue_words in CONDITION_WORDS.items()
        if any((w in token_set) if " " not in w else (w in text) for w in cue_words)
        or (key == "interstates" and _INTERSTATE_NUMBER.search(text))
    )
    # "what paperwork do they want?" asks for the title line, unless it asks for another condition's paperwork
    # ("what paperwork do I need to get insurance"); where the truck may go is no paperwork
    asking_words, paperwork_keys = passages.paperwork_words()
    if not token_set.isdisjoint(asking_words) and all(k in _WHERE_IT_MAY_GO for k in keys):
        keys += tuple(k for k in paperwork_keys if k not in keys)
    return keys[:3]


_OFFICE_NAMES = re.compile(r"\b(" + "|".join(map(re.escape, passages.office_names())) + r")\b")


# a road's posted speed, not the truck's ("a 45 mph road", "roads posted 55", "a 35 mph zone"; not "tops out at 55 mph")
_ASKED_MPH = re.compile(
    r"\b(\d{2}) ?mph (road|street|highway|hwy|zone|limit|speed limit)s?\b|\bposted (at )?(\d{2})\b"
)
# ...or said after the road ("can it go on hwy 95 where its 55-65 mph")
_ROAD_AT_MPH = re.compile(
    r"\b(?:road|street|highway|hwy|route)s?\b[^.?!]{0,40}?\b(\d{2})(?:\s*(?:-|to)\s*(\d{2}))? ?mph\b"
)
_POSTED_LIMIT = re.compile(r"\bposted (\d{2}) mph or less\b", re.I)


def _posted_limit_line(entry: Entry, u: Understanding) -> str | None:
    """'Can a mini truck in Florida go on a 45 mph road?': the answer to that road, from the state's recorded
    limit ("streets posted 35 mph or less"), so the status line's "yes, with limits" is not the last word."""
    asked = _ASKED_MPH.search(u.text)
    after = _ROAD_AT_MPH.search(u.text) if asked is None else None
    if asked is None and after is None:
        return None
    speed = int(asked.group(1) or asked.group(4)) if asked else int(after.group(2) or after.group(1))
    road = f"{after.group(1)}-{after.group(2)}" if after and after.group(2) else str(speed)
    roads = entry.conditions.roads if entry.conditions else None
    limit = _POSTED_LIMIT.search(roads) if roads else None
    if limit is None:
        if entry.status in (Status.RESTRICTED_ROAD, Status.UNCLEAR) and not (
            entry.conditions and entry.conditions.speed
        ):
            # "can it go on hwy 95 where its 55-65 mph" in a state that records no speed rule: say so of that road
            return (
                f"**A road posted {road} mph:** my sources for {entry.title} record no speed limit or speed rule "
                f"for kei trucks, so whether one may use a road that fast is not known here; ask "
                f"{entry.dmv.name if entry.dmv else 'the DMV'}."
            )
        return None
    if entry.status is not Status.RESTRICTED_ROAD:
        return None
    most = int(limit.group(1))
    if speed > most:
        return (
            f"**A road posted {road} mph:** no; {entry.title} allows kei trucks only on roads posted {most} mph "
            "or less (Roads, below)."
        )
    return (
        f"**A road posted {road} mph:** within {entry.title}'s limit of roads posted {most} mph or less, where "
        "its other conditions (below) are met."
    )


_STATE_NAME = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, places.STATE_NAMES.values()), key=len, reverse=True)) + r")\b"
)
_CODE_OF_NAME = {name: code for code, name in places.STATE_NAMES.items()}


_NAME_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def _about_asked_states(passage: passages.Passage, asked: tuple[str, ...]) -> bool:
    """False for a passage that names states, none of them asked about ("Illinois revokes plates" beside a
    New York question); passages naming no state, or an asked one, stay."""
    named = _states_in_passage(passage.heading, passage.text)
    return not named or bool(named.intersection(asked))


@functools.lru_cache(maxsize=8192)  # (keyed by the passage's own strings, whose hashes Python keeps)
def _states_in_passage(heading: str, text: str) -> frozenset[str]:
    return _states_named(f"{heading} {text}")


@functools.lru_cache(maxsize=8192)  # passages and source titles are the knowledge base's: a bounded set
def _states_named(text: str) -> frozenset[str]:
    return frozenset(_CODE_OF_NAME[name] for name in _STATE_NAME.findall(text))


def _about_other_states(text: str, asked: tuple[str, ...]) -> bool:
    """Whether a text names states and none of those asked about."""
    named = _states_named(text)
    return bool(named) and not named.intersection(asked)


def _sources_block(sources: list[tuple[str, str]], more: int = 0) -> str:
    lines = ["**Sources**", *(f"- {_short_title(title)}: <{url}>" for title, url in sources)]
    if more:
        lines.append(f"- …and {more} more in the full entry.")
    return "\n".join(lines)


SOURCE_TITLE_CHARS = 70


def _short_title(title: str) -> str:
    """A source's title cut at a word before SOURCE_TITLE_CHARS: the link is what matters."""
    if len(title) <= SOURCE_TITLE_CHARS:
        return title
    cut = title.rfind(" ", 0, SOURCE_TITLE_CHARS - 1)
    return title[: cut if cut > 0 else SOURCE_TITLE_CHARS - 1].rstrip(",;:-( ") + "…"  # no space: cut anyway


_OFFICIAL_HOST = re.compile(r"^https?://[^/]*(\.gov|\.us|\.mil|legislature|legis|capitol\.)[^/]*(/|$)", re.I)


_PROVENANCE = re.compile(r"\([^)]*\)")


@functools.lru_cache(maxsize=8192)  # source titles are the knowledge base's: a bounded set, asked per answer
def _title_words(title: str) -> frozenset[str]:
    """What a source's title says it is about: "(owner blog, weak)" says what a source is, so it is left out."""
    return frozenset(content_tokens(normalise(_PROVENANCE.sub("", title))))


_ABOUT_KEIS = re.compile(r"\b(?:kei|mini[- ]?trucks?|minitrucks?)\b", re.I)
# "(... copy)", "(FindLaw copy; Legislature page not found)", "(vLex copy of the Federal Register text)"
_A_COPY = re.compile(r"\b(copy|mirror)\b[^()]*\)", re.I)


@functools.lru_cache(maxsize=8192)  # (the knowledge base's sources, asked per answer)
def _standing(title: str, url: str) -> tuple[bool, bool]:
    """A source's standing: a labelled copy, and not an official page (each sorts later)."""
    return bool(_A_COPY.search(title)), not _OFFICIAL_HOST.match(url)


@functools.lru_cache(maxsize=8192)  # an answer's lines are mostly the knowledge base's passages: they repeat
def _line_words(line: str) -> frozenset[str]:
    return frozenset(stem(w) for w in set(words(fold(line))) - STOPWORDS)


def _pick_sources(
    entries: list[Entry],
    sources: list[tuple[str, str]],
    states: tuple[str, ...] = (),
    shown_text: str = "",
    other_trucks: frozenset[str] = frozenset(),
) -> tuple[list[tuple[str, str]], int]:
    """The few sources a focused answer lists: none about another state than the ones asked about (a
    Georgia page under an Oregon answer) nor, where one will do, about another truck than the one asked about
    (a Carry catalogue under a Sambar answer), the first entry's before the rest's, official pages first, then
    one whose title speaks of what the answer quotes before one that does not; and how many more the full entry
    has."""
    first = {s.url for s in entries[0].sources} if entries else set()
    # the answer's own words, stemmed: a rough set is enough to tell a related title from an unrelated one, and
    # this runs per answer (the text is the knowledge base's, so it needs no cleaning)
    quoted = frozenset().union(*map(_line_words, shown_text.splitlines())) if shown_text else frozenset()

    def other_state(title: str) -> bool:
        return bool(states) and _about_other_states(title, states)

    def unrelated(title: str) -> bool:
        # (one shared word is chance; a page about keis or mini trucks is about what every answer here is about,
        # though those words are too common to count: "PennDOT Mini Trucks Frequently Asked Questions")
        return (
            bool(quoted)
            and len(quoted.intersection(_title_words(title))) < 2
            and not _ABOUT_KEIS.search(title)
        )

    def order(source: tuple[str, str]) -> tuple[bool, ...]:
        title, url = source
        a_copy, unofficial = _standing(title, url)
        # a labelled copy only when nothing else is left
        # (one the answer itself names is no other truck: "whose parts does a Minicab use" is answered "the Carry's")
        other_truck = not (other_trucks - quoted).isdisjoint(_title_words(title))
        return other_state(title), a_copy, other_truck, url not in first, unofficial, unrelated(title)

    ranked = sorted(sources, key=order)  # stable: the curator's order breaks ties
    shown = ranked[: SOURCES_SHOWN + max(0, len(entries) - 1)]
    return shown, len(sources) - len(shown)


def _oldest(entries: list[Entry]) -> str | None:
    return min(e.last_verified for e in entries).isoformat() if entries else None

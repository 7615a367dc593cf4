"""Understanding a question: which state, model, chassis code, year, intent — and whether it is in scope.

Everything here is pure and deterministic. The vocabularies for models and chassis codes come from the
knowledge base (so curators extend them in YAML); geography comes from ``places``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from bot.core import places
from bot.core.knowledge import KnowledgeBase
from bot.core.schema import CANONICAL_MODELS
from bot.core.text import (
    CHASSIS_CODE_SHAPE,
    clean,
    closing_question,
    content_tokens,
    fold,
    normalise,
    question_parts,
    words,
)
from bot.core.wordbook import alternation, word_list, word_map, word_set

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

# Engine codes name the model family when nothing else does (an F6A is a Suzuki, an EN07 a Subaru).
ENGINE_MODELS = {
    "f5a": "Suzuki Carry", "f5b": "Suzuki Carry", "f6a": "Suzuki Carry", "k6a": "Suzuki Carry",
    "r06a": "Suzuki Carry", "e05a": "Honda Acty", "e07a": "Honda Acty", "e07z": "Honda Acty",
    "en07": "Subaru Sambar", "en07y": "Subaru Sambar", "en07f": "Subaru Sambar", "en07x": "Subaru Sambar",
    "en05": "Subaru Sambar", "3g81": "Mitsubishi Minicab", "3g83": "Mitsubishi Minicab",
    "4a30": "Mitsubishi Minicab", "ef-se": "Daihatsu Hijet", "ef-es": "Daihatsu Hijet",
    "ef-ve": "Daihatsu Hijet", "ef-gs": "Daihatsu Hijet", "kf-ve": "Daihatsu Hijet",
}  # fmt: skip

# Chassis-code families by maker convention, for codes the knowledge base does not list yet.
CHASSIS_PATTERNS = (
    (re.compile(r"^ha\d{1,2}$"), "Honda Acty"),
    (re.compile(r"^d[gh]\d{2}[tv]?$"), "Mazda Scrum"),
    (re.compile(r"^dr\d{2}[tv]$"), "Nissan Clipper"),
    (re.compile(r"^d[a-f]\d{2}[tv]$"), "Suzuki Carry"),
    (re.compile(r"^(ks|kv|tt|tv|tw)\d$"), "Subaru Sambar"),
    (re.compile(r"^s\d{2,3}[pvcw]$"), "Daihatsu Hijet"),
    (re.compile(r"^u7\d[tv]$"), "Nissan Clipper"),
    (re.compile(r"^u\d{2}[tv]$"), "Mitsubishi Minicab"),
)

KEI_CARS = word_list("kei_cars")
KEI_CAR_SINGLE = word_set("kei_car_names_alone")
KEI_CAR_MAKERS = word_set("kei_car_makers")
TRUCK_WORDS = word_set("truck_words")

_FRAUD_VERB = (
    r"(edit\w*|chang\w*|alter\w*|fake\w*|forg\w*|doctor\w*|photoshop\w*|falsif\w*|backdat\w*|tamper\w*|"
    r"modif\w*|lie about|fudg\w*|fib)"
)
_FRAUD_DOC = (
    r"(export cert\w*|cert\w*|title|vin|build date|build month|manufactur\w* date|documents?|paperwork|papers|"
    r"hs-?7|odometer|mileage|chassis (plate|number)|frame number)"
)
FRAUD = re.compile(
    rf"\b{_FRAUD_VERB}\b.{{0,60}}\b{_FRAUD_DOC}|\b{_FRAUD_DOC}\b.{{0,40}}\b{_FRAUD_VERB}\b.{{0,40}}"
    r"\b(say|read|show|instead|older|earlier|\d{4})"
)
# asking the DMV for another kind of title ("get that changed to a normal title", "the dmv changed my title to
# salvage"): titling, not falsifying a paper. Only this phrase's verb is set aside (the title it names stays), so any
# other wording about a paper ("edit the export cert so I can get a normal title", "change the build date ... to get
# a road title") is still read as asking to falsify it.
_RETITLING = re.compile(
    r"\b(chang\w*|convert\w*|switch\w*)( it| that| this| my title| the title| his title| her title)?( over| back)? "
    r"(to|into) (a |an )?(normal|regular|road|street|standard|on.?road|highway|road.?legal|clean|clear|salvage|"
    r"rebuilt|off.?road)( title)?\b"
)
# asking that a paper be made to show a year ("have the year say 1999", "make the export cert read 1998")
_MADE_TO_SAY = re.compile(r"\b(make|makes|have|has|get|gets)\b[^.?!]{0,40}\b(say|read|show)\s+(19|20)\d{2}\b")
GOVERNOR = re.compile(
    r"\b(remov\w*|bypass\w*|disabl\w*|delet\w*|defeat\w*|get rid of|unlock\w*|derestrict\w*|take off|"
    r"rip out|pull)\b.{0,40}\b(governor|limiter|speed limit\w*|restrictor)|"
    r"\b(take|get|pull|rip)\s+(the |my |that |this )?(speed )?(governor|limiter|restrictor)\s+(off|out)\b"
)  # the last: "take the speed governor off" (not "I get the rev limiter cutting out")
_PRICE_MOVE = r"(go(ing)? up|go(ing)? down|rise|rising|drop\w*|fall\w*|crash\w*|tank\w*|skyrocket\w*|increas\w*|doubl\w*|climb\w*|spike\w*)"
PRICE = re.compile(
    rf"\b(prices?|values?|worth|market)\b.{{0,40}}\b{_PRICE_MOVE}|\b(will|gonna|going to)\b.{{0,40}}"
    rf"\b(prices?|values?|worth)\b|\b(good|smart|solid) investment\b|\bappreciat\w* in value\b|"
    r"\bprice prediction"
)
LEGAL_WORK = re.compile(
    r"\b(write|draft)\b.{0,30}\b(letter|appeal|complaint|petition|brief|motion)\b|\b(sue|lawsuit|court|"
    r"judge|jury|win (the|my|a) case|attorney|lawyer)\b"
)
US_WORDS = re.compile(r"\b(us|usa|u s|united states|america|the states|stateside|into the us)\b")
_GOVERNOR_WORDS = ("governor", "limiter", "speed limit", "restrictor")  # GOVERNOR needs one of them
_MY_STATE = re.compile(r"\b(my|our|this|home) state\b|\bwhere i live\b")
_LIST_STATES = re.compile(r"\b(which|what|list( of)?|how many|all( the)?)\s+(\w+\s+){0,2}states\b")
_STATES_WHERE = re.compile(
    rf"\bstates?\s+(where|that)\b.{{0,40}}\b(legal|allow|register|drive|{alternation('ban_words')})"
    # "are kei trucks banned in any state?"
    rf"|\b(?:{alternation('ban_words')}) in (?:any|which|what|some|other) states?\b"
)
# "where are kei trucks banned?": the state list, though it never says "state"
_WHERE_BANNED = re.compile(rf"\bwhere (?:are|is) (?:\w+ ){{1,3}}(?:{alternation('ban_words')})\b")
_ONE_OF_THE_STATES = re.compile(r"\bone of (?:the|those|these|only|few) (?:\w+ ){0,2}states\b")
_WHICH_OF_TWO = re.compile(r"\b(or|vs\.?|versus)\b.{0,40}\bwhich\b|\bwhich\b.{0,40}\b(or|vs)\b")

_INTENT_CUES_FILE = Path(__file__).with_name("data") / "intent_cues.yaml"
with _INTENT_CUES_FILE.open(encoding="utf-8") as _handle:
    # intent -> the words and phrases that ask for it ("legal", "street legal" -> state_legality)
    INTENT_CUES: dict[str, tuple[str, ...]] = {
        intent: tuple(str(p) for p in phrases)
        for intent, phrases in yaml.load(
            _handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        ).items()
    }

FOLLOW_UP = re.compile(
    r"^(ok(ay)?|and|so|then|also|but|what about|how about|what if|same (for|with)|is it|does it|"
    r"should i|would it|will it|and if|or|hm+|cool|thanks|"
    r"(do|does|will|would|can|are|is) (they|those|these|that|this|the same)( ones?| parts?)? (fit|work|go|swap))\b"
)

_ENGINE_PREFIXES = frozenset(code.split("-")[0] for code in ENGINE_MODELS if "-" in code)  # "ef" of "ef-se"
_CODE_TOKEN = re.compile(rf"^{CHASSIS_CODE_SHAPE}$")  # tokens are case-folded
_AGENCY = word_set("agency_words")


@dataclass(frozen=True)
class Lexicon:
    """Model names and chassis codes from the knowledge base, normalised for lookup."""

    model_names: dict[str, str]  # "acty" -> "Honda Acty"
    chassis: dict[str, str]  # "ha4" -> "Honda Acty"
    fuzzy_names: tuple[str, ...]  # names long enough to fuzzy-match typos against
    twins: dict[str, str]  # "Mazda Scrum" -> "Suzuki Carry"
    name_words: _GramVocabulary  # the names again, so a scan can skip positions where no name starts
    japanese_names: tuple[tuple[str, str], ...]  # ("ハイゼット", "Daihatsu Hijet"): written without spaces
    makers: dict[str, _Maker] = field(default_factory=dict)  # "suzuki" -> its kei truck (family.maker)
    _model_words: dict[tuple[tuple[str, ...], str | None], list[str]] = field(
        default_factory=dict, compare=False, repr=False
    )  # cache for model_words

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> Lexicon:
        names: dict[str, str] = {}
        chassis: dict[str, str] = {}
        twins: dict[str, str] = {}
        for model in CANONICAL_MODELS:  # understood even before the knowledge base describes them
            names[normalise(model)] = model
            names[normalise(model.split()[-1])] = model
        for entry in kb.entries:
            if entry.model:  # the canonical name and its distinctive last word always name the model
                names.setdefault(normalise(entry.model), entry.model)
                names.setdefault(normalise(entry.model.split()[-1]), entry.model)
            if entry.family and entry.model:
                for name in entry.family.names:
                    names[normalise(name)] = entry.model
                names.setdefault(normalise(entry.model), entry.model)
                if entry.family.twin_of:
                    twins[entry.model] = entry.family.twin_of
            for code in entry.chassis_codes:
                if entry.model:
                    chassis[code.casefold()] = entry.model
        fuzzy = tuple(n for n in names if len(n) >= 5 and n.isascii())
        return cls(
            makers=_makers(kb),
            model_names=names,
            chassis=chassis,
            fuzzy_names=fuzzy,
            twins=twins,
            name_words=_GramVocabulary.of(names),
            japanese_names=tuple((name, model) for name, model in names.items() if not name.isascii()),
        )

    def model_words(self, u: Understanding) -> list[str]:
        """Words that name the question's truck in a passage: its names, its engine codes, its chassis code."""
        if not u.models:
            return []
        key = (u.models, u.chassis_code)
        cached = self._model_words.get(key)
        if cached is None:
            if len(self._model_words) >= 1024:  # bounded: chassis codes in questions are open-ended
                self._model_words.clear()
            cached = self._model_words[key] = self._find_model_words(u)
        return cached

    def _find_model_words(self, u: Understanding) -> list[str]:
        wanted = set(u.models)
        found = [name for name, model in self.model_names.items() if model in wanted and name.isascii()]
        found += [code for code, model in ENGINE_MODELS.items() if model in wanted]
        if u.chassis_code:
            found.append(u.chassis_code.casefold())
        return [t for name in found for t in content_tokens(name)]


@dataclass(frozen=True)
class _Maker:
    """A maker named alone ("my 93 suzuki"): its one kei truck, the years it carried the maker's badge, and
    the words after the maker's name that mean another of its vehicles ("suzuki samurai")."""

    model: str
    first: int | None
    last: int | None
    others: frozenset[str]


_MAKERS_FILE = Path(__file__).with_name("data") / "makers.yaml"
_SCOPE_FILE = Path(__file__).with_name("data") / "scope.yaml"


@cache
def makers_data() -> dict:
    """data/makers.yaml as read: each maker's badge years and its other models (scope names those too)."""
    with _MAKERS_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _makers(kb: KnowledgeBase) -> dict[str, _Maker]:
    """Maker -> model from the knowledge base's ``family.maker`` fields; years and other vehicles from
    data/makers.yaml; vehicles in data/scope.yaml and kei cars that start with the maker's name block it too."""
    models: dict[str, set[str]] = {}
    for entry in kb.entries:
        if entry.family and entry.model:
            models.setdefault(entry.family.maker.casefold(), set()).add(entry.model)
    if not models:
        return {}
    data = makers_data()
    with _SCOPE_FILE.open(encoding="utf-8") as fh:
        scope_names = [n for spec in (yaml.safe_load(fh) or {}).get("other_vehicles", {}).values()
                       for n in spec.get("names", [])]  # fmt: skip
    years = {k.casefold(): v for k, v in (data.get("years") or {}).items()}
    others = {
        k.casefold(): {str(w).casefold() for w in v} for k, v in (data.get("other_models") or {}).items()
    }
    for name in [*scope_names, *KEI_CARS]:
        parts = words(normalise(name))
        if len(parts) > 1 and parts[0] in models:
            others.setdefault(parts[0], set()).add(parts[1])
    makers = {}
    for maker, found in models.items():
        if len(found) != 1:  # a maker with two kei trucks in the knowledge base names neither
            continue
        first, last = years.get(maker) or (None, None)
        makers[maker] = _Maker(next(iter(found)), first, last, frozenset(others.get(maker, ())))
    return makers


@dataclass(frozen=True)
class Understanding:
    raw: str
    text: str  # normalised
    tokens: tuple[str, ...]
    states: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    owned_model: str | None = None  # "my carry"
    chassis_code: str | None = None
    engine_code: str | None = None
    year: int | None = None
    month: int | None = None
    cues: dict[str, float] = field(default_factory=dict)
    # the cues of a longer post's closing question alone ("Does Louisiana allow them on roads? Trying to figure
    # out before I buy one": the question asks about the state, the backstory about buying)
    asked_cues: dict[str, float] = field(default_factory=dict)
    closing: str | None = None  # a longer post's closing question (text.closing_question), worked out once
    # the states the closing question names itself ("battery size for a da63t? wisconsin cold": none)
    asked_states: tuple[str, ...] = ()
    year_span: tuple[int, int] | None = None  # "late 2000s": (2007, 2009); ``year`` is then its first year
    year_from_context: bool = False  # the year is the last question's, carried to a follow-up
    cues_from_context: bool = False  # the follow-up had no cue words: its cues are the last question's intent
    # the states are the last question's, carried to a follow-up naming none
    states_from_context: bool = False
    slot_tokens: frozenset[str] = frozenset()  # tokens consumed by slots (kept out of topic matching)
    out_of_scope: str | None = None  # reason
    my_state: bool = False
    # of several states named, the one the owner lives in, when the post asks about registering or bringing the
    # truck there ("I live in Sacramento ... can I register it in CA?"); None otherwise
    home_state: str | None = None
    # of several states named, the one the owner moves to ("just moved to mass. ... registered in NH"): it is
    # the one asked about, whichever the closing question names
    moved_to: str | None = None
    follow_up: bool = False
    list_states: bool = False
    # the states a post names only as where the truck was bought ("from a dealer down in Florida")
    bought_in: tuple[str, ...] = ()

    @property
    def state(self) -> str | None:
        return self.states[0] if self.states else None

    @property
    def model(self) -> str | None:
        if self.owned_model:
            return self.owned_model
        return self.models[0] if self.models else None

    @property
    def top_cue(self) -> str | None:
        if not self.cues:
            return None
        return max(self.cues.items(), key=lambda kv: kv[1])[0]

    def with_slots(self, **changes: object) -> Understanding:
        return replace(self, **changes)


# "used" the verb ("what are they used for", "can it be used on a farm") is not "used" the adjective that
# points at buying a second-hand truck: the verb is dropped before anything reads the words.
_USED_AS_VERB = re.compile(
    r"\b(?:be|are|is|was|were|being|been|get|gets|got|it's|they're)\s+used\b|\bused\s+(?:for|to|as|on|by)\b"
)


# "Japanese" in "japanese mini trucks" names the class, not a topic (Japanese dates, Japanese parts shops); so does
# "Asian" in "one of these Asian minitrucks" (not the "Asian vehicle" coolant)
_JAPANESE_KEI = re.compile(
    r"\b(?:japanese|japan|jdm|asian)\s+(?=(?:[a-z0-9]+\s+)?(?:mini|kei|micro)(?:trucks?)?\b)"
)


# asking for a first step ("where do i even start"): no topic words
_WHERE_TO_START = re.compile(rf"\b(?:{alternation('asks_where_to_start')})\b")


# a year of this century written the way people type it: "2k1", "2k12"
_Y2K_YEAR = re.compile(r"\b2k(\d{1,2})\b")


def understand(question: str, lexicon: Lexicon) -> Understanding:
    raw = clean(question)
    text = _USED_AS_VERB.sub(lambda m: m.group(0).replace("used", " "), fold(raw))
    text = _JAPANESE_KEI.sub("", text)
    text = _WHERE_TO_START.sub(lambda m: m.group(0).split()[0], text)  # ("where", "what": still a question)
    text = _Y2K_YEAR.sub(lambda m: f"20{int(m.group(1)):02d}", text)  # "a 2k1 hijet" is a 2001 one
    tokens = tuple(words(text))
    slot_tokens: set[str] = set()

    closing = closing_question(raw)
    states, foreign = _find_states(raw, slot_tokens, lexicon.model_names)
    asked_states = _find_states(closing, set(), lexicon.model_names)[0] if closing and states else []
    home = moved_to = None
    if len(states) > 1:
        moving = bool(_MOVING_WORDS.intersection(tokens))
        # (the state moved to is first already, put there by _destination_first)
        moved_to = states[0] if moving and _moved_to(raw, states[0]) else None
        home = home_state(raw, states, lexicon)
        states = _asked_state_first(closing, asked_states, states, home, moving=moving, moved_to=moved_to)
        # ("... trailered it home to Ohio ... Do I need to convert the speedometer to get it registered here?": the
        # truck was taken home, so the question's "here" is home; not "vacationing in Maine, I live in Texas, can I
        # drive it here?")
        asks_here = bool(
            closing
            and not asked_states
            and _OWN_PLACE.search(closing.casefold())
            and (
                _taken_home(raw, home, lexicon)
                # ("I live in Tennessee. Bought it in Georgia. Can I register it here?")
                or set(states) - {home} <= set(_bought_in(raw, states, lexicon))
            )
        )
        home = home if home is not None and (asks_here or kept_at_home(raw, home, lexicon)) else None
    models, owned, chassis_code, engine_code = _find_models(text, tokens, lexicon, slot_tokens)
    year, month = _find_date(text, tokens, lexicon, slot_tokens)
    year_span = _decade(text, lexicon, year)
    if year_span is not None:
        # "a late 2000s hijet" is no 2000 build: a span of years, judged as a whole where eligibility is worked
        # out; its first year stands for it elsewhere (a late 90s Hijet is the 1994-99 generation's)
        year, month = year_span[0], None
    if not models and lexicon.makers:
        owned = _maker_model(tokens, year, lexicon, models, slot_tokens) or owned
    cues = _intent_cues(text, tokens)
    asked_cues = {}
    if closing:
        closing_text = _USED_AS_VERB.sub(lambda m: m.group(0).replace("used", " "), fold(closing))
        asked_cues = _intent_cues(closing_text, tuple(words(closing_text)))
    non_us = foreign
    mentions_us = bool(US_WORDS.search(text))
    reason = _out_of_scope(text, tokens, models, states, non_us, mentions_us, cues)
    return Understanding(
        raw=raw,
        text=text,
        tokens=tokens,
        states=tuple(states),
        models=tuple(models),
        owned_model=owned,
        chassis_code=chassis_code,
        engine_code=engine_code,
        year=year,
        month=month,
        cues=cues,
        asked_cues=asked_cues,
        closing=closing,
        asked_states=tuple(asked_states),
        year_span=year_span,
        slot_tokens=frozenset(slot_tokens),
        out_of_scope=reason,
        my_state=("state" in text or "live" in text) and bool(_MY_STATE.search(text)),
        home_state=home,
        moved_to=moved_to,
        bought_in=_bought_in(raw, states, lexicon) if states else (),
        follow_up=bool(FOLLOW_UP.match(text)),
        list_states=(
            "state" in text
            and bool(
                _LIST_STATES.search(text)
                # ("I've heard PA is one of the states that won't register these": a question about Pennsylvania;
                # "...one of the states that allow keis on highways - which states are those?" still asks the list)
                or (_STATES_WHERE.search(text) and not (states and _ONE_OF_THE_STATES.search(text)))
            )
        )
        or (not states and bool(_WHERE_BANNED.search(text))),
    )


# ---------------------------------------------------------------- states


def _ngrams(
    tokens: tuple[str, ...], n: int, first_words: frozenset[str] | None = None
) -> list[tuple[int, str]]:
    """The n-word runs of ``tokens`` by start position (only those starting with one of ``first_words``)."""
    return [
        (i, " ".join(tokens[i : i + n]))
        for i in range(len(tokens) - n + 1)
        if first_words is None or tokens[i] in first_words
    ]


_RAW_WORD_AND_DOT = re.compile(
    r"([A-Za-z0-9]+(?:['’][A-Za-z0-9]+)*)(\.?)"
)  # a word, and a full stop after it


@dataclass(frozen=True)
class _GramVocabulary:
    """Phrases of one to four words, and the first words of the longer ones, so a scan can skip a position
    without building the phrase that starts there."""

    grams: frozenset[str]
    first_words: dict[int, frozenset[str]]

    @classmethod
    def of(cls, *tables: Iterable[str]) -> _GramVocabulary:
        grams = frozenset(gram for table in tables for gram in table)
        firsts: dict[int, set[str]] = {}
        for gram in grams:
            parts = gram.split()
            firsts.setdefault(len(parts), set()).add(parts[0])
        return cls(grams, {n: frozenset(words) for n, words in firsts.items()})


_PLACES = _GramVocabulary.of(
    places.STATE_ALIASES,
    places.STATE_DEMONYMS,
    places.RISKY_STATE_ALIASES,
    places.US_TERRITORIES,
    places.NON_US_PLACES,
    places.US_REGIONS,
    places.CITIES,
    places.RISKY_CITIES,
    places.TOWNS,
)
_BEFORE_A_PLACE = word_set("before_a_place")
# "moved to tularosa": a town's name is no English word
_BEFORE_A_TOWN = _BEFORE_A_PLACE | word_set("before_a_town")
_COUNTY_NAMES = _GramVocabulary.of(places.COUNTIES)
_COUNTY_WORDS = word_set("county_words")
_FULL_NAMES = {name.casefold(): code for code, name in places.STATE_NAMES.items()}
_FULL_NAME_LIST = list(_FULL_NAMES)


@dataclass
class _PlaceScan:
    """Tokens of the raw text (case kept) and which of them a place has already claimed."""

    raw_tokens: list[str]  # as typed
    tokens: list[str]  # lower case, apostrophes dropped ("coeur d'alene" -> "coeur dalene")
    followed_by_dot: list[bool]
    used: list[bool]
    found: list[tuple[int, str]] = field(default_factory=list)
    slot_tokens: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, raw: str) -> _PlaceScan:
        pairs = _RAW_WORD_AND_DOT.findall(raw)
        raw_tokens = [word for word, _ in pairs]
        return cls(
            raw_tokens=raw_tokens,
            tokens=[t.casefold().replace("'", "").replace("’", "") for t in raw_tokens],
            followed_by_dot=[dot == "." for _, dot in pairs],
            used=[False] * len(pairs),
        )

    def grams(self, n: int, vocabulary: _GramVocabulary | None = None) -> list[tuple[int, str]]:
        """The unclaimed n-word runs (only those ``vocabulary`` holds, if given), by start position."""
        tokens, used = self.tokens, self.used
        if vocabulary is None:
            return [
                (i, " ".join(tokens[i : i + n]))
                for i in range(len(tokens) - n + 1)
                if True not in used[i : i + n]
            ]
        if n == 1:
            return [(i, t) for i, t in enumerate(tokens) if not used[i] and t in vocabulary.grams]
        firsts = vocabulary.first_words.get(n, frozenset())
        found = []
        for i in range(len(tokens) - n + 1):
            if tokens[i] in firsts and True not in used[i : i + n]:
                gram = " ".join(tokens[i : i + n])
                if gram in vocabulary.grams:
                    found.append((i, gram))
        return found

    def claim(self, start: int, length: int, code: str | None, *, topic: bool = False) -> None:
        """Mark words as a place. ``topic``: the words still say what the question is about ("import from
        canada" is about Canada's rules), so they stay out of the slot tokens that matching skips."""
        if any(self.used[start : start + length]):
            return
        for k in range(start, start + length):
            self.used[k] = True
            if not topic:
                self.slot_tokens.add(self.tokens[k])
                self.slot_tokens.add(self.raw_tokens[k].casefold())
        if code:
            self.found.append((start, code))

    def word(self, index: int) -> str:
        return self.tokens[index] if 0 <= index < len(self.tokens) else ""


def _find_states(
    raw: str, slot_tokens: set[str], model_names: Mapping[str, str] | None = None
) -> tuple[list[str], str | None]:
    """States in order of first mention, and any foreign place named.

    Names, abbreviations, demonyms, foreign places, regions and cities are matched longest first ("new
    mexico" before "mexico", "british columbia" before "columbia", "kansas city" before "kansas"), then
    USPS codes where context says they are codes, then counties, then typos of full state names.
    """
    scan = _PlaceScan.of(raw)
    # letters with a slash between them ("S/C", "N/C") are shorthand, unless said where a state goes ("moving
    # to s/c")
    slashed = (
        {
            f"{found.group(2)} {found.group(3)}"
            for found in _SLASHED_LETTERS.finditer(raw.casefold())
            if found.group(1) not in _BEFORE_A_STATE_CODE
        }
        if "/" in raw
        else set()
    )
    foreign: str | None = None
    weak: list[int] = []
    city_hits: list[tuple[int, int, tuple[str, ...]]] = []
    town_hits: set[int] = set()  # city hits that are word-like names or small towns only the ZIP data knows
    for n in (4, 3, 2, 1):  # longest first: "new mexico" before "mexico", "kansas city" before "kansas"
        for i, gram in scan.grams(n, _PLACES):
            code = places.STATE_ALIASES.get(gram) or places.STATE_DEMONYMS.get(gram)
            if code is None and gram in places.RISKY_STATE_ALIASES and _risky_alias_ok(scan, i, n):
                code = places.RISKY_STATE_ALIASES[gram]
            if code:
                if all(len(part) == 1 for part in gram.split()):
                    if gram in slashed:
                        continue  # "a sticker that says S/C" (supercharged), "A/C": shorthand, not a state
                    weak.append(i)  # "n j", "l a": letters that may be noise, trusted only with context
                whole = places.STATE_ALIASES.get(f"{scan.word(i - 1)} {places.STATE_NAMES[code].casefold()}")
                if n == 1 and whole is not None and whole != code:
                    # a misspelt second word after "west", "north", "new": "west virgina" is West Virginia
                    scan.claim(i - 1, 2, whole)
                    continue
                scan.claim(i, n, code)
            elif gram in places.US_TERRITORIES or gram in places.NON_US_PLACES:
                foreign = foreign or gram
                scan.claim(i, n, None, topic=True)
            elif gram in places.US_REGIONS:
                scan.claim(i, n, None)
            elif (part := gram.partition(" "))[0] in _DIRECTION_WORDS and part[2] in places.STATE_ALIASES:
                # "a lease in east texas", "northern california": the state (not East Texas, PA, a town)
                scan.claim(i, n, places.STATE_ALIASES[part[2]])
            elif gram in places.COUNTIES and scan.word(i + n) in _COUNTY_WORDS:
                continue  # "lycoming county" is the county (PA), not the town of Lycoming (NY)
            elif (
                scan.word(i + n) in _COUNTY_WORDS
                and len(places.CITIES.get(gram) or places.TOWNS.get(gram) or ()) > 1
            ):
                # "marion county": a county name many states share, not the city of Marion, Iowa ("los angeles
                # county" is a one-state city's name, and that state's)
                scan.claim(i, n, None)
            elif gram in places.CITIES and not (_grade_after_model(scan, i, n, model_names)):
                city_hits.append((i, n, places.CITIES[gram]))
                scan.claim(i, n, None)
            elif gram in places.RISKY_CITIES and _risky_city_ok(scan, i, n):
                town_hits.add(i)
                city_hits.append((i, n, places.RISKY_CITIES[gram]))
                scan.claim(i, n, None)
            elif (
                gram in places.TOWNS
                and scan.word(i - 1) in _BEFORE_A_TOWN
                and _written_as_name(scan, i, n)
                and gram not in _LANGUAGES  # "a manual in English" is no English, Indiana
            ):
                town_hits.add(i)
                city_hits.append((i, n, places.TOWNS[gram]))
                scan.claim(i, n, None)
    upper_codes: set[str] | None = None  # worked out when a two-letter code first turns up
    city_ends = {i + n for i, n, _ in city_hits}
    for i, tok in enumerate(scan.tokens):
        if len(tok) != 2 or scan.used[i]:
            continue
        code = tok.upper()
        if code not in places.STATE_NAMES:
            continue
        if upper_codes is None:
            upper_codes = set() if _mostly_upper(raw) else _upper_codes(raw)
        prev, nxt = scan.word(i - 1), scan.word(i + 1)
        if _grade_after_model(scan, i, 1, model_names) or re.search(rf"\b{tok}-\d", raw, re.IGNORECASE):
            continue  # "AZ-1", "CR-V"-like model names: a code joined to a number is no state
        if i == 0 and tok == "ok" and _OK_SET_OFF.match(raw):
            continue  # "OK, DMV said no": the word, set off by a comma or stop, opening the message
        if tok not in _RISKY_CODES and code not in upper_codes:
            weak.append(i)  # a lower-case code: trusted only with some context (below)
            scan.claim(i, 1, code)
        elif (
            tok not in _RISKY_CODES
            or (code in upper_codes and _uppercase_code_ok(tok, prev, nxt, scan.word(i - 2)))
            or (
                i in city_ends  # "portland or", "boise ID"; not "ship to baltimore or seattle"
                and (tok not in _ENGLISH_CODES or code in upper_codes or nxt in _CLAUSE_END or nxt in _AGENCY)
            )
            or (nxt in _AGENCY and tok not in _ENGLISH_CODES)
            or (i == 0 and tok not in _ENGLISH_CODES and _HEADS_THE_MESSAGE.match(raw) is not None)
            or (prev in _BEFORE_A_STATE_CODE and nxt in _CLAUSE_END and tok not in _NOT_AFTER_IN)
        ):
            scan.claim(i, 1, code)
    for i, tok in enumerate(scan.tokens):  # "txdmv", "ncdmv", "penndot", "rmv"
        if scan.used[i]:
            continue
        agency = _AGENCY_WORD.match(tok) if len(tok) == 5 else None
        if agency and agency.group(1).upper() in places.STATE_NAMES:
            scan.claim(i, 1, agency.group(1).upper())
        elif tok in _STATE_AGENCIES:
            scan.claim(i, 1, _STATE_AGENCIES[tok])
    for i, tok in enumerate(scan.tokens):  # "I'm in 97214": a ZIP code where a place is expected
        if len(tok) == 5 and tok.isdigit() and not scan.used[i] and _zip_context(scan, i, raw):
            scan.claim(i, 1, places.zip_state(tok))
    for n in (3, 2, 1) if _COUNTY_WORDS.intersection(scan.tokens) else ():
        for i, gram in scan.grams(n, _COUNTY_NAMES):
            if scan.word(i + n) in _COUNTY_WORDS:
                named = {c for _, c in scan.found}
                options = places.COUNTIES[gram]
                if named and not named.intersection(options):
                    # "marion county" in a Florida post: a county of the state named, not another state's
                    scan.claim(i, n, None)
                    continue
                scan.claim(i, n, next((c for c in options if c in named), options[0]))
    _destination_first(scan)
    if weak and len(words(normalise(raw))) > 3 and not set(scan.tokens) & _STATE_CONTEXT:
        # "nj" inside noise is not New Jersey; "nj dmv" or "kei truck legal in nj" is
        scan.found = [(i, c) for i, c in scan.found if i not in weak]
    named = {c for _, c in scan.found}
    for i, n, options in city_hits:
        if i in town_hits and named and not named.intersection(options):
            continue  # "my Florida registration, like it was from Mars": a named state beats a word-like town
        if _names_a_port(scan, i, n, model_names or {}):
            continue  # "it arrived at the port of Savannah": where the ship docks, not where the truck is plated
        scan.found.append((i, next((c for c in options if c in named), options[0])))
    if not scan.found:
        _fuzzy_state(scan)
    slot_tokens.update(scan.slot_tokens)
    ordered: list[str] = []
    for _, code in sorted(scan.found):
        if code not in ordered:
            ordered.append(code)
    return ordered, foreign


_DIRECTION_WORDS = word_set("direction_words")
_LANGUAGES = word_set("language_names")
_PORT_WORDS = word_set("port_words")
_SHIPPING_WORDS = word_set("shipping_words")
_PORT_PREPOSITIONS = word_set("port_prepositions")
_SHIPPED_TO_WORDS = word_set("shipped_to_words")
_ARRIVAL_WORDS = word_set("arrival_words")
_ARRIVAL_SUBJECTS = word_set("arrival_subjects") | TRUCK_WORDS
_LIKE_CONTRACTIONS = word_set("abbreviations_like_contractions")
_SEAPORTS = word_set("seaports")
# "... lands in Houston in March. Can I register it there?": where it is registered, not only a port
_REGISTERED_THERE = re.compile(rf"\b(?:{alternation('registering_words')})\b[^.?!]*\b(?:there|here)\b")
_DESTINATION_WORDS = word_set("destination_words")
_OVERSEAS_WORDS = word_set("overseas_words")


def _names_a_port(scan: _PlaceScan, i: int, n: int, model_names: Mapping[str, str]) -> bool:
    """A city named as a port: "the port of Savannah", "port in Tacoma", "the Seattle terminal", "shipping a
    Hijet from Japan to Seattle"."""
    before = scan.word(i - 1)
    if before in _PORT_WORDS or (before in _PORT_PREPOSITIONS and scan.word(i - 2) in _PORT_WORDS):
        return True
    if scan.word(i + n) in _PORT_WORDS:
        return True
    # shipped from overseas, not a dealer shipping it inland
    if _OVERSEAS_WORDS.isdisjoint(scan.tokens):
        return False
    arrives = (
        scan.word(i - 2) in _ARRIVAL_WORDS
        and any(scan.word(j) in _ARRIVAL_SUBJECTS or scan.word(j) in model_names for j in range(i - 5, i - 2))
        and (before in _PORT_PREPOSITIONS or before in _SHIPPED_TO_WORDS)
        and " ".join(scan.tokens[i : i + n]) in _SEAPORTS
        and not _REGISTERED_THERE.search(" ".join(scan.tokens))
    )
    return arrives or (
        before in _SHIPPED_TO_WORDS and any(scan.word(j) in _SHIPPING_WORDS for j in range(i - 8, i - 1))
    )


_STATE_CONTEXT = word_set("state_context_words")


# A five-digit number is a ZIP code after these words ("in 97214", "zip 97214", "near 30301") or before
# "area"/"zip", and never before a unit or after a currency sign: "in 12000 miles", "$15000" are not places.
_ZIP_BEFORE = word_set("zip_before")
_ZIP_AFTER = word_set("zip_after")
_NOT_ZIP_AFTER = word_set("not_zip_after")


def _zip_context(scan: _PlaceScan, i: int, raw: str) -> bool:
    prev, nxt = scan.word(i - 1), scan.word(i + 1)
    if nxt in _NOT_ZIP_AFTER or any(f"{sign}{scan.tokens[i]}" in raw for sign in ("$", "¥", "#")):
        return False
    return prev in _ZIP_BEFORE or nxt in _ZIP_AFTER


def _asked_state_first(
    last: str | None,
    asked: list[str],
    states: list[str],
    home: str | None,
    *,
    moving: bool,
    moved_to: str | None,
) -> list[str]:
    """'The title is from Maine ... what do I need to get it titled in Ohio?': of several states, one named in
    the closing question is the one asked about and comes first. The others stay: "I live in Georgia. Can I buy
    one in Florida and drive it home?" needs Georgia's rules too. ``last``: the closing question, ``asked``: the
    states it names, ``home``: the one the owner says they live in (``home_state``), ``moving``: whether the post
    speaks of a move, ``moved_to``: the state it moves to."""
    first = None
    if last is not None:
        first = next((code for code in asked if code in states), None)
    if moved_to is not None:
        # "just moved from Texas to Pennsylvania ... if I keep the Texas plates, how long?": the state moved to
        # (put first by _destination_first) is the one asked about, whichever the closing question names
        return states
    if first is None and not moving:
        # "Bought it at auction in Arizona ... I'm in Washington state. Can I put regular plates on it?": the
        # question names no state, and the owner's own is where it gets plated (a move's destination decides
        # instead: "I'm in Texas, moving to Oklahoma")
        first = home
    return states if first is None else [first, *(code for code in states if code != first)]


def home_state(raw: str, states: list[str], lexicon: Lexicon) -> str | None:
    """Of the states a post names, the one the owner says they live in: "I'm in the market for one ... I live in
    Georgia" (the first state after "I live in": "I live in Ohio near Indiana"); "bringing it down to California
    where I live" (the last before "where I live")."""
    for pattern, last in ((_HOME_STATE, False), (_HOME_STATE_AFTER, True), (_HOME_TO, False)):
        if last and "where" not in raw.casefold():
            continue  # (the pattern tries every word of a long post as the state's first word)
        for home in pattern.finditer(raw):
            lived, _ = _find_states(home.group(1), set(), lexicon.model_names)
            found = next((code for code in (reversed(lived) if last else lived) if code in states), None)
            if found is not None:
                return found
    return None


# the owner's own place, unnamed ("can I get it registered here?"; not "there", which points away)
_OWN_PLACE = re.compile(rf"\b(?:{alternation('own_place')})\b")


def _taken_home(raw: str, home: str | None, lexicon: Lexicon) -> bool:
    """Whether the post says the truck was taken home to the owner's state ("trailered it home to Ohio")."""
    return home is not None and any(
        home in _find_states(found.group(1), set(), lexicon.model_names)[0]
        for found in _HOME_TO.finditer(raw)
    )


# where a truck was bought: "from a dealer down in Florida", "bought it at auction in Arizona", "picked it up in GA"
_BOUGHT_IN = re.compile(
    r"\b(?:bought|buying|purchased|picked\s+(?:it\s+)?up|got\s+it|from\s+(?:a|an|the|some|this)\s+(?:\w+\s+)?"
    r"(?:dealer|dealership|importer|seller|guy|lot|auction))\b[^.?!]{0,60}?\b(?:in|out of)\s+"
    r"((?:the state of\s+)?[A-Za-z][\w.]*(?:\s+[A-Za-z][\w.]*){0,2})",
    re.IGNORECASE,
)


def _bought_in(raw: str, states: list[str], lexicon: Lexicon) -> tuple[str, ...]:
    """The named states a post gives only as where the truck was bought: named there and nowhere else."""
    found = {
        code
        for bought in _BOUGHT_IN.finditer(raw)
        for code in _find_states(bought.group(1), set(), lexicon.model_names)[0][:1]
    }
    if not found:
        return ()
    elsewhere = _BOUGHT_IN.sub(
        " ", raw
    )  # (the rest of the post still naming it: "... and I live in Florida too")
    named_again = set(_find_states(elsewhere, set(), lexicon.model_names)[0])
    return tuple(code for code in states if code in found and code not in named_again)


_KEEPING = re.compile(rf"\b(?:{alternation('keeping_verbs')})\b(?:\s+[\w']+){{0,3}}?\s+(?:in|into|to)\s+")


def kept_at_home(raw: str, home: str, lexicon: Lexicon) -> bool:
    """Whether the post asks about registering, titling or bringing the truck to the state the owner lives in
    ("can I register it in CA", "bringing it down to California where I live"), not to another one."""
    folded = raw.casefold()
    kept = {
        code
        for keeping in _KEEPING.finditer(folded)
        for code in _find_states(folded[keeping.end() : keeping.end() + 40], set(), lexicon.model_names)[0]
    }
    # ("can I register it in Iowa or should I register it in South Dakota instead?" weighs two states)
    return kept == {home}


_MOVING_WORDS = word_set("moving_words")


def _moved_to(raw: str, code: str) -> bool:
    """Whether the message says it moves to this state, by any of its names ("moved from Texas to Pennsylvania",
    "just moved to mass.", "moving to PA")."""
    return _MOVED_TO[code].search(raw.casefold()) is not None


_MOVED_TO = {
    code: re.compile(
        r"\b(?:to|into)\s+(?:the state of\s+)?(?:"
        + "|".join(
            re.escape(name)
            for name in sorted(
                {
                    name.casefold(),
                    code.casefold(),
                    *(
                        a
                        for a, c in (*places.STATE_ALIASES.items(), *places.RISKY_STATE_ALIASES.items())
                        if c == code
                    ),
                },
                key=len,
                reverse=True,
            )
        )
        + r")\b"
    )
    for code, name in places.STATE_NAMES.items()
}


_HOME_STATE = re.compile(
    rf"\b(?:{alternation('home_state_openers')})\s+(?:in|near)\s+"
    r"((?:the state of\s+)?[A-Za-z][\w.]*(?:\s+[A-Za-z][\w.]*){0,2})",
    re.IGNORECASE,
)


# "bringing it home to mass.", "drive it back home in Ohio": where home is
_HOME_TO = re.compile(
    r"\bhome\s+(?:to|in)\s+((?:the state of\s+)?[A-Za-z][\w.]*(?:\s+[A-Za-z][\w.]*){0,2})", re.IGNORECASE
)


# the same said after the state: "to California where I live", "Ohio, which is where we live"
_HOME_STATE_AFTER = re.compile(
    r"((?:[A-Za-z][\w.]*\s+){0,2}[A-Za-z][\w.]*),?\s+(?:which is\s+)?where\s+(?:i|we)\s+(?:live|reside|am based)\b",
    re.IGNORECASE,
)


def _destination_first(scan: _PlaceScan) -> None:
    """'moving from texas to oklahoma': the state being moved to is the one the question is about."""
    if len(scan.found) < 2 or not _MOVING_WORDS.intersection(scan.tokens):
        return
    for position, (start, code) in enumerate(scan.found):
        if scan.word(start - 1) in _DESTINATION_WORDS:
            scan.found[position] = (-1, code)


def _risky_alias_ok(scan: _PlaceScan, i: int, n: int) -> bool:
    """'mass.' or 'Mass RMV' is Massachusetts; 'wash the truck' is not Washington."""
    last = i + n - 1
    if n == 1 and any(mark in scan.raw_tokens[i] for mark in "'’"):
        return False  # "I'll be moving there": a contraction, not "Ill." for Illinois
    capitalised = scan.raw_tokens[i][:1].isupper() and not scan.raw_tokens[i].isupper()
    if n > 1:  # a nickname written as a name: "the Mountain State", "Lone Star" (even first in the message)
        named = [t for t in scan.raw_tokens[i : i + n] if t.casefold() != "the"]
        if all(t[:1].isupper() and not t.isupper() for t in named):
            return True
    if n == 1 and scan.tokens[i] in _LIKE_CONTRACTIONS:
        capitalised = False  # "Thanks, Ill check with the DMV": "Ill." or "Ill DMV" only
    if (
        n == 1
        and scan.word(i - 1) in _IN_OR_FROM
        and scan.word(last + 1) in _CLAUSE_END
        and not _STATE_RULE_CONTEXT.isdisjoint(scan.tokens)
    ):
        # "can i get a title for my acty in mass": a state's rules asked, the place ending the clause ("a difference
        # in mass and size", "a near miss today" ask no state's rules)
        return True
    return scan.followed_by_dot[last] or scan.word(last + 1) in _AGENCY or (capitalised and i > 0)


_IN_OR_FROM = frozenset(("in", "from"))


def _written_as_name(scan: _PlaceScan, i: int, n: int) -> bool:
    """ "moved to Tularosa": a town nobody curated counts only capitalised ("up to max" is not Max, MN)."""
    return all(t[:1].isupper() for t in scan.raw_tokens[i : i + n])


def _grade_after_model(scan: _PlaceScan, i: int, n: int, model_names: Mapping[str, str] | None) -> bool:
    """ "my sambar SC", "carry KC": a short code right after a model's name is its grade, not a state or
    Kansas City, unless the question is about registering or road rules ("honda acty NY plates")."""
    return (
        bool(model_names)
        and n == 1
        and len(scan.tokens[i]) <= 3
        and scan.word(i - 1) in model_names
        and not _STATE_RULE_CONTEXT.intersection(scan.tokens)
    )


# Words that make a code after a model's name a state again: "honda acty NY plates", "register my carry, TX"
_STATE_RULE_CONTEXT = frozenset(INTENT_CUES["state_legality"])


def _risky_city_ok(scan: _PlaceScan, i: int, n: int) -> bool:
    """'I live in Mobile', 'near Reading': a town named like a word only when written as a name after a
    place word; 'mobile mechanic', 'reading the title' stay words (a state after it decides by itself)."""
    if " ".join(scan.tokens[i : i + n]) in places.CITIES_NAMED_ABROAD:
        return False
    if not all(t[:1].isupper() and not t.isupper() for t in scan.raw_tokens[i : i + n]):
        return False
    after = scan.raw_tokens[i + n] if i + n < len(scan.raw_tokens) else ""
    if after[:1].isupper() and scan.word(i + n) not in places.STATE_ALIASES:
        return False  # "in North America", "in West Texas": part of a longer name ("in Mobile Alabama" stays)
    return scan.word(i - 1) in _BEFORE_A_PLACE


# Codes that are also everyday words or units: trusted only upper-case, after a city, or before "DMV".
_RISKY_CODES = word_set("risky_state_codes")
_AGENCY_WORD = re.compile(rf"^([a-z]{{2}})(?:{alternation('agency_suffixes')})$")
_BEFORE_A_STATE_CODE = word_set("before_a_state_code")
_SLASHED_LETTERS = re.compile(r"(?:(\w+)\s+)?(?<![\w/])([a-z])/([a-z])(?![\w/])")
_STATE_AGENCIES = word_map("state_agencies")
# Words that end a clause after "legal in mo": nothing, or a filler word.
_CLAUSE_END = word_set("clause_end_words")
_NOT_AFTER_IN = word_set("not_after_in")
# a code heading the message, set off by a dash or colon: "ga - can i take my minicab on 55mph roads?"
_HEADS_THE_MESSAGE = re.compile(r"^\s*[A-Za-z]{2}(?:\s*:|\s+[-–—]|[-–—]\s)")  # not "co-worker", "co-op"
_ENGLISH_CODES = word_set("english_state_codes")
_CODES_READ_AS_WORDS_FIRST = word_set("codes_read_as_words_first")
_STATE_TOPIC_AFTER_CODE = word_set("state_topic_after_code")
_AFTER_OK_THE_WORD = word_set("after_ok_the_word")
_BEFORE_OK_THE_WORD = word_set("before_ok_the_word")
_NOT_BEFORE_OK_ASKING = word_set("not_before_ok_asking")
_AFTER_OK_ASKING = word_set("after_ok_asking")
_OK_SET_OFF = re.compile(r"^\W*ok\s*[,.!;]", re.IGNORECASE)  # ("OK:" may head a message as the code)
_WEAK_AGENCY_WORDS = word_set("weak_agency_words")


def _uppercase_code_ok(tok: str, prev: str, nxt: str, before_prev: str = "") -> bool:
    """An upper-case risky code is a state unless it reads as the English word ('OK so', 'OR ELSE') or an
    identifier ('the ID plate', 'ID number')."""
    if (
        nxt in _AGENCY and nxt not in _WEAK_AGENCY_WORDS
    ):  # "ME DMV", "OR county clerk", "OK DMV won't title it"
        return True
    if tok == "ok" and (
        not prev
        or nxt in _AFTER_OK_THE_WORD
        or prev in _BEFORE_OK_THE_WORD
        or (nxt in _AFTER_OK_ASKING and prev not in _NOT_BEFORE_OK_ASKING)
    ):
        return False  # ("OK so", "fluid level looks OK", "it runs OK", "is it OK to")
    asking = prev in _ID_VERB_BEFORE or (prev == "to" and before_prev in _ID_VERB_BEFORE)
    if tok == "id" and (nxt in _ID_NOUNS or (nxt in _ID_VERB_OBJECTS and asking)):
        return False
    return tok not in _CODES_READ_AS_WORDS_FIRST or bool(prev) or nxt in _STATE_TOPIC_AFTER_CODE


def _upper_codes(raw: str) -> set[str]:
    return set(_UPPER_CODE.findall(raw))


_ID_NOUNS = word_set("id_nouns")
_ID_VERB_OBJECTS = word_set("id_verb_objects")
_ID_VERB_BEFORE = word_set("id_verb_before")
_UPPER_CODE = re.compile(r"(?<![A-Za-z])([A-Z]{2})(?![A-Za-z])")


def _mostly_upper(raw: str) -> bool:
    letters = len(_ASCII_LETTER.findall(raw))
    return letters >= 12 and len(_ASCII_UPPER.findall(raw)) / letters > 0.6


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ASCII_UPPER = re.compile(r"[A-Z]")


def _fuzzy_state(scan: _PlaceScan) -> None:
    """Typos of full names: 'pensylvania', 'tennesee', 'wisconson', 'arkansaw'."""
    for n in (2, 1):
        grams = [(i, gram) for i, gram in scan.grams(n) if len(gram) >= 6 and gram not in _COMMON_WORDS]
        if len(_TYPO_STATES) > _TYPO_STATES_KEPT:
            _TYPO_STATES.clear()  # (before looking up: every phrase of this message is then in it below)
        unseen = list({gram for _, gram in grams if gram not in _TYPO_STATES})
        if unseen:
            # one call for all new phrases; scores under the cut-off come back as 0
            scores = process.cdist(unseen, _FULL_NAME_LIST, scorer=fuzz.ratio, score_cutoff=84)
            for gram, row in zip(unseen, scores, strict=True):
                best = int(row.argmax())
                name = _FULL_NAME_LIST[best]
                _TYPO_STATES[gram] = _FULL_NAMES[name] if row[best] and _same_initials(gram, name) else None
        for i, gram in grams:
            if (code := _TYPO_STATES[gram]) is not None:
                scan.claim(i, n, code)


def _same_initials(typed: str, name: str) -> bool:
    """Whether each word of a phrase starts as the state name's word does: a misspelling seldom changes a word's
    first letter ("pensylvania", "north carolyn", "new yrok"), while another word that is close does ("new fork
    boot" is no New York)."""
    typed_words, name_words = typed.split(), name.split()
    return len(typed_words) != len(name_words) or all(
        a[0] == b[0] for a, b in zip(typed_words, name_words, strict=True)
    )


# The state each phrase already looked at is a typo of (None: of no state): most words recur from message to
# message, and the fuzzy comparison with every state name is the slowest part of finding states.
_TYPO_STATES: dict[str, str | None] = {}
_TYPO_STATES_KEPT = 50_000


_COMMON_WORDS = word_set("not_state_typos")


# ---------------------------------------------------------------- models


def _singular(gram: str) -> str:
    """'hijets', "acty's" -> 'hijet', 'acty'."""
    return gram.removesuffix("'s").removesuffix("s") if len(gram) > 4 else gram


_VERB_NAMES = word_set("verb_model_names")
_VERB_BEFORE = word_set("before_the_verb")


def _find_models(
    text: str, tokens: tuple[str, ...], lexicon: Lexicon, slot_tokens: set[str]
) -> tuple[list[str], str | None, str | None, str | None]:
    found: list[tuple[int, str]] = []
    owned: str | None = None
    chassis_code: str | None = None
    engine_code: str | None = None
    verbs: set[int] = set()
    for n in (3, 2, 1):
        firsts = lexicon.name_words.first_words.get(n, frozenset())
        for i, gram in enumerate(tokens) if n == 1 else _ngrams(tokens, n, firsts):
            model = lexicon.model_names.get(gram)
            if model is None and gram.endswith("s"):
                model = lexicon.model_names.get(_singular(gram))
            if model and n == 1 and gram in _VERB_NAMES and i and tokens[i - 1] in _VERB_BEFORE:
                verbs.add(i)
                continue  # "how much can it carry" is the verb, not the Suzuki
            if model:
                found.append((i, model))
                slot_tokens.update(tokens[i : i + n])
                before = tokens[max(0, i - 3) : i]
                if "my" in before or "our" in before:
                    owned = owned or model
    for name, model in () if text.isascii() else lexicon.japanese_names:
        if name in text:
            found.append((text.index(name), model))
    for i, tok in enumerate(tokens):
        if tok in ENGINE_MODELS or (
            tok in _ENGINE_PREFIXES and i + 1 < len(tokens) and f"{tok}-{tokens[i + 1]}" in ENGINE_MODELS
        ):
            engine_code = engine_code or (tok if tok in ENGINE_MODELS else f"{tok}-{tokens[i + 1]}")
            # not a slot token: "f6a vs k6a" is the topic itself, and entries name their engines
            continue
        if tok.isalpha() or not _CODE_TOKEN.match(tok):  # a code has a digit
            continue
        model = lexicon.chassis.get(tok) or next((m for p, m in CHASSIS_PATTERNS if p.match(tok)), None)
        if model:
            chassis_code = chassis_code or tok.upper()
            found.append((i, model))
            slot_tokens.add(tok)
            before = tokens[max(0, i - 3) : i]
            if "my" in before:
                owned = owned or model
    if not found:
        typos = [
            (i, tok)
            for i, tok in enumerate(tokens)
            if len(tok) >= 5 and tok not in _COMMON_WORDS and i not in verbs
        ]
        if typos and lexicon.fuzzy_names:
            # one call for all words; scores under the cut-off come back as 0
            scores = process.cdist(
                [t for _, t in typos], lexicon.fuzzy_names, scorer=fuzz.ratio, score_cutoff=86
            )
            for (i, tok), row in zip(typos, scores, strict=True):
                best = int(row.argmax())
                name = lexicon.fuzzy_names[best]
                if row[best] and " " not in name:
                    found.append((i, lexicon.model_names[name]))
                    slot_tokens.add(tok)
    if not found and engine_code:
        found.append((len(tokens), ENGINE_MODELS[engine_code]))
    ordered: list[str] = []
    for _, model in sorted(found, key=lambda f: f[0]):
        if model not in ordered:
            ordered.append(model)
    return ordered, owned, chassis_code, engine_code


def _maker_model(
    tokens: tuple[str, ...], year: int | None, lexicon: Lexicon, models: list[str], slot_tokens: set[str]
) -> str | None:
    """'my 93 suzuki' is a Carry, '96 daihatsu' a Hijet; 'suzuki samurai' and a 1998 'nissan' are neither.
    Adds the model to ``models`` and returns it when the owner says it is theirs."""
    for i, tok in enumerate(tokens):
        maker = lexicon.makers.get(tok) or lexicon.makers.get(tok.removesuffix("s"))
        if maker is None:
            continue
        if not maker.others.isdisjoint(tokens):
            continue  # "suzuki samurai", "an MCO from Mitsubishi for a Delica": another of its vehicles
        if year is not None and (
            (maker.first is not None and year < maker.first) or (maker.last is not None and year > maker.last)
        ):
            continue  # the maker sold no kei truck under its own name that year
        models.append(maker.model)
        slot_tokens.add(tok)
        before = tokens[max(0, i - 3) : i]
        return maker.model if ("my" in before or "our" in before) else None
    return None


# ---------------------------------------------------------------- dates

_YEAR4 = re.compile(r"(?<![\d.,$])(19[5-9]\d|20[0-3]\d)(?!\d|,\d|\s*(?:lbs?|kg|cc|mm|km|miles|mi)\b)")
_MONTH_YEAR = re.compile(
    r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?,?\s+(?:of\s+)?('?\d{2}|\d{4})\b"
)
_NUMERIC_MONTH = re.compile(
    r"\b(0?[1-9]|1[0-2])\s*[/.-]\s*((?:19|20)\d{2})\b|\b((?:19|20)\d{2})\s*[/.-]\s*(0[1-9]|1[0-2])\b"
)
_DIGIT = re.compile(r"\d")
_DECADE_TAIL = re.compile(r"^(?:['’]?s|-?ish)(?=\s|$|[?.,!])")  # "90s", "90's"; "98ish" is about '98
_SHORT_YEAR = re.compile(r"(?:^|\s)(?:'|’)?(\d{2})(?:'?s)?(?:-?ish)?(?=\s|$|[?.,!])")  # "a 98ish carry"
# a two-digit number after a road word is a road ("hwy 98"); before a year noun, a model year ("a 96 build")
_ROAD_NUMBER_WORDS = word_set("road_number_words")
_YEAR_NOUNS = word_set("year_nouns")


_EVENT_BEFORE = re.compile(
    r"(?<!built )(?<!made )(?<!manufactured )(?<!registered )\b(in|since|back in|by|until|before|after|during|"
    r"as of|law|bill|act|rule|crackdown)\s*$"
)


# "a 2009 act", "the 2023 bulletin": a year naming a law or notice, not the truck
_EVENT_AFTER = word_set("after_an_event_year")


def _event_year(before: str) -> bool:
    return bool(_EVENT_BEFORE.search(before.rstrip(" ,(")))


# "late 2000s", "early 90s", "mid-90's", "the 1980s": a span of build years, not the decade's first year
_DECADE = re.compile(r"\b(?:(early|mid|late)[\s-]+)?(?:the\s+)?['’]?(19[5-9]0|20[0-2]0|[6-9]0|00|10)['’]?s\b")
_DECADE_PART = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), None: (0, 9)}
# words after a decade that make it a truck's ("a late 90s kei", "and an early 90s one?")
_DECADE_NOUNS = word_set("decade_nouns")
_DECADE_BUILD_WORDS = word_set("decade_build_words")


def _decade(text: str, lexicon: Lexicon, year: int | None) -> tuple[int, int] | None:
    """The build years a decade phrase spans, first and last: the decade the year read from the question came
    from ("2000s" is never the year 2000), else one beside a truck ("early 90s carry", "mid 2000s hijets", "a
    carry from the late 90s"; not "temps in the 90s")."""
    vehicle = lexicon.model_names.keys() | lexicon.makers.keys() | TRUCK_WORDS | _YEAR_NOUNS | _DECADE_NOUNS
    for found in _DECADE.finditer(text):
        digits = found.group(2)
        start = int(digits) if len(digits) == 4 else _expand(digits)
        after = [w.strip("?.,!") for w in text[found.end() :].split(maxsplit=1)[:1]]
        before = text[: found.start()].split()[-5:]
        beside_a_truck = bool(after) and (after[0] in vehicle or after[0].removesuffix("s") in vehicle)
        from_a_truck = (
            "from" in before and not vehicle.isdisjoint(before)
        ) or not _DECADE_BUILD_WORDS.isdisjoint(before[-3:])
        # (a year said on its own, "my 2000 hijet ... since the mid 2000s", is that year, not the decade's)
        said_alone = year is not None and re.search(
            rf"(?<![\d'’])(?:{year}|{year % 100:02d})\b(?!['’]?s)", text
        )
        if (year == start and not said_alone) or (year is None and (beside_a_truck or from_a_truck)):
            first, last = _DECADE_PART[found.group(1)]
            return start + first, start + last
    return None


def _expand(two: str) -> int:
    value = int(two.lstrip("'"))
    return 1900 + value if value >= 50 else 2000 + value


# "my 1999 hijet was built in august": the build month said apart from the year
_BUILT_IN_MONTH = re.compile(
    r"\b(?:built|made|manufactured|produced|build date|build month)(?: in| on| is| was)?(?: early| late| mid)?"
    r" (" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b"
)


def _find_date(
    text: str, tokens: tuple[str, ...], lexicon: Lexicon, slot_tokens: set[str]
) -> tuple[int | None, int | None]:
    year, month = _find_year_and_month(text, tokens, lexicon, slot_tokens)
    if year is not None and month is None and (built := _BUILT_IN_MONTH.search(text)):
        slot_tokens.add(built.group(1))
        month = MONTHS[built.group(1)]
    return year, month


_BUILD_WORDS = re.compile(r"\b(manufactur\w*|built|build|production|produced|made)\b[^.?!]{0,40}$")
_REGISTRATION_WORDS = re.compile(
    r"\b(regist\w*|reg|shaken|inspection|imported|import date|sold)\b[^.?!]{0,40}$"
)
# what happens to a truck on a date after it is built: "made 03/1999, can i import it in feb 2024?"
_HAPPENING_WORDS = re.compile(r"\b(import|importing|ship|shipping|bring|buy|buying)\b")


def _date_rank(text: str, match: re.Match[str]) -> int:
    """1 for a date said after a word for building, -1 after a word for registering or one for what happens to
    the truck later (importing, buying), whichever was said last before it; else 0."""
    before = text[max(0, match.start() - 60) : match.start()]
    built = _BUILD_WORDS.search(before)
    later = [m for m in _HAPPENING_WORDS.finditer(before) if built is None or m.start() > built.start()]
    return (1 if built and not later else 0) - (1 if _REGISTRATION_WORDS.search(before) or later else 0)


def _build_date(text: str, matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    """Of several dates ("first registration 02/2002, manufactured 01/2002"), the build date: one said
    after a word for building beats one said after a word for registering, else the first."""
    found = list(matches)
    return max(found, key=lambda m: _date_rank(text, m)) if found else None  # max keeps the first of equals


def _vehicle_year(text: str, lexicon: Lexicon) -> tuple[int, str] | None:
    """A year written right before the truck's name, maker or chassis code ("a 2002 sambar", "my '98 carry",
    "96 daihatsu", "1995 DA51T"): the year and its text."""
    for found in _YEAR4.finditer(text):
        if _names_a_truck(_next_word(text[found.end(1) :]), lexicon):
            return int(found.group(1)), found.group(1)
    for found in _SHORT_YEAR.finditer(text):
        digits = found.group(1)
        if _names_a_truck(_next_word(_DECADE_TAIL.sub("", text[found.end(1) :]).lstrip(" '’")), lexicon):
            year = _expand(digits)
            if 1950 <= year <= 2039:
                return year, digits
    return None


def _next_word(after: str) -> str:
    following = after.split(maxsplit=1)
    return following[0].strip("?.,!") if following else ""


def _names_a_truck(word: str, lexicon: Lexicon) -> bool:
    """A model's name, a maker's or a chassis code ("carry", "suzuki", "DA63T")."""
    return bool(word) and (
        word in lexicon.model_names
        or word in lexicon.makers
        or word in lexicon.chassis
        or any(p.match(word) for p, _ in CHASSIS_PATTERNS)
    )


def _year_of(dated: re.Match[str]) -> int:
    """The year of a month-year match of ``_MONTH_YEAR`` or ``_NUMERIC_MONTH``."""
    if dated.re is _NUMERIC_MONTH:
        return int(dated.group(2) or dated.group(3))
    digits = dated.group(2)
    return int(digits) if len(digits) == 4 else _expand(digits)


_FROM_BEFORE = re.compile(r"\bfrom\s*$")


def _find_year_and_month(
    text: str, tokens: tuple[str, ...], lexicon: Lexicon, slot_tokens: set[str]
) -> tuple[int | None, int | None]:
    if not _DIGIT.search(text):  # every date pattern below has a digit in it
        return None, None
    match = _build_date(text, _MONTH_YEAR.finditer(text))
    numeric = _build_date(text, _NUMERIC_MONTH.finditer(text))
    if match and numeric and _date_rank(text, numeric) > _date_rank(text, match):
        # "first registered March 2000 but the build date on the plate says 12/1999": the build date
        match = None
    dated = match or numeric
    if dated is not None and _date_rank(text, dated) <= 0:
        # "can i import a 2002 sambar in dec 2026?": the year on the truck is its build year, and a later date is
        # when something happens to it (importing, buying, registering); an earlier one is when it was built
        # ("my 2002 hijet, the plate says 11/2001"), as is one a truck is "from" ("a second one from 12/2001")
        truck_year = _vehicle_year(text, lexicon)
        if (
            truck_year is not None
            and _year_of(dated) > truck_year[0]
            and not _FROM_BEFORE.search(text[: dated.start()])
        ):
            slot_tokens.add(truck_year[1])
            return truck_year[0], None
    if match and not (match.group(1) == "may" and len(match.group(2).lstrip("'")) == 2):
        year_text = match.group(2)
        year = int(year_text) if len(year_text) == 4 else _expand(year_text)
        if 1950 <= year <= 2039:
            slot_tokens.update((match.group(1), year_text.lstrip("'")))
            return year, MONTHS[match.group(1)]
    match = numeric
    if match:
        if match.group(1):
            month, year = int(match.group(1)), int(match.group(2))
        else:
            year, month = int(match.group(3)), int(match.group(4))
        slot_tokens.update(t for t in match.group(0).replace("/", " ").replace("-", " ").split())
        return year, month
    for match in _YEAR4.finditer(text):
        following = text[match.end(1) :].split(maxsplit=1)
        vehicle_follows = bool(following) and following[0].strip("?.,!") in lexicon.model_names
        if (_event_year(text[: match.start(1)]) and not vehicle_follows) or (
            bool(following) and following[0].strip("?.,!") in _EVENT_AFTER
        ):
            continue  # "the EPA crackdown back in 2008", "a law passed in 2019", "a 2009 act": not a build year
        slot_tokens.add(match.group(1))
        return int(match.group(1)), None
    # Two-digit years only where they read as a model year: "my 98 carry", "'91 HA3", "a 96 acty".
    for match in _SHORT_YEAR.finditer(text):
        digits = match.group(1)
        start = match.start(1)
        before = text[:start].rstrip()
        after = _DECADE_TAIL.sub("", text[match.end(1) :]).lstrip(" '’")  # "90s", "90's": not "s" of "suzuki"
        next_word = _next_word(after)
        prev_word = before.rsplit(" ", 1)[-1] if before else ""
        apostrophe = text[start - 1 : start] in ("'", "’")
        vehicle_next = _names_a_truck(next_word, lexicon) or next_word in _YEAR_NOUNS
        if prev_word in _ROAD_NUMBER_WORDS:
            continue
        if (
            apostrophe
            or vehicle_next
            or (prev_word in ("a", "an") and not next_word and FOLLOW_UP.match(text))  # "and for a 96?"
        ):
            year = _expand(digits)
            if 1950 <= year <= 2039:
                slot_tokens.add(digits)
                return year, None
    return None, None


# ---------------------------------------------------------------- intent and scope


_CUE_WORDS = {intent: frozenset(p for p in phrases if " " not in p and "-" not in p)
              for intent, phrases in INTENT_CUES.items()}  # fmt: skip
# Each phrase with its first word: a phrase is only searched for when the question contains that word.
_CUE_PHRASES = {
    intent: [(words(p)[0], re.compile(rf"\b{re.escape(p)}\b")) for p in phrases if " " in p or "-" in p]
    for intent, phrases in INTENT_CUES.items()
}


def intent_cues(normalised: str) -> dict[str, float]:
    """The intent cue scores of a piece of text already normalised (a part of a message)."""
    return _intent_cues(normalised, tuple(words(normalised)))


def _intent_cues(text: str, tokens: tuple[str, ...]) -> dict[str, float]:
    token_set = set(tokens)
    cues: dict[str, float] = {}
    for intent, single in _CUE_WORDS.items():
        score = float(len(single & token_set))
        score += 1.5 * sum(
            1 for first, pattern in _CUE_PHRASES[intent] if first in text and pattern.search(text)
        )
        if score:
            cues[intent] = score
    if "which" in text and _WHICH_OF_TWO.search(text):
        cues["compare"] = cues.get("compare", 0.0) + 1.5
    return cues


def _out_of_scope(
    text: str,
    tokens: tuple[str, ...],
    models: list[str],
    states: list[str],
    non_us: str | None,
    mentions_us: bool,
    cues: dict[str, float],
) -> str | None:
    if FRAUD.search(_RETITLING.sub(" title ", text)) or _MADE_TO_SAY.search(text):
        return "fraud"
    if any(word in text for word in _GOVERNOR_WORDS) and GOVERNOR.search(text):
        return "governor"
    if PRICE.search(text):
        return "price"
    if LEGAL_WORK.search(text):
        return "legal_work"
    token_set = set(tokens)
    kei_car = None
    if not models and not (token_set & TRUCK_WORDS):
        grams = {g for n in (1, 2, 3) for _, g in _ngrams(tokens, n)}
        kei_car = next((car for car in KEI_CARS if car in grams), None)
    if kei_car:
        ambiguous = kei_car not in KEI_CAR_SINGLE and " " not in kei_car
        # an everyday word ("move", "today") names the car only beside its maker ("daihatsu move"); "kei" beside
        # it is the truck's word too ("we're going to move to Ohio, is my kei legal there?")
        if not ambiguous or token_set & KEI_CAR_MAKERS:
            return "kei_car"
    if non_us and not states and not mentions_us:
        if non_us in places.US_TERRITORIES:
            return "territory"
        # "bought it in Canada, can I bring it in?" is a US import question, not a foreign one; and a post that
        # names Japan as well ("a deposit wired to an account in the Philippines, not Japan") is about buying
        # from Japan
        # (nor a message with a question of its own that leaves the other country out: "what battery size does a
        # carry take and can I take it into Canada?" has a battery question to answer)
        if (
            not cues.get("federal_import")
            and not (models and any(non_us not in part for part in question_parts(text)))
            and non_us not in places.JAPAN_WORDS
            and places.JAPAN_WORDS.isdisjoint(token_set)
        ):
            return "non_us"
    return None

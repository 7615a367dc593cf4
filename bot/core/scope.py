"""Scope: is this a question KeiBot should answer at all?

Runs after understanding and before retrieval. Two things are out of scope here (fraud, governors, prices
and the like are recognised in ``understand``):
- **other vehicles**: a question about a UTV, a golf cart, a full-size pickup, another JDM import or a
  look-alike gets a short scope line, plus the general rule that really applies to it (the federal 25-year
  rule covers any import; a state's kei-truck rules do not cover a golf cart);
- **chatter**: greetings, jokes, sports, recipes, spam. In passive modes the adapter stays silent; asked
  directly, the bot says what it is for.
The vocabularies are data (``data/scope.yaml``), not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from bot.core import places
from bot.core.text import words
from bot.core.understand import Understanding, makers_data
from bot.core.wordbook import alternation, word_set

_SCOPE_FILE = Path(__file__).with_name("data") / "scope.yaml"
KEI_WORDS = word_set("kei_words")
MINI_TRUCK = ("mini truck", "mini trucks", "mini-truck", "mini-trucks", "micro truck", "micro trucks")


@dataclass(frozen=True)
class OtherVehicle:
    category: str
    label: str  # "a UTV or side-by-side"
    rule: str  # "federal", "federal_kei", "state" or "other" (see data/scope.yaml)
    name: str  # the words that named it


@dataclass(frozen=True)
class _Vocabulary:
    vehicles: dict[str, tuple[str, str, str]]  # name -> (category, label, rule)
    longest: int  # words in the longest name
    chatter: frozenset[str]
    address: frozenset[str]
    truck_parts: frozenset[str]
    domain: frozenset[str]
    laughing: frozenset[str]
    question_words: frozenset[str]
    asking_anywhere: frozenset[str]
    class_verbs: frozenset[str]
    class_words: frozenset[str]
    class_reporting: frozenset[str]
    truck_words: frozenset[str]
    said_as_words: frozenset[str]
    owning_words: frozenset[str]
    state_lines: dict[str, tuple[str, ...]]  # category -> how a state card's line labels name that kind


@cache
def vocabulary() -> _Vocabulary:
    with _SCOPE_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    vehicles: dict[str, tuple[str, str, str]] = {}
    for category, spec in data["other_vehicles"].items():
        for name in spec["names"]:
            key = " ".join(str(name).casefold().replace("-", " ").split())
            vehicles[key] = (category, spec["label"], spec["rule"])
    # a kei maker's other models ("honda civic", "subaru outback"), from the list understand uses to tell them
    # from the maker's kei truck; a name scope.yaml gives keeps its own category
    other = data["maker_models"]
    makers = makers_data().get("other_models") or {}
    everyday = {str(w).casefold() for w in other.get("everyday_words", ())}
    for maker, models in makers.items():
        for model in map(str.casefold, map(str, models)):
            if len(model) < 3 or model in everyday:
                continue  # "does a honda fit in a 20ft container", "mazda b", "nissan z"
            if model not in vehicles:  # "mitsubishi delica" is the Delica scope.yaml names: another import
                vehicles.setdefault(
                    f"{str(maker).casefold()} {model}", ("maker_model", other["label"], other["rule"])
                )
    longest = max(len(name.split()) for name in vehicles)

    def word_set(key: str) -> frozenset[str]:
        return frozenset(str(w).casefold() for w in data[key])

    return _Vocabulary(
        vehicles,
        longest,
        chatter=word_set("chatter_words"),
        address=word_set("address_words"),
        truck_parts=word_set("truck_part_words"),
        domain=word_set("domain_words"),
        laughing=word_set("laughing_words"),
        question_words=word_set("question_words"),
        asking_anywhere=word_set("asking_anywhere"),
        class_verbs=word_set("class_verbs"),
        class_words=word_set("class_words"),
        class_reporting=word_set("class_reporting"),
        truck_words=word_set("truck_words"),
        said_as_words=word_set("said_as_words"),
        owning_words=word_set("owning_words"),
        state_lines={
            category: tuple(str(n).casefold() for n in spec.get("state_lines") or ())
            for category, spec in data["other_vehicles"].items()
        },
    )


@cache
def state_line_labels(category: str) -> re.Pattern[str] | None:
    """How a state card's line of rules for any vehicle names this kind of vehicle in its bold label ("UTVs /
    side-by-sides", "Low-speed vehicles (LSV)"); None for a kind whose state rules the cards do not hold."""
    names = sorted(vocabulary().state_lines.get(category, ()), key=len, reverse=True)
    if not names:
        return None
    spelled = (r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", n))) for n in names)
    return re.compile(rf"\b(?:{'|'.join(spelled)})s?\b", re.I)


def said_letter_by_letter(word: str) -> bool:
    """A short name, or one with a digit, is said as letters: "UTV", "S10", "MR2"; not "NOAH", "GROM"."""
    return len(word) <= 3 or any(c.isdigit() for c in word)


def indefinite_article(name: str) -> str:
    """ "an" before a vowel sound: "an F 150", "an LSV", "an Ezgo"; "a UTV", "a Polaris Ranger", "a NOAH", "a RZR" (said
    "razor": names said as words are listed in scope.yaml)."""
    first = name.split()[0]
    letters = len(first) == 1 or (first.isupper() and said_letter_by_letter(first))
    if letters and first.casefold() not in vocabulary().said_as_words:
        return "an" if first[0].upper() in "AEFHILMNORSX" else "a"  # said letter by letter
    return "an" if first[0].upper() in "AEIO" else "a"


def asks_nothing(u: Understanding) -> bool:
    """No "?", no opening word a question is asked with ("lol is it..." opens with "is") and no asking word
    anywhere ("... where to even start"): a remark."""
    vocab = vocabulary()
    opening = next((t for t in u.tokens if t not in vocab.laughing), "")
    return (
        "?" not in u.text
        and opening not in vocab.question_words
        and not vocab.asking_anywhere.intersection(u.tokens)
    )


# cue words a laughing statement may hold and still ask nothing ("crazy for buying one", "faster than a prius")
REMARK_CUES = frozenset({"buying", "compare"})


def is_banter(u: Understanding) -> bool:
    """A laughing remark that asks nothing ("lol my carry is faster than my wife's prius"): even about a kei,
    it is chat when no entry matches it, and no gap to log."""
    return bool(vocabulary().laughing.intersection(u.tokens)) and asks_nothing(u)


def is_remark(u: Understanding) -> bool:
    """Banter with no state and no cue word but buying or comparing ("lol my carry just got stuck in the mud
    again", "lol my wife thinks im crazy for buying one"): chat however well its words match an entry. A
    laughing report of trouble or of a rule ("my carry wont start lol") is still a question."""
    return is_banter(u) and not u.states and u.cues.keys() <= REMARK_CUES


def in_domain(u: Understanding) -> bool:
    """The question is about kei trucks by its words or what it names, known topic or not."""
    return bool(names_kei(u) or u.states or vocabulary().domain.intersection(u.tokens))


def names_kei(u: Understanding) -> bool:
    """The question itself is about a kei truck: it names one, its chassis or engine code, or kei words (not
    ones it denies: "not a kei or anything, just a regular golf cart")."""
    if u.models or u.chassis_code or u.engine_code:
        return True
    return _says_kei(u.text)


@lru_cache(maxsize=1024)
def _says_kei(text: str) -> bool:
    if KEI_WORDS.isdisjoint(words(text)) and not any(phrase in text for phrase in MINI_TRUCK):
        return False
    said = " ".join(
        sentence if _REPORTED.search(sentence) else _DENIED_KEI.sub(" ", sentence)
        for sentence in re.split(r"(?<=[.!?])\s+", text)
    )
    return bool(KEI_WORDS.intersection(words(said)) or any(phrase in said for phrase in MINI_TRUCK))


# "it's not a kei", "not a kei or anything, just a golf cart": the kei words the owner says their vehicle is not
# (stated, not asked: "isn't a kei truck basically a UTV?" opens with the verb and asks about keis)
_DENIED_KEI = re.compile(
    r"(?:(?:^|[,;]\s*)not|\b(?:it|it's|its|this|that|that's|mine|which)\s+(?:is\s+)?(?:not|isn'?t|ain'?t))"
    r"\s+(?:(?:a|an|really|even)\s+)*"
    rf"(?:{'|'.join(sorted(map(re.escape, word_set('kei_words') | set(MINI_TRUCK)), key=len, reverse=True))})\b"
)
# someone else's word on what the truck is ("the clerk said it isn't a mini truck, it's a UTV"): the owner's truck is
# still a kei
_REPORTED = re.compile(
    r"\b(?:says|said|say|told|tells|claims|claimed|calls|called|thinks|considers|insists)\b"
)


def named_vehicle(u: Understanding) -> OtherVehicle | None:
    """The first non-kei vehicle the question names (longest name first), kei words or not."""
    return _named_vehicle(u.tokens, names_kei(u))


@lru_cache(maxsize=4096)  # several stages ask about the same question's words
def _named_vehicle(tokens: tuple[str, ...], kei_named: bool) -> OtherVehicle | None:
    vocab = vocabulary()
    flat = " ".join(w.replace("-", " ") for w in tokens).split()
    named = [
        (i, name, hit, _a_class_here(flat, i, n, hit[2], kei_named))
        for n in range(min(vocab.longest, len(flat)), 0, -1)
        for i in range(len(flat) - n + 1)
        if (hit := vocab.vehicles.get(name := " ".join(flat[i : i + n])))
    ]
    # beside a kei, a class named once as what the kei is registered as is that class wherever it comes again
    # ("register my kei truck as a UTV instead? whats the legal UTV definition"), unless it is someone's own
    # ("can I title my UTV as a UTV": the owner's UTV is a UTV)
    classes = {name for _, name, _, a_class in named if a_class}
    for i, name, hit, a_class in named:
        if a_class or _a_place_here(flat, i, name):
            continue
        if kei_named and name in classes and not (i > 0 and flat[i - 1] in vocab.owning_words):
            continue
        return OtherVehicle(hit[0], hit[1], hit[2], name)
    return None


_BEFORE_A_PLACE = word_set("before_a_vehicle_place")


def _a_class_here(flat: list[str], i: int, n: int, rule: str, kei_named: bool) -> bool:
    """A state vehicle class named as what a kei is registered as, not a vehicle of its own: "registered as
    a UTV"; "UTV plates" only beside a kei ("utv registration in texas" alone is about a UTV)."""
    if rule != "state":
        return False
    vocab = vocabulary()
    before = flat[max(0, i - 3) : i]
    # (the verb may come a few words earlier: "could i register my kei truck as a UTV"; not "as fast as a utv")
    registered_as = "as" in before and bool(
        vocab.class_verbs.intersection(flat[max(0, i - CLASS_VERB_REACH) : i])
    )
    # ("ga tag office says its a low speed vehicle"; not "my buddy says his golf cart is legal")
    said_to_be = (
        len(before) >= 2
        and before[-1] in ("a", "an")
        and before[-2] in ("it", "its", "it's", "thing", "truck", "mine")
        and bool(vocab.class_reporting.intersection(flat[max(0, i - 6) : i]))
    )
    return (
        registered_as
        or said_to_be
        or (kei_named and bool(vocab.class_words.intersection(flat[i + n : i + n + 3])))
    )


CLASS_VERB_REACH = 6  # words before a class's name where "registered ... as" may start

_JOINING = word_set("places_joined_by")


def _a_place_here(flat: list[str], i: int, name: str) -> bool:
    """'sitting at the port in Tacoma': a vehicle's name that is also a town, right after a place word ('in',
    'at', 'of', 'from', 'to', 'near'...), is the town; so is one listed with another town that names no vehicle
    ('baltimore or tacoma'; not 'tacoma or ranger', two trucks)."""
    if not _a_town(name):
        return False
    if i > 0 and flat[i - 1] in _BEFORE_A_PLACE:
        return True
    end = i + len(name.split())
    before = flat[max(0, i - 4) : i - 1] if i > 1 and flat[i - 1] in _JOINING else []
    after = flat[end + 1 : end + 4] if end + 1 < len(flat) and flat[end] in _JOINING else []
    return any(_a_town_not_a_vehicle(words) for words in (*_endings(before), *_openings(after)))


def _a_town(name: str) -> bool:
    """A US town's or city's name (the place tables of `places`)."""
    return name in places.CITIES or name in places.RISKY_CITIES or name in places.TOWNS


def _a_town_not_a_vehicle(name: str) -> bool:
    """A town's name that is no vehicle's name nor part of one ("ranger" of "polaris ranger")."""
    return _a_town(name) and name not in vocabulary().vehicles and name not in _vehicle_name_words()


@cache
def _vehicle_name_words() -> frozenset[str]:
    return frozenset(word for name in vocabulary().vehicles for word in name.split())


def _endings(words: list[str]) -> list[str]:
    """The last one, two and three words of ``words``, as names."""
    return [" ".join(words[-n:]) for n in (1, 2, 3) if n <= len(words)]


def _openings(words: list[str]) -> list[str]:
    """The first one, two and three words of ``words``, as names."""
    return [" ".join(words[:n]) for n in (1, 2, 3) if n <= len(words)]


def other_vehicle(u: Understanding) -> OtherVehicle | None:
    """The non-kei vehicle a question is about, if it names one and no kei truck.

    "Is a Delica a kei truck?" names kei words but is about the Delica, so imports and look-alikes count
    even beside kei words; a UTV or pickup beside a kei truck is a comparison, which is in scope.
    """
    found = named_vehicle(u)
    if found is None or u.models or u.chassis_code or u.engine_code:
        return None
    if found.rule in ("state", "other") and (names_kei(u) or _INSTEAD.search(u.text)):
        # "should I just get a Kawasaki Mule instead?" (of the kei the asker has in mind); "can a kei keep up
        # with a honda civic?"
        return None
    if found.category == "kei_van" and vocabulary().truck_words.intersection(u.tokens):
        return None  # "kei van vs kei truck for a farm": a comparison with the trucks, which is in scope
    return found


# asking who else is going somewhere: the room, not KeiBot
_SOCIAL = re.compile(rf"\b({alternation('social_askers')}) ({alternation('social_going')})\b")
_INSTEAD = re.compile(rf"\b({alternation('instead_words')})\b")
_JOKE_ASKED = re.compile(
    rf"\b(?:{alternation('joke_asking')})\b(?:\s+[\w']+){{0,5}}?\s+(?:{alternation('joke_nouns')})\b"
)
# a riddle told: "why did the kei truck cross the road?" and nothing after it
_RIDDLE_TOLD = re.compile(
    rf"^\W*(?:(?:{alternation('laughing_openers')})\W+)*why did the (?:[\w-]+\s+){{1,3}}cross the road\W*$"
)


def names_a_state(u: Understanding) -> bool:
    """Whether the message names one of its states itself (name or code), not only a town or port in it."""
    return any(
        places.STATE_NAMES[code].casefold() in u.text or code.casefold() in u.tokens for code in u.states
    )


def is_chatter(u: Understanding) -> bool:
    """A message that is chat, not a question for KeiBot: chat words ("joke", "game tonight", "recipe") and
    nothing kei about it: no truck, no state, no kei words."""
    if _SOCIAL.search(u.text):  # "anyone going to the mini truck meet in tennessee this weekend lol"
        return True
    if _RIDDLE_TOLD.match(u.text) or (_JOKE_ASKED.search(u.text) and not u.cues and not u.states):
        return True  # "why did the kei truck cross the road", "tell me a kei truck joke"
    # ("what's an HS-7 form lol" asks about the HS-7; a state named only by a town in it is where someone is:
    # "whats the best pizza place in portland")
    if names_kei(u) or u.cues or names_a_state(u):
        return False
    vocab = vocabulary()
    return bool(vocab.chatter.intersection(u.tokens)) or (
        bool(vocab.address.intersection(u.tokens)) and vocab.truck_parts.isdisjoint(u.tokens)
    )

"""Text normalisation and tokenising shared by understanding and matching."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import yaml

MAX_QUESTION_CHARS = 2000  # longer input is truncated before any work is done on it

_WORD = re.compile(
    r"\d+\.\d+(?![.\d])|[a-z0-9]+(?:['’][a-z0-9]+)*|[\u3040-\u30ff\u3400-\u9fff]+"
)  # "3.5" (a grade) is one word
_SPACES = re.compile(r"\s+")
# where a sentence ends: after a stop and a space, not inside "3.5" or after "U.S." / "U.S.C." or the "St." of
# "St. Louis" ("Mt.", "Ft." alike)
# (in a text whose abbreviations' stops are masked, ``mask_abbreviations``)
_SENTENCE_BREAK = r"(?<=[.!?])\s+"
# a user's message: whatever case follows ("it's a 98. is it legal?")
_MESSAGE_SENTENCE_BREAK = re.compile(_SENTENCE_BREAK)
# an entry's prose: before a capital, a digit or a quote
_PROSE_SENTENCE_BREAK = re.compile(_SENTENCE_BREAK + r"(?=[A-Z\d*\"“(])")
# clauses of an entry's prose, so "X is known; Y is not verified" is two
_CLAUSE_BREAK = re.compile(r"(?<=[.!?;:])\s+|\n+")
# a chassis code's shape: one to three letters, one to three digits, up to two letters (HA4, DA63T, S110P)
CHASSIS_CODE_SHAPE = r"[A-Za-z]{1,3}\d{1,3}[A-Za-z]{0,2}"
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean(text: str) -> str:
    """NFKC (full-width to ASCII), drop zero-width / bidi / other invisible format characters and stacked
    combining marks, and turn control characters and line / paragraph separators into spaces.

    An invisible character inside a word is dropped, not made a space: "ca\u200brry" is "carry".
    Case is kept: upper-case state codes ("live in OR") carry meaning the parser needs.
    """
    text = text[: MAX_QUESTION_CHARS * 2]
    if text.isascii():  # most questions: NFKC changes nothing and the only characters to drop are controls
        return _SPACES.sub(" ", _ASCII_CONTROL.sub(" ", text)).strip()[:MAX_QUESTION_CHARS].rstrip()
    return _clean_unicode(text)


def _clean_unicode(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cf":
            continue  # zero-width spaces and joiners, soft hyphens, bidi marks, word joiners, BOM
        if category in ("Cc", "Zl", "Zp", "Cs", "Co", "Cn"):
            kept.append(" ")
        elif category in ("Mn", "Me") and not _is_japanese_mark(ch):
            continue  # zalgo and stray accents
        else:
            kept.append(ch)
    return _SPACES.sub(" ", "".join(kept)).strip()[:MAX_QUESTION_CHARS].rstrip()


def _is_japanese_mark(ch: str) -> bool:
    return "\u3099" <= ch <= "\u309a"


def message_sentences(text: str) -> list[str]:
    """The sentences of a user's message."""
    return _split_sentences(_MESSAGE_SENTENCE_BREAK, text)


def prose_sentences(text: str) -> list[str]:
    """The sentences of an entry's prose."""
    return _split_sentences(_PROSE_SENTENCE_BREAK, text)


def _split_sentences(breaks: re.Pattern[str], text: str) -> list[str]:
    """``text`` split where ``breaks`` finds a sentence end, with no end inside an abbreviation ("U.S.", "St.")."""
    if "." not in text:
        return breaks.split(text)
    masked = mask_abbreviations(text)
    pieces, start = [], 0
    for found in breaks.finditer(masked):
        pieces.append(text[start : found.start()])
        start = found.end()
    pieces.append(text[start:])
    return pieces


# stops that end no sentence: "U.S.", "U.S.C.", "e.g.", the "St." of "St. Louis" ("Mt.", "Ft." alike)
_ABBREVIATION = re.compile(r"(?<![A-Za-z])(?:[A-Za-z]\.){2,}|\b[SsMmFf]t\.(?= )")


def mask_abbreviations(text: str) -> str:
    """``text`` with the stops of abbreviations replaced by a look-alike of the same length, so a search for
    sentence ends skips them and its spans are the text's own."""
    return _ABBREVIATION.sub(lambda m: m.group(0).replace(".", "\u2024"), text)


def prose_clauses(text: str) -> list[str]:
    """The clauses of an entry's prose: its sentences, split again at semicolons, colons and line breaks."""
    return _CLAUSE_BREAK.split(text)


def normalise(text: str) -> str:
    """Cleaned and case-folded; what matching sees."""
    return fold(clean(text))


def fold(cleaned: str) -> str:
    """``normalise`` for text that ``clean`` has already seen."""
    return cleaned.casefold().replace("’", "'")


def words(normalised: str) -> list[str]:
    return _WORD.findall(normalised)


_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "es", "ed", "s")


@functools.lru_cache(maxsize=1 << 16)  # words repeat: loading the knowledge base stems ~100,000 of them
def stem(word: str) -> str:
    """A deliberately light stemmer: enough to meet 'overheats' with 'overheating', never clever."""
    if len(word) <= 3 or not word.isalpha() or word.endswith("ss"):
        return word
    if word.endswith("ally") and len(word) >= 7:
        # "legally", "federally", "electrically": the adjective ("legal"), as its -s forms are
        return word[:-2]
    base = word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "ed" and word.endswith("eed"):
                break  # "bleed", "speed": the -ed is the word's own, not a past tense
            base = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    # the final -e goes whatever the length, so "tire" and "tires", "hose" and "hoses" meet
    return base[:-1] if len(base) > 3 and base.endswith("e") else base


EVERYDAY_WORDS = 30_000  # how many of the most frequent English words count as everyday words


@functools.cache
def everyday_words() -> frozenset[str]:
    """The most frequent English words (wordfreq's list, lower case): words a typo rule must leave alone."""
    # (imported here: a kept build holds the set, so a start need not load the package)
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", EVERYDAY_WORDS))


def read_word_file(path: Path) -> frozenset[str]:
    """The words of a data file of words: one or more per line, "#" starts a comment."""
    return frozenset(
        word
        for line in path.read_text(encoding="utf-8").splitlines()
        for word in line.split("#", 1)[0].split()
    )


_STOPWORDS_FILE = Path(__file__).with_name("data") / "stopwords.txt"
# Words that say nothing about which entry is meant: function words, "kei"/"truck" (every question here has
# them), everyday filler ("best way", "seems really"). Data, so it lives in the data file.
STOPWORDS = read_word_file(_STOPWORDS_FILE)


# Compounds with a stopword half: "off-road" must not shrink to "road", nor "work truck" to "work" (which every
# "not working" entry shares); "off roading" too, or its "roading" would be the "road" of "can I drive it on the
# road"; and "united states" is one word (a stopword, like "usa"), not "unit" and "stat".
_COMPOUNDS = re.compile(
    r"\boff[- ]?(road(?:ing|s)?|highway)\b|\bon[- ]?(road|highway)\b|\bwork[- ]?trucks?\b|\bunited states\b"
)
# A gearbox's number of speeds is one word ("5 speed", "five-speed", "5spd" are "5speed"): its "speed" is not
# the truck's speed ("gear ratios on a 5 speed carry" is no top-speed question)
_GEARBOX_SPEEDS = re.compile(r"\b([3-6]|three|four|five|six)[- ]?(?:speed|spd)s?\b")
_SPEED_COUNT = {"three": "3", "four": "4", "five": "5", "six": "6"}
# "how long does a timing belt last", "how many miles will the clutch last": the part's service interval, not
# a length ("how long is the bed") or the word "last"
_HOW_LONG_LAST = re.compile(
    r"\bhow (?:long|many (?:miles|km|kilometers|kilometres|years)) (?:does|do|will|would|should|can|did) "
    r"(.{1,40}?) last\b"
)
# An idle that "hunts" surges; "for hunting" is about deer: "hunting idle", "idle speed hunting", "the revs hunt"
# read as a surging idle, so "acty or sambar for hunting" does not get the idle-valve entry
_IDLE_HUNTS = re.compile(r"\b(idle|idling|rpm|revs?)((?:\s+\w+){0,2}?)\s+hunt(?:s|ing|ed)?\b")
_HUNTING_IDLE = re.compile(r"\bhunt(?:s|ing|ed)?\s+(idle|idling|rpm|revs?)\b")
# Oil grades however they are typed ("10w30", "10w-30", "10W 30"): the same two words as the entries' "10W-30"
_OIL_GRADE = re.compile(r"\b(\d{1,2}w)[- ]?(\d{2})\b")
# "HS-7", "F-150", "DOT-4" as one word, the way owners type them ("hs7", "f150", "dot4")
_HYPHEN_CODE = re.compile(r"\b([a-z]{1,3})-(\d{1,4})\b")
# An age rule is one word ("the 25 yr rule", "25-year-old", "25 years old"): the 25-year rule is not Canada's
# 15-year one, and the number alone says nothing ("every 10 years or 100,000 km" keeps its two words)
_YEARS_OF_AGE = re.compile(r"\b(\d{2})[- ]?(?:years?|yrs?)(?=[- ]?(?:rule|old|exemption)\b)")
# "parts in the states", "shipping it to the states": the US, not a state's rules
_THE_STATES = re.compile(r"\b(in|to|into|from|across|around) the states\b")
# ...and the fluid grades and form names typed with a space too ("DOT 4", "GL 4", "HS 7"), so "dot3" meets "DOT 3"
_SPACED_CODE = re.compile(r"\b(dot|gl|hs) (\d)\b")
# "what coolant should I run", "what tires are you guys running": here "run" means "use", and the word would
# otherwise match entries about how an engine runs ("engine runs cold")
_RUN_AS_USE = re.compile(
    r"\b(?:(?:should|do|would|could|can|to|shall)\s+(?:i|you|u|we|ya|people|you guys|y'?all|everyone)\s+run"
    r"|(?:are|is)\s+(?:you|u|ya|people|everyone|you guys|y'?all)\s+running)\b"
)


# An engine that does not start, crank or fire has a symptom word of its own ("won't start": "nostart"), kept beside
# the plain word: "cranks fine" then shares no "nocrank" with the starter entry's "no crank", and "won't start after
# jump" still has the "start" of jump-starting (review 22: "nostart" alone had made the after-sitting entry every
# no-start's answer); not an instruction ("do not start the engine while it is jacked up")
_NOT_STARTING = re.compile(
    r"\b(?:won'?t|wont|will not|doesn'?t|doesnt|does not|didn'?t|didnt|did not|wouldn'?t|wouldnt|would not|isn'?t|"
    r"isnt|is not|(?<!do )not|no)(?: even| ever| always| reliably)? (start|crank|fire)(?:s|ing)?\b"
)
_LICENSE_PLATE = re.compile(r"\blicen[cs]e (plates?|tags?)\b")
_TORN_BETWEEN = re.compile(r"\btorn\s+between\b")


_SYNONYMS_FILE = Path(__file__).with_name("data") / "synonyms.yaml"
# "tyre" is "tire", "carb" is "carburetor", "blinking" is "flashing": one word on both sides, so an entry
# written one way answers a question written the other
SYNONYMS: dict[str, str] = {
    str(word): str(same)
    for word, same in (
        yaml.load(_SYNONYMS_FILE.read_text(encoding="utf-8"), Loader=yaml.SafeLoader) or {}
    ).items()
}


def content_tokens(normalised: str) -> list[str]:
    """Stemmed words that carry meaning, in order."""
    joined = _COMPOUNDS.sub(lambda m: m.group(0).replace("-", "").replace(" ", ""), normalised)
    # (each rewrite only where its key word occurs: every entry's text goes through here at start-up)
    if "hunt" in joined:
        joined = _HUNTING_IDLE.sub(r"surging \1", _IDLE_HUNTS.sub(r"\1\2 surging", joined))
    if "last" in joined:
        joined = _HOW_LONG_LAST.sub(r"\1 interval", joined)
    if "torn" in joined:  # "torn between a carry and an acty" is choosing, not a torn seat or boot
        joined = _TORN_BETWEEN.sub("between", joined)
    if "start" in joined or "crank" in joined or "fir" in joined:
        joined = _NOT_STARTING.sub(r"no\1 \1", joined)
    if "licen" in joined:  # "a license plate" is a plate, not a driver's licence
        joined = _LICENSE_PLATE.sub(r"\1", joined)
    if "sp" in joined:
        joined = _GEARBOX_SPEEDS.sub(lambda m: _SPEED_COUNT.get(m.group(1), m.group(1)) + "speed", joined)
    joined = _OIL_GRADE.sub(r"\1 \2", joined)
    joined = _HYPHEN_CODE.sub(r"\1\2", joined)
    if "y" in joined:
        joined = _YEARS_OF_AGE.sub(r"\1year", joined)
    if "the states" in joined:
        joined = _THE_STATES.sub(r"\1 the us", joined)
    if "dot " in joined or "gl " in joined or "hs " in joined:
        joined = _SPACED_CODE.sub(r"\1\2", joined)
    joined = _RUN_AS_USE.sub(lambda m: m.group(0).rsplit(" ", 1)[0] + " use", joined)
    return [
        stem(SYNONYMS.get(w, w))
        for w in words(joined)
        if w not in STOPWORDS and (len(w) > 1 or not w.isascii())
    ]


_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)\d+>")
_MARKDOWN = re.compile(r"([\\*_~`|>\[\]()])")


def escape_untrusted(text: str) -> str:
    """Make user-supplied text inert in Discord Markdown: no pings, no links, no formatting."""
    text = _MENTION.sub(lambda m: m.group(0).replace("@", "@\u200b").replace("<", "<\u200b"), text)
    return _MARKDOWN.sub(r"\\\1", text)


QUESTION_TAIL_WORDS = 2  # a last question this short ("hub?", "or clutch?") is the tail of the one before
_CLOSING_QUESTION = re.compile(r"(?:^|[.!?]\s+)([^.!?]*\?)[^?]*$")
_ASIDE_QUESTION = re.compile(r"\?+\)")


# remark sentences that may follow a question written without a question mark
TRAILING_REMARKS = 1


def closing_question(text: str) -> str | None:
    """The last question of a message that says more than that question ("Bought a 96 Hijet ... The clerk
    won't title it. What do I need to do?" -> "What do I need to do?"); None for a message that is one
    question or asks none. A last question of a word or two is the tail of the one before it ("is it vacuum?
    hub?")."""
    text = _ASIDE_QUESTION.sub(")", text)  # "(cable?)" is an aside inside the question, not its end
    # (searched with the stops of abbreviations masked, the same length, so spans are the text's own)
    masked = mask_abbreviations(text)
    found = _CLOSING_QUESTION.search(masked)
    if found is None:
        return _unmarked_closing_question(text)
    closing = text[found.start(1) : found.end(1)].strip()
    before = masked[: found.start(1)].rstrip()
    if len(closing.split()) <= QUESTION_TAIL_WORDS and before.endswith("?"):
        earlier = _CLOSING_QUESTION.search(before)  # (none in "?? hub?")
        closing = f"{text[earlier.start(1) : earlier.end(1)].strip()} {closing}" if earlier else closing
    if len(closing) >= len(text.strip()) - 1:
        return None
    return closing


def _unmarked_closing_question(text: str) -> str | None:
    """A message with no question mark that ends in sentences worded as questions ("Cool trucks! Why don't
    they sell those in the US"; "... Is it just the disc or the cable too. how hard of a job"): those
    sentences, when something comes before them."""
    if "?" in text:
        return None
    sentences = [s.strip().rstrip(" .!") for s in message_sentences(text) if s.strip(" .!")]
    last = len(sentences)
    # (a remark after the question is no part of it: "... can I retime it and slap a new belt on. Sorry this is
    # stressing me out, it's a 91 HA3")
    while last > len(sentences) - TRAILING_REMARKS and last > 0 and not _asks_unmarked(sentences[last - 1]):
        last -= 1
    if last == 0 or not _asks_unmarked(sentences[last - 1]):
        return None
    first = last
    while first > 0 and _asks_unmarked(sentences[first - 1]):
        first -= 1
    if first == 0:
        return None
    return ". ".join(sentences[first:last])


def _asks_unmarked(sentence: str) -> bool:
    return bool(_ASKS_UNMARKED.match(sentence.casefold()))


# how a clause that asks something begins ("whats the pressure", "do i need it translated")
_WH_WORD = r"(?:what|whats|what's|how|hows|how's|where|wheres|where's|which|who|why|when)"
_ASKING_START = rf"(?:{_WH_WORD}|do|does|did|is|are|can|could|should|would|will|any|anyone|anybody)"
_LEADING_FILLER = re.compile(r"^(?:and|also|so|plus|but|ok|okay|oh|then|btw)\b[\s,]*")
# "... and whats the pressure", "... pads, what brake fluid does it take"
_SECOND_QUESTION = re.compile(
    rf",?\s+(?:and|also|plus|&)\s+(?:also\s+)?(?={_ASKING_START}\b)|,\s+(?={_WH_WORD}\b)"
)
_ASKS = re.compile(rf"^{_ASKING_START}\b")


def opens_as_a_question(clause: str) -> bool:
    """Whether a clause (lower case) opens the way a question does ("what oil does it take", "is it legal"), not a
    statement ("i live in virginia")."""
    return bool(_ASKS.match(clause.lstrip()))

# with no question mark, only wording that can be nothing but a question: "how hard of a job", "is it just the
# disc", "why don't they sell those in the US", "anyone run into this before"; not "Where I live they salt the
# roads", "Can't find it", "Any tips"
_ASKS_UNMARKED = re.compile(
    r"^(?:(?:what|whats|what's|how|hows|how's|why|which|who|anyone|anybody)\b"
    r"|(?:where|when)\s+(?:do|does|did|can|could|should|would|will|is|are|to)\b"
    r"|(?:is|are|can|could|should|would|will|do|does|did)\s+(?:i|it|this|that|there|they|these|those|a|an|the|my"
    r"|you|we|he|she|anyone|anybody|someone)\b)"
)
_ASKS_WH = re.compile(rf"^{_WH_WORD}\b")


@functools.lru_cache(maxsize=256)  # (several stages ask it of the same message)
def question_parts(text: str) -> tuple[str, ...]:
    """The separate questions a message asks, one per clause ("what size tires on a stock 12 inch kei truck
    and whats the pressure" -> two); sentences that ask nothing (a post's backstory) are left out. An empty
    tuple for a message that asks one question or none."""
    parts: list[str] = []
    for sentence in message_sentences(text.casefold()):
        sentence = _LEADING_FILLER.sub("", sentence.strip())
        clauses = [c.strip(" ,.!?") for c in _SECOND_QUESTION.split(sentence)]
        # "brakes feel spongy after i changed the pads, what brake fluid does it take": the symptom and
        # the question; "I want 4x4 and will use it on a farm" asks nothing
        if not (
            sentence.endswith("?") or _ASKS.match(sentence) or any(_ASKS_WH.match(c) for c in clauses[1:])
        ):
            continue
        parts.extend(c for i, c in enumerate(clauses) if c and (i == 0 or _ASKS.match(c)))
    return tuple(parts) if len(parts) >= 2 else ()

"""The one answering function every interface goes through, and its decide stage.

``Answerer.answer(question, conversation, profile)`` runs the stages in order, each in its own module:
understand (``understand``: slots, cues) → scope (``scope``: other vehicles, chatter) → conversation
(``conversation``: is this a follow-up?) → retrieve (``matching.Index`` ranks entries; ``passages`` cuts them) →
decide (here: answer, "did you mean", or decline, by the thresholds in ``policy``; computed answers from
``eligibility`` and ``units``) → compose (``compose``: the focused text with sources and dates).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

import yaml

from bot.core import eligibility, passages, scope, units
from bot.core.compose import (
    CONDITION_WORDS,
    NO_ROAD_USE,
    POINTS_BACK,
    VERDICT_CONDITIONS,
    Composer,
    asked_conditions,
    asked_conditions_in,
)
from bot.core.conversation import (
    ASKING_FOR,
    GREETING,
    GREETING_PREFIX,
    LEANING_WORDS,
    PLEASANTRY,
    Conversation,
    is_follow_up,
    merge_context,
    swapped_words,
)
from bot.core.knowledge import KnowledgeBase
from bot.core.matching import COMPARE, Index, Match, reading_examples
from bot.core.model import Answer, UsedEntry  # noqa: F401  (re-exported: adapters import them from here)
from bot.core.places import STATE_NAMES
from bot.core.policy import (
    AMBIGUITY_MARGIN,
    ANSWER_THRESHOLD,
    BETWEEN_STATES_THRESHOLD,
    COMPANION_COVERAGE,
    COVERAGE_THRESHOLD,
    MAX_STATES_IN_ONE_ANSWER,
    ONE_WORD_QUESTION_IDF,
    REFINING_WORDS,
    RELATED_TOPIC_THRESHOLD,
    SIDE_COVERAGE,
    SPREAD_COUNT,
    SPREAD_MARGIN,
    SPREAD_TEXT,
    SUGGEST_THRESHOLD,
)
from bot.core.schema import Entry, Kind, Status
from bot.core.text import (
    MAX_QUESTION_CHARS,
    STOPWORDS,
    clean,
    content_tokens,
    message_sentences,
    normalise,
    opens_as_a_question,
    question_parts,
    stem,
    words,
)
from bot.core.understand import ENGINE_MODELS, Lexicon, Understanding, intent_cues, understand
from bot.core.wordbook import alternation, content_words, word_list, word_set

FEDERAL_25_YEAR = "federal-25-year-rule"
FEDERAL_EPA_21_YEAR = "federal-epa-21-year-exemption"
FEDERAL_CANADA = "federal-canada-15-year-rule"
FEDERAL_UNDER_25 = "federal-under-25-off-road-import"
STATE_OVERVIEW = "legal-state-overview"
MOVING_STATES = "legal-moving-to-another-state"
STATE_CORE = frozenset({"registration", "title"})  # what every state card is about: its own rules answer it
REGISTERING_AWAY = "legal-registering-out-of-state"
# the general entries on how two states relate (plates from one driven in another, registering where you don't
# live, another state's papers): where a post names two states, one of these answers it ahead of their cards
DRIVING_ELSEWHERE = "legal-driving-other-states"
BETWEEN_STATES = frozenset({DRIVING_ELSEWHERE, REGISTERING_AWAY, "legal-title-washing-vermont"})
ELSEWHERE = re.compile(rf"\b(?:{alternation('elsewhere_words')})\b")
RESIDENCY_WORDS = word_set("residency_words")  # what registering where you don't live is about
ENGLISH_STATE_CODES = word_set("english_state_codes")  # "me", "or", "in": no state without more context
CLASS_OVERVIEW = "what-is-a-kei-truck"


DECLINES = {
    "fraud": "I can't help with altering or misstating import documents. Eligibility is fixed by the truck's "
    "real month of manufacture, and CBP, NHTSA and the DMV all check it against the chassis.",
    "governor": "I can't help with removing or defeating a speed governor. Trucks under 25 years old come "
    "in as off-road vehicles on the condition that the governor stays.",
    "price": "I don't speculate about prices or values; I only answer from sourced facts.",
    "legal_work": "I can't write legal documents or predict what a court or agency will decide. I can tell you "
    "what the rules say and which office to contact.",
    "kei_car": "I only cover kei **trucks** (Acty, Carry, Sambar, Hijet, Minicab and their twins), not kei cars, "
    "the passenger cars of the same Japanese 660 cc class.",
    "non_us": "I only cover US federal import rules and the rules of the 50 states and DC, not other countries.",
    "territory": "I only cover the 50 states and DC; US territories have their own registration rules that "
    "are not in my knowledge base.",
    "off_topic": "That's outside what I know: I answer questions about kei trucks in the US (state rules, "
    "import, models, maintenance, parts and buying).",
    "chatter": "I'm KeiBot: I answer questions about kei trucks in the US — state rules, importing, models, "
    "maintenance, parts and buying. Try “is my 98 Carry legal in Texas?”",
}
COMPARISON_NOTE = (
    "I only compare on sourced facts; where one side has no figure in my knowledge base, treat the comparison "
    "as incomplete."
)
NO_COMPARISON = "I don't have sourced facts to compare those on, so I won't guess."
_FEDERAL_RULE_APPLIES = (
    "The federal rule does apply to it as to any imported vehicle: it can come in for road use once it is 25 "
    "years old, counted from its month of manufacture. Whether your state then registers it is up to the state"
)
OTHER_VEHICLE_RULES = {
    "federal": f"{_FEDERAL_RULE_APPLIES}'s general rules, not its kei-truck rules.",
    "federal_kei": f"{_FEDERAL_RULE_APPLIES}, and some states' rules name kei vehicles of every kind, not only "
    'trucks (Wisconsin refuses any "Kei class vehicle"): ask its DMV.',
    "state": "States treat it under their own rules for that kind of vehicle, which are not the kei-truck rules "
    "I cover: ask your state's DMV.",
    "other": "For it, a shop or an owners' group for that model is the place to ask.",
}
# "where can I find the fuse box on my hijet": where a thing is on the truck, not where to buy one
# "how fast does a kei truck actually go?", "top speed": what the truck can do, not what a state allows
ASKS_TRUCK_SPEED = re.compile(
    r"\bhow fast (?:can|does|do|will|would) (?:it|they|these|those|a|an|the|my|your|kei|mini)\b[^.?!]*\bgo\b"
    r"|\btop speed\b"
)
LOCATING = re.compile(
    r"\bwhere (do|can|could|would|to)( i| you| one| we)? ?find (the|my|your|its)\b[^.?!]*\b(on|in|under|behind)\b"
)
# "wheres the best place to buy a kei truck in the US", "where can I get a hijet near denver": the truck itself is
# what is bought (a truck's name followed by nothing, a place or a price; not "buy a hijet bed liner")
# ("get my carry in texas registered" is no purchase: only "a", "an", "one", "another" or nothing before the truck)
BUYING_THE_TRUCK = re.compile(
    rf"\b(buy|get|find|order|pick up|import|source)\s+(a|an|one|another)?\s*"
    rf"(({alternation('truck_buying_adjectives')}|\d{{2,4}}) )*(({alternation('truck_buying_makers')}) )?"
    rf"(kei|mini|japanese|jdm)?\s*({alternation('truck_buying_names')})"
    r"(?=\s*($|[?.!,)]|\b(in|near|from|for|online|around|under|with|that|here|there|locally|cheaply|at|on|over|if|or"
    r"|and|so|but|me)\b))(?![^.?!]*\b(registered|titled|plated|inspected|fixed|repaired)\b)"
)
BUYING_WORDS = ("buy",)  # what a question about buying the truck itself asks, in the index's words
SOURCING = re.compile(
    r"\bwhere (do|can|could|should|would|to)( i| you| you guys| y'?all| u| we| one| people| ppl| everyone)? ?"
    r"(get|buy|find|order|source|pick up)\b|"
    # ("does anyone sell kei trucks near Denver" asks where to buy a truck, not a part)
    r"\bwho sells\b|\b(anyone|anybody|someone|somebody) (here )?(sell|sells|stock|stocks)\b"
    r"(?! (kei |mini |japanese )?(trucks?|keis?|minitrucks?)\b)|"
    r"\b(best|good|cheapest|reliable|decent) (place|site|website|shop|store|source|supplier|vendor)s? "
    r"(to|for)\b|"
    r"\bparts\W+(from )?where\b|"  # "sambar ks4 parts where"
    # "need a clutch kit for DA63T, any US seller?"
    r"\bany (?:(?:us|usa|american|good|decent|reliable|cheap) )?(?:seller|vendor|supplier)s?\b|"
    r"\bwhere (y'?all|you guys|yous|people|ppl|everyone|u|you) (are |r )?(getting|buying|ordering|sourcing|finding)\b"
)
SOURCING_WORDS = content_words("sourcing_words")
_CLAUSE_BREAK = re.compile(r"[,;]| - ")
# how a sourcing question asks for a part's number, not which part: "a part number or cross reference for a water
# pump" is about the water pump (the oil-filter cross-reference entry has these words too)
PART_NUMBER_WORDS = frozenset(content_words("part_number_words"))
# words of a sourcing question that are not the part: which copy of it ("where to get a replacement windshield"
# asks about windshields) and the asking ("does anyone sell one")
NOT_THE_PART_WORDS = frozenset(
    content_words("part_copy_words") + content_words("sourcing_verbs") + content_words("sourcing_places")
)
REPLACEMENT_WORDS = frozenset(content_words("replacement_words"))  # a part replaced, whichever part it is
PART_WORDS = frozenset(content_words("part_words"))  # "where do i get parts for my acty"
# asking whether two trucks are one ("is a Scrum the same as a Carry", "Scrum parts interchange with Carry?")
SAME_AS = re.compile(rf"\b({alternation('same_as')})\b")
FITS = re.compile(rf"\b({alternation('fits_words')})\b")  # "do S500P headlights fit a S510P"
# a part the owner says works or has just renewed, named before or after the words saying so (see question_words.yaml)
TROUBLE_GOES_ON = re.compile(rf"\b(?:{alternation('trouble_goes_on')})\b")
PART_IS_NEW = re.compile(rf"\b([a-z]+) (?:{alternation('part_is_new')})\b")
RULED_OUT = re.compile(
    rf"\b([a-z]+) (?:(?:does|do|still|always|definitely) )?(?:{alternation('working_phrases')})\b"
    rf"|\b(?:{alternation('renewed_words')}) (?:the |a |an |my )?(?:new )?([a-z]+)\b"
)
WHO_MAY_DRIVE = re.compile(rf"\b(?:{alternation('who_may_drive')})\b")
EITHER_OR = re.compile(r"\b([\w-]+)\s+or\s+(?:an?\s+|the\s+)?([\w-]+)\b")
# "torn CV boot on my scrum DG52T, can i use a carry part?": whether the twin's parts do (with both trucks named)
TWINS_PART = re.compile(
    rf"\b(?:{alternation('fits_words')}|use)\b(?: (?:a|an|the|my|his|her))?(?: [\w-]+){{0,2}} parts?\b"
)
CHASSIS_CODE_READING = "kei-chassis-code-reading"
# a truck's age as the owner gives it ("a kei truck that's only 22 years old", "my hijet is 30 yrs old"): the
# word before "is" / "'s" says whose age it is (not "the battery is 5 years old", "my son is 16 years old")
TRUCK_AGE = re.compile(
    rf"\b([a-z0-9]+)(?:'s| is| was)\s+(?:(?:{alternation('age_hedges')}) )?(\d{{1,2}})\s*"
    r"(?:years?|yrs?|y/?o)[- ]?(?:old)?\b"
)
AGE_OF_TRUCK = word_set("truck_age_subjects")  # besides model names
# the truck is already in the US: the question is what comes next, not whether it may come in
ALREADY_HERE = re.compile(
    rf"\b({alternation('already_here')}|"
    rf"({alternation('refusing_offices')}) ({alternation('refusals')}) (to )?({alternation('refused_acts')}))\b"
)  # (a DMV that refused to register the truck has it in front of them)
ASKS_ELIGIBILITY = re.compile(rf"\b({alternation('asks_eligibility')})\b")
# a move between states: a moving word, then "from ... to" or "to ... from" ("moving from michigan to minnesota")
MOVING = re.compile(rf"\b({alternation('moving_words')})\b[^.?!]*\b(from\b[^.?!]*\bto|to\b[^.?!]*\bfrom)\b")
_GENERATION_WORDS = yaml.safe_load(
    (Path(__file__).with_name("data") / "generation_words.yaml").read_text(encoding="utf-8")
)
_BUILD_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-3]\d)\b")
WHEN_BUILT_WORDS = frozenset(
    token for word in _GENERATION_WORDS["when_built"] for token in content_tokens(normalise(word))
)
GENERATION_WORDS = WHEN_BUILT_WORDS | frozenset(
    token for word in _GENERATION_WORDS["which_sheet"] for token in content_tokens(normalise(word))
)
CODE_WORDS = frozenset(
    token for word in _GENERATION_WORDS["naming_the_code"] for token in content_tokens(normalise(word))
)


def _beside_generation(topic: list[str]) -> list[str]:
    """What a question naming a chassis code asks beyond which generation it is and when it was built."""
    when_built = bool(WHEN_BUILT_WORDS.intersection(topic))
    return [t for t in topic if t not in GENERATION_WORDS and not (when_built and t in CODE_WORDS)]


BUYING_OVERSEAS = re.compile(rf"\b({alternation('overseas_sellers')})\b")
# a buying verb, up to two words ("a", "an old"), then a year: the year of the truck bought
_BUYS_A_YEAR = re.compile(rf"\b(?:{alternation('buying_verbs')})\b(?:\s+\w+){{0,2}}?\s+('?\d{{2}}|\d{{4}})\b")
OFF_ROAD_ROUTE = re.compile(rf"\b({alternation('off_road_route')})\b")
TO_CANADA = re.compile(r"\b(to|into) canada\b")  # the destination; "registered in canada" comes to the US
# a truck no longer as built ("the seller swapped a different engine in it"): its age alone does not settle
# whether it may come in, so the rule's own entry answers (the EPA exemption wants the original configuration)
NOT_AS_BUILT = re.compile(rf"\b({alternation('not_as_built')})\b")
# A question whose own words match one of the two federal rules this well is about that rule ("EPA form
# 3520-1"), not only about the truck's dates
SPECIFIC_RULE_WORDING = 0.8
# An entry scoring this high (its own name in the question, the asked truck) and this far ahead of the next
# answers even if the question's other words are not in it (the lead set on the sample set, where 0.25 gains one;
# the score on the 200 written routing questions, where 0.9 gains three over 0.95; neither changes the rest; 0.85
# answered "top speed of a 660cc kei truck on flat ground?" (trial 25) but also the remark "my first state
# inspection went fine")
DECISIVE_SCORE = 0.9
DECISIVE_ASKED_SCORE = 0.85  # ...for a message that asks something (a "?" or a question word)
# A question's own words matching an entry's alias or phrasing this well hold that entry's wording
OWN_WORDING_SCORE = 0.9
# a long post's closing question settling which entry answers it (_closing_question_settles)
LONG_POST_SENTENCES = 3
CLOSING_LEADER_SCORE = 0.6
OWN_TRUCK_LEAD = 0.2  # how far behind a general entry the asked truck's own entry on the question may be
# of the entries the rest of a question ranks, how far down one not named for a ruled-out part
RULED_OUT_RANKED = 3
DECISIVE_LEAD = 0.25
# ...and a little less again for an entry that speaks to at least half of what is asked ("one broker told me 25%
# duty because of the chicken tax, another said 2.5% ... truck or van ... as parts?": the duty entry, 0.84, far
# ahead of the rest, though the post's side words keep its coverage under the answering share)
DECISIVE_COVERED_SCORE = 0.8
DECISIVE_COVERAGE = 0.5
# how far an entry that covers a post's closing question, and which that question's own words rank first, may
# trail the post's top score and still be no guess (trial 38: "...What should I do first? And what fluid goes in
# the gearbox and the front diff?" trailed the timing-belt entry by 0.11; twice the 0.06 it was)
CLOSING_QUESTION_LEAD = 0.12
# how far down the ranking an entry written for a named chassis code is looked for
GENERATION_SEARCH_DEPTH = 10
MATCHES_CONSIDERED = 5  # the matches every decision looks at
# the share of a question an entry's title and aliases must speak to, to be taken from that far down
NAMED_COVERAGE = 0.5
# an entry named with two words the question says together ("gear oil") may trail a leader named with neither
# pair ("engine oil ... capacity") by this much and still go first
NAMED_PHRASE_LEAD = 0.06
MAX_PARTS_ANSWERED = 3  # a message asking more things than this is too broad to answer part by part
# kinds of entry about the truck itself (what it is, how to fix it, its parts), as against its rules and buying
# conditions only a state's own rules answer (a general entry named for one is no answer in their place)
STATES_OWN_CONDITIONS = frozenset(
    {"registration", "roads", "speed", "interstates", "farm_use", "local_option"}
)
THE_TRUCK_ITSELF = frozenset((Kind.MODEL_SPEC, Kind.MAINTENANCE, Kind.PARTS))
# Words that ask about a part of a state's rules (its conditions, laws, whom to ask), from the data file
STATE_RULE_WORDS = frozenset(
    stem
    for phrase in (
        *(phrase for phrases in passages.state_topics()[0].values() for phrase in phrases),
        *(passages.state_topics()[1][section] for section in ("law", "pending", "who")),
    )
    for stem in content_tokens(normalise(phrase))
)
# "the ISF for cars", "ship a car from Japan": the vehicle the owner means, not a topic an entry must cover.
# They stay words for ranking, where "kei car import" needs "car".
# "top speed of a 660cc kei truck", "my 5spd hijet grinds into 2nd": which truck, not what is asked of it
VEHICLE_NOUNS = frozenset(content_words("vehicle_nouns"))
# "F6A vs K6A - which is better": how a comparison is asked, not a topic an entry must cover (the compare
# cue has already read it)
COMPARING_WORDS = frozenset(content_words("comparing_words"))
# asking whether the truck may be driven somewhere ("can I drive a kei truck in Oregon")
# (asked, not told: "I run it in Ohio winters, what oil should I use?" asks about oil)
DRIVING_THERE = re.compile(
    r"\b(?:can|could|may|allowed to|legal to|able to|ok to|okay to)\b(?:\s+[\w']+){0,3}?\s+"
    r"(?:drive|run|take|use)\b(?:\s+[\w']+){0,5}?\s+in\b"
)
# taking the truck somewhere ("can I move it on roads in alabama", "drive it home"): the roads on the way count
_TAKING_IT = re.compile(rf"\b(?:{alternation('taking_it_verbs')})\b")
# a place a question points at without naming it ("can I register it here?", "is it legal there?"): some state
# the post has in mind, which may be the one it names
_PLACE_POINTED_AT = re.compile(rf"\b(?:{alternation('own_place')}|{alternation('other_place')})\b")
WHO_MADE = re.compile(
    rf"\bwho\s+(?:\w+\s+)?(?:{alternation('who_made_verbs')})\b|\b(?:which|what)\s+(?:{alternation('who_made_nouns')})\b"
    rf"|\b(?:{alternation('who_made_phrases')})\b"
)
WHO_MADE_WORDS = frozenset(content_words("who_made_words") + content_words("who_made_phrases"))
PLAIN_VERSION = re.compile(
    rf"\b({alternation('plain_version_words')}) (?:{alternation('plain_version_nouns')})\b"
)
# "what's the diff between DA63T and DA52T": "diff" is the difference there, not the differential
DIFFERENCE_WORDS = frozenset(content_words("difference_words"))
# "DA63T vs DD51T, which to buy": choosing between two generations asks how they differ, not where to shop
CHOOSING_WORDS = frozenset(content_words("choosing_words"))
IMPORT_ORIGIN_WORDS = frozenset(content_words("import_origin_words"))
# "the heater only blows cold air, what's wrong?": the closing clause asks about the trouble already named
ABOUT_THE_TROUBLE_NAMED = frozenset(content_words("about_the_trouble_named"))
LEGAL_KINDS = frozenset({Kind.LEGAL_TOPIC, Kind.FEDERAL_RULE})  # general legal entries, beside a state's own
CHOOSING = word_set("choosing_superlatives")  # "which is better", "the best"
HELP = re.compile(
    r"(help|help me|/?help please|what can (you|i) (do|ask)( you)?|what do you (do|know|answer)|"
    r"how do(es)? (this|you|it) work|commands|what are (your|the) commands|who are you|what is keibot|"
    r"(hey |yo )?(bot |keibot )?(who|what) (made|built|created|wrote|programmed) (you|u|this bot|keibot)|"
    r"((are|r) )?(you|u|ya) (a bot|an ai|ai|human|a real person|real)|is (this|that) (a bot|an ai|ai))"
)
# "what are japanese 4x4 mini trucks?", "what is a kei truck used for": the words before the noun describe
# the vehicle being defined ("4x4" here is not a question about 4WD)
DEFINITION = re.compile(
    r"(what(?:'s| is| are)|whats)( an?| the)?"
    r"( (?!(?:with|about|for|of|on|in|to|from|like|than|at|by|most|least|best|worst|\w+est)\b)[\w-]+){0,3}?"
    r" (kei|mini|micro)[ -]?trucks?"
    r"( (used|good) for| for| exactly| anyway)?"
    # "what defines a kei truck", "how is a kei truck defined", "the definition of a kei truck"
    r"|what (?:defines|makes) (?:an? |the )?(?:kei|mini|micro)[ -]?trucks?( an? (?:kei|mini|micro)[ -]?trucks?)?"
    r"|how (?:is|are) (?:an? |the )?(?:kei|mini|micro)[ -]?trucks? defined"
    r"|(?:the )?definition of (?:an? |the )?(?:kei|mini|micro)[ -]?trucks?"
)
GUIDE = (
    "I answer questions about kei trucks in the US from a curated, sourced knowledge base, with the date each "
    "fact was last checked:\n"
    "- **State rules:** “is my 98 Carry legal in Pennsylvania?” (or `/state`)\n"
    "- **Importing:** “can I import a March 2001 Hijet yet?” (or `/import-check`)\n"
    "- **Models and maintenance:** “timing belt interval on an HA4 Acty?” (or `/truck`)\n"
    "- **Parts:** “where do I get a clutch kit for a KS4 Sambar?” (or `/parts`)\n"
    "Save your home state and truck with `/profile set`, and use the buttons under an answer to see the full "
    "entry or report something outdated."
)
# "where can I buy a replacement one" with nothing before it to say which
WHICH_PART = (
    "Which part are you after? Tell me the part and your truck (model or chassis code, like DA63T or HA4) and "
    "I'll point you to where owners get it."
)
WHICH_STATE = (
    "Which state? Kei-truck rules differ a lot from state to state. Name the state, or save it once with "
    "`/profile set` and “is it legal in my state?” will use it."
)


class ProfileLike(Protocol):
    home_state: str | None
    model: str | None
    year: int | None


class Answerer:
    def __init__(self, kb: KnowledgeBase, clock: Callable[[], dt.date] = dt.date.today) -> None:
        self.kb = kb
        self.lexicon = Lexicon.from_kb(kb)
        self.index = Index(kb, self.lexicon.twins)
        self.composer = Composer(kb, self.lexicon, self.index, clock)
        # (an example question is read as a question is: "can i register a 2015 carry" is about registering)
        self.index.learn_examples(lambda text: self.index.question_tokens(understand(text, self.lexicon)))
        self.use_clock(clock)  # (which also reads the stages' data files now, not on the first question)
        cut = self.composer.passages
        # chassis code -> its generation's sheet, worked out once (every question naming a code asks for it)
        self.generation_sheets = self.index.generation_sheets
        self.family_overviews = self.composer.family_overviews
        # every word an entry says anything about: what "does it cover the question's focus?" checks
        self.entry_words = {
            entry.id: frozenset().union(
                *(p.tokens for p in cut[entry.id].passages),
                content_tokens(
                    normalise(
                        " ".join(
                            (
                                entry.title,
                                cut[entry.id].lead,
                                entry.summary or "",
                                *entry.aliases,
                                *entry.phrasings,
                            )
                        )
                    )
                ),
            )
            for entry in kb.entries
        }
        # entries that give an amount of fluid with its unit
        self.gives_amounts = frozenset(entry.id for entry in kb.entries if _AMOUNT.search(entry.body))
        # what an entry is about: its title's words
        self.title_words = {
            entry.id: frozenset(content_tokens(normalise(entry.title))) for entry in kb.entries
        }
        # ...and the names it goes by (title and aliases), and their word pairs ("gear oil", "hub locks"): what says
        # an entry is named for a word or a phrase
        names = {
            entry.id: [content_tokens(normalise(text)) for text in (entry.title, *entry.aliases)]
            for entry in kb.entries
        }
        self.name_words = {
            entry_id: frozenset(t for name in said for t in name) for entry_id, said in names.items()
        }
        self.name_pairs = {
            entry_id: frozenset(pair for name in said for pair in itertools.pairwise(name))
            for entry_id, said in names.items()
        }
        # entries that compare the trucks, by their title or an alias ("4WD systems compared", "compare kei
        # trucks"): what "which is better" is answered from
        self.comparing_entries = self.index.entries_named_with(COMPARE)
        # the words parts and maintenance entries are named with: what a part is, for "where do I get X"
        self.part_words = frozenset(
            token
            for entry in kb.entries
            if entry.kind in (Kind.PARTS, Kind.MAINTENANCE)
            for text in (entry.title, *entry.aliases, *entry.phrasings)
            for token in content_tokens(normalise(text))
        )
        # entries with a phrasing that asks where to get their part ("where can i get a windshield ...")
        self.sourcing_phrased = frozenset(
            entry.id
            for entry in kb.entries
            if any(SOURCING.search(normalise(text)) for text in (*entry.aliases, *entry.phrasings))
        )

    def __getstate__(self) -> dict[str, Any]:
        # what is built from the knowledge base, kept on disk (bot.core.prebuilt); the clock is the caller's
        return {name: value for name, value in self.__dict__.items() if name != "clock"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.use_clock(dt.date.today)

    def use_clock(self, clock: Callable[[], dt.date]) -> None:
        """Answer as of the dates ``clock`` gives (a test's fixed day; today)."""
        self.clock = self.composer.clock = clock
        scope.vocabulary()  # data files read now, not on the first question (a kept build has not read them)
        passages.focus_words()

    # ------------------------------------------------------------ entry point

    def answer(
        self,
        question: str,
        conversation: Conversation | None = None,
        profile: ProfileLike | None = None,
    ) -> Answer:
        part, trimmed = _question_part((question or "")[: MAX_QUESTION_CHARS * 50])
        asked = clean(part)
        u = understand(asked, self.lexicon)
        u = self._apply_profile(u, profile)
        u = self._age_as_year(u)
        chatter = (
            bool(PLEASANTRY.fullmatch(u.text) or GREETING.fullmatch(u.text))
            or scope.is_chatter(u)
            or scope.is_remark(u)
        )
        follow_up = not chatter and is_follow_up(u, conversation, self.index)
        own = u
        if follow_up and conversation is not None:
            u = merge_context(u, conversation, self.index)
        answer = self._route(asked, u, conversation if follow_up else None)
        if (
            not answer.answered
            and answer.suggestion_ids
            and answer.intent != "out_of_scope"
            and self.index.example_stands_out(u)
        ):
            # "did you mean": read again with the entries' example questions, which may settle which one is meant
            with reading_examples():
                worded_like = self._route(asked, u, conversation if follow_up else None)
            if worded_like.answered:
                answer = worded_like
        # ("same for a 96?", "what about in OR?": only another truck or place, so the answer is given again whole)
        if follow_up and conversation is not None and answer.answered and self.index.question_tokens(own):
            answer = self._without_repeated_opening(answer, conversation.entry_ids, own)
        if conversation is not None:
            read = tuple(  # the entries whose opening this answer showed
                e.id for e in answer.entries if (lead := self._lead(e.id)) and lead in answer.body
            )
            conversation.remember(
                u,
                answer.intent,
                answer.answered,
                self.index,
                read,
                follow_up=follow_up,
                leading_entry=answer.entries[0].id if answer.entries else None,
            )
        if not answer.answered and not answer.chatter and (conversion := units.convert(u.text)):
            # the arithmetic needs no source: give it even when no entry answers the rest
            answer = _with_opening_line(answer, conversion)
        if answer.answered and (note := _van_note(u)):
            # "how do i change the oil in my Suzuki Every kei van DA64V": the truck's answer, said to be one
            answer = _with_opening_line(answer, note)
        elif answer.answered and answer.legal and (note := _other_vehicle_note(u)):
            # "golf cart vs kei truck: which is street legal?": the kei rules answer half of it; say so
            answer = _with_opening_line(answer, note)
        if trimmed:
            answer = _with_opening_line(answer, LONG_NOTE)
        return answer

    def _without_repeated_opening(self, answer: Answer, shown: tuple[str, ...], own: Understanding) -> Answer:
        """A follow-up answered from the entry the last answer quoted ("how many quarts?" after "what oil
        does it take?"): the user has just read that entry's opening, so give the passages the follow-up asks
        for without it. State entries keep theirs: the status line says which state the answer is about; so does
        an opening with build years when the follow-up asks when ("and which years were HA4?")."""
        if not answer.entries or answer.entries[0].id not in shown:
            return answer
        entry = self.kb.by_id.get(answer.entries[0].id)
        lead = self._lead(entry.id) if entry is not None else ""
        if entry is None or entry.kind is Kind.STATE_RULE or not lead:
            return answer
        asked = self.index.question_tokens(own)
        if not WHEN_BUILT_WORDS.isdisjoint(asked) and _BUILD_YEAR.search(lead):
            return answer
        if asked and not set(passages.expand(asked)).isdisjoint(content_tokens(normalise(lead))):
            # the opening is what the follow-up asks ("and how often should i change it" after an oil question:
            # the opening gives the interval): read again, it is the answer
            return answer
        opening = f"{lead}\n"
        at = answer.body.find(opening)
        if at < 0 or answer.body[at + len(opening) :].startswith("_From"):
            return answer  # no passage of its own follows the opening: keep the answer whole
        return replace(
            answer, text=answer.text.replace(opening, "", 1), body=answer.body.replace(opening, "", 1)
        )

    def _lead(self, entry_id: str) -> str:
        cut = self.composer.passages.get(entry_id)
        return cut.lead if cut is not None else ""

    def answer_entry(self, entry_id: str, *, full: bool = False) -> Answer | None:
        """The answer built from one entry: when a user picks a "did you mean" suggestion (its overview),
        or asks for the full entry behind a focused answer (``full``)."""
        entry = self.kb.by_id.get(entry_id)
        if entry is None:
            return None
        u = understand(entry.title, self.lexicon)
        if not full:
            u = u.with_slots(text="", tokens=())  # the title's words are not a question: show the overview
        return self.composer.compose(
            entry.title,
            u,
            entry.kind.intent,
            [entry],
            [],
            1.0,
            state=entry.state,
            model=entry.model,
            full=full,
        )

    # ------------------------------------------------------------ context

    def _age_as_year(self, u: Understanding) -> Understanding:
        """ "a kei truck that's only 22 years old": the build year that age means today, so the federal rule can
        be worked out ("does it have to be 25 years old" gives no truck's age: it asks about the rule)."""
        if u.year is not None or not (u.cues.get("federal_import") or u.cues.get("state_legality")):
            return u  # only where the federal rule could be the question
        for found in TRUCK_AGE.finditer(u.text):
            whose, age = found.group(1), int(found.group(2))
            if age >= eligibility.FMVSS_YEARS and not ASKS_ELIGIBILITY.search(
                u.text.replace(found.group(0), " ")
            ):
                # "Is Hagerty an option since it's over 25 years old?": old enough, said in passing; a verdict on
                # a made-up build year would answer nothing asked
                continue
            if whose in AGE_OF_TRUCK or whose in self.lexicon.model_names:
                return u.with_slots(year=self.clock().year - age)
        return u

    def _apply_profile(self, u: Understanding, profile: ProfileLike | None) -> Understanding:
        if profile is None:
            return u
        changes: dict[str, Any] = {}
        legalish = u.cues.get("state_legality", 0) > 0
        if not u.states and profile.home_state and (u.my_state or (legalish and not u.list_states)):
            changes["states"] = (profile.home_state,)
        if not u.models and profile.model and re.search(r"\bmy (truck|kei|keitora|rig|one)\b", u.text):
            changes["models"] = (profile.model,)
            changes["owned_model"] = profile.model
            if profile.year and not u.year:
                changes["year"] = profile.year
        return u.with_slots(**changes) if changes else u

    # ------------------------------------------------------------ routing

    def _route(self, asked: str, u: Understanding, conversation: Conversation | None) -> Answer:
        if not u.text or not u.tokens:
            return self.composer.decline(
                asked,
                u,
                "unknown",
                "Ask me about kei trucks: a state's rules, importing, a model, maintenance, parts or buying.",
                log_gap=False,  # nothing was asked, so there is no gap to log
            )
        if GREETING.fullmatch(u.text):
            return self.composer.decline(
                asked,
                u,
                "unknown",
                "Hi! I'm here. Ask me about kei trucks: a state's rules, importing, a model, maintenance, "
                "parts or buying.",
                log_gap=False,
                chatter=True,
            )
        if PLEASANTRY.fullmatch(u.text):
            return self.composer.decline(
                asked,
                u,
                "unknown",
                "Happy to help. Ask me anything else about kei trucks.",
                log_gap=False,
                chatter=True,
            )
        if u.out_of_scope:
            return self._out_of_scope(asked, u)
        if scope.is_chatter(u) or scope.is_remark(u):
            # "lol my carry just got stuck in the mud again": a laughing remark that asks nothing
            return self.composer.decline(
                asked, u, "out_of_scope", DECLINES["chatter"], log_gap=False, chatter=True
            )
        vehicle = scope.other_vehicle(u)
        if vehicle is not None:
            return self._other_vehicle(asked, u, vehicle)
        if HELP.fullmatch(_without_greeting(u.text).strip(" ?!.")):
            return self.composer.decline(asked, u, "unknown", GUIDE, log_gap=False)
        if DEFINITION.fullmatch(u.text.strip(" ?!.")):
            overview = self.kb.by_id.get(CLASS_OVERVIEW)
            if overview is not None:
                return self.composer.compose(asked, u, "model_spec", [overview], [], 0.7)
        legal = u.cues.get("state_legality", 0.0)
        top = u.top_cue
        if u.list_states and (legal or not u.models):
            return self._state_overview(asked, u)
        tokens = self.index.question_tokens(u)
        # what the entry must cover: not the vehicle the owner means, not the maker of the truck already
        # named ("which suzuki engine" with a Carry), not how a comparison is asked
        makers = set(self.lexicon.makers) if u.models else set()
        makers.update(self.lexicon.model_words(u))  # the truck's own names and codes ("e07a", "da63t")
        plain = {t for word in PLAIN_VERSION.findall(u.text) for t in content_tokens(word)}
        plain |= self._plain_before_the_truck(u)
        # ("the difference between a 4 speed and a 5 speed": two of them named are what is compared, not the truck)
        described_by = VEHICLE_NOUNS if len(VEHICLE_NOUNS.intersection(tokens)) < 2 else frozenset()
        if u.cues.get("federal_import"):
            # "what forms do i need to import a kei truck from japan": every import here comes from Japan, so the
            # country is no topic an entry must cover (trial 53: the forms entry did not say "Japan")
            described_by = described_by | IMPORT_ORIGIN_WORDS
        topic = [
            t
            for t in tokens
            if t not in described_by and t not in COMPARING_WORDS and t not in makers and t not in plain
        ]
        topic = topic or tokens
        compared = scope.named_vehicle(u)
        # "polaris ranger vs kei truck": the entries compare keis with UTVs, not with Rangers by name; the kind
        # helps rank, it is not a word the answer must contain ("kei truck vs ford ranger payload")
        if compared is not None:
            tokens = tokens + [
                t for t in content_tokens(normalise(compared.category.replace("_", " "))) if t not in tokens
            ]
            # nor is its name ("kawasaki mule instead for the farm?" asks about keis vs UTVs on a farm)
            named = set(content_tokens(normalise(compared.name)))
            topic = [t for t in topic if t not in named] or topic
        # "where do I get a clutch kit" is about where a part comes from ("where" and "get" are stopwords,
        # "buy" is the asking, not the topic); "where can I buy a kei truck" names no part: a buying question
        part_topic = [
            t
            for t in topic
            if t not in SOURCING_WORDS and t not in PART_NUMBER_WORDS and t not in NOT_THE_PART_WORDS
        ]
        # (a part: its most specific word names a parts or maintenance entry; "where can I get my kei truck insured",
        # "where do I get a new export certificate" ask about no part)
        if not part_topic and SOURCING.search(u.text):
            # "where can I buy a replacement one" names no part ("replacement" says which copy of it; not the battery
            # entry's "replacement battery"); after a timing-belt question the last topic is the part
            replacing = bool(REPLACEMENT_WORDS.intersection(tokens))
            tokens = [t for t in tokens if t not in NOT_THE_PART_WORDS]
            if conversation is not None and LEANING_WORDS.intersection(u.tokens):
                part_topic = [
                    t for t in conversation.tokens if t not in SOURCING_WORDS and t not in NOT_THE_PART_WORDS
                ]
            if not part_topic and replacing:
                return self.composer.decline(asked, u, "parts", WHICH_PART, log_gap=False)  # (asked alone)
        buying_the_truck = bool(SOURCING.search(u.text) and BUYING_THE_TRUCK.search(u.text))
        if buying_the_truck:
            # ("anyone know where to get a sambar for cheap": the truck's name is a slot and "where", "get" are no
            # words, so what is asked, buying one, is said for it)
            tokens = tokens + [t for t in BUYING_WORDS if t not in tokens]
            topic = topic + [t for t in BUYING_WORDS if t not in topic]
        sourcing = (
            bool(SOURCING.search(u.text))
            and not LOCATING.search(u.text)
            and not buying_the_truck
            and (
                bool(PART_WORDS.intersection(tokens))
                or max(part_topic, key=lambda t: self.index.idf.get(t, 0.0), default=None) in self.part_words
            )
        )
        if sourcing:
            # (with the part carried from the last question, if it was)
            tokens = tokens + [t for t in part_topic if t not in tokens]
            topic = part_topic
            tokens = tokens + [t for t in SOURCING_WORDS if t not in tokens]
        # (ranked a little deeper than the first five once, for the entry written for a named chassis code)
        deeper = self.index.rank(u, tokens, limit=GENERATION_SEARCH_DEPTH)
        matches = deeper[:MATCHES_CONSIDERED]
        # "how much does that cost?" points back and names only what it wants of the last topic (its words are
        # attribute words); "and what oil does it take?" names a topic of its own
        # ("how much does it take?" names nothing at all: it points back just the same)
        points_back = bool(LEANING_WORDS.intersection(u.tokens))
        leans = points_back and all(t in ASKING_FOR for t in topic)
        # "oil capacity on a DA63T with filter" -> "and what filter does it take?": it points back and asks about
        # a word of the last question, so it is that question's filter, not the fuel filter
        returns_to = (
            conversation is not None and points_back and bool(set(topic).intersection(conversation.tokens))
        )
        carried: list[str] = []  # the last question's topic words a follow-up is read with
        # "and the front ones?" after rear brake shoes: the last question again, "front" for "rear"
        swapped = swapped_words(topic, conversation.tokens) if conversation is not None else frozenset()
        if (
            conversation is not None
            and not u.states
            and (
                leans
                or swapped
                or returns_to
                or not matches
                or matches[0].score < ANSWER_THRESHOLD
                # "is it vacuum operated or electric?": "it" is the last topic, and its own words find no
                # entry that speaks to them
                or (points_back and not self._covers_question(matches[0].entry, topic))
                # "and what weight, is 10w30 ok" after an oil question: the last answer's entry is among the
                # closest to the follow-up's own words and the closest says nothing of them all (the curb weight
                # says nothing of 10w30), so it asks more of that topic; "what about the transmission" after an oil
                # question has an entry of its own
                or (
                    conversation.leading_entry in {m.entry.id for m in matches[:3]}
                    and not self._covers_question(matches[0].entry, topic)
                )
                # "front vs rear?" after a tyre-pressure answer: a word or two the last answer's entry speaks to
                # both of, which another entry ranks first for ("front", "rear": where the engine sits; trial 54)
                or self._refines_the_last_answer(topic, conversation, matches)
                # "the battery is brand new though" after "my acty won't start, it just clicks": the same trouble
                # (trial 54); not "clutch is new but it still slips", which names a trouble of its own (review 22)
                or self._only_says_a_part_is_new(u, topic)
            )
        ):
            # the follow-up's own words were not enough, or it points back ("how much does that cost?"):
            # read them with the previous question's topic
            carried = [t for t in conversation.tokens if t not in tokens and t not in swapped]
            tokens = tokens + carried
            deeper = self.index.rank(u, tokens, limit=GENERATION_SEARCH_DEPTH)
            matches = deeper[:MATCHES_CONSIDERED]
        specific = (
            matches
            and matches[0].text_score >= RELATED_TOPIC_THRESHOLD
            and matches[0].entry.id != STATE_OVERVIEW
        )
        if u.my_state and not u.states and not specific and u.top_cue != "federal_import":
            # "is it legal in my state?" with no saved home state; "if my state bans them, am I grandfathered?"
            # is a general question its wording answers
            return self.composer.decline(
                asked, u, "state_legality", WHICH_STATE, log_gap=False, needs_state=True
            )
        if self._engine_not_as_built(u):
            # "the seller swapped a different engine in it. does it still count for the 21 year EPA exemption?": the
            # truck's age does not settle it; the exemption's own entry (original configuration) does
            # (the 25-year rule beside it: a swap does not change that one)
            rules = [self.kb.by_id[FEDERAL_EPA_21_YEAR], self.kb.by_id[FEDERAL_25_YEAR]]
            return self.composer.compose(asked, u, "federal_import", rules, [], 0.8)
        if self._wants_eligibility(u, matches):
            return self._eligibility(asked, u, matches)
        if u.chassis_code and not u.year and u.top_cue == "federal_import":
            sheet = self._generation_sheet(u.chassis_code)
            if sheet is not None and sheet.years:  # "is the DA63T old enough to import yet?"
                return self._generation_eligibility(asked, u, sheet)
        if (
            len(u.models) >= 2
            and (u.cues.get("compare") or self._either_or(u))
            and top in (None, "compare", "model_spec", "maintenance", "parts")
        ):
            compared = self._compare_models(asked, u, tokens)
            # "... probably a Carry or Hijet ... Which one would you guys pick and is it ok to drive in Ohio": with
            # nothing sourced to compare them on, the state's rules the post also asks about are the answer
            if compared.answered or not (u.states and legal):
                return compared
        codes = list(dict.fromkeys(t.upper() for t in u.tokens if t in self.lexicon.chassis))
        if len(codes) >= 2 and (SAME_AS.search(u.text) or FITS.search(u.text)):
            # "are HA3 and HA4 parts interchangeable", "do S500P headlights fit a S510P": the 2WD and 4WD codes of
            # one generation share its sheet, which says what the pair shares
            sheets = [self._generation_sheet(code) for code in codes]
            if sheets[0] is not None and all(sheet is sheets[0] for sheet in sheets):
                return self._one_generation(asked, u, codes, sheets[0])
        if u.cues.get("compare") and len(codes) >= 2 and len(u.models) < 2:
            return self._compare_generations(asked, u, codes, tokens)  # "diff between DA63T and DA52T"

        best = matches[0] if matches else None
        twin = self._twin_overview(u)
        if twin is not None and (
            best is None or best.score < 0.7 or (best.entry.model not in u.models and not u.cues)
        ):
            # "is a Scrum just a Carry?": the rebadge's overview says what it shares with its twin
            return self.composer.compose(asked, u, "model_spec", [twin], [], 0.7, model=twin.model)
        if u.states and not legal and not self._state_in_context(u, tokens, topic, best):
            # "nj" or "n j" inside noise is not a question about New Jersey
            return self.composer.decline(asked, u, "out_of_scope", DECLINES["off_topic"])
        if u.states and self._prefers_state(u, best, legal, tokens, topic):
            # the general entry worded like the question may follow the state's ("does Michigan require
            # insurance if I only use it on my farm": the farm-insurance entry, third by score)
            # (of several, the one worded most like it: "insurance ... only used on the farm" is the farm-insurance
            # entry's, though the general insurance entry scores more for the legal cue)
            # a post naming two states asks how they relate ("I live in PA, can I register it at my brother's
            # Montana address?"), which a general entry worded a little less like it answers better than two
            # states' cards
            candidates = [
                m
                for m in matches[:3]
                if (_bears_on_state(m, u) or m.entry.kind is Kind.BUYING)
                and m.text_score >= self._related_bar(m, u)
            ]
            related = max(candidates, key=lambda m: m.text_score, default=None)
            general = related or (best if _bears_on_state(best, u) else None)
            moving = self._moving_entry(u, general)
            if moving is None and general is None:
                # "... Do I need to convert the speedometer to mph to get it registered here, and what's the
                # easiest way?": the state's rules, then the entry on the rest of what the question asks
                moving = self._beside_the_rules(u, best, topic)
            return self._state_answer(asked, u, None if moving else general, matches, follows=moving)
        if twin is not None and (self._asks_if_same(u) or TWINS_PART.search(u.text)):
            # "are Scrum parts the same as Carry parts?": the rebadge's own entry on what is asked, else its
            # overview, says what it shares with its twin ("find ... parts" words match a junkyard entry better)
            own = next(
                (m for m in matches if m.entry.model == twin.model and m.score >= SUGGEST_THRESHOLD), None
            )
            entry = own.entry if own is not None else twin
            return self.composer.compose(asked, u, entry.kind.intent, [entry], [], 0.7, model=twin.model)
        asks_who_made = bool(u.models) and WHO_MADE.search(u.text) is not None
        if ((best is None or best.score < SUGGEST_THRESHOLD) or asks_who_made) and not u.states:
            # ("who actually made the nissan clipper": the overview says who builds it; "made" is no build date)
            vehicle = self._vehicle_overview(
                u, [t for t in tokens if t not in WHO_MADE_WORDS] if asks_who_made else tokens
            )
            if vehicle is not None:
                return self.composer.compose(asked, u, "model_spec", [vehicle], [], 0.6, model=vehicle.model)
        if best is None or best.score < SUGGEST_THRESHOLD:
            if scope.is_banter(u):  # a laughing remark with a cue word that still matched nothing
                return self.composer.decline(
                    asked, u, "out_of_scope", DECLINES["chatter"], log_gap=False, chatter=True
                )
            if legal and top == "state_legality" and not u.states:
                return self.composer.decline(
                    asked,
                    u,
                    "state_legality",
                    "Which state? State rules differ a lot; tell me "
                    "the state (or set it with /profile) and I'll give its current rules.",
                    suggestions=matches,
                )
            reason = "I don't have a sourced answer to that in my knowledge base, so I won't guess."
            intent = "unknown" if self._in_domain(u, tokens) else "out_of_scope"
            if intent == "out_of_scope":
                reason = DECLINES["off_topic"]
            return self.composer.decline(asked, u, intent, reason, suggestions=matches)
        # a long post's backstory is no part of what an entry must cover: its closing question is
        # ("Is it supposed to be like that?" names nothing: then the whole post says what is asked)
        asked_topic = self._closing_words(u, topic)
        # (a closing question no entry covers, "do i own a paperweight or can i retime it", leaves the whole post
        # to say what is asked: "timing belt let go ... bottom end turns free" is the snapped-belt entry's)
        matches = self._covering_first(matches, *([asked_topic, topic] if asked_topic else [topic]), u=u)
        matches = self._phrase_named_first(matches, topic, u)
        matches = self._generation_first(matches, u, topic, deeper[len(matches) :], asked_topic)
        matches = self._figure_first(matches, u, topic)
        matches = self._ruled_out_last(matches, u, topic)
        named_for_the_part = None
        if (
            sourcing
            and asked_topic
            and u.closing is not None
            and not SOURCING.search(u.closing.casefold())
            and self._covers_question(matches[0].entry, asked_topic)
        ):
            # "... the bed won't go up ... Could it be the relief valve? Also where do people get replacement pumps":
            # the post's closing question is a repair one an entry covers, and that entry leads
            sourcing = False
        if sourcing:  # "where do I get X" is answered by where parts come from, not how to fit X
            named_for_the_part = self._named_for_the_part(u, matches, topic)
            matches = (
                [named_for_the_part, *(m for m in matches if m is not named_for_the_part)]
                if named_for_the_part
                else self._sourcing_first(matches, topic, u)
            )
        best = matches[0]
        # where a part comes from is the answer to "where do I get X", however many other entries share X
        where_parts_come_from = sourcing and (best.entry.kind is Kind.PARTS or best is named_for_the_part)
        # the named generation's own sheet, speaking to what is asked, is the answer however close the rest
        own_sheet = self._sheet_covers(best.entry, u.chassis_code, topic)
        # likewise an entry written for the named chassis code that covers what is asked, among general entries on
        # the same words ("...98 Hijet S110P ... Is the EN engine interference and when should I just do the belt?")
        for_the_code = (
            u.chassis_code in best.entry.chassis_codes
            and best.score >= ANSWER_THRESHOLD
            # (its own names speak to what is asked: not the DA63T's 4WD actuator entry for "check engine light on my
            # DA63T", whose text merely has "check", "engine" and "light")
            and self._named_for(best.entry, asked_topic or topic)
            and (
                self._covers_question(best.entry, topic)
                or bool(asked_topic and self._covers_question(best.entry, asked_topic))
            )
        )
        # "can I import one to Texas": several import entries match alike, but the named state's own entry
        # follows whichever leads, and that is the answer
        state_follows = (
            bool(u.states)
            and best.entry.kind in (Kind.LEGAL_TOPIC, Kind.FEDERAL_RULE)
            and bool(
                u.cues.get("state_legality") or u.cues.get("federal_import")
            )  # as _entries_answer adds it
        )
        ambiguous = self._ambiguous(matches)
        if (
            best.score < ANSWER_THRESHOLD
            or (
                ambiguous
                and not (where_parts_come_from or state_follows or own_sheet or for_the_code)
                # a post's closing question that the leader speaks to as a whole is no vague question
                and not self._speaks_to_the_closing_question(u, matches, asked_topic)
            )
            or self._says_nothing_of_the_figure(best.entry, u)
            or not (
                self._covers_question(best.entry, topic)
                or (asked_topic and self._covers_question(best.entry, asked_topic))
                # what follows a post's last question is a remark ("I live in Vermont so this is kind of urgent
                # lol", "thanks in advance"), no part of what is asked
                or self._covers_up_to_the_question(u, best, topic)
                or own_sheet
                or where_parts_come_from
                or self._decisive(matches, u, topic)
            )
        ):
            # a long post whose own question holds an entry's wording: that entry is offered first, with its
            # opening, though the rest of the post keeps it from being the answer (answering it was tried: on the
            # held-out split it gave one more wrong answer than right ones); unless the whole post's words lead to
            # that entry too ("My Minicab U42T the heater blows cold ... Heater core clogged? Air in the lines? ...
            # Thanks guys": the heater entry both ways; trial 25), even only just ahead of the next: the question's
            # own wording breaks the tie ("...cranks and cranks and wont fire... Is this vapor lock or the carb
            # percolating?": the percolation entry, the cranking entry a close second; trial 28)
            each = self._each_part_answered(u, topic)
            if each:
                # "What's the best way to rustproof a kei truck, and where do they usually rust through first?": no
                # one entry covers both, but each has an entry of its own that does
                return self.composer.compose(
                    asked,
                    u,
                    each[0].entry.kind.intent,
                    [m.entry for m in each],
                    each,
                    min(m.score for m in each),
                    model=u.model,
                    focus={m.entry.id: m.matched.split() for m in each},
                )
            settled = self._closing_question_settles(u, matches, asked_topic)
            if settled is not None:
                return self._entries_answer(asked, u, settled, topic=asked_topic)
            by_part = self._asked_in_a_part(u, topic)
            agreed = by_part is not None and by_part.entry is best.entry and best.score >= ANSWER_THRESHOLD
            offered = [by_part, *(m for m in matches if m.entry is not by_part.entry)] if by_part else matches
            if not agreed and self._card_with_a_named_line(u, at_least=2) is not None:
                # "how high can I lift my kei truck in florida? max bumper height?": no entry is sure, but the named
                # state's card has a line the question's own words name twice over (Lift and bumper height): that line;
                # one word is not enough ("my hijet's bumper is rusted, im in georgia, how do i fix it", review 21)
                return self._state_answer(asked, u, None, matches)
            if not agreed:
                return self.composer.decline(
                    asked,
                    u,
                    best.entry.kind.intent,
                    "I'm not sure which of these you mean, so "
                    "rather than guess, here are the closest topics I have.",
                    suggestions=offered,
                    preview=True,
                    first_is_likely=by_part is not None,
                )
        if where_parts_come_from:
            # beside the general shops, only entries about this part (not the water pump's shops)
            matches = [best, *(m for m in matches[1:] if self._covers_question(m.entry, topic))]
        preface = units.convert(u.text)
        if (
            own_sheet
            and best.entry.years
            and WHEN_BUILT_WORDS.intersection(topic)
            and not all(str(year) in self.composer.passages[best.entry.id].lead for year in best.entry.years)
        ):
            # "what years did they make the U62T": the sheet's build years are the answer's first line, unless
            # its opening already gives them
            preface = eligibility.describe_build_years(
                best.entry.chassis_codes, *best.entry.years, best.entry.first_month, best.entry.last_month
            )
        return self._entries_answer(
            asked,
            u,
            matches,
            preface=preface,
            second=self._second_question(u, topic, [matches[0].entry]),
            topic=topic + carried,  # a follow-up is about the last topic too
            # (but an entry beside the answer must speak to what the follow-up asks of it, where it asks anything:
            # "and how often should i change it" after oil questions is no call for the engine-access entry)
            asked_now=topic if carried and topic else None,
        )

    def _refines_the_last_answer(
        self, topic: list[str], conversation: Conversation, matches: list[Match]
    ) -> bool:
        """A follow-up of a word or two ("front vs rear?", "for towing?") all of which the last answer's entry
        speaks to, though another entry ranks first for them: it asks more of that answer."""
        last = conversation.leading_entry
        return (
            last is not None
            and 0 < len(topic) <= REFINING_WORDS
            and bool(matches)
            and matches[0].entry.id != last
            and set(topic) <= self.entry_words.get(last, frozenset())
            # (not where an entry is named for them: "should i do the water pump at the same time?" after a timing
            # belt answer is the water pump entry's question)
            and not self._named_for(matches[0].entry, topic)
        )

    def _only_says_a_part_is_new(self, u: Understanding, topic: list[str]) -> bool:
        """A message saying only that a part is new ("the battery is brand new though"): its words are that part's
        and the saying's, nothing else."""
        found = PART_IS_NEW.search(u.text)
        if found is None:
            return False
        saying = set(content_tokens(normalise(found.group(0)))) | set(content_tokens(normalise(found.group(1))))
        return len([t for t in topic if t not in saying]) == 0

    def _plain_before_the_truck(self, u: Understanding) -> set[str]:
        """A plain-version word right before the asked truck's name ("a regular carry and a super carry", "a normal
        acty"): it says which version, as "a regular one" does, and is no topic an entry must cover."""
        names = [re.escape(n) for n in self.lexicon.model_words(u) if n]
        if not names:
            return set()
        before = re.findall(rf"\b({alternation('plain_version_words')}) (?:{'|'.join(names)})\b", u.text)
        return {t for word in before for t in content_tokens(word)}

    def _card_with_a_named_line(self, u: Understanding, at_least: int) -> Entry | None:
        """The card of the state the message itself names, where one of its lines of rules for any vehicle has a
        label ``at_least`` of the question's own words name."""
        if not scope.names_a_state(u):
            return None
        return next(
            (
                card
                for code in u.states[:MAX_STATES_IN_ONE_ANSWER]
                if (card := self.kb.by_state.get(code)) is not None
                and self.composer.has_a_line_named_by(card, u, at_least=at_least)
            ),
            None,
        )

    def _either_or(self, u: Understanding) -> bool:
        """Two trucks named either side of "or" ("hijet or carry for hunting lease?"): a choice between them, which
        a comparison answers, though no word asks to compare."""
        return any(
            self.lexicon.model_names.get(first) and self.lexicon.model_names.get(second)
            for first, second in EITHER_OR.findall(u.text)
        )

    def _second_question(
        self,
        u: Understanding,
        topic: list[str],
        answering: list[Entry],
        kinds: frozenset[Kind] | None = None,
        skip: re.Pattern[str] | None = None,
    ) -> Match | None:
        """The best of ``_other_questions``: of several, the one whose entry is worded most like it ("what gear
        oil should I use in the diffs", not "what's the usual culprit", whose words an entry on another trouble
        happens to hold)."""
        return next(iter(self._other_questions(u, topic, answering, kinds, skip)), None)

    def _other_questions(
        self,
        u: Understanding,
        topic: list[str],
        answering: list[Entry],
        kinds: frozenset[Kind] | None = None,
        skip: re.Pattern[str] | None = None,
        ranks: dict[tuple[str, ...], list[Match]] | None = None,
    ) -> list[Match]:
        """A message asking two things ("what size tires ... and whats the pressure?", "...and do I need a
        customs broker?") whose other questions are best answered by entries not in the answer: those entries,
        each clearly covering its question (and of one of ``kinds``, if given; a question ``skip`` finds is not
        one of them), each once, the one worded most like its question first."""
        found: list[Match] = []
        states = [e for e in answering if e.kind is Kind.STATE_RULE]
        for part in question_parts(u.raw):
            said = normalise(part)
            clause_words = [t for t in content_tokens(said) if t in topic]
            if not clause_words or (skip is not None and skip.search(part)):
                continue
            if ABOUT_THE_TROUBLE_NAMED.issuperset(clause_words):
                continue  # "..., what's wrong?" had got the tyre-size entry, which says a speedometer reads wrong
            if POINTS_BACK.search(said) and ASKING_FOR.issuperset(clause_words):
                # "how much coolant does a full change take, and how often should it be changed?": "it" is the
                # coolant, and the clause asks only how often (it had got the engine-oil entry)
                continue
            if (
                len(clause_words) == 1
                and (acted := _PRONOUN_OBJECT.search(said))
                and (_content_token(acted[1]) == clause_words[0])
            ):
                # "clutch slippin on my acty, how do i adjust it": "it" is the clutch the message has named, so the
                # clause is no second question (it had got the rear drum brakes' adjustment; trial 52)
                continue
            if states and _asks_the_card(said, states):
                continue  # "can I register it in CA at all?": California's card has its registration line
            ranked = ranks.get(tuple(clause_words)) if ranks is not None else None
            if ranked is None:
                ranked = self.index.rank(u, clause_words, limit=3)
                if ranks is not None:
                    ranks[tuple(clause_words)] = ranked
            for m in ranked:
                if m.entry in answering:
                    break  # the answer already holds the best entry for this question
                if (
                    self._about_this_truck(m, u)
                    and (kinds is None or m.entry.kind in kinds)
                    and not _elsewhere_unasked(m.entry, u)
                    # (a rule only for a question asking about rules: "Where do people order parts for old
                    # Minicabs?" is no question of how old a driver must be)
                    and (not m.entry.kind.is_legal or _asks_about_rules(said))
                    and (
                        # the best for this question, worded like it and speaking to a good part of it ("is the
                        # speedometer cable a common failure": the cable entry, which says nothing of "common");
                        # not a question of one everyday word ("how do I test it", "how long does it take")...
                        (
                            m is ranked[0]
                            and m.text_score >= RELATED_TOPIC_THRESHOLD
                            and self._coverage(m.entry, clause_words) >= COMPANION_COVERAGE
                            and (
                                len(clause_words) > 1
                                or self.index.idf.get(clause_words[0], 0.0) >= ONE_WORD_QUESTION_IDF
                            )
                        )
                        # ...or one that covers it where nothing in the answer does
                        or (
                            self._covers_question(m.entry, clause_words)
                            and not any(self._covers_question(e, clause_words) for e in answering)
                        )
                    )
                ):
                    if m.entry not in [f.entry for f in found]:
                        found.append(replace(m, matched=" ".join(clause_words)))
                    break
        return sorted(found, key=lambda m: -m.text_score)  # stable: the post's order breaks ties

    def _each_part_answered(self, u: Understanding, topic: list[str]) -> list[Match]:
        """For a question of two or three parts (a post's closing question, else the message), the entry that
        covers each part, ranked first for it by a clear margin, in the order asked; none unless every part has
        one and they are of one kind of answer."""
        parts = question_parts(u.closing or u.raw)
        if not 2 <= len(parts) <= MAX_PARTS_ANSWERED:
            return []
        found: list[Match] = []
        for part in parts:
            clause_words = self._clause_words(part, topic)
            leader = self._clear_leader(u, clause_words) if clause_words else None
            if leader is None:
                return []
            if leader.entry not in [m.entry for m in found]:
                found.append(replace(leader, matched=" ".join(clause_words)))
        # (of different kinds too, where each entry is named for its part: "Is the head gasket blown, and what is
        # the towing capacity?" asks a repair and a spec, each with its own entry; trial 54. Not "where is the
        # connector and what are the common codes", whose leaders only share a word with their parts)
        if len({m.entry.kind.intent for m in found}) > 1 and (
            len({m.entry.kind.is_legal for m in found}) > 1
            or not all(self._named_for(m.entry, m.matched.split()) for m in found)
        ):
            return []
        return found

    def _closing_question_settles(
        self, u: Understanding, matches: list[Match], asked_topic: list[str]
    ) -> list[Match] | None:
        """A long post of one question about the truck, whose backstory words pull in entries alike ("...have done
        brakes and a timing belt on other cars. How big of a job is the clutch on these, does the transmission have
        to come out, and is there a kit you'd recommend?"): the entry its closing question's own words rank near the
        top and that covers them answers (with the other of the top two, if it covers them too). Only a post of
        several sentences and a single question, about the truck itself (a legal or import question answered this
        way was wrong on the held-out split; "which years of carry got factory AC?" is no post)."""
        if u.closing is None or len(asked_topic) < 3 or not matches or u.raw.count("?") > 1:
            return None
        if len(message_sentences(u.raw)) < LONG_POST_SENTENCES:
            return None
        covering = [
            m
            for m in self.index.rank(u, asked_topic, limit=2)
            if m.score >= CLOSING_LEADER_SCORE and self._coverage(m.entry, asked_topic) >= COVERAGE_THRESHOLD
        ]
        if not covering or not self._about_this_truck(covering[0], u):
            return None
        lead = covering[0]
        if lead.entry.kind not in THE_TRUCK_ITSELF or lead.entry.kind.intent != matches[0].entry.kind.intent:
            return None
        return [lead, *(m for m in covering[1:] if m.entry.kind.intent == lead.entry.kind.intent)]

    def _asked_in_a_part(self, u: Understanding, topic: list[str]) -> Match | None:
        """In a long post no entry covers as a whole, the entry one of its questions is worded like (its own
        alias or phrasing), covering that question and ahead of the next: "Is it a cable or hydraulic clutch on
        these?" in a story about a slipping clutch."""
        for part in question_parts(u.raw) or ((u.closing,) if u.closing else ()):
            clause_words = self._clause_words(part, topic)
            if len(clause_words) < 2:
                continue  # "is that true", "how do I test it": no question of its own
            leader = self._clear_leader(u, clause_words)
            if leader is not None and leader.text_score >= OWN_WORDING_SCORE:  # the entry's own wording
                return leader
        return None

    def _clause_words(self, part: str, topic: list[str]) -> list[str]:
        """The known topic words of one question of a message."""
        return [t for t in content_tokens(normalise(part)) if t in topic and t in self.index.idf]

    def _clear_leader(self, u: Understanding, clause_words: list[str]) -> Match | None:
        """The entry ranked first for one question's words, if it answers about this truck, leads the next by the
        ambiguity margin and covers that question."""
        ranked = self.index.rank(u, clause_words, limit=2)
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        if (
            ranked
            and self._about_this_truck(ranked[0], u)
            and ranked[0].score - runner_up >= AMBIGUITY_MARGIN
            and self._covers_question(ranked[0].entry, clause_words)
        ):
            return ranked[0]
        return None

    @staticmethod
    def _about_this_truck(m: Match, u: Understanding) -> bool:
        """An entry good enough to answer a clause of the question: scoring at the answer threshold, no state's
        rules (those come from the state slot), and not about another truck or generation."""
        return (
            m.score >= ANSWER_THRESHOLD
            and m.entry.kind is not Kind.STATE_RULE
            and not _other_generation(m.entry, u)
            and (m.entry.model is None or m.entry.model in u.models)
        )

    def _coverage(self, entry: Entry, tokens: list[str]) -> float:
        """How much of what the question is about (its known words, weighted by rarity) the entry says
        anything about, anywhere in it: 1.0 when the question has no known words."""
        return self._coverage_of(self.entry_words[entry.id], tokens)

    def _coverage_of(self, words: frozenset[str], tokens: list[str]) -> float:
        known = [t for t in tokens if t in self.index.idf]
        if not known:
            return 1.0
        total = sum(self.index.idf[t] for t in known)
        return sum(self.index.idf[t] for t in known if t in words) / total

    def _says_nothing_of_the_figure(self, entry: Entry, u: Understanding) -> bool:
        """Whether the question asks a figure (a cost, a capacity, a pressure) the entry says nothing about:
        asks, in a sentence worded as a question ("how much does the hs-7 form cost"), not names in passing
        ("only about 40 horsepower, can it pull a small trailer"; "paid a fair price ... 4wd won't engage")."""
        said = self.entry_words[entry.id]
        asked = _figures_asked(u)
        if _CAPACITY in asked and self._measured(u) and entry.id in self.gives_amounts:
            # "how much coolant does a full change take": an entry giving amounts says nothing of this one unless an
            # amount stands with the coolant (the HA9 sheet's other figures are not its coolant capacity)
            return not self._gives_the_amount(entry, u)
        return any(
            said.isdisjoint(_FIGURE_ATTRIBUTES[attribute])
            # (an amount written with its unit gives a capacity, "3.1 L", "2.5 qt")
            and not (attribute == _CAPACITY and entry.id in self.gives_amounts)
            for attribute in asked
        )

    def _measured(self, u: Understanding) -> set[str]:
        """What a capacity question names as measured ("how much coolant": coolant; "how much does it take": none)."""
        return set(self.index.question_tokens(u)) - FIGURE_ASKING_WORDS

    def _gives_the_amount(self, entry: Entry, u: Understanding) -> bool:
        """Whether an entry gives an amount with its unit ("3.1 L", "2.5 qt") in a passage about what the question
        names (not the HA9 sheet's oil figure for "how much coolant does a full change take")."""
        if entry.id not in self.gives_amounts:
            return False
        named = self._measured(u)
        cut = self.composer.passages.get(entry.id)
        if cut is None or not named:
            return True
        return any(_AMOUNT.search(p.text) and not named.isdisjoint(p.tokens) for p in cut.passages) or bool(
            _AMOUNT.search(cut.lead) and not named.isdisjoint(content_tokens(normalise(cut.lead)))
        )

    def _covers_question(self, entry: Entry, tokens: list[str]) -> bool:
        return self._coverage(entry, tokens) >= COVERAGE_THRESHOLD

    def _named_for(self, entry: Entry, tokens: list[str]) -> bool:
        """Whether an entry's own names (title and aliases) speak to ``NAMED_COVERAGE`` of the words: it is about
        them, not only mentions them somewhere in its text."""
        return self._coverage_of(self.name_words[entry.id], tokens) >= NAMED_COVERAGE

    def _named_for_the_part(self, u: Understanding, matches: list[Match], topic: list[str]) -> Match | None:
        """For "where do I get X" where no parts entry covers X: an entry among the first three whose title
        names all of X ("Suspension, lift kits and bigger tyres" for "best place to get a lift kit";
        "Windshields and glass" for "where do people get windshields"; not "Clutch slipping" for a clutch
        kit, nor "Replace the water pump with the timing belt" for a belt), written for where X comes from (a
        phrasing of its own asks it)."""
        sentence = next((s for s in message_sentences(u.text) if SOURCING.search(s)), None)
        if sentence is None:
            return None
        # the clause that asks, not what follows it ("where to buy a lift kit for a DA63T, is 2 inch enough")
        sentence = next((c for c in _CLAUSE_BREAK.split(sentence) if SOURCING.search(c)), sentence)
        # the part named in the sentence that asks where to get it, without the asking ("best place to get")
        part = [
            t
            for t in content_tokens(normalise(SOURCING.sub(" ", sentence)))
            if t in topic and t in self.index.idf
        ]
        parts = [m for m in matches if m.entry.kind is Kind.PARTS and m.score >= ANSWER_THRESHOLD]
        if not part or any(self._covers_question(m.entry, part) for m in parts):
            return None
        written_for = [
            m
            for m in matches[:3]
            if m.entry.kind is not Kind.PARTS
            and m.score >= ANSWER_THRESHOLD
            and m.entry.id in self.sourcing_phrased
        ]
        # by its title first; else by a phrase it goes by ("wiring diagram" for the service-manuals entry; not one
        # word of an alias: "shocks" is no lift-kit question, and "leaf springs" is the leaf-spring entry's title)
        return next(
            (
                m
                for m in written_for
                if self._coverage_of(self.title_words[m.entry.id], part) >= COVERAGE_THRESHOLD
            ),
            None,
        ) or next(
            (m for m in written_for if not self.name_pairs[m.entry.id].isdisjoint(itertools.pairwise(part))),
            None,
        )

    def _sourcing_first(self, matches: list[Match], topic: list[str], u: Understanding) -> list[Match]:
        """For "where do I get X": a parts entry about X, else a general one on where parts come from (not
        another part's shops), first, when one is good enough to answer. "Parts for my acty" (no part
        named) is about the Acty's own parts sources, where the knowledge base has them."""
        parts = [m for m in matches if m.entry.kind is Kind.PARTS and m.score >= ANSWER_THRESHOLD]
        if topic:
            covering = [m for m in parts if self._covers_question(m.entry, topic)]
            # "where do you guys buy parts for hijets in the US?": the entry named for it ("parts in the US")
            # before one that only mentions the US somewhere
            first = next(
                (
                    m
                    for m in covering
                    if self._coverage_of(self.title_words[m.entry.id], topic) >= COVERAGE_THRESHOLD
                ),
                covering[0] if covering else None,
            )
            leader = matches[0] if matches else None
            if (
                first is None
                and leader is not None
                and leader.entry.kind is not Kind.PARTS
                and leader.score - max((m.score for m in parts), default=0.0) >= DECISIVE_LEAD
            ):
                # "where do people get a windshield for a Sambar": no parts entry covers it, and the entry about
                # it, far ahead of the catalogues, says where it comes from
                return matches
        else:
            # (the truck's own entry on its parts in general: "where to buy parts for a sambar" is not answered by
            # the Sambar's water-pump sellers)
            first = next(
                (
                    m
                    for m in parts
                    if u.model and m.entry.model == u.model and not self._names_another_part(m.entry, u)
                ),
                None,
            )
        first = (
            first or next((m for m in parts if m.entry.model is None), None) or (parts[0] if parts else None)
        )
        return [first, *(m for m in matches if m is not first)] if first else matches

    @staticmethod
    def _names_another_part(entry: Entry, u: Understanding) -> bool:
        """Whether an entry's title names parts of the truck the question does not ("Sambar water pumps and belt
        parts" for "where to buy parts for a sambar")."""
        named = scope.vocabulary().truck_parts.intersection(words(normalise(entry.title)))
        return bool(named) and named.isdisjoint(u.tokens)

    def _covering_first(self, matches: list[Match], *focuses: list[str], u: Understanding) -> list[Match]:
        """An entry that says nothing about the question's focus only shares side words with it ("winter" in
        a rust-proofing question): the best entry that does cover the focus goes first, if one is close. Of
        several focuses (a post's closing question, then the whole post), the first one an entry covers; of
        several entries covering a post's closing question, the one its own words rank first."""
        for depth, tokens in enumerate(focuses):
            if not matches or self._covers_question(matches[0].entry, tokens):
                return matches
            covering = [
                m
                for m in matches[1:]
                if m.score >= ANSWER_THRESHOLD
                and self._covers_question(m.entry, tokens)
                # (the whole post, a fallback, moves no entry past a leader far ahead of it)
                and (depth == 0 or matches[0].score - m.score < DECISIVE_LEAD)
            ]
            if len(covering) > 1 and depth == 0 and len(focuses) > 1:
                # "...rear brakes pull to one side ... how do you adjust the rear drums on these": the drum entry,
                # not the sinking-pedal one that also names rear drums and scored a little more on the story
                # (among those about as close as the first of them: no entry far behind is moved up)
                own = [m.entry for m in self.index.rank(u, tokens, limit=len(matches))]
                covering = [m for m in covering if covering[0].score - m.score < AMBIGUITY_MARGIN]
                covering.sort(key=lambda m: own.index(m.entry) if m.entry in own else len(own))
            if covering:
                return [covering[0], *(m for m in matches if m is not covering[0])]
        return matches

    def _asks_if_same(self, u: Understanding) -> bool:
        """Whether the message asks if a truck is its twin ("are Scrum parts the same as Carry parts?"): in its
        closing question, or in a message of one sentence; not in an aside of a post about something else ("a 2001
        clipper (actually a rebadged minicab right?) and the heater blows cold")."""
        if u.closing is not None:
            return SAME_AS.search(u.closing.casefold()) is not None
        return SAME_AS.search(u.text) is not None and len(message_sentences(u.text)) == 1

    def _phrase_named_first(self, matches: list[Match], topic: list[str], u: Understanding) -> list[Match]:
        """Two topic words said together name a thing ("U62T gear oil capacity"): an entry named with more of the
        question's pairs ("Gear oil ...", alias "oil capacity") goes before a leader named with fewer ("Engine oil
        changes", alias "oil capacity"), if close behind it and covering the question."""
        # (words side by side as written: "to the US or Canada" says no "us canada")
        wanted = set(topic)
        said = [_content_token(word) for word in u.tokens]
        asked = {(a, b) for a, b in itertools.pairwise(said) if a in wanted and b in wanted}
        if not asked or len(matches) < 2:
            return matches
        leader_named = len(self.name_pairs[matches[0].entry.id] & asked)
        named = next(
            (
                m
                for m in matches[1:]
                if m.score >= max(ANSWER_THRESHOLD, matches[0].score - NAMED_PHRASE_LEAD)
                and len(self.name_pairs[m.entry.id] & asked) > leader_named
                and self._covers_question(m.entry, topic)
            ),
            None,
        )
        return matches if named is None else [named, *(m for m in matches if m is not named)]

    def _figure_first(self, matches: list[Match], u: Understanding, topic: list[str]) -> list[Match]:
        """A first entry silent on the figure asked ("how much gear oil does my DA52T take": the Carry entry's
        advice to change it often) gives way to the next that covers the question and gives one (the general
        gear-oil entry's DA52T amounts)."""
        if not matches:
            return matches
        if not self._says_nothing_of_the_figure(matches[0].entry, u):
            return self._figure_named_first(matches, u, topic)
        giving = next(
            (
                m
                for m in matches[1:]
                if m.score >= ANSWER_THRESHOLD
                and self._covers_question(m.entry, topic)
                and not self._says_nothing_of_the_figure(m.entry, u)
            ),
            None,
        )
        return matches if giving is None else [giving, *(m for m in matches if m is not giving)]

    def _own_entry_close(self, other: Match, best: Match, u: Understanding, topic: list[str] | None) -> bool:
        """The asked truck's own entry on the question, less than OWN_TRUCK_LEAD behind a general leader, joins the
        answer (and goes first there: "What gear oil goes in the transmission and rear diff on a Honda Acty?" is
        the Acty's gear and diff oil entry before the general one that opens with the Carry's grades), if named
        for what is asked and covering it."""
        if u.model is None or best.entry.model is not None or other.entry.model != u.model or not topic:
            return False
        named = set(self.lexicon.model_words(u))
        asked = [t for t in topic if t not in named] or topic
        return (
            best.score - other.score < OWN_TRUCK_LEAD
            and self._covers_question(other.entry, asked)
            and self._named_for(other.entry, asked)
            # (one generation's entry only for a question that says which: "axle lock vs diff lock on a suzuki
            # carry" is not the DA63T's actuator)
            and (not other.entry.chassis_codes or bool(u.chassis_code or u.year))
            and not _other_generation(other.entry, u)
        )

    def _ruled_out_last(self, matches: list[Match], u: Understanding, topic: list[str]) -> list[Match]:
        """A leader named for a part the owner says works or has just renewed ("replaced the battery but my hijet
        still wont crank": not the battery-sizes entry) gives way to the entry the question's other words rank
        first, if it is not named for that part either and covers them."""
        if len(matches) < 2:
            return matches
        said = list(RULED_OUT.finditer(u.text)) if TROUBLE_GOES_ON.search(u.text) else []
        # (the words saying so go too: "replaced" is no question about replacing)
        saying = {t for found in said for t in content_tokens(normalise(found.group(0)))}
        rest = [t for t in topic if t not in saying]
        ruled_out = {
            token
            for found in said
            for word in found.groups()
            if word
            and (token := _content_token(word))
            and token not in rest  # (not one asked about after all)
        }
        if not ruled_out or ruled_out.isdisjoint(self.title_words[matches[0].entry.id]) or not rest:
            return matches
        if self._named_for(matches[0].entry, rest):
            return matches  # "battery is good ... but charge light still on": the charge-light entry is the answer
        other = next(
            (
                m
                for m in self.index.rank(u, rest, limit=RULED_OUT_RANKED)
                if m.score >= ANSWER_THRESHOLD
                and ruled_out.isdisjoint(self.title_words[m.entry.id])
                and self._covers_question(m.entry, rest)
            ),
            None,
        )
        if other is None:
            return matches
        # (and those named for the ruled-out part go last, not beside it)
        rest_of = [m for m in matches if m.entry is not other.entry]
        return [
            other,
            *(m for m in rest_of if ruled_out.isdisjoint(self.title_words[m.entry.id])),
            *(m for m in rest_of if not ruled_out.isdisjoint(self.title_words[m.entry.id])),
        ]

    def _figure_named_first(self, matches: list[Match], u: Understanding, topic: list[str]) -> list[Match]:
        """An entry named for the figure asked ("roughly how much does it cost to import one": the import-cost
        entry) goes before a leader that only mentions it (the import steps), if close behind it and covering the
        question."""
        asked = [attribute for attribute in _figures_asked(u) if attribute in topic]
        if not asked or len(matches) < 2 or not self.name_words[matches[0].entry.id].isdisjoint(asked):
            return matches
        if u.states:
            return matches  # ("...cost to ship a kei truck from the port to Colorado": the trip inland, not the sea)
        named = next(
            (
                m
                for m in matches[1:]
                if m.score >= max(ANSWER_THRESHOLD, matches[0].score - NAMED_PHRASE_LEAD)
                and not self.name_words[m.entry.id].isdisjoint(asked)
                and self._covers_question(m.entry, topic)
            ),
            None,
        )
        return matches if named is None else [named, *(m for m in matches if m is not named)]

    def _generation_first(
        self,
        matches: list[Match],
        u: Understanding,
        topic: list[str],
        deeper: list[Match],
        asked_topic: list[str] | None = None,
    ) -> list[Match]:
        """A question naming a chassis code ("does the DA63T have a timing chain") is best answered by an entry
        written for that generation, when one is good enough and covers the question, rather than a general
        entry about the 1990s trucks most owners have. ``deeper``: the ranking's next places after ``matches``."""
        code = u.chassis_code
        if matches and not code and _other_generation(matches[0].entry, u):
            return self._fitting_first(matches, u, topic)
        if not code or not matches:
            return matches
        sheet = self._generation_sheet(code)
        if sheet is not None and sheet.kind is Kind.MODEL_SPEC and not u.states:
            # "what years did they make the U62T", "which generation is the S83P": the family's overview or a
            # part that shares "made" with it has more words in common, but the generation's own sheet is the
            # answer, as it is when the family's overview leads and the sheet speaks to the rest
            rest = _beside_generation(topic)
            # (or another generation's sheet leads: "is the s83p carbureted" is not the S110P's sheet's question)
            leader = matches[0].entry
            if (topic and not rest) or (
                (leader.family or _other_generation(leader, u)) and self._sheet_covers(sheet, code, topic)
            ):
                ranked = next((m for m in matches if m.entry is sheet), None)
                # unranked (its words are not the question's), it answers with the leader's confidence
                own = ranked or replace(matches[0], entry=sheet, matched=code.lower())
                return [own, *(m for m in matches if m is not ranked)]
        if code in matches[0].entry.chassis_codes or not topic:
            # (a follow-up that names nothing, "how much does it take?", is the last topic's, not any entry
            # that happens to carry the code)
            return matches

        def written_for_the_code(candidates: list[Match], sheets_too: bool = False) -> Match | None:
            """The one of ``candidates`` written for the code that covers what is asked and whose own names speak
            to it (``sheets_too``: or the generation's spec sheet, which is about all of that generation)."""

            def named_for(m: Match, words: list[str]) -> bool:
                return self._named_for(m.entry, words) or (sheets_too and m.entry.kind is Kind.MODEL_SPEC)

            written = [
                m
                for m in candidates
                if code in m.entry.chassis_codes
                and m.score >= ANSWER_THRESHOLD
                # (a long post's own question is what it must cover: "...98 Hijet S110P ... Is the EN engine
                # interference and when should I just do the belt?")
                # (its own names speak to what is asked: not the DA63T's 4WD actuator entry for "check engine
                # light on my DA63T", whose text merely has "check", "engine" and "light"; nor the Hijet 4WD
                # overview for "...2000 hijet S210P ... How do I check the vacuum actuator?")
                and (
                    (self._covers_question(m.entry, topic) and named_for(m, topic))
                    or bool(
                        asked_topic
                        and self._covers_question(m.entry, asked_topic)
                        and named_for(m, asked_topic)
                    )
                )
            ]
            # of several, the one whose title says what is asked ("what oil does a U62T take": the Minicab oil
            # entry, not the 3G83 belt entry, which has "oil" only among its other names: "crank oil seal")
            return max(
                written,
                key=lambda m: self._coverage_of(self.title_words[m.entry.id], asked_topic or topic),
                default=None,
            )

        own = written_for_the_code(matches[1:], sheets_too=True)
        if own is None:
            # general entries on the same words can fill the first places ("timing belt interval on a DA63T": four
            # belt entries before the Carry engines entry, which says the DA63T's K6A has a chain): look further
            # (down there, only one whose own names speak to the question: not the Carry engines entry for "what oil
            # does the DD51T take", which names the oil filler in passing)
            own = written_for_the_code(deeper)
            if own is None:
                # "DD51T wont go into 4wd": nothing written for it, and the DA63T's actuator entry gives way to the
                # general one that covers it
                return (
                    self._fitting_first(matches, u, topic)
                    if _other_generation(matches[0].entry, u)
                    else matches
                )
        return [own, *(m for m in matches if m is not own)]

    def _fitting_first(self, matches: list[Match], u: Understanding, topic: list[str]) -> list[Match]:
        """The leader is another generation's entry ("my 1998 Carry's 4WD won't engage": not the 2002-2013 trucks'
        entry): the best good-enough entry that is not, and covers the question, goes first, if there is one."""
        fits = next(
            (
                m
                for m in matches[1:]
                if not _other_generation(m.entry, u)
                and m.score >= ANSWER_THRESHOLD
                and self._covers_question(m.entry, topic)
            ),
            None,
        )
        return matches if fits is None else [fits, *(m for m in matches if m is not fits)]

    def _sheet_covers(self, entry: Entry, code: str | None, topic: list[str]) -> bool:
        """A generation's sheet, asked about its own chassis code, speaks to the question when it covers what
        is asked beside which generation it is and when it was built: its codes and years say those."""
        if not code or code not in entry.chassis_codes or entry.kind is not Kind.MODEL_SPEC:
            return False
        rest = _beside_generation(topic)
        return not rest or self._covers_question(entry, rest)

    def _state_in_context(
        self, u: Understanding, tokens: list[str], topic: list[str], best: Match | None
    ) -> bool:
        """A state with nothing kei-related around it counts only if it is most of the question: "my cousin
        moved to ohio and loves the weather" is not about Ohio's kei rules, "winter tyres in ohio" is a tyre
        question, "inspection in ohio" asks about a part of Ohio's rules."""
        if u.models or u.chassis_code or u.cues:
            return True
        if any(t in STATE_RULE_WORDS for t in tokens):
            return True
        if best is not None and best.score >= ANSWER_THRESHOLD and self._covers_question(best.entry, topic):
            return True  # the other words are a question the knowledge base answers
        meaningful = [
            t for t in u.tokens if t not in STOPWORDS
        ]  # "OK so what about oklahoma": 1 word + state
        kei_words = scope.vocabulary().domain.intersection(u.tokens)
        return bool(kei_words) or u.follow_up or len(meaningful) <= len(u.slot_tokens) + 2

    def _vehicle_overview(self, u: Understanding, tokens: list[str]) -> Entry | None:
        """'is the dr16t a carry?', 'tell me about the acty': a question that is only a vehicle gets its
        generation entry (by chassis code) or the family overview."""
        if tokens or (len(u.models) > 1 and not u.chassis_code):
            return None  # the question has a topic of its own, or names two trucks
        if u.chassis_code:
            sheet = self._generation_sheet(u.chassis_code)
            if sheet is not None:
                return sheet
        if u.model:
            return self.family_overviews.get(u.model)
        if scope.names_kei(u) and not u.cues:  # "what is a kei truck?", "what are japanese mini trucks?"
            return self.kb.by_id.get(CLASS_OVERVIEW)
        return None

    def _compare_generations(
        self, asked: str, u: Understanding, codes: list[str], tokens: list[str]
    ) -> Answer:
        """Two or three generations of one truck side by side: each code's entry on the asked topic, or its
        generation sheet when the question asks only for the difference."""
        topic = [
            t
            for t in tokens
            if t not in COMPARING_WORDS and t not in DIFFERENCE_WORDS and t not in CHOOSING_WORDS
        ]
        picked: list[Entry] = []
        used: list[Match] = []
        unsheeted: list[str] = []
        for code in codes[:3]:
            model = self.lexicon.chassis[code.casefold()]
            ranked = (
                self.index.rank(u.with_slots(models=(model,), chassis_code=code), topic, limit=1)
                if topic
                else []
            )
            sheet = self._generation_sheet(code)
            if (
                ranked
                and ranked[0].entry.model != model
                and code not in ranked[0].entry.chassis_codes
                # (by its code, its name or its maker's: "later Suzuki K6As have a chain" speaks of the DA63T)
                and not any(
                    word.casefold() in ranked[0].entry.body.casefold() for word in (code, *model.split())
                )
                and sheet is not None
                and sheet.kind is Kind.MODEL_SPEC
            ):
                # "engine code difference between an HA4 acty and an HA7": each sheet names its engine; a general
                # entry that names neither the truck, its maker nor the code (the EPA exemption's "code E") says
                # nothing of it
                ranked = []
            if ranked and ranked[0].score >= ANSWER_THRESHOLD and ranked[0].entry not in picked:
                picked.append(ranked[0].entry)
                used.append(ranked[0])
            elif sheet is not None and sheet.kind is Kind.MODEL_SPEC:
                if sheet not in picked:
                    picked.append(sheet)
            else:
                # ("S211P vs S110P which is better": the only entry naming the S211P is its timing belt's)
                unsheeted.append(code)
        if not picked:
            return self.composer.decline(asked, u, "compare", NO_COMPARISON)
        note = COMPARISON_NOTE
        if unsheeted:
            note = f"I have no spec sheet for the {' or '.join(unsheeted)}, so I can't compare it; here is what I have."
        elif len(picked) == 1:  # "HA3 vs HA4": one sheet covers both (the 2WD and 4WD of one generation)
            note = f"{' and '.join(codes[:3])} share one entry in my knowledge base; it covers both."
        return self.composer.compose(asked, u, "compare", picked, used, 0.7, model=u.model, preface=note)

    def _one_generation(self, asked: str, u: Understanding, codes: list[str], sheet: Entry) -> Answer:
        """Two codes of one generation asked about as one (do its parts fit the other?): the generation's sheet,
        then how its codes pair up (2WD and 4WD), and where part numbers come from."""
        reading = self.kb.by_id.get(CHASSIS_CODE_READING)
        entries = [sheet, *([reading] if reading is not None else [])]
        note = (
            f"**The {' and '.join(codes[:3])} are codes of one generation** (the sheet below covers both); whether "
            "a given part is the same on each is not verified here: compare part numbers by frame number."
        )
        return self.composer.compose(asked, u, "model_spec", entries, [], 0.7, model=u.model, preface=note)

    def _generation_sheet(self, chassis_code: str) -> Entry | None:
        """The generation's own sheet for a chassis code (``matching.generation_sheets``)."""
        return self.generation_sheets.get(chassis_code)

    def _generation_eligibility(self, asked: str, u: Understanding, sheet: Entry) -> Answer:
        assert sheet.years is not None
        preface = eligibility.describe_generation(
            u.chassis_code or "", *sheet.years, self.clock(), sheet.first_month, sheet.last_month
        )
        rules = [e for e in (self.kb.by_id.get(FEDERAL_25_YEAR),) if e]
        return self.composer.compose(
            asked, u, "federal_import", [*rules, sheet], [], 0.9, model=sheet.model, preface=preface
        )

    def _twin_overview(self, u: Understanding) -> Entry | None:
        if len(u.models) < 2:
            return None
        first, second = u.models[:2]
        for model, other in ((first, second), (second, first)):
            if self.lexicon.twins.get(model) == other:
                return self.family_overviews.get(model)
        return None

    def _wants_eligibility(self, u: Understanding, matches: list[Match]) -> bool:
        if not u.year or TO_CANADA.search(u.text):
            return False  # "import a 2005 acty to canada": Canada's own 15-year rule answers, not the US sum
        importing = u.cues.get("federal_import", 0.0)
        # (a span of years, "late 2000s", is too young only if its first year is: ``year`` is that one)
        too_young = eligibility.check(u.year, u.month, self.clock()).fmvss_eligible is False
        if not importing:
            # "can i register a 2010 kei truck?": no state named, and the year alone settles it (not for an
            # off-road or farm title, which a too-young truck may still get); not "my 2006 DA63T whines around 35
            # mph" or "the plate on the firewall": a legal word beside a question about something else
            legal = u.cues.get("state_legality", 0.0)
            others = max(
                (v for k, v in u.cues.items() if k not in ("state_legality", "compare")), default=0.0
            )
            # "I want to buy a 2003 hijet from japan, can I?": buying the truck from Japan is importing it (not
            # "where can I buy parts from japan for my 2008 carry?", nor "bought a 2005 acty ... parts from japan
            # are cheap, where do I order a clutch")
            buying_from_japan = (
                bool(BUYING_OVERSEAS.search(u.text))
                and _buys_the_dated_truck(u)
                and not self._closing_asks_another_thing(u)
            )
            return (
                too_young
                and (legal > others or buying_from_japan)
                and (u.closing is None or bool(u.asked_cues.get("state_legality")) or buying_from_japan)
                and not u.states
                and not OFF_ROAD_ROUTE.search(u.text)
            )
        if u.year_from_context and u.cues_from_context and not ASKS_ELIGIBILITY.search(u.text):
            return False  # "is it 4wd?" after "can I import a 2005 hijet?": about the truck, not its import again
        if too_young and ALREADY_HERE.search(u.text) and self._closing_asks_another_thing(u):
            # "DA63T, 2008, imported last year (yes I know it's not 25 yrs ...). ... Is there a special connector?":
            # the truck is here and the post asks about something else; its import is the owner's story
            return False
        if too_young:
            return True  # too new to import for road use: that answers any state question too
        if (
            u.year_from_context
            and not ASKS_ELIGIBILITY.search(u.text)
            and not (matches and matches[0].entry.id in (FEDERAL_25_YEAR, FEDERAL_EPA_21_YEAR))
        ):
            # "how much does shipping cost roughly" after "can i import a 96 hijet": the verdict was given, and
            # this asks about something else ("do i need EPA form 3520-1" asks about one of its rules); a truck
            # too young to come in keeps its verdict (above)
            return False
        if self._closing_asks_another_thing(u):
            return False  # "97 carry, check engine light on and no obd port. how do i read the code?"
        others = max(
            (v for k, v in u.cues.items() if k not in ("federal_import", "state_legality", "compare")),
            default=0.0,
        )
        # "a 1998 carry at the port, the agent wants a deposit: is this a scam?" is about the scam; "bought a
        # 1994 carry from a guy who imported it himself: what paperwork for a title?" is about what comes next
        if others > importing:
            return False
        # "It's over 25 years old and came in legally": said in the story, not asked
        asked = u.closing or u.text
        if ALREADY_HERE.search(u.text) and not ASKS_ELIGIBILITY.search(asked.casefold()):
            return False
        return u.top_cue == "federal_import" or importing >= u.cues.get("state_legality", 0)

    def _engine_not_as_built(self, u: Understanding) -> bool:
        """An import question about a truck whose engine is not the one it was built with, old enough by its date
        (a truck too young is refused whatever was done to it): one asking whether it may come in, not a truck
        already here ("I imported a 1995 carry and swapped the engine, what oil ...", "... still legal to register
        in Texas?"), nor a post whose question is about something else."""
        if not NOT_AS_BUILT.search(u.text) or u.states or ALREADY_HERE.search(u.text):
            return False
        if not (u.asked_cues if u.closing is not None else u.cues).get("federal_import"):
            return False
        return not u.year or eligibility.check(u.year, u.month, self.clock()).fmvss_eligible is not False

    def _closing_asks_another_thing(self, u: Understanding) -> bool:
        """Whether a post's closing question asks about something of its own (two known words or more) and
        nothing of importing, eligibility or a state's rules: its backstory's import words are not asked."""
        if u.closing is None or u.asked_cues.get("federal_import") or u.asked_cues.get("state_legality"):
            return False
        if ASKS_ELIGIBILITY.search(u.closing.casefold()):
            return False
        return len([t for t in content_tokens(normalise(u.closing)) if t in self.index.idf]) >= 2

    def _prefers_state(
        self, u: Understanding, best: Match | None, legal: float, tokens: list[str], topic: list[str]
    ) -> bool:
        """A named state wins unless the question is clearly about something else that matched well."""
        if best is None or best.score < ANSWER_THRESHOLD or _is_legal_topic(best):
            return True
        if self._a_part_asks_the_rules(u):
            # "Is my Carry legal in Pennsylvania, and what's the top speed?": one of its questions is the state's
            # rules (the other is answered beside them)
            return True
        if (
            u.closing is not None
            and set(u.states) <= set(u.bought_in)
            and not u.asked_states
            and not _PLACE_POINTED_AT.search(u.closing.casefold())
            and not best.entry.kind.is_legal
        ):
            # "Bought a Minicab from a dealer down in Florida ... Is a mph speedo actually required by law, and
            # what's the cleanest way to convert it?": Florida is where the truck came from, not what is asked
            return False
        asked_legal = u.asked_cues.get("state_legality", 0.0)
        if asked_legal and asked_legal >= max(
            (v for k, v in u.asked_cues.items() if k not in ("state_legality", "compare")), default=0.0
        ):
            return True  # the post's question is the state's rules, whatever its backstory is about
        if self._state_in_passing(u, best, topic):
            return False
        if (
            not legal
            and not u.cues.get("federal_import")
            and not STATE_RULE_WORDS.intersection(tokens)
            and not scope.names_a_state(u)
            and self._covers_question(best.entry, topic)
        ):
            # "shipping cost yokohama to baltimore roughly": nothing asks about a state's rules, the state is only
            # where a port or town named in passing is, and an entry answers what is asked ("who sells kei
            # trucks in florida" names the state itself: its entry answers)
            return False
        if best.entry.kind is Kind.FEDERAL_RULE:
            importing = u.cues.get("federal_import", 0.0)
            if legal and ALREADY_HERE.search(u.text):
                return True  # the truck is here ("the DMV refused to register it"): its import is history
            if legal and DRIVING_THERE.search(u.text):
                # "Can I drive a mini truck on roads in Louisiana if its over 25 years old?": the age is a
                # condition of the state question, not a question of importing
                return True
            if not legal and not importing:
                # "texas kei truck rules?" is about Texas; "how much to ship one from japan to baltimore"
                # is about shipping, which its words match well: the port is no state question
                return best.text_score < RELATED_TOPIC_THRESHOLD
            return legal >= importing
        if best.score >= 0.8 and legal <= 1.0:
            return (
                False  # "rust-proofing, they salt the roads here in ohio": the state is only where they live
            )
        if (
            not _legal_beyond_driving(u)
            and u.closing is not None
            and not u.asked_states
            and not self._closing_asks_rules(u, topic)
        ):
            # "I'm up in Minnesota ... What should I do with the fuel, battery and tires?": nothing asks about a
            # state's rules and the question names none; the state is where the owner is
            return False
        others = max((v for k, v in u.cues.items() if k not in ("state_legality", "compare")), default=0.0)
        # (with no word of a state's rules at all, a state known only from a town is where the owner is, and an
        # entry that matched well is what is asked: "...none of the glass shops around Boise can look it up. Where
        # are people getting windshields for these?"; "is a windshield required ... in idaho" names the state)
        return legal >= others and (legal > 0 or scope.names_a_state(u))

    def _beside_the_rules(self, u: Understanding, best: Match | None, topic: list[str]) -> Entry | None:
        """The entry on the part of a post's closing question that is not a state's rules, when the best match of
        all is one on no legal topic and covers that part."""
        if u.closing is None or best is None or best.score < ANSWER_THRESHOLD:
            return None
        if best.entry.kind not in THE_TRUCK_ITSELF:
            return None  # (a legal entry is the rules' own business; "is it even worth it" asks no price)
        rest = [t for t in self._closing_words(u, topic) if t not in STATE_RULE_WORDS]
        return best.entry if rest and self._covers_question(best.entry, rest) else None

    @staticmethod
    def _a_part_asks_the_rules(u: Understanding) -> bool:
        """Whether, of a message's two or more questions, one names a state (or, the last one, leans on a state the
        message names) and asks about its rules or driving there."""
        parts = question_parts(u.raw)
        for index, part in enumerate(parts):
            said = normalise(part)
            # (the message's last question may lean on a state an earlier part names: "buying a kei truck from a
            # dealer but i live in virginia, how do i title it"; trial 53. Only where the earlier parts ask nothing
            # themselves: "what oil does it take, and is it legal to drive on the highway?" keeps its oil question)
            last = index == len(parts) - 1 and index > 0 and not any(map(opens_as_a_question, parts[:index]))
            if not last and not any(_naming_the_state(code).search(said) for code in u.states):
                continue
            if intent_cues(said).get("state_legality") or DRIVING_THERE.search(said):
                return True
        return False

    def _state_in_passing(self, u: Understanding, best: Match, topic: list[str]) -> bool:
        """'anyone know the battery size for a da63t? mine died last night, wisconsin cold': the post's question
        names no state and asks nothing of a state's rules or of importing, and an entry on no legal topic
        covers it; the state is only where the owner is."""
        if u.closing is None or u.asked_states or best.entry.kind is Kind.LEGAL_TOPIC:
            return False
        if u.asked_cues.get("state_legality") or u.asked_cues.get("federal_import"):
            return False
        if self._closing_asks_rules(u, topic):
            return False  # "I'm in Ohio. What are the rules / what speed can I drive it at?" asks the state's rules
        asked = self._closing_words(u, topic)
        return bool(asked) and self._covers_question(best.entry, asked)

    def _closing_words(self, u: Understanding, topic: list[str]) -> list[str]:
        """The known topic words of a post's closing question (none without one)."""
        if u.closing is None:
            return []
        return [t for t in content_tokens(normalise(u.closing)) if t in topic and t in self.index.idf]

    def _closing_asks_rules(self, u: Understanding, topic: list[str]) -> bool:
        """Whether a post's closing question asks about a part of a state's rules in words no legal cue reads
        ("What are the rules?", "How do I get it inspected?", "What speed can I drive it at?")."""
        assert u.closing is not None
        closing = normalise(u.closing)
        asked = [t for t in content_tokens(closing) if t in topic]
        conditions = asked_conditions(replace(u, text=closing, tokens=tuple(words(closing))))
        if (
            ASKS_TRUCK_SPEED.search(closing)
            and not u.asked_cues.get("state_legality")
            and set(conditions) <= {"speed"}
        ):
            return False  # "how fast does a kei truck actually go?" asks what the truck can do
        return bool(STATE_RULE_WORDS.intersection(asked)) or bool(conditions)

    def _covers_up_to_the_question(self, u: Understanding, best: Match, topic: list[str]) -> bool:
        """Whether the entry covers a post up to its last question, when something comes before that question
        and it has words of its own ("Any advice? My acty clunks..." puts the question first: what follows it
        is what is asked)."""
        if u.closing is None or u.raw.find(u.closing) <= 0:
            return False
        head = [t for t in self._up_to_the_question(u, topic) if t in self.index.idf]
        return bool(head) and self._covers_question(best.entry, head)

    def _up_to_the_question(self, u: Understanding, topic: list[str]) -> list[str]:
        """The topic words of a post up to and including its closing question."""
        assert u.closing is not None
        end = u.raw.rfind(u.closing)
        head = u.raw[: end + len(u.closing)] if end >= 0 else u.raw
        return list(dict.fromkeys(t for t in content_tokens(normalise(head)) if t in topic))

    def _speaks_to_the_closing_question(
        self, u: Understanding, matches: list[Match], asked_topic: list[str]
    ) -> bool:
        """A post's first match, moved there for covering its closing question as a whole, is no guess among
        alike entries: the entry it displaced scored only a little more and answers the same kind of question
        ("What ATF does it take?" after a story of hard shifts: the ATF entry, not the shifting one), and the
        closing question's own words rank it first (an entry that merely mentions coolant is not the answer to
        "What coolant should I use?")."""
        if not asked_topic or not self._covers_question(matches[0].entry, asked_topic):
            return False
        own = self.index.rank(u, asked_topic, limit=1)
        if not own or own[0].entry is not matches[0].entry:
            return False
        top = max(matches, key=lambda m: m.score)
        return (
            top.score - matches[0].score < CLOSING_QUESTION_LEAD
            and top.entry.kind.intent == matches[0].entry.kind.intent
        )

    def _decisive(self, matches: list[Match], u: Understanding, topic: list[str]) -> bool:
        """One entry's own name in the question ("jumbo cab") and nothing else close: chatty side words it
        does not mention ("my knees hit the dash") do not make it the wrong entry. A message that asks
        something needs a little less ("my sambar TT2 4wd light doesnt come on when i push the button, is it
        vacuum? hub?"); a remark does not ("my first state inspection went fine")."""
        runner_up = matches[1].score if len(matches) > 1 else 0.0
        if matches[0].score - runner_up < DECISIVE_LEAD:
            return False
        if scope.asks_nothing(u):
            return matches[0].score >= DECISIVE_SCORE
        return matches[0].score >= DECISIVE_ASKED_SCORE or (
            matches[0].score >= DECISIVE_COVERED_SCORE
            and self._coverage(matches[0].entry, topic) >= DECISIVE_COVERAGE
        )

    def _ambiguous(self, matches: list[Match]) -> bool:
        if len(matches) < 2:
            return False
        first, second = matches[0], matches[1]
        if (
            first.score - second.score < AMBIGUITY_MARGIN
            and first.entry.kind.intent != second.entry.kind.intent
            and first.score < 0.7
        ):
            return True
        # several unrelated entries matching about equally well ("a good work truck" against every
        # "... not working" entry): the question is not specific enough to pick one
        close = [m for m in matches[1:] if first.score - m.score < SPREAD_MARGIN]
        return len(close) >= SPREAD_COUNT and first.text_score < SPREAD_TEXT

    def _in_domain(self, u: Understanding, tokens: list[str]) -> bool:
        return scope.in_domain(u) or bool(u.cues) or any(t in self.index.idf for t in tokens)

    # ------------------------------------------------------------ answer kinds

    def _entries_answer(
        self,
        asked: str,
        u: Understanding,
        matches: list[Match],
        preface: str | None = None,
        second: Match | None = None,
        topic: list[str] | None = None,
        asked_now: list[str] | None = None,
    ) -> Answer:
        best = matches[0]
        chosen = [best]
        # an answer written for the named chassis code needs no overview of the whole family beside it
        own_code = u.chassis_code if u.chassis_code in best.entry.chassis_codes else None
        # a companion speaks to the question's own words, not only to one they imply ("how much oil does a carry
        # take": engine oil, but the entry on where the engine sits is no second answer; trial 53)
        companion_topic = asked_now or topic
        if companion_topic is not None:
            said = set(content_tokens(u.text))
            own_words = [t for t in companion_topic if t in said]
            # (not down to one word, which any entry that uses it covers: "i need new plates for my truck"; review 22)
            companion_topic = own_words if len(own_words) > 1 else companion_topic
        for other in matches[1:3]:
            if (
                other.score >= ANSWER_THRESHOLD
                and (best.score - other.score < 0.08 or self._own_entry_close(other, best, u, topic))
                and other.entry.kind.intent == best.entry.kind.intent
                and not _other_generation(other.entry, u)
                and not (own_code and other.entry.family)
                # scoring as well on a shared word ("replace" after a timing-belt question) is not enough
                and (companion_topic is None or self._coverage(other.entry, companion_topic) >= COMPANION_COVERAGE)
                # (nor one silent on the figure asked: "how much oil does a carry take")
                and not self._says_nothing_of_the_figure(other.entry, u)
            ):
                chosen.append(other)
        if u.model:  # the asked truck's own entry before a general one that scored as well, if it is on topic
            # (its names, engine codes included, are no part of the topic: "e07a overheating what to check first")
            named = set(self.lexicon.model_words(u))
            asked_words = self.index.question_tokens(u)
            topic = [t for t in asked_words if t not in named] or asked_words
            chosen.sort(
                key=lambda m: (
                    not (
                        m.entry.model == u.model
                        and (
                            self._covers_question(m.entry, topic)
                            or self._sheet_covers(m.entry, u.chassis_code, topic)
                        )
                        # (not one silent on the figure asked: "how much gear oil does my DA52T take" is the
                        # general entry's DA52T row, not the Carry entry's advice to change it often)
                        and not self._says_nothing_of_the_figure(m.entry, u)
                        # (nor a parts entry for another part: "where to buy parts for a sambar" is not the
                        # Sambar's water-pump sellers)
                        and not (m.entry.kind is Kind.PARTS and self._names_another_part(m.entry, u))
                        # (nor one about another version of the truck that only mentions what is asked: the Super
                        # Carry's entry for "how long is the bed on a carry")
                        and self._named_for(m.entry, topic)
                    )
                )
            )
        intent = best.entry.kind.intent
        if _compares_vehicles(u) and (
            intent in ("model_spec", "maintenance", "parts")
            or (best.entry.kind in (Kind.LEGAL_TOPIC, Kind.BUYING) and not u.states)
        ):
            intent = "compare"
        model = u.model
        if model is None and best.entry.model and intent != "compare":
            model = best.entry.model
        entries = [m.entry for m in chosen]
        state = None
        if (
            best.entry.kind in (Kind.LEGAL_TOPIC, Kind.FEDERAL_RULE)
            and u.states
            and (u.cues.get("state_legality") or u.cues.get("federal_import"))  # not a port named in passing
        ):
            # "can I import one to Texas": the federal rule first, then what the named state does; "how do I
            # get a title in Ohio with the export cert" asks what the state does, so the state comes first
            state = u.state
            states = [e for code in u.states[:MAX_STATES_IN_ONE_ANSWER] if (e := self.kb.by_state.get(code))]
            titling = bool({"title", "registration"}.intersection(asked_conditions(u)))
            entries = [*states, *entries] if titling else [*entries, *states]
        elif best.entry.kind in (Kind.LEGAL_TOPIC, Kind.FEDERAL_RULE, Kind.BUYING) and u.states:
            # "whats the sales tax on an imported kei truck in washington": the general entry, then the state's own
            # line on what is asked where its card has one ("Use tax on a vehicle brought in")
            states = [
                e
                for code in u.states[:MAX_STATES_IN_ONE_ANSWER]
                if (e := self.kb.by_state.get(code)) is not None and self.composer.has_a_line_named_by(e, u)
            ]
            if states:
                state = u.state
                entries = [*states, *entries]
        focus = None
        if second is not None and second.entry not in entries:
            # the other question's entry, quoted on that question's words only
            entries.append(second.entry)
            chosen.append(second)
            focus = {second.entry.id: second.matched.split()}
        return self.composer.compose(
            asked,
            u,
            intent,
            entries,
            chosen,
            best.score,
            state=state,
            model=model,
            preface=preface,
            focus=focus,
        )

    def _compare_models(self, asked: str, u: Understanding, tokens: list[str]) -> Answer:
        picked: list[Match] = []
        every_side = set(self.lexicon.model_words(u))  # the trucks' names and codes, as content words
        for model in u.models[:3]:
            # "da63t vs s200p": each side is ranked with its own chassis code (Understanding keeps only the first)
            code = next((t.upper() for t in u.tokens if self.lexicon.chassis.get(t) == model), None)
            single = u.with_slots(models=(model,), owned_model=None, chassis_code=code)
            # ...and without the other sides' names and codes or the comparing words ("vs" in a title)
            own = set(self.lexicon.model_words(single))
            side_tokens = [
                t for t in tokens if t not in COMPARING_WORDS and (t in own or t not in every_side)
            ]
            if not set(side_tokens) - own:
                # "scrum vs clipper": nothing is asked but the trucks, so each side is its overview, or the
                # generation's sheet for a chassis code ("hijet s82p vs carry da52t")
                overview = (self._generation_sheet(code) if code else None) or self.family_overviews.get(
                    model
                )
                if overview is not None and overview not in [p.entry for p in picked]:
                    picked.append(Match(overview, 1.0, model.casefold(), 1.0, 0.0, 0.0))
                continue
            asked_of_side = [t for t in side_tokens if t not in own]
            # a side's answer is about that truck and what is asked of it: "acty vs carry for steep hills" is not
            # answered by the Acty's overheating-on-hills entry, nor "carry vs hijet timing belt" by the general one
            side = next(
                (
                    m
                    for m in self.index.rank(single, side_tokens)
                    if m.score >= SUGGEST_THRESHOLD
                    # the truck's own entry, or its twin's ("the Scrum's parts are the Carry's")
                    and model in (m.entry.model, self.lexicon.twins.get(m.entry.model or ""))
                    and m.entry not in [p.entry for p in picked]
                    and self._coverage(m.entry, asked_of_side) >= SIDE_COVERAGE
                ),
                None,
            )
            if side is not None:
                picked.append(side)
        if len(picked) < 2:
            # no truck has an entry of its own on what is asked ("which is better for a small farm"): an entry
            # comparing all the trucks on it, if one covers it
            asked_of_all = [t for t in tokens if t not in every_side and t not in COMPARING_WORDS]
            closing = u.closing
            if closing:
                # "Carry vs Hijet vs Acty - which is the most reliable? I want 4x4 for a small farm": what the
                # comparison asks is its question, not the post around it
                asked_words = set(content_tokens(normalise(closing)))
                asked_of_all = [t for t in asked_of_all if t in asked_words] or asked_of_all
            # "carry vs hijet, which is better for a farm": an entry comparing the trucks, not one on farms
            # ("hijet or carry for hunting lease?" is a choice, though "better" is not said; not where a state's
            # rules are asked too: "probably a Carry or Hijet ... is it ok to drive in Ohio")
            chooses = bool(CHOOSING.intersection(words(normalise(closing)) if closing else u.tokens))
            which_is_better = chooses or (self._either_or(u) and not u.states)
            ranked = self.index.rank(
                u.with_slots(models=(), owned_model=None, chassis_code=None),
                [*asked_of_all, COMPARE] if which_is_better else asked_of_all,
            )
            # far ahead of every other entry, it is the one about this comparison even if a side word of the
            # question ("for a first kei truck") is not in it
            clear_leader = (
                ranked[0] if len(ranked) > 1 and ranked[0].score - ranked[1].score >= DECISIVE_LEAD else None
            )
            general = next(
                (
                    m
                    for m in ranked
                    if m.entry.model is None
                    and m.score >= ANSWER_THRESHOLD
                    # ("carry vs hijet which is better for farm use": not the law on farm use)
                    and (
                        not m.entry.kind.is_legal
                        or u.cues.get("state_legality")
                        or u.cues.get("federal_import")
                    )
                    and (
                        self._covers_question(m.entry, asked_of_all)
                        or m is clear_leader
                        # "where do i get brake pads, acty vs hijet": where parts come from, whatever the part
                        or (m.entry.kind is Kind.PARTS and set(SOURCING_WORDS) <= set(tokens))
                        or (which_is_better and m.entry.id in self.comparing_entries)
                    )
                ),
                None,
            )
            if general is not None and general.text_score >= OWN_WORDING_SCORE:
                picked = [general]  # worded like the comparison entry ("which is more reliable"): that one
            elif general is not None and general.entry not in [p.entry for p in picked]:
                # beside the one side that has an entry of its own; first where "which is better" was asked
                picked = [general, *picked] if which_is_better else [*picked, general]
        if not picked:
            return self.composer.decline(asked, u, "compare", NO_COMPARISON)
        confidence = min(m.score for m in picked)
        note = COMPARISON_NOTE
        return self.composer.compose(
            asked,
            u,
            "compare",
            [m.entry for m in picked],
            picked,
            max(confidence, 0.5),
            model=None,
            preface=note,
        )

    def _related_bar(self, match: Match, u: Understanding) -> float:
        """How much of the question's wording a general entry needs to follow (or lead) a state's answer: a
        little less for an entry on how the two states a post names relate, or for one on a condition the
        question asks that no named state records ("Who are people using for insurance on these?" beside
        Wisconsin, whose card says nothing of insurance)."""
        if _between_states(match, u) or self._on_an_unrecorded_condition(match, u):
            return BETWEEN_STATES_THRESHOLD
        return RELATED_TOPIC_THRESHOLD

    def _on_an_unrecorded_condition(self, match: Match, u: Understanding) -> bool:
        """A legal entry about a condition the question asks that none of its states' entries records."""
        if match.entry.kind is not Kind.LEGAL_TOPIC:
            return False
        states = [e for code in u.states if (e := self.kb.by_state.get(code))]
        words = self.entry_words[match.entry.id]
        return any(
            not _condition_tokens(key).isdisjoint(words) for key in _unrecorded(states, asked_conditions(u))
        )

    def _moving_entry(self, u: Understanding, topic: Match | None) -> Entry | None:
        """The moving entry, for a move between two named states that asks about registering or titling there, or
        about nothing of the state's rules in particular ("moving from Maine to New Hampshire ... will NH let me
        transfer it ... what do I need to bring to the town clerk"; not "... what's the speed limit in
        Florida?"), unless another entry is clearly asked."""
        if len(u.states) < 2 or not MOVING.search(u.text):
            return None
        conditions = set(asked_conditions(u))
        if conditions and not conditions & VERDICT_CONDITIONS:
            return None
        if topic is not None and topic.text_score >= RELATED_TOPIC_THRESHOLD:
            return None
        return self.kb.by_id.get(MOVING_STATES)

    def _state_answer(
        self,
        asked: str,
        u: Understanding,
        topic: Match | None,
        matches: list[Match],
        follows: Entry | None = None,
    ) -> Answer:
        """The named states' entries first, then a general legal topic the question also touches (or
        ``follows``, a general entry the question's kind calls for)."""
        # "moving from michigan to minnesota, can I register it there?" asks about the state moved to (understand
        # puts it first); the one left behind only lengthens the answer
        moving = bool(u.moved_to or MOVING.search(u.text))
        if u.moved_to in u.asked_states and len(u.asked_states) > 1:
            # "Moved to Florida ... can I renew it in Michigan while living in Florida?": the question asks how the
            # two relate, so both cards
            moving = False
        named = u.states[:1] if moving else u.states[:MAX_STATES_IN_ONE_ANSWER]
        # ("... an old bill of sale from some importer in Georgia. I'm in Kentucky. How do I get it titled?": the
        # state the truck was bought in is no part of the question when another is named)
        # (unless the truck is to be moved from there: "bought it from a guy in georgia, can I move it on roads in
        # alabama?" crosses Georgia's roads too)
        if not _TAKING_IT.search(u.text):
            named = [code for code in named if code not in u.bought_in] or named
        if u.asked_states and not moving and not (topic is not None and _between_states(topic, u)):
            # "I bought my Hijet back in Ohio ... Will Colorado let me register it?": the state the question
            # asks about; the one in the story only lengthens the answer (unless the post asks how they relate)
            named = [code for code in named if code in u.asked_states] or named
        elif named and named[0] == u.home_state and not (topic is not None and _between_states(topic, u)):
            # "I found a Carry in Oregon ... I live in Sacramento ... can I register it in CA?": the owner's own
            # state is asked about; the seller's is only where the truck is
            named = named[:1]
        entries = [e for code in named if (e := self.kb.by_state.get(code))]
        if not entries:
            return self.composer.decline(asked, u, "state_legality", f"I have no entry for {u.state} yet.")
        used: list[Match] = []
        # (the wording itself, not just legal cue words; not the state list's entry, which is about no one state)
        if (
            topic is not None
            and topic.text_score >= self._related_bar(topic, u)
            and topic.entry.id != STATE_OVERVIEW
        ):
            used.append(topic)
            asked_about = asked_conditions(u)
            missing = _unrecorded(entries, asked_about)
            unrecorded = bool(asked_about) and len(missing) == len(asked_about)
            # "who insures kei trucks in ohio?": when no named state records what was asked (nor what stands in
            # for it: its registration line answers "can I get a title there?"), the general entry that does is
            # the answer, and the state's rules follow it; unless no named state plates a kei at all ("PA
            # inspection on a 98 hijet": no plates, so no inspection, says Pennsylvania's status)
            plates_none = all(e.status in NO_ROAD_USE for e in entries)
            # "plated in Florida, can I drive it in Michigan on my FL plates?": how two states relate is the
            # question, which the general entry answers and the states' cards only back up (not a move, where
            # the new state's rules are what is asked)
            between_states = _between_states(topic, u) and not MOVING.search(u.text)
            # (worded like the question, or named for the unrecorded condition: "...is insurance required in
            # Tennessee?" gets the insurance entry first, whatever else the message says)
            # (not a condition that is the state's own business: where and whether it plates a kei)
            named_for_it = any(
                not _condition_tokens(key).isdisjoint(self.name_words[topic.entry.id])
                for key in missing
                if key not in STATES_OWN_CONDITIONS
            )
            entries = (
                [topic.entry, *entries]
                if (unrecorded and (topic.text_score >= 0.9 or named_for_it) and not plates_none)
                or between_states
                else [*entries, topic.entry]
            )
        elif follows is not None:
            entries.append(follows)
        confidence = 0.9 if u.cues.get("state_legality") else 0.7
        preface = None
        result = eligibility.check(u.year, u.month, self.clock()) if u.year and u.models else None
        sheet = self._generation_sheet(u.chassis_code) if u.chassis_code and not u.year else None
        if (
            result is not None
            and result.fmvss_eligible is False
            and u.year_from_context
            and u.states_from_context
        ):
            # "can i get antique plates on it there" after "is a 2003 hijet legal in tennessee": the last answer, about
            # this state and this truck, gave the federal verdict in full; said once more in a sentence, not in three
            # paragraphs and an entry (trial 52). (Not after "what oil does a 2003 hijet take": no verdict yet.)
            preface = (
                f"**The federal rule still applies:** {result.turns_25()}, so it cannot be imported for road use "
                "before then."
            )
        elif (
            result is not None and result.fmvss_past_25 and u.states_from_context and not u.year_from_context
        ):
            # "same for a 96?" after a Maryland question: what the new year changes is said first (trial 52: the same
            # card came back without a word about the year)
            preface = f"**A {u.year} truck** {result.turned_25()}, so the federal 25-year rule is no bar."
        elif result is not None and result.fmvss_eligible is False:
            # "is a 2004 carry legal in texas": the state's rules only matter once the truck can come in
            preface = (
                f"**First, the federal rule:** a {u.year} truck is too new to import for road use.\n"
                + result.describe()
            )
            entries += [e for e in (self.kb.by_id.get(FEDERAL_25_YEAR),) if e]
        elif (
            sheet is not None
            and sheet.years
            and eligibility.none_old_enough(*sheet.years, self.clock(), sheet.first_month, sheet.last_month)
        ):
            # "my buddy imported a DA63T in 2019 ... can I register it in Massachusetts?": no truck of that
            # generation is 25 years old yet, so it came in (if legally) only as an off-road vehicle
            preface = (
                f"**First, the federal rule:** no {u.chassis_code} is old enough yet to have been imported for road "
                "use; one here now came in only as an off-road vehicle, if legally.\n"
                + eligibility.describe_generation(
                    u.chassis_code, *sheet.years, self.clock(), sheet.first_month, sheet.last_month
                )
            )
            entries += [e for e in (self.kb.by_id.get(FEDERAL_UNDER_25),) if e]
        # "PA won't title these anymore, is that true? ... could I register it in another state?": the general
        # legal entry for the other question (never a maintenance one a side word picks: "is that true"); a
        # message only about the state's own rules ("can they go on paved roads or just farm") is the state
        # entry's, and is not ranked again
        tokens = self.index.question_tokens(u)
        ranks: dict[tuple[str, ...], list[Match]] = {}  # (each clause ranked once for both searches)
        second = (
            None
            if used or follows is not None or all(t in STATE_RULE_WORDS for t in tokens)
            else next(iter(self._other_questions(u, tokens, entries, kinds=LEGAL_KINDS, ranks=ranks)), None)
            # "What's a realistic top speed for these trucks, and is it legal on a 55 mph road in Tennessee?": a
            # question about the truck itself, answered by an entry named for it (not one a side word picks)
            or next(
                (
                    m
                    for m in self._other_questions(u, tokens, entries, kinds=THE_TRUCK_ITSELF, ranks=ranks)
                    if self._named_for(m.entry, m.matched.split()) and m.text_score >= OWN_WORDING_SCORE
                ),
                None,
            )
        )
        if second is not None and second.entry.id != STATE_OVERVIEW:  # (the list of states, not this state)
            entries.append(second.entry)
            used.append(second)
        else:
            second = None
        return self.composer.compose(
            asked,
            u,
            "state_legality",
            entries,
            used,
            confidence,
            state=u.state,
            model=u.model,
            preface=preface,
            focus={second.entry.id: second.matched.split()} if second is not None else None,
        )

    def _state_overview(self, asked: str, u: Understanding) -> Answer:
        overview = self.kb.by_id.get(STATE_OVERVIEW)
        groups: dict[Status, list[str]] = {status: [] for status in Status}
        for code, entry in sorted(self.kb.by_state.items()):
            if entry.status is not None:
                groups[entry.status].append(code)
        lines = ["**Kei trucks on US roads, by state (from each state's entry)**"]
        order = list(groups)
        if _ASKS_WHERE_BANNED.search(u.text):
            # "any states where kei trucks are totally banned?": those first (trial 53)
            order.sort(key=lambda status: status not in NO_ROAD_USE)
        for status in order:
            codes = groups[status]
            if codes:
                lines.append(f"- **{status.label}** ({len(codes)}): {', '.join(codes)}")
        lines.append(
            "Rules change often, interstates are off-limits for kei trucks nearly everywhere, and "
            '"restricted" means very different things by state. Ask about one state for its details '
            "and sources."
        )
        entries = [overview] if overview else []
        return self.composer.compose(
            asked,
            u,
            "state_legality",
            entries,
            [],
            0.8,
            state=None,
            model=u.model,
            preface="\n".join(lines),
        )

    def _eligibility(self, asked: str, u: Understanding, matches: list[Match]) -> Answer:
        """Computed eligibility, plus the federal topic the question is about (Canada, vans...) and, when
        the truck can come in, the state it names."""
        assert u.year is not None
        # (a span of years, "late 2000s": states matter unless even its first year, ``year``, is too young)
        result = eligibility.check(u.year, u.month, self.clock())
        rules = [e for e in (self.kb.by_id.get(FEDERAL_25_YEAR), self.kb.by_id.get(FEDERAL_EPA_21_YEAR)) if e]
        shown: list[Entry] = []
        topic = next((m for m in matches[:2] if m.entry.kind is Kind.FEDERAL_RULE), None)
        if (
            topic
            and topic.score >= ANSWER_THRESHOLD
            and (topic.entry not in rules or topic.text_score >= SPECIFIC_RULE_WORDING)
        ):
            # the federal topic asked about (Canada, vans...), or one of the two rules when the question
            # is about that rule itself ("do i need EPA form 3520-1"): its passages, not just its name
            shown.append(topic.entry)
            rules = [rule for rule in rules if rule is not topic.entry]
        preface = eligibility.describe_span(*u.year_span, self.clock()) if u.year_span else result.describe()
        # "Which forms do I need? And do I actually need a customs broker?": the broker entry too; and "...do I
        # need to do EPA and DOT forms or is it exempt?": the EPA rule's passages on them, not only its verdict
        asked_words = [t for t in self.index.question_tokens(u) if t not in VEHICLE_NOUNS]
        # up to two: "which forms ...? And do I need a broker?" with no topic chosen
        others = self._other_questions(u, asked_words, [*shown, *rules])[:2]
        # (not the verdict's own question again: "is my 1996 carry old enough to import? what are the port fees")
        if not others and (found := self._second_question(u, asked_words, shown, skip=ASKS_ELIGIBILITY)):
            # no other entry: one of the two rules, which the verdict only names, quoted on that question
            others.append(found)
        shown.extend(m.entry for m in others)
        rules = [rule for rule in rules if rule not in shown]
        if result.fmvss_eligible is not False:
            shown.extend(
                e for code in u.states[:MAX_STATES_IN_ONE_ANSWER] if (e := self.kb.by_state.get(code))
            )
        elif u.states:
            # "...if i register it in montana?": no state's registration gets round the import rule
            named = " or ".join(STATE_NAMES[code] for code in u.states[:MAX_STATES_IN_ONE_ANSWER])
            preface += (
                f"\nRegistering it in {named} does not change this: the import rule is federal, and a truck "
                "that could not come in for road use is not road-legal in any state."
            )
        return self.composer.compose(
            asked,
            u,
            "federal_import",
            [*shown, *rules],
            [m for m in (topic, *others) if m is not None and m.entry in shown],
            0.95,
            state=u.state if any(e.kind is Kind.STATE_RULE for e in shown) else None,
            model=u.model,
            preface=preface,
            include_bodies={e.id for e in shown},
            focus={m.entry.id: m.matched.split() for m in others} or None,
        )

    def _out_of_scope(self, asked: str, u: Understanding) -> Answer:
        reason = u.out_of_scope or "off_topic"
        text = DECLINES.get(reason, DECLINES["off_topic"])
        entries: list[Entry] = []
        canada = self.kb.by_id.get(FEDERAL_CANADA)
        if (
            reason == "non_us"
            and "canada" in u.tokens
            and u.cues.get("federal_import")
            and canada is not None
        ):
            # "what about canada?" after an import question: Canada's own import rule is in the knowledge base
            return self.composer.compose(asked, u, "federal_import", [canada], [], 0.7)
        if reason == "fraud":
            # the rule that decides, but no date worked out: which year in the question is the real one is
            # exactly what is in doubt, and a date for the altered year would help the alteration
            entries = [e for e in (self.kb.by_id.get(FEDERAL_25_YEAR),) if e]
        elif u.year and u.cues.get("federal_import") and not (u.year_from_context or u.cues_from_context):
            # (not again for a follow-up that only carries the last question's truck: it was given there)
            result = eligibility.check(u.year, u.month, self.clock())
            text += "\n\n" + result.describe(noun="vehicle")
            entries = [e for e in (self.kb.by_id.get(FEDERAL_25_YEAR),) if e]
        elif reason == "governor" and (rule := self.kb.by_id.get(FEDERAL_UNDER_25)) is not None:
            # "can i pull the 25 mph governor off once it's here?": no help doing it, but the rule it would break (the
            # off-road import entry's tampering paragraph) is quoted; still a refusal, so not "answered" (as an answer
            # it turned an unread sourced question from a miss into a wrong one)
            ruled = self.composer.compose(
                asked,
                u,
                "out_of_scope",
                [rule],
                [],
                0.9,
                state=u.state,
                preface=text,
                focus={rule.id: ["governor", "tamper"]},
            )
            return replace(ruled, answered=False)
        elif reason == "kei_car":
            # "why can't we have kei cars here?", "suzuki jimny jb23 import yet?": the federal rule covers any
            # vehicle, kei car or not
            text += "\n\n" + OTHER_VEHICLE_RULES["federal_kei"]
            entries = [e for e in (self.kb.by_id.get(FEDERAL_25_YEAR),) if e]
        answer = self.composer.decline(asked, u, "out_of_scope", text, entries=entries)
        return answer

    def _other_vehicle(self, asked: str, u: Understanding, vehicle: scope.OtherVehicle) -> Answer:
        """A UTV, golf cart, pickup or other import: say so, and give the general rule that really applies."""
        one_word = " " not in vehicle.name
        name = (
            vehicle.name.upper()
            if one_word and scope.said_letter_by_letter(vehicle.name)
            else vehicle.name.title()
        )
        if _squashed(vehicle.name.removesuffix("s")) in _squashed(vehicle.label):
            # "golf carts", "side by side", "4 wheeler": the label names it already (no "A Golf Carts is", "A Side By
            # Side is a UTV or side-by-side")
            text = f"That's {vehicle.label}, not a kei truck, so my kei-truck answers don't apply to it. "
        else:
            text = (
                f"{scope.indefinite_article(name).title()} {name} is {vehicle.label}, not a kei truck, so my kei-truck "
                "answers don't apply to it. "
            )
        rule = vehicle.rule
        if rule == "other" and u.cues.get("federal_import"):
            rule = "federal"  # any vehicle's import is the federal rule's: "is a 1998 suzuki samurai legal to import?"
        elif (
            rule == "state"
            and not (u.states or u.cues.get("state_legality") or u.cues.get("federal_import"))
            and any(u.cues.get(kind) for kind in ("maintenance", "parts", "model_spec"))
        ):
            # "what oil does a 2015 F-150 take" asks about the vehicle, nothing of a state's rules: no DMV to ask
            # ("do I need a license to drive a golf cart" still asks the rules)
            rule = "other"
        kind_pattern = scope.state_line_labels(vehicle.category) if rule == "state" else None
        if (
            kind_pattern is not None
            and u.states
            and (_asks_about_rules(u.text) or DRIVING_THERE.search(u.text))
        ):
            # the states' own rules for that kind of vehicle, where their cards have them, do apply to it ("best
            # battery for my ezgo golf cart? I'm in georgia" asks none of them)
            cards = [c for code in u.states[:MAX_STATES_IN_ONE_ANSWER] if (c := self.kb.by_state.get(code))]
            ruled = self.composer.vehicle_class_rules(asked, u, text.rstrip(), cards, kind_pattern)
            if ruled is not None:
                return ruled
        text += OTHER_VEHICLE_RULES[rule]
        entries: list[Entry] = []
        if rule in ("federal", "federal_kei"):
            entries = [e for e in (self.kb.by_id.get(FEDERAL_25_YEAR),) if e]
            if u.year:
                text += "\n\n" + eligibility.check(u.year, u.month, self.clock()).describe(noun="vehicle")
        return self.composer.decline(asked, u, "out_of_scope", text, entries=entries, log_gap=False)

    # ------------------------------------------------------------ composition


LONG_NOTE = (
    f"_Your message was longer than {MAX_QUESTION_CHARS:,} characters, so I answered the part of it that reads "
    "as the question._"
)
QUESTION_CONTEXT_CHARS = 400  # of a long message, the question and what leads up to it
_REPEATED_MARKS = re.compile(r"([!?.,])\1{2,}")


# a clause's verb acting on something already named ("how do i adjust it", "fix that"); the verb is checked against
# the clause's one word, so "what coolant goes in it" is still a question of its own (review 21)
_PRONOUN_OBJECT = re.compile(r"\b([a-z]+) (it|them|that|this|those|these|one|ones)\b\W*$")


_ASKS_WHERE_BANNED = re.compile(rf"\b(?:{alternation('ban_words')})\b")


def _without_greeting(text: str) -> str:
    """The message after a greeting it opens with ("yo whats up bot, you a real person?": "you a real person?")."""
    found = GREETING_PREFIX.match(text)
    return text[found.end() :] if found else text


def _asks_about_rules(said: str) -> bool:
    """Whether a clause (normalised) has a word of a state's rules or of importing, or asks who may drive ("do I
    need a special license to drive a kei?", "can my 15 yo drive it around the property?")."""
    cues = intent_cues(said)
    return bool(cues.get("state_legality") or cues.get("federal_import") or WHO_MAY_DRIVE.search(said))


def _question_part(text: str) -> tuple[str, bool]:
    """The text to answer, and whether it had to be cut: a long message is answered from its last question
    (with what leads up to it, as far as fits), else from its start."""
    text = _REPEATED_MARKS.sub(r"\1", text)  # "texas!!!!!!" is "texas!"
    if len(text) <= MAX_QUESTION_CHARS:
        return text, False
    sentences = message_sentences(text)
    last_question = max(
        (i for i, sentence in enumerate(sentences) if sentence.rstrip().rstrip("!").endswith("?")),
        default=None,
    )
    if last_question is None:
        cut = text[:MAX_QUESTION_CHARS]
        # drop a word the cut went through, not a whole one that happens to end at the cut
        return (cut if text[MAX_QUESTION_CHARS].isspace() else cut.rsplit(" ", 1)[0]), True
    picked: list[str] = []
    for sentence in reversed(sentences[: last_question + 1]):
        if picked and sum(len(p) + 1 for p in picked) + len(sentence) > QUESTION_CONTEXT_CHARS:
            break
        picked.insert(0, sentence)
    return (" ".join(picked) if picked else sentences[last_question][-MAX_QUESTION_CHARS:]), True


def _compares_vehicles(u: Understanding) -> bool:
    """'X vs Y' where X and Y are trucks, engines or body styles (not states or rules)."""
    if not u.cues.get("compare"):
        return False
    tokens = set(u.tokens)
    body_styles = bool(tokens & {"van", "vans"}) and bool(tokens & {"truck", "trucks", "pickup"})
    return (
        len(u.models) >= 2
        or body_styles
        or u.top_cue == "compare"
        or (bool(u.engine_code) and "vs" in tokens)
    )


# "Not recorded in our sources", "Not verified for keis" say nothing; "Not verified; a kei site reports some DMV
# offices refused titles" still says what the state's sources report, and that is the state's answer
_UNRECORDED = re.compile(r"^(not recorded|not verified|unknown)\b", re.I)
_REPORTED = re.compile(
    r"\b(reports?|reported|says?|said|according to|per|lists?|allows?|requires?|would)\b", re.I
)


def _records(entry: Entry, condition: str) -> bool:
    """Whether a state entry says something about a condition, beyond "not recorded" or "not verified"."""
    value = getattr(entry.conditions, condition, None) if entry.conditions else None
    return bool(value) and (not _UNRECORDED.match(value) or bool(_REPORTED.search(value)))


def _with_opening_line(answer: Answer, line: str) -> Answer:
    """The answer with a line put above what it says (a unit conversion, a scope note)."""
    return replace(answer, text=f"{line}\n\n{answer.text}", body=f"{line}\n\n{answer.body}")


def _van_note(u: Understanding) -> str | None:
    """For an answer about a truck asked by the owner of its van sibling (an Every beside the Carry's chassis
    code): the answer is the truck's, and holds for the van only where the two share parts."""
    vehicle = scope.named_vehicle(u)
    if vehicle is None or vehicle.category != "kei_van" or not u.models:
        return None  # no truck of its own ("kei van vs kei truck"): a comparison, or the scope line
    return (
        "_A kei van is not a kei truck, and I cover the trucks: what follows is the truck's answer, which holds "
        "for a van only where it shares the truck's engine and parts (check by frame number)._"
    )


def _other_vehicle_note(u: Understanding) -> str | None:
    """For a legal answer to a question that names a kei truck beside a vehicle with its own state rules (a
    golf cart, a UTV): which half of the question the answer covers."""
    vehicle = scope.named_vehicle(u)
    if vehicle is None or vehicle.rule != "state" or scope.other_vehicle(u) is not None:
        return None
    return (
        f"_{vehicle.label[0].upper()}{vehicle.label[1:]} is not a kei truck; states have their own rules for "
        "it, which I don't cover (ask your state's DMV). What follows is about kei trucks._"
    )


@functools.lru_cache(maxsize=1 << 14)
def _content_token(word: str) -> str | None:
    """A word of a question as matching compares it (None for a stopword)."""
    return next(iter(content_tokens(word)), None)


@functools.cache
def _engines_named(title: str) -> frozenset[str]:
    return frozenset(word for word in words(normalise(title)) if word in ENGINE_MODELS)


def _other_generation(entry: Entry, u: Understanding) -> bool:
    """An entry written for other chassis codes, other build years or another engine than the question's: beside
    the answer it only adds another truck's figures (the U41T's table under a U62T question; the F6A's belt for
    "is the K6A interference")."""
    if u.chassis_code and entry.chassis_codes and u.chassis_code not in entry.chassis_codes:
        return True
    if (
        u.engine_code
        and (engines := _engines_named(entry.title))
        and not any(
            u.engine_code.startswith(engine) or engine.startswith(u.engine_code) for engine in engines
        )
    ):
        return True  # (the EN07Y is an EN07: one engine's versions are its own)
    return bool(u.year and entry.years and not entry.years[0] <= u.year <= entry.years[1])


def _bears_on_state(match: Match | None, u: Understanding) -> bool:
    """A general entry that may follow a state's answer: a legal topic, or a federal one when the question is
    about import papers a state asks for ("the DMV wants my export certificate translated"), not "why are kei
    trucks illegal in georgia"."""
    if match is None:
        return False
    if _elsewhere_unasked(match.entry, u):
        return False
    return match.entry.kind is Kind.LEGAL_TOPIC or (
        match.entry.kind is Kind.FEDERAL_RULE and bool(u.cues.get("federal_import"))
    )


def _squashed(name: str) -> str:
    """A vehicle's name without spaces, hyphens or brackets, its digit 4 spelt out: "4 wheeler" is "fourwheeler"."""
    return re.sub(r"[^a-z0-9]", "", name.casefold().replace("4", "four"))


def _elsewhere_unasked(entry: Entry, u: Understanding) -> bool:
    """The entry on driving in other states, for a message about one state that goes nowhere else ("GA kei truck
    law, what speed roads can i drive on"). A second state named keeps it ("are my texas plates good in oklahoma":
    review 17; dropped there too, it lost the one entry that answers)."""
    return entry.id == DRIVING_ELSEWHERE and len(u.states) < 2 and not ELSEWHERE.search(u.text)


def _unrecorded(states: list[Entry], conditions: list[str]) -> list[str]:
    """The asked conditions none of the states' entries records, nor one that stands in for it (a registration
    line answers "can I get a title there?")."""
    related = passages.related_conditions()
    return [
        key
        for key in conditions
        if states and not any(_records(e, c) for e in states for c in (key, *related.get(key, ())))
    ]


def _asks_the_card(said: str, states: list[Entry]) -> bool:
    """A clause (normalised) that names a state of the answer, read already from the whole message, and asks only
    what its card records of every state, its registration and title ("can I register it in CA at all?"); not
    one about papers ("do I need a title from Japan?") or naming no state."""
    named = [e for e in states if e.state and _naming_the_state(e.state).search(said)]
    if not named:
        return False
    asks = asked_conditions_in(said)
    return bool(asks) and set(asks) <= STATE_CORE and not _unrecorded(named, asks)


@functools.cache
def _naming_the_state(code: str) -> re.Pattern[str]:
    """A state's name in a normalised clause, or its code unless the code is an English word ("gave me a title"
    names no Maine)."""
    names = [re.escape(STATE_NAMES[code].casefold())]
    if code.casefold() not in ENGLISH_STATE_CODES:
        names.append(code.casefold())
    return re.compile(rf"\b(?:{'|'.join(names)})\b")


def _between_states(match: Match, u: Understanding) -> bool:
    """A general entry on how two states relate, for a post that names two; not where the state asked about is
    the one the owner lives in ("I found a Carry in Oregon ... I live in Sacramento ... can I register it in
    CA?" asks California's rules), unless the post asks about residency ("I live in Pennsylvania ... register
    it at his address in Montana ... legal for me as a PA resident?")."""
    if len(u.states) < 2 or match.entry.id not in BETWEEN_STATES:
        return False
    return u.home_state != u.states[0] or (
        match.entry.id == REGISTERING_AWAY and not RESIDENCY_WORDS.isdisjoint(u.tokens)
    )


@functools.cache
def _condition_tokens(condition: str) -> frozenset[str]:
    """A state condition's cue words as the index holds them ("insurance" -> "insuranc")."""
    return frozenset(content_tokens(normalise(" ".join(CONDITION_WORDS.get(condition, ())))))


def _buys_the_dated_truck(u: Understanding) -> bool:
    """The thing bought is the truck whose year is given ("buy a 2003 hijet", "buying an '04 carry")."""
    return any(
        found.group(1).lstrip("'’") in (str(u.year), str(u.year)[2:])
        for found in _BUYS_A_YEAR.finditer(u.text)
    )


# the roads and speeds an owner drives at ("5th pops out on the highway-ish roads"): only words of where the truck
# was driven, unless something else in the post is about a state's rules
_DRIVING_WORDS = frozenset(
    w for key in ("roads", "interstates", "speed") for w in CONDITION_WORDS[key] if " " not in w
)


def _legal_beyond_driving(u: Understanding) -> bool:
    """Whether a message has a cue to a state's rules other than words for where the truck was driven."""
    if not u.cues.get("state_legality"):
        return False
    return bool(intent_cues(" ".join(t for t in u.tokens if t not in _DRIVING_WORDS)).get("state_legality"))


# asked figure (stemmed) -> the words an entry that gives it uses (itself and its focus words)
_FIGURE_ATTRIBUTES = {
    stem(attribute): frozenset({stem(attribute), *passages.focus_words().get(stem(attribute), ())})
    for attribute in word_list("figure_attributes")
}


_ASKS_A_FIGURE = re.compile(r"\b(how (much|many)|whats|what|which)\b")
_CAPACITY = stem("capacity")
# the words of asking how much ("how much does a full change take"), no fluid or part of their own
FIGURE_ASKING_WORDS = frozenset(content_words("figure_asking_words"))
_COST = stem("cost")
_ASKS_IF_COSTLY = re.compile(rf"\b(?:{alternation('costly_words')})\b")


# "how much gear oil does my DA52T take": a capacity, though the word is not said (of a fluid: not "how much time
# does it take", "how much of a lift can it take")
_ASKS_A_CAPACITY = re.compile(
    rf"\bhow much (?:\w+ )?(?:{alternation('capacity_fluids')})\b[^.?!]*\b({alternation('capacity_verbs')})\b|"
    # "how much does the front diff take", "how much does the oil pan hold"
    rf"\bhow much (?:does|do|will|would|can) (?:the |my |a |an |this |that )?(?:\w+ )?"
    rf"(?:{alternation('capacity_containers')})\b[^.?!]*\b({alternation('capacity_verbs')})\b"
)
# an amount of fluid with its unit, in an entry
_AMOUNT = re.compile(r"\b\d+(?:\.\d+)?\s?(?:l|liters?|litres?|qt|quarts?|gal|gallons?|ml)\b", re.I)


def _figures_asked(u: Understanding) -> tuple[str, ...]:
    """The figures (``figure_attributes``) a sentence of the question that asks "how much" or "what" names."""
    return _figures_asked_in(u.closing or u.raw)


@functools.lru_cache(maxsize=256)  # asked of several entries in one answer: the message is read once
def _figures_asked_in(text: str) -> tuple[str, ...]:
    asked: list[str] = []
    for sentence in message_sentences(normalise(text)):
        if _ASKS_A_FIGURE.search(sentence):
            asked.extend(_FIGURE_ATTRIBUTES.keys() & set(content_tokens(sentence)))
        if _ASKS_A_CAPACITY.search(sentence) and _CAPACITY not in asked:
            asked.append(_CAPACITY)
        if _ASKS_IF_COSTLY.search(sentence) and _COST not in asked:
            asked.append(_COST)  # "is that expensive?": what it costs
    return tuple(asked)


def _is_legal_topic(match: Match | None) -> bool:
    return match is not None and match.entry.kind is Kind.LEGAL_TOPIC

"""Conversation: is a message a follow-up, and if so, what does it carry over from the last question?

"ok what about oklahoma then" after "is my 98 carry legal in texas" is the same question for Oklahoma;
"tell me a joke" or "thanks!" after it is not a follow-up and never brings the Texas answer back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core.compose import asked_conditions
from bot.core.matching import Index
from bot.core.policy import LONG_FOLLOW_UP_OWN_WORDS
from bot.core.text import content_tokens, normalise, read_word_file, stem
from bot.core.understand import Understanding
from bot.core.wordbook import word_map, word_set

# Words that lean on the previous question: "is it legal there too?", "same for that one?"
LEANING_WORDS = word_set("leaning_words")
# (stemmed as topic words are)
OTHER_OF_PAIR = {stem(word): stem(other) for word, other in word_map("other_of_pair").items()}


def swapped_words(topic: list[str], last: tuple[str, ...]) -> frozenset[str]:
    """The last question's words a short follow-up swaps for their partner ("and the front ones?" after "how do
    i change rear brake shoes": "rear"); none when the follow-up names more than the swap."""
    if not 0 < len(topic) <= 2:
        return frozenset()
    return frozenset(OTHER_OF_PAIR[t] for t in topic if t in OTHER_OF_PAIR and OTHER_OF_PAIR[t] in last)


THANKING_OPENERS = word_set("thanking_openers")
_ASKING_FOR_FILE = Path(__file__).with_name("data") / "asking_for_words.txt"
# what a short follow-up asks of the last topic without naming one of its own ("how much does that cost?")
ASKING_FOR = frozenset(
    token for word in read_word_file(_ASKING_FOR_FILE) for token in content_tokens(normalise(word))
)

_ACKNOWLEDGEMENT = (
    r"(ok(ay)?|k|cool|nice|great|awesome|thanks?( you)?( so much| a lot| again)?|thx|ty|tysm|cheers|lol|lmao|"
    r"got it|perfect|sweet|gotcha|appreciate it|(much )?appreciated|will do|yes|no|yep|nope|sure|"
    r"(that|this|it)('s| is)? (helped|helps|worked|works|did it|helpful|great|perfect)|very helpful|helpful|"
    r"good to know|makes sense|man|bro|dude|mate|buddy|friend|bot|keibot|legend|lifesaver|"
    r"(you|u)( a|'?re?| are| r)? (the best|the man|awesome|great|amazing|a legend|a lifesaver|rock)|"
    r"love (it|this|you))"
)
_GREETING = (
    r"(hi|hello|hey|hiya|yo|sup|gm|(good )?(morning|afternoon|evening)|(yo)?u there|are you there|anyone (there|home)"
    # small talk put to the bot: "how are you", "hows ur day going", "how's it going", "what's up"
    r"|how('?s| is| are| r)? (it going|things|(you|u|ya)( doing| doin'?)?|(your|ur|yer) (day|morning|night)( going)?)"
    r"|(what'?s|whats) (up|new|good)|wh?ass?up"
    # saying hello on arrival: "just joined the server", "new here"
    r"|(i )?(just )?joined( the| this)? (server|group|channel|discord)|(i'?m )?new (here|to (the|this) (server|group|channel))"
    r")"
)
# "ok cool", "thanks!", "lol nice": one or more acknowledgements, nothing else
# "thanks bot you're the goat": thanks, then a few words of praise that ask nothing
_THANKS_THEN_PRAISE = (
    r"(thanks?( you)?|thx|ty|tysm|much appreciated)\b"
    r"(?![^?]*\b(what|how|where|when|why|which|who|can|could|does|do|is|are|will|would|should|and|but)\b)"
    r"[^?]{0,60}"
)
PLEASANTRY = re.compile(
    rf"{_ACKNOWLEDGEMENT}([\s,!.?👍🙏]+{_ACKNOWLEDGEMENT})*[\s,!.?👍🙏]*|{_THANKS_THEN_PRAISE}"
)
# "hello?", "u there?", "hey keibot": a greeting, nothing else
# ("hey all, new here!": greetings one after another)
_ONE_GREETING = (
    rf"{_GREETING}([\s,]+(keibot|bot|there|all|everyone|everybody|folks|friends|team|guys|y'?all|(kei )?fam"
    r"|(kei |truck )?gang|crew|people|peeps|squad))?"
)
_GREETINGS = rf"{_ONE_GREETING}([\s,!.?]+{_ONE_GREETING})*"
GREETING = re.compile(rf"{_GREETINGS}[\s,!.?👋☕🙂😀😄🌞]*")
# a greeting before what the message goes on to say ("yo whats up bot, you a real person?")
GREETING_PREFIX = re.compile(rf"{_GREETINGS}[\s,!.?]+")


@dataclass
class Conversation:
    """What a user last asked in one channel, so follow-ups resolve."""

    understanding: Understanding | None = None
    intent: str | None = None
    tokens: tuple[str, ...] = ()
    turns: int = 0
    states: tuple[str, ...] = ()  # the last states talked about, kept across a turn about something else
    entry_ids: tuple[str, ...] = ()  # the entries whose opening the last answer showed: the user has read it
    leading_entry: str | None = None  # the entry the last answered question was answered from first

    def remember(
        self,
        u: Understanding,
        intent: str,
        answered: bool,
        index: Index,
        entry_ids: tuple[str, ...] = (),
        *,
        follow_up: bool = False,
        leading_entry: str | None = None,
    ) -> None:
        """Keep a question that was about something (not chatter, not out of scope) for the next turn. A follow-up
        keeps the last topic's words instead of its own when it was answered from the same entry (its own words
        ask something of that topic: "how many hours is that job") or not answered at all (a did-you-mean is no
        new topic: "does this work for an acty too?" after a clutch question)."""
        if (
            intent == "out_of_scope"
            or not u.text
            or PLEASANTRY.fullmatch(u.text)
            or GREETING.fullmatch(u.text)
        ):
            return
        own = tuple(index.question_tokens(u))
        # ("how much does it hold?" names nothing of its own: the topic is still the last one's, whichever entry
        # answered it)
        same_topic = (
            follow_up
            and bool(self.tokens)
            and (not answered or leading_entry == self.leading_entry or not own)
        )
        self.understanding = u
        self.states = u.states or self.states
        self.intent = intent if answered else self.intent or intent
        self.tokens = self.tokens if same_topic else own
        self.entry_ids = entry_ids if answered else ()
        if answered or not same_topic:
            self.leading_entry = leading_entry if answered else None
        self.turns += 1


def is_follow_up(u: Understanding, conversation: Conversation | None, index: Index) -> bool:
    """Does this message continue the conversation? Only when it has a follow-up's shape ("what about X",
    "and in OR?"), leans on the last question with a pronoun, or asks a short question about something the
    knowledge base knows without naming a truck or state of its own."""
    if conversation is None or conversation.understanding is None or not u.text:
        return False
    # "thanks so much for all the help, you have been really great...": thanks, not a follow-up
    if len(u.tokens) > 12 and u.tokens[0] in THANKING_OPENERS and "?" not in u.text:
        return False
    if u.follow_up:
        return True
    # A short question that names nothing of its own leans on the last one when it says so ("is it
    # legal there too?") or asks about something the knowledge base knows ("how many liters tho");
    # "tell me a joke" is a new message, not a follow-up.
    if u.states or u.models or u.chassis_code or u.year:
        return False
    own_words = index.question_tokens(u)
    if len(u.tokens) > 12 and len([t for t in own_words if t not in ASKING_FOR]) > LONG_FOLLOW_UP_OWN_WORDS:
        # a long message is a new one, unless all of it but what it asks of the last topic is chat around a
        # pointer back ("how many hours is that job roughly for someone whos never done one")
        return False
    return bool(LEANING_WORDS.intersection(u.tokens)) or any(t in index.idf for t in own_words)


def merge_context(u: Understanding, conversation: Conversation, index: Index) -> Understanding:
    """The follow-up read in the light of the last question: its state, truck, year and intent, where the
    follow-up does not name its own."""
    last = conversation.understanding
    assert last is not None
    changes: dict[str, Any] = {}
    own_topic = any(t in index.idf for t in index.question_tokens(u))
    legal_words = u.cues.get("state_legality", 0.0) > 0
    # "what about the timing belt?" after a state question is a new topic, not that state again;
    # "is it legal there too?" and "what about speed limits?" keep the state, even after a turn about the truck.
    state_words = legal_words or bool(asked_conditions(u))
    if not u.states and (
        (conversation.intent == "state_legality" and (state_words or not own_topic))
        or (state_words and conversation.states)
    ):
        changes["states"] = conversation.states or last.states
        changes["states_from_context"] = True
    if not u.models:
        changes["models"] = last.models
        changes["owned_model"] = last.owned_model
        if not u.chassis_code:
            changes["chassis_code"] = last.chassis_code
    if not u.year:
        changes["year"] = last.year
        changes["month"] = u.month or last.month
        changes["year_from_context"] = last.year is not None
        changes["year_span"] = last.year_span
    vehicle_before = conversation.intent not in ("state_legality", "federal_import")
    new_state_only = bool(u.states) and not own_topic and vehicle_before  # "what about nebraska"
    if (
        conversation.intent
        and conversation.intent not in ("unknown", "out_of_scope")
        and not u.cues  # a follow-up with cue words of its own says what it is about
        and not new_state_only
    ):
        changes["cues"] = {conversation.intent: 1.0}
        changes["cues_from_context"] = True
    elif new_state_only:
        changes["cues"] = {**u.cues, "state_legality": 1.0}
    return u.with_slots(**changes)

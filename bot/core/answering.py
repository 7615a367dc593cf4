"""The one answering function every interface goes through.

``Answerer.answer(question, conversation, profile)`` understands the question, picks entries (or computes
import eligibility), applies the answer / suggest / decline policy, and composes the text a user reads,
with sources, the last-verified date, a stale warning and, on legal answers, the not-legal-advice line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from bot.core import eligibility, passages, scope, units
from bot.core.knowledge import KnowledgeBase
from bot.core.matching import Index, Match
from bot.core.schema import Entry, Kind, Status
from bot.core.text import MAX_QUESTION_CHARS, STOPWORDS, clean, content_tokens, normalise
from bot.core.understand import Lexicon, Understanding, understand

ANSWER_THRESHOLD = 0.5  # at or above: answer
SUGGEST_THRESHOLD = 0.3  # between this and ANSWER_THRESHOLD: "did you mean"
AMBIGUITY_MARGIN = 0.03  # top two of different intents closer than this: ask which was meant
MAX_STATES_IN_ONE_ANSWER = 3
RELATED_TOPIC_THRESHOLD = 0.75  # a general legal topic is added to a state answer only when clearly asked
COVERAGE_THRESHOLD = 0.7  # an entry must speak to this share of the question's weighted words to answer it
FOCUS_BUDGET = 1000  # characters of quoted passages in a focused answer, shared by its entries
SOURCES_SHOWN = 2  # sources listed under a focused answer; the rest are in the full entry
STATE_DEFAULT_CONDITIONS = ("roads", "speed", "interstates")  # what "is it legal" is really asking

FEDERAL_25_YEAR = "federal-25-year-rule"
FEDERAL_EPA_21_YEAR = "federal-epa-21-year-exemption"
STATE_OVERVIEW = "legal-state-overview"
CLASS_OVERVIEW = "kei-class-rules"  # what a kei truck is

CONDITION_WORDS = {
    "inspection": ("inspection", "inspect", "inspected", "safety check"),
    "insurance": ("insurance", "insure", "insured", "liability"),
    "title": ("title", "titled", "titling", "export cert", "translation", "translated"),
    "emissions": ("emissions", "emission", "smog", "carb"),
    "speed": ("mph", "speed", "fast"),
    "roads": ("highway", "hwy", "road", "roads", "street", "streets", "paved", "gravel", "county roads"),
    "interstates": ("interstate", "freeway", "limited access"),
    "farm_use": ("farm", "ranch", "ag", "agricultural", "hunting", "lease"),
    "registration": ("antique", "collector", "plates", "tags", "register", "registration"),
    "local_option": ("county", "city", "town", "local", "ordinance"),
}

DECLINES = {
    "fraud": "I can't help with altering or misstating import documents. Eligibility is fixed by the truck's "
    "real month of manufacture, and CBP, NHTSA and the DMV all check it against the chassis.",
    "governor": "I can't help with removing or defeating a speed governor. Trucks under 25 years old come "
    "in as off-road vehicles on the condition that the governor stays.",
    "price": "I don't speculate about prices or values; I only answer from sourced facts.",
    "legal_work": "I can't write legal documents or predict what a court or agency will decide. I can tell you "
    "what the rules say and which office to contact.",
    "kei_car": "I only cover kei **trucks** (Acty, Carry, Sambar, Hijet, Minicab and their twins), not kei cars.",
    "non_us": "I only cover US federal import rules and the rules of the 50 states and DC, not other countries.",
    "territory": "I only cover the 50 states and DC; US territories have their own registration rules that "
    "are not in my knowledge base.",
    "off_topic": "That's outside what I know: I answer questions about kei trucks in the US (state rules, "
    "import, models, maintenance, parts and buying).",
    "chatter": "I'm KeiBot: I answer questions about kei trucks in the US — state rules, importing, models, "
    "maintenance, parts and buying. Try “is my 98 Carry legal in Texas?”",
}
OTHER_VEHICLE_RULES = {
    "federal": "The federal rule does apply to it as to any imported vehicle: it can come in for road use once "
    "it is 25 years old, counted from its month of manufacture. Whether your state then registers it is "
    "up to the state's general rules, not its kei-truck rules.",
    "state": "States treat it under their own rules for that kind of vehicle, which are not the kei-truck rules "
    "I cover: ask your state's DMV.",
}
SOURCING = re.compile(
    r"\bwhere (do|can|could|should|would|to)( i| you| we| one| people)? ?(get|buy|find|order|source|pick up)\b|"
    r"\bwho sells\b|\b(best|good|cheapest) (place|site|website|shop|store)s? (to|for)\b"
)
SOURCING_WORDS = tuple(content_tokens(normalise("buy order source parts")))
HELP = re.compile(
    r"(help|help me|/?help please|what can (you|i) (do|ask)( you)?|what do you (do|know|answer)|"
    r"how do(es)? (this|you|it) work|commands|what are (your|the) commands|who are you|what is keibot)"
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
WHICH_STATE = (
    "Which state? Kei-truck rules differ a lot from state to state. Name the state, or save it once with "
    "`/profile set` and “is it legal in my state?” will use it."
)
# Words that lean on the previous question: "is it legal there too?", "same for that one?"
LEANING_WORDS = frozenset({"it", "its", "it's", "that", "this", "there", "those", "them", "they", "one", "ones",
                           "same", "too", "also", "either", "instead", "then"})


LOGGED_GAP = "I've logged the question so the curators can fill the gap."

PLEASANTRY = re.compile(
    r"(ok(ay)?|k|cool|nice|great|awesome|thanks?( you)?( so much)?|thx|ty|tysm|cheers|lol|lmao|got it|"
    r"perfect|sweet|gotcha|appreciate it|will do|yes|no|yep|nope|sure|hi|hello|hey)[\s!.?👍🙏]*"
)


class ProfileLike(Protocol):
    home_state: str | None
    model: str | None
    year: int | None


@dataclass
class Conversation:
    """What a user last asked in one channel, so follow-ups resolve."""

    understanding: Understanding | None = None
    intent: str | None = None
    tokens: tuple[str, ...] = ()
    turns: int = 0


@dataclass(frozen=True)
class UsedEntry:
    id: str
    kind: str
    title: str
    score: float


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    intent: str
    state: str | None
    model: str | None
    year: int | None
    entries: tuple[UsedEntry, ...]
    sources: tuple[dict[str, str], ...]
    last_verified: str | None
    confidence: float
    suggestions: tuple[str, ...]
    text: str
    # For adapters (not part of the JSON contract)
    body: str = ""  # ``text`` without the suggestion list, sources and footer, which adapters show themselves
    stale_note: str | None = None  # "X: due for review since ...", when ``stale``
    focused: bool = False  # quotes only the parts of its entries the question bears on; the full entry is one call away
    needs_state: bool = False  # asked about "my state" with none known: adapters offer a state picker
    chatter: bool = False  # not a question for KeiBot ("thanks!", "anyone watching the game?"): passive modes stay silent
    title: str = ""
    status: Status | None = None
    legal: bool = False
    stale: bool = False
    dmv: tuple[str, str] | None = None  # (name, url)
    suggestion_ids: tuple[str, ...] = ()
    understanding: Understanding | None = field(default=None, repr=False, compare=False)
    matches: tuple[Match, ...] = field(default=(), repr=False, compare=False)

    def to_contract(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answered": self.answered,
            "intent": self.intent,
            "state": self.state,
            "model": self.model,
            "year": self.year,
            "entries": [e.__dict__ for e in self.entries],
            "sources": [dict(s) for s in self.sources],
            "last_verified": self.last_verified,
            "confidence": round(self.confidence, 3),
            "suggestions": list(self.suggestions),
            "text": self.text,
        }


class Answerer:
    def __init__(self, kb: KnowledgeBase, clock: Callable[[], dt.date] = dt.date.today) -> None:
        self.kb = kb
        self.clock = clock
        self.lexicon = Lexicon.from_kb(kb)
        self.index = Index(kb, self.lexicon.twins)
        self._entry_texts: dict[str, _EntryText] = {}
        self.passages = {entry.id: passages.cut(entry) for entry in kb.entries}
        self.passage_weights = passages.PassageWeights(self.passages.values())
        # every word an entry says anything about: what "does it cover the question's focus?" checks
        self.entry_words = {
            entry.id: frozenset().union(
                *(p.tokens for p in self.passages[entry.id].passages),
                content_tokens(normalise(" ".join((entry.title, self.passages[entry.id].lead, *entry.aliases,
                                                   *entry.phrasings)))),
            )
            for entry in kb.entries
        }

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
        chatter = bool(PLEASANTRY.fullmatch(u.text)) or scope.is_chatter(u)
        follow_up = not chatter and self._is_follow_up(u, conversation)
        if follow_up and conversation is not None:
            u = self._merge_context(u, conversation)
        answer = self._route(asked, u, conversation if follow_up else None)
        if (
            conversation is not None
            and answer.intent != "out_of_scope"
            and u.text
            and not PLEASANTRY.fullmatch(u.text)
        ):
            conversation.understanding = u
            conversation.intent = answer.intent if answer.answered else conversation.intent or answer.intent
            conversation.tokens = tuple(self.index.question_tokens(u))
            conversation.turns += 1
        if trimmed:
            answer = replace(answer, text=f"{LONG_NOTE}\n\n{answer.text}", body=f"{LONG_NOTE}\n\n{answer.body}")
        return answer

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
            text = self._entry_texts[entry.id] = _EntryText.of(entry)
        return text

    def answer_entry(self, entry_id: str, *, full: bool = False) -> Answer | None:
        """The answer built from one entry: when a user picks a "did you mean" suggestion (its overview),
        or asks for the full entry behind a focused answer (``full``)."""
        entry = self.kb.by_id.get(entry_id)
        if entry is None:
            return None
        u = understand(entry.title, self.lexicon)
        if not full:
            u = u.with_slots(text="", tokens=())  # the title's words are not a question: show the overview
        return self._compose(
            entry.title, u, entry.kind.intent, [entry], [], 1.0, state=entry.state, model=entry.model, full=full
        )

    def _passage_wants(self, u: Understanding, tokens: list[str]) -> dict[str, float]:
        """What the question looks for in passages, weighted once per answer (not once per entry)."""
        wanted = list(tokens) + [t for t in u.tokens if t not in tokens]  # cue words count here too
        wanted += self.lexicon.model_words(u)  # a passage about the asked truck ("the E07A bends valves")
        return passages.weigh(wanted, self.passage_weights)

    def _focused(self, entry: Entry, u: Understanding, wanted: dict[str, float], budget: int) -> str:
        """The entry's direct answer, then only the passages the question bears on."""
        cut = self.passages[entry.id]
        tokens = wanted
        missing: list[str] = []
        asked: list[passages.Passage] = []
        if entry.kind is Kind.STATE_RULE:
            # the conditions the question names come first; a plain "is it legal?" gets where the truck may go
            keys = [key for key, _ in _focused_conditions(dict.fromkeys(CONDITION_WORDS, "x"), u)]
            labels = tuple(f"- **{key.replace('_', ' ').capitalize()}:**" for key in keys or STATE_DEFAULT_CONDITIONS)
            asked = [p for p in cut.passages if p.text.startswith(labels)]
            missing = [k.replace("_", " ") for k in keys if not (entry.conditions and getattr(entry.conditions, k))]
        room = budget - sum(len(p.text) for p in asked)
        chosen, matched = passages.select(cut, wanted, room) if room > 0 else ([], False)
        chosen = sorted({p.order: p for p in (*asked, *chosen)}.values(), key=lambda p: p.order)
        if not matched and entry.kind is not Kind.STATE_RULE:  # the entry matched as a whole: its opening sections, shorter when asked something
            chosen = passages.overview(cut, budget if not tokens else budget // 2)
        lines = [cut.lead] if cut.lead else []
        if chosen:
            lines.append(passages.render(chosen))
        if missing:
            lines.append(
                f"**{', '.join(missing).capitalize()}:** not recorded in my sources for {entry.title}; "
                f"ask {entry.dmv.name if entry.dmv else 'the DMV'}."
            )
        if entry.kind is not Kind.STATE_RULE:
            lines.append(f"_From “{entry.title}”._")
        return "\n".join(lines)

    # ------------------------------------------------------------ context

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

    def _is_follow_up(self, u: Understanding, conversation: Conversation | None) -> bool:
        if conversation is None or conversation.understanding is None or not u.text:
            return False
        if u.follow_up:
            return True
        # A short question that names nothing of its own leans on the last one when it says so ("is it
        # legal there too?") or asks about something the knowledge base knows ("how many liters tho");
        # "tell me a joke" is a new message, not a follow-up.
        if len(u.tokens) > 12 or u.states or u.models or u.chassis_code or u.year:
            return False
        return bool(LEANING_WORDS.intersection(u.tokens)) or any(
            t in self.index.idf for t in self.index.question_tokens(u)
        )

    def _merge_context(self, u: Understanding, conversation: Conversation) -> Understanding:
        last = conversation.understanding
        assert last is not None
        changes: dict[str, Any] = {}
        own_topic = any(t in self.index.idf for t in self.index.question_tokens(u))
        legal_words = u.cues.get("state_legality", 0.0) > 0
        # "what about the timing belt?" after a state question is a new topic, not that state again;
        # "is it legal there too?" keeps the state.
        if not u.states and conversation.intent == "state_legality" and (legal_words or not own_topic):
            changes["states"] = last.states
        if not u.models:
            changes["models"] = last.models
            changes["owned_model"] = last.owned_model
            if not u.chassis_code:
                changes["chassis_code"] = last.chassis_code
        if not u.year:
            changes["year"] = last.year
            changes["month"] = u.month or last.month
        vehicle_before = conversation.intent not in ("state_legality", "federal_import")
        new_state_only = bool(u.states) and not own_topic and vehicle_before  # "what about nebraska"
        if (
            conversation.intent
            and conversation.intent not in ("unknown", "out_of_scope")
            and not u.cues  # a follow-up with cue words of its own says what it is about
            and not new_state_only
        ):
            changes["cues"] = {conversation.intent: 1.0}
        elif new_state_only:
            changes["cues"] = {**u.cues, "state_legality": 1.0}
        return u.with_slots(**changes)

    # ------------------------------------------------------------ routing

    def _route(self, asked: str, u: Understanding, conversation: Conversation | None) -> Answer:
        if not u.text or not u.tokens:
            return self._decline(
                asked,
                u,
                "unknown",
                "Ask me about kei trucks: a state's rules, importing, a model, maintenance, parts or buying.",
            )
        if PLEASANTRY.fullmatch(u.text):
            return self._decline(
                asked, u, "unknown", "Happy to help. Ask me anything else about kei trucks.", log_gap=False,
                chatter=True,
            )
        if u.out_of_scope:
            return self._out_of_scope(asked, u)
        if scope.is_chatter(u):
            return self._decline(asked, u, "out_of_scope", DECLINES["chatter"], log_gap=False, chatter=True)
        vehicle = scope.other_vehicle(u)
        if vehicle is not None:
            return self._other_vehicle(asked, u, vehicle)
        if HELP.fullmatch(u.text.strip(" ?!.")):
            return self._decline(asked, u, "unknown", GUIDE, log_gap=False)
        legal = u.cues.get("state_legality", 0.0)
        top = u.top_cue
        if u.list_states and (legal or not u.models):
            return self._state_overview(asked, u)
        tokens = topic = self.index.question_tokens(u)
        if SOURCING.search(u.text):  # "where do I get a clutch kit": the words "where" and "get" are stopwords
            tokens = tokens + [t for t in SOURCING_WORDS if t not in tokens]
        matches = self.index.rank(u, tokens)
        if conversation is not None and not u.states and (not matches or matches[0].score < ANSWER_THRESHOLD):
            # the follow-up's own words were not enough: read them with the previous question's topic
            tokens = tokens + [t for t in conversation.tokens if t not in tokens]
            matches = self.index.rank(u, tokens)
        specific = matches and matches[0].text_score >= RELATED_TOPIC_THRESHOLD and matches[0].entry.id != STATE_OVERVIEW
        if u.my_state and not u.states and not specific:
            # "is it legal in my state?" with no saved home state; "if my state bans them, am I grandfathered?"
            # is a general question its wording answers
            return self._decline(asked, u, "state_legality", WHICH_STATE, log_gap=False, needs_state=True)
        if self._wants_eligibility(u):
            return self._eligibility(asked, u, matches)
        if (
            u.cues.get("compare")
            and len(u.models) >= 2
            and top in (None, "compare", "model_spec", "maintenance", "parts")
        ):
            return self._compare_models(asked, u, tokens)

        best = matches[0] if matches else None
        twin = self._twin_overview(u)
        if twin is not None and (
            best is None or best.score < 0.7 or (best.entry.model not in u.models and not u.cues)
        ):
            # "is a Scrum just a Carry?": the rebadge's overview says what it shares with its twin
            return self._compose(asked, u, "model_spec", [twin], [], 0.7, model=twin.model)
        if u.states and not legal and not self._state_in_context(u, tokens):
            # "nj" or "n j" inside noise is not a question about New Jersey
            return self._decline(asked, u, "out_of_scope", DECLINES["off_topic"])
        if u.states and self._prefers_state(u, best, legal):
            return self._state_answer(asked, u, best if _is_legal_topic(best) else None, matches)
        if (best is None or best.score < SUGGEST_THRESHOLD) and not u.states:
            vehicle = self._vehicle_overview(u, tokens)
            if vehicle is not None:
                return self._compose(asked, u, "model_spec", [vehicle], [], 0.6, model=vehicle.model)
        if best is None or best.score < SUGGEST_THRESHOLD:
            if legal and top == "state_legality" and not u.states:
                return self._decline(
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
            return self._decline(asked, u, intent, reason, suggestions=matches)
        matches = self._covering_first(matches, topic)
        sourcing = bool(SOURCING.search(u.text))
        if sourcing:  # "where do I get X" is answered by where parts come from, not how to fit X
            matches = self._sourcing_first(matches, topic)
        best = matches[0]
        if best.score < ANSWER_THRESHOLD or self._ambiguous(matches) or not (
            self._covers_focus(best.entry, topic) or (sourcing and best.entry.kind is Kind.PARTS)  # any part
        ):
            return self._decline(
                asked,
                u,
                best.entry.kind.intent,
                "I'm not sure which of these you mean, so "
                "rather than guess, here are the closest topics I have.",
                suggestions=matches,
            )
        return self._entries_answer(asked, u, matches, preface=units.convert(u.text))

    def _coverage(self, entry: Entry, tokens: list[str]) -> float:
        """How much of what the question is about (its known words, weighted by rarity) the entry says
        anything about, anywhere in it: 1.0 when the question has no known words."""
        known = [t for t in tokens if t in self.index.idf]
        if not known:
            return 1.0
        words = self.entry_words[entry.id]
        total = sum(self.index.idf[t] for t in known)
        return sum(self.index.idf[t] for t in known if t in words) / total

    def _covers_focus(self, entry: Entry, tokens: list[str]) -> bool:
        return self._coverage(entry, tokens) >= COVERAGE_THRESHOLD

    def _sourcing_first(self, matches: list[Match], topic: list[str]) -> list[Match]:
        """For "where do I get X": a parts entry about X, else a general one on where parts come from (not
        another part's shops), first, when one is good enough to answer."""
        parts = [m for m in matches if m.entry.kind is Kind.PARTS and m.score >= ANSWER_THRESHOLD]
        first = next((m for m in parts if self._covers_focus(m.entry, topic)), None)
        first = first or next((m for m in parts if m.entry.model is None), None) or (parts[0] if parts else None)
        return [first, *(m for m in matches if m is not first)] if first else matches

    def _covering_first(self, matches: list[Match], tokens: list[str]) -> list[Match]:
        """An entry that says nothing about the question's focus only shares side words with it ("winter" in
        a rust-proofing question): the best entry that does cover the focus goes first, if one is close."""
        if not matches or self._covers_focus(matches[0].entry, tokens):
            return matches
        covering = next(
            (m for m in matches[1:] if m.score >= ANSWER_THRESHOLD and self._covers_focus(m.entry, tokens)), None
        )
        if covering is None:
            return matches
        return [covering, *(m for m in matches if m is not covering)]

    def _state_in_context(self, u: Understanding, tokens: list[str]) -> bool:
        """A state with nothing kei-related around it counts only if it is most of the question."""
        if u.models or u.chassis_code or u.cues:
            return True
        if any(t in self.index.idf and t.isascii() and len(t) >= 3 for t in tokens):
            return True
        domain = {"kei", "truck", "trucks", "mini", "minitruck", "keitora", "rules", "rule", "law", "laws"}
        meaningful = [
            t for t in u.tokens if t not in STOPWORDS
        ]  # "OK so what about oklahoma" is 1 word + state
        return bool(set(u.tokens) & domain) or u.follow_up or len(meaningful) <= len(u.slot_tokens) + 2

    def _vehicle_overview(self, u: Understanding, tokens: list[str]) -> Entry | None:
        """'is the dr16t a carry?', 'tell me about the acty': a question that is only a vehicle gets its
        generation entry (by chassis code) or the family overview."""
        if tokens or (len(u.models) > 1 and not u.chassis_code):
            return None  # the question has a topic of its own, or names two trucks
        if u.chassis_code:
            by_code = [e for e in self.kb.entries if u.chassis_code in e.chassis_codes and e.model]
            if by_code:
                return min(by_code, key=lambda e: len(e.chassis_codes))
        if u.model:
            return next((e for e in self.kb.entries if e.family and e.model == u.model), None)
        if scope.names_kei(u) and not u.cues:  # "what is a kei truck?", "what are japanese mini trucks?"
            return self.kb.by_id.get(CLASS_OVERVIEW)
        return None

    def _twin_overview(self, u: Understanding) -> Entry | None:
        if len(u.models) < 2:
            return None
        first, second = u.models[:2]
        for model, other in ((first, second), (second, first)):
            if self.lexicon.twins.get(model) == other:
                return next((e for e in self.kb.entries if e.family and e.model == model), None)
        return None

    def _wants_eligibility(self, u: Understanding) -> bool:
        if not u.year:
            return False
        importing = u.cues.get("federal_import", 0.0)
        if not importing:
            return False
        if eligibility.check(u.year, u.month, self.clock()).fmvss_eligible is False:
            return True  # too new to import for road use: that answers any state question too
        return u.top_cue == "federal_import" or importing >= u.cues.get("state_legality", 0)

    def _prefers_state(self, u: Understanding, best: Match | None, legal: float) -> bool:
        """A named state wins unless the question is clearly about something else that matched well."""
        if best is None or best.score < ANSWER_THRESHOLD or _is_legal_topic(best):
            return True
        if best.entry.kind is Kind.FEDERAL_RULE:
            return legal >= u.cues.get("federal_import", 0.0)
        if best.score >= 0.8 and legal <= 1.0:
            return (
                False  # "rust-proofing, they salt the roads here in ohio": the state is only where they live
            )
        others = max((v for k, v in u.cues.items() if k not in ("state_legality", "compare")), default=0.0)
        return legal >= others

    def _ambiguous(self, matches: list[Match]) -> bool:
        if len(matches) < 2:
            return False
        first, second = matches[0], matches[1]
        return (
            first.score - second.score < AMBIGUITY_MARGIN
            and first.entry.kind.intent != second.entry.kind.intent
            and first.score < 0.7
        )

    def _in_domain(self, u: Understanding, tokens: list[str]) -> bool:
        domain = {"kei", "truck", "trucks", "minitruck", "keitora", "mini", "jdm", "japan", "japanese"}
        return bool(
            u.states
            or u.models
            or u.chassis_code
            or u.engine_code
            or set(u.tokens) & domain
            or any(t in self.index.idf for t in tokens)
            or u.cues
        )

    # ------------------------------------------------------------ answer kinds

    def _entries_answer(
        self, asked: str, u: Understanding, matches: list[Match], preface: str | None = None
    ) -> Answer:
        best = matches[0]
        chosen = [best]
        for other in matches[1:3]:
            if (
                other.score >= ANSWER_THRESHOLD
                and best.score - other.score < 0.08
                and other.entry.kind.intent == best.entry.kind.intent
            ):
                chosen.append(other)
        if u.model:  # the asked truck's own entry before a general one that scored as well, if it is on topic
            topic = self.index.question_tokens(u)
            chosen.sort(key=lambda m: not (m.entry.model == u.model and self._covers_focus(m.entry, topic)))
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
        if best.entry.kind in (Kind.LEGAL_TOPIC, Kind.FEDERAL_RULE) and u.states:
            # "can I import one to Texas": the federal rule first, then what the named state does
            state = u.state
            entries += [
                e for code in u.states[:MAX_STATES_IN_ONE_ANSWER] if (e := self.kb.by_state.get(code))
            ]
        return self._compose(
            asked, u, intent, entries, chosen, best.score, state=state, model=model, preface=preface
        )

    def _compare_models(self, asked: str, u: Understanding, tokens: list[str]) -> Answer:
        picked: list[Match] = []
        for model in u.models[:3]:
            single = u.with_slots(models=(model,), owned_model=None, chassis_code=None)
            ranked = self.index.rank(single, tokens, limit=1)
            if (
                ranked
                and ranked[0].score >= SUGGEST_THRESHOLD
                and ranked[0].entry not in [p.entry for p in picked]
            ):
                picked.append(ranked[0])
        if not picked:
            return self._decline(
                asked, u, "compare", "I don't have sourced facts to compare those on, so I won't guess."
            )
        confidence = min(m.score for m in picked)
        note = (
            "I only compare on sourced facts; where one side has no figure in my knowledge base, treat "
            "the comparison as incomplete."
        )
        return self._compose(
            asked,
            u,
            "compare",
            [m.entry for m in picked],
            picked,
            max(confidence, 0.5),
            model=None,
            preface=note,
        )

    def _state_answer(
        self, asked: str, u: Understanding, topic: Match | None, matches: list[Match]
    ) -> Answer:
        """The named states' entries first, then a general legal topic the question also touches."""
        entries = [e for code in u.states[:MAX_STATES_IN_ONE_ANSWER] if (e := self.kb.by_state.get(code))]
        if not entries:
            return self._decline(asked, u, "state_legality", f"I have no entry for {u.state} yet.")
        used: list[Match] = []
        if (
            topic is not None
            and topic.text_score >= RELATED_TOPIC_THRESHOLD  # the wording itself, not just legal cue words
            and topic.entry.id != STATE_OVERVIEW  # that one explains the state list, not one state
        ):
            entries.append(topic.entry)
            used.append(topic)
        confidence = 0.9 if u.cues.get("state_legality") else 0.7
        preface = None
        result = eligibility.check(u.year, u.month, self.clock()) if u.year and u.models else None
        if result is not None and result.fmvss_eligible is False:
            # "is a 2004 carry legal in texas": the state's rules only matter once the truck can come in
            preface = (
                f"**First, the federal rule:** a {u.year} truck is too new to import for road use.\n"
                + result.describe()
            )
            entries += [e for e in (self.kb.by_id.get(FEDERAL_25_YEAR),) if e]
        return self._compose(
            asked,
            u,
            "state_legality",
            entries,
            used,
            confidence,
            state=u.state,
            model=u.model,
            preface=preface,
        )

    def _state_overview(self, asked: str, u: Understanding) -> Answer:
        overview = self.kb.by_id.get(STATE_OVERVIEW)
        groups: dict[Status, list[str]] = {status: [] for status in Status}
        for code, entry in sorted(self.kb.by_state.items()):
            if entry.status is not None:
                groups[entry.status].append(code)
        lines = ["**Kei trucks on US roads, by state (from each state's entry)**"]
        for status, codes in groups.items():
            if codes:
                lines.append(f"- **{status.label}** ({len(codes)}): {', '.join(codes)}")
        lines.append(
            "Rules change often, interstates are off-limits for kei trucks nearly everywhere, and "
            '"restricted" means very different things by state. Ask about one state for its details '
            "and sources."
        )
        entries = [overview] if overview else []
        return self._compose(
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
        result = eligibility.check(u.year, u.month, self.clock())
        rules = [e for e in (self.kb.by_id.get(FEDERAL_25_YEAR), self.kb.by_id.get(FEDERAL_EPA_21_YEAR)) if e]
        shown: list[Entry] = []
        topic = next((m for m in matches[:2] if m.entry.kind is Kind.FEDERAL_RULE), None)
        if topic and topic.score >= ANSWER_THRESHOLD and topic.entry not in rules:
            shown.append(topic.entry)
        if result.fmvss_eligible is not False:
            shown.extend(
                e for code in u.states[:MAX_STATES_IN_ONE_ANSWER] if (e := self.kb.by_state.get(code))
            )
        return self._compose(
            asked,
            u,
            "federal_import",
            [*shown, *rules],
            [topic] if topic and topic.entry in shown else [],
            0.95,
            state=u.state if any(e.kind is Kind.STATE_RULE for e in shown) else None,
            model=u.model,
            preface=result.describe(),
            include_bodies={e.id for e in shown},
        )

    def _out_of_scope(self, asked: str, u: Understanding) -> Answer:
        reason = u.out_of_scope or "off_topic"
        text = DECLINES.get(reason, DECLINES["off_topic"])
        entries: list[Entry] = []
        if u.year and (reason == "fraud" or u.cues.get("federal_import")):
            result = eligibility.check(u.year, u.month, self.clock())
            text += "\n\n" + result.describe()
            entries = [e for e in (self.kb.by_id.get(FEDERAL_25_YEAR),) if e]
        answer = self._decline(asked, u, "out_of_scope", text, entries=entries)
        return answer

    def _other_vehicle(self, asked: str, u: Understanding, vehicle: scope.OtherVehicle) -> Answer:
        """A UTV, golf cart, pickup or other import: say so, and give the general rule that really applies."""
        name = vehicle.name.upper() if len(vehicle.name) <= 4 else vehicle.name.title()
        if vehicle.name in vehicle.label.casefold():
            text = f"That's {vehicle.label}, not a kei truck, so my kei-truck answers don't apply to it. "
        else:
            text = f"A {name} is {vehicle.label}, not a kei truck, so my kei-truck answers don't apply to it. "
        text += OTHER_VEHICLE_RULES[vehicle.rule]
        entries: list[Entry] = []
        if vehicle.rule == "federal":
            entries = [e for e in (self.kb.by_id.get(FEDERAL_25_YEAR),) if e]
            if u.year:
                text += "\n\n" + eligibility.check(u.year, u.month, self.clock()).describe()
        return self._decline(asked, u, "out_of_scope", text, entries=entries, log_gap=False)

    def _decline(
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
    ) -> Answer:
        offered = [m for m in (suggestions or []) if m.score >= SUGGEST_THRESHOLD * 0.8][:3]
        lines = [message]
        body = [message]
        if offered:
            lines.append("Did you mean:")
            lines.extend(f"- {m.entry.title}" for m in offered)
        if log_gap and intent in ("unknown", "state_legality", "federal_import") and not entries:
            lines.append(LOGGED_GAP)
            body.append(LOGGED_GAP)
        sources = self._sources(entries or [])
        text = "\n".join(lines)
        if sources:
            text += "\n\n" + _sources_block(sources)
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

    # ------------------------------------------------------------ composition

    def _compose(
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
    ) -> Answer:
        entries = list({e.id: e for e in entries}.values())
        if not entries:
            return self._decline(
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
            parts.extend(_render_entry(entry, u, self._entry_text(entry)) for entry in shown)
        else:
            tokens = self.index.question_tokens(u) if u.text else []
            budget = FOCUS_BUDGET // max(len(shown), 1)
            wanted = self._passage_wants(u, tokens)
            parts.extend(self._focused(entry, u, wanted, budget) for entry in shown)
        body = "\n\n".join(p for p in parts if p)
        legal = any(e.kind.is_legal for e in entries) or intent in ("state_legality", "federal_import")
        dmv = next(((e.dmv.name, e.dmv.url) for e in entries if e.dmv), None)
        if legal:  # whom to ask belongs to the answer itself, before its sources (adapters put it in a footer)
            where = f"{dmv[0]} (<{dmv[1]}>)" if dmv else "your state's DMV"
            parts.append(f"_Not legal advice — confirm with {where} before you buy or drive._")
        sources = self._sources(entries)
        parts.append(_sources_block(sources) if full else _sources_block(*_pick_sources(entries, sources)))
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


LONG_NOTE = (
    f"_Your message was longer than {MAX_QUESTION_CHARS:,} characters, so I answered the part of it that reads "
    "as the question._"
)
QUESTION_CONTEXT_CHARS = 400  # of a long message, the question and what leads up to it
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def _question_part(text: str) -> tuple[str, bool]:
    """The text to answer, and whether it had to be cut: a long message is answered from its last question
    (with what leads up to it, as far as fits), else from its start."""
    if len(text) <= MAX_QUESTION_CHARS:
        return text, False
    sentences = _SENTENCE_END.split(text)
    last_question = max((i for i, sentence in enumerate(sentences) if sentence.rstrip().endswith("?")), default=None)
    if last_question is None:
        return text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0], True
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


def _is_legal_topic(match: Match | None) -> bool:
    return match is not None and match.entry.kind is Kind.LEGAL_TOPIC


def _answer_title(entry: Entry, intent: str) -> str:
    if entry.kind is Kind.STATE_RULE and entry.status is not None:
        return f"{entry.title}: {entry.status.label}"
    if intent == "federal_import" and entry.kind is not Kind.FEDERAL_RULE:
        return "Federal import eligibility"
    return entry.title


@dataclass(frozen=True)
class _EntryText:
    """The parts of an entry's Markdown that do not depend on the question, rendered once per entry."""

    head: str  # title line and summary
    body: str
    conditions: dict[str, str]  # recorded conditions only, in schema order
    rest: str  # state rules: law, history, pending changes, agreement, whom to ask
    sources: tuple[tuple[str, str], ...]  # (title, url)

    @classmethod
    def of(cls, entry: Entry) -> _EntryText:
        if entry.kind is not Kind.STATE_RULE:
            head = [f"**{entry.title}**", entry.summary] if entry.summary else [f"**{entry.title}**"]
            return cls("\n".join(head), entry.body.strip(), {}, "", _source_pairs(entry))
        status = entry.status.label if entry.status else ""
        head = [f"**{entry.title} — {status}**"] + ([entry.summary] if entry.summary else [])
        conditions = {k: v for k, v in entry.conditions.model_dump().items() if v} if entry.conditions else {}
        rest: list[str] = []
        if entry.laws:
            rest.append(
                "**Law / policy**\n"
                + "\n".join(
                    f"- {law.name}"
                    + (f" ({law.date})" if law.date else "")
                    + (f": {law.note}" if law.note else "")
                    for law in entry.laws
                )
            )
        pending = [c for c in entry.changes if c.pending]
        history = [c for c in entry.changes if not c.pending]
        if history:
            rest.append("**History**\n" + "\n".join(f"- {c.date}: {c.what}" for c in history))
        if pending:
            rest.append("**Pending**\n" + "\n".join(f"- {c.date}: {c.what}" for c in pending))
        if entry.agreement:
            rest.append(f"**Do sources agree?** {entry.agreement}")
        if entry.dmv:
            ask = f" Ask about: {entry.dmv.ask_for}" if entry.dmv.ask_for else ""
            rest.append(f"**Who to ask:** {entry.dmv.name} <{entry.dmv.url}>.{ask}")
        return cls("\n".join(head), entry.body.strip(), conditions, "\n".join(rest), _source_pairs(entry))


def _source_pairs(entry: Entry) -> tuple[tuple[str, str], ...]:
    return tuple((source.title, source.url) for source in entry.sources)


def _render_entry(entry: Entry, u: Understanding, text: _EntryText) -> str:
    if entry.kind is not Kind.STATE_RULE:
        return f"{text.head}\n{text.body}"
    focus = _focused_conditions(text.conditions, u)
    lines = [text.head]
    lines.extend(f"**On {key.replace('_', ' ')}:** {value}" for key, value in focus)
    lines.append(text.body)
    shown = {k for k, _ in focus}
    rows = [
        f"- {key.replace('_', ' ').capitalize()}: {value}"
        for key, value in text.conditions.items()
        if key not in shown
    ]
    if rows:
        lines.append("**Conditions**\n" + "\n".join(rows))
    if text.rest:
        lines.append(text.rest)
    return "\n".join(lines)


def _focused_conditions(conditions: dict[str, str], u: Understanding) -> list[tuple[str, str]]:
    """Up to three recorded conditions the question asks about ("speed", "interstate", "inspection")."""
    if not conditions:
        return []
    token_set = set(u.tokens)
    focus = []
    for key, cue_words in CONDITION_WORDS.items():
        if key in conditions and any((w in token_set) if " " not in w else (w in u.text) for w in cue_words):
            focus.append((key, conditions[key]))
    return focus[:3]


def _sources_block(sources: list[tuple[str, str]], more: int = 0) -> str:
    lines = ["**Sources**", *(f"- {title}: <{url}>" for title, url in sources)]
    if more:
        lines.append(f"- …and {more} more in the full entry.")
    return "\n".join(lines)


_OFFICIAL_HOST = re.compile(r"^https?://[^/]*(\.gov|\.us|\.mil|legislature|legis|capitol\.)[^/]*(/|$)", re.I)


def _pick_sources(
    entries: list[Entry], sources: list[tuple[str, str]]
) -> tuple[list[tuple[str, str]], int]:
    """The few sources a focused answer lists: official pages first, the first entry's before the rest's,
    and how many more the full entry has."""
    first = {s.url for s in entries[0].sources} if entries else set()
    ranked = sorted(
        sources, key=lambda s: (s[1] not in first, not _OFFICIAL_HOST.match(s[1]))
    )  # stable: the curator's order breaks ties
    shown = ranked[: SOURCES_SHOWN + max(0, len(entries) - 1)]
    return shown, len(sources) - len(shown)


def _oldest(entries: list[Entry]) -> str | None:
    return min(e.last_verified for e in entries).isoformat() if entries else None

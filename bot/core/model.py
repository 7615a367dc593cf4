"""What an answer is: the object every stage hands on and every interface renders (the JSON contract's source)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.core.matching import Match
from bot.core.schema import Status
from bot.core.understand import Understanding


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
    focused: bool = (
        False  # quotes only the parts of its entries the question bears on; the full entry is one call away
    )
    needs_state: bool = False  # asked about "my state" with none known: adapters offer a state picker
    chatter: bool = (
        False  # not a question for KeiBot ("thanks!", "anyone watching the game?"): passive modes stay silent
    )
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

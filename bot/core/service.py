"""The live knowledge base: an answerer that can be reloaded atomically, keeping the last good one on error."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.answering import (
    AMBIGUITY_MARGIN,
    ANSWER_THRESHOLD,
    SUGGEST_THRESHOLD,
    Answer,
    Answerer,
    Conversation,
    ProfileLike,
)
from bot.core.knowledge import KnowledgeBase, KnowledgeBaseError
from bot.core.prebuilt import load_answerer
from bot.core.schema import STATE_CODES, Kind

# A reload that removes more than this share of the entries (and at least MIN_DROP_ENTRIES of them) is
# taken for a partial tree (a checkout in progress, a bad deploy) and needs an admin's confirmation.
MAX_DROP_SHARE = 0.10
MIN_DROP_ENTRIES = 3


def missing_required(kb: KnowledgeBase) -> list[str]:
    """What a complete knowledge base has and this one lacks: all 51 jurisdictions, the federal rules."""
    missing = []
    states = sorted(STATE_CODES - kb.by_state.keys())
    if states:
        missing.append(
            f"no state_rule for {len(states)} jurisdiction(s): {', '.join(states[:12])}"
            + (" …" if len(states) > 12 else "")
        )
    if not _has_federal(kb):
        missing.append("no federal_rule entries (the import rules)")
    return missing


def _has_federal(kb: KnowledgeBase) -> bool:
    return any(e.kind is Kind.FEDERAL_RULE for e in kb.entries)


def reload_losses(old: KnowledgeBase, new: KnowledgeBase, removed: tuple[str, ...]) -> list[str]:
    """Why ``new`` looks like a partial tree next to ``old``: jurisdictions lost from a complete set of 51,
    the federal rules gone, or a large share of the entries gone. Empty when the reload looks deliberate."""
    losses = []
    if not STATE_CODES - old.by_state.keys():
        lost = sorted(STATE_CODES - new.by_state.keys())
        if lost:
            listed = ", ".join(lost[:12]) + (" …" if len(lost) > 12 else "")
            losses.append(f"no state_rule for {len(lost)} jurisdiction(s): {listed}")
    if _has_federal(old) and not _has_federal(new):
        losses.append("no federal_rule entries (the import rules)")
    if len(old) and len(removed) >= MIN_DROP_ENTRIES and len(removed) / len(old) > MAX_DROP_SHARE:
        losses.append(
            f"{len(removed)} of {len(old)} entries would be removed ({len(removed) / len(old):.0%})"
        )
    return losses


@dataclass(frozen=True)
class ReloadReport:
    ok: bool
    entries: int
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())
    needs_confirmation: bool = False  # refused only because it loses required parts or many entries

    def summary(self) -> str:
        if self.needs_confirmation:
            shown = "\n".join(f"- {p}" for p in self.problems)
            return (
                f"Reload refused: the folder looks incomplete (a checkout in progress or a bad deploy?). "
                f"The previous knowledge base ({self.entries} entries) is still live.\n{shown}\n"
                "If this is intended, reload again with confirm:true."
            )
        if not self.ok:
            shown = "\n".join(f"- {p}" for p in self.problems[:10])
            more = f"\n…and {len(self.problems) - 10} more" if len(self.problems) > 10 else ""
            return (
                f"Reload refused: {len(self.problems)} problem(s). The previous knowledge base "
                f"({self.entries} entries) is still live.\n{shown}{more}"
            )
        if not (self.added or self.removed or self.changed):
            return f"Reloaded {self.entries} entries; nothing changed."
        parts = [f"Reloaded {self.entries} entries."]
        for label, ids in (("Added", self.added), ("Removed", self.removed), ("Changed", self.changed)):
            if ids:
                listed = ", ".join(ids[:15]) + (f" (+{len(ids) - 15} more)" if len(ids) > 15 else "")
                parts.append(f"{label} ({len(ids)}): {listed}")
        return "\n".join(parts)


def diff(old: KnowledgeBase, new: KnowledgeBase) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    added = tuple(sorted(new.fingerprints.keys() - old.fingerprints.keys()))
    removed = tuple(sorted(old.fingerprints.keys() - new.fingerprints.keys()))
    changed = tuple(
        sorted(
            i
            for i in new.fingerprints.keys() & old.fingerprints.keys()
            if new.fingerprints[i] != old.fingerprints[i]
        )
    )
    return added, removed, changed


class KnowledgeService:
    """Owns the current Answerer. Reads of ``answerer`` are a single attribute load, so swaps are atomic."""

    def __init__(
        self,
        path: str | Path,
        clock: Callable[[], dt.date] = dt.date.today,
        *,
        require_all_states: bool = False,
    ) -> None:
        self.path = Path(path)
        self.clock = clock
        self.require_all_states = require_all_states
        self._lock = threading.Lock()
        self.answerer = load_answerer(self.path, clock, require_all_states=require_all_states)

    @classmethod
    def from_kb(
        cls, kb: KnowledgeBase, path: str | Path, clock: Callable[[], dt.date] = dt.date.today
    ) -> KnowledgeService:
        service = cls.__new__(cls)
        service.path = Path(path)
        service.clock = clock
        service.require_all_states = False
        service._lock = threading.Lock()
        service.answerer = Answerer(kb, clock)
        return service

    @property
    def kb(self) -> KnowledgeBase:
        return self.answerer.kb

    def answer(
        self, question: str, conversation: Conversation | None = None, profile: ProfileLike | None = None
    ) -> Answer:
        return self.answerer.answer(question, conversation, profile)

    def answer_entry(self, entry_id: str, *, full: bool = False) -> Answer | None:
        return self.answerer.answer_entry(entry_id, full=full)

    def reload(self, *, force: bool = False) -> ReloadReport:
        """Load and validate the folder again; swap only if every file is valid and, unless ``force``, the
        new tree does not lose required parts or a large share of the entries (``reload_losses``)."""
        with self._lock:
            old = self.answerer.kb
            try:
                new_answerer = load_answerer(
                    self.path, self.clock, require_all_states=self.require_all_states
                )
                new_kb = new_answerer.kb
            except KnowledgeBaseError as exc:
                return ReloadReport(False, len(old), problems=tuple(str(p) for p in exc.problems))
            except Exception as exc:  # an unexpected failure must still leave the good knowledge base live
                return ReloadReport(False, len(old), problems=(f"unexpected error: {type(exc).__name__}",))
            added, removed, changed = diff(old, new_kb)
            losses = reload_losses(old, new_kb, removed)
            if losses and not force:
                return ReloadReport(
                    False, len(old), added, removed, changed, problems=tuple(losses), needs_confirmation=True
                )
            self.answerer = new_answerer
            return ReloadReport(True, len(new_kb), added, removed, changed)

    def stale(self) -> list[Any]:
        return sorted(self.kb.stale(self.clock()), key=lambda e: e.review_by)

    def explain(self, question: str, profile: ProfileLike | None = None) -> dict[str, Any]:
        """What /why shows an admin: the normalised question, the slots, the top matches and the policy."""
        answer = self.answerer.answer(question, None, profile)
        u = answer.understanding
        tokens = self.answerer.index.question_tokens(u) if u else []
        ranked = self.answerer.index.rank(u, tokens, limit=5) if u else []
        return {
            "normalised": u.text if u else "",
            "topic_words": tokens,
            "slots": {
                "states": list(u.states) if u else [],
                "models": list(u.models) if u else [],
                "chassis_code": u.chassis_code if u else None,
                "engine_code": u.engine_code if u else None,
                "year": u.year if u else None,
                "month": u.month if u else None,
                "out_of_scope": u.out_of_scope if u else None,
                "intent_cues": dict(u.cues) if u else {},
            },
            "matches": [
                {
                    "id": m.entry.id,
                    "score": m.score,
                    "matched": m.matched,
                    "text": m.text_score,
                    "intent": m.intent_bonus,
                    "slots": m.slot_bonus,
                }
                for m in ranked
            ],
            "thresholds": {
                "answer": ANSWER_THRESHOLD,
                "suggest": SUGGEST_THRESHOLD,
                "margin": AMBIGUITY_MARGIN,
            },
            "decision": {
                "answered": answer.answered,
                "intent": answer.intent,
                "entries": [e.id for e in answer.entries],
                "confidence": answer.confidence,
            },
        }

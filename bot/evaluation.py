"""`keibot eval`: accuracy on a labelled question set.

Two kinds of set: routing labels (``intent``, ``state``, ``model``; graded the way ../shared/eval/score.py
grades: the right kind of answer with a source and a date) and answer-level patterns (``must`` / ``forbid``
regexes and no ``intent``; graded the way ../shared/eval/must_score.py grades: does the answer text, its source
list left out, contain what was asked). The answer level is the one that counts; routing over-credits an
answer on the right topic that misses the asked fact.

Runs in-process (no subprocess), so the benchmark can grade baselines with the same rules.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VEHICLE = {"model_spec", "maintenance", "parts", "compare"}
FAMILIES = {
    "state_legality": {"state_legality"},
    "federal_import": {"federal_import", "buying"},
    "buying": {"buying", "federal_import"} | VEHICLE,
    "model_spec": VEHICLE,
    "maintenance": VEHICLE,
    "parts": VEHICLE,
    "compare": VEHICLE,
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DEFAULT_QUESTIONS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.jsonl"


def expected_family(q: dict) -> set[str]:
    if q.get("accept"):
        return set(q["accept"])
    intent = q["intent"]
    if intent == "follow_up":
        if q.get("state"):
            return FAMILIES["state_legality"]
        if q.get("topic") == "import_age":
            return FAMILIES["federal_import"]
        return VEHICLE
    return FAMILIES.get(intent, set())


_SOURCES_HEAD = re.compile(r"^\s*(?:#+\s*|\*\*|__)?\s*sources?\s*:?\s*(?:\*\*|__)?\s*:?\s*$", re.IGNORECASE)
_URL_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s.*(?:https?://|<https?://)", re.IGNORECASE)


def answer_body(text: str) -> str:
    """The answer text without its source list, so a source's title cannot satisfy a pattern."""
    lines = []
    for line in (text or "").splitlines():
        if _SOURCES_HEAD.match(line):
            break
        if not _URL_LINE.match(line):
            lines.append(line)
    return "\n".join(lines)


def grade_answer_level(q: dict, a: dict) -> tuple[str, str]:
    """correct (the text holds every ``must`` and no ``forbid`` pattern, or an honest decline where one is
    acceptable) / miss (declined a question that has an answer) / wrong."""
    if not a.get("answered"):
        if q.get("decline_ok") or q.get("answerable") is False:
            return "correct", "declined (acceptable here)"
        return "miss", "said it does not know"
    text = answer_body(a.get("text") or "")
    for pattern in q.get("must") or []:
        if not re.search(pattern, text):
            return "wrong", f"lacks /{pattern}/"
    for pattern in q.get("forbid") or []:
        if re.search(pattern, text):
            return "wrong", f"has /{pattern}/"
    return "correct", ""


def grade(q: dict, a: dict) -> tuple[str, str]:
    """correct / miss / wrong, with the reason."""
    if "intent" not in q and "must" in q:
        return grade_answer_level(q, a)
    answered = bool(a.get("answered"))
    if q["intent"] == "out_of_scope" and not q.get("accept"):
        if not answered or a.get("intent") == "out_of_scope":
            return "correct", ""
        return "wrong", f"answered an out-of-scope question as {a.get('intent')}"
    if not answered:
        if "decline" in (q.get("accept") or []):
            return "correct", ""
        return "miss", "said it does not know"
    family = expected_family(q)
    if a.get("intent") not in family:
        return "wrong", f"intent {a.get('intent')!r}, expected one of {sorted(family)}"
    if q.get("state") and a.get("intent") == "state_legality" and a.get("state") != q["state"]:
        return "wrong", f"state {a.get('state')!r}, expected {q['state']!r}"
    if q.get("model") and a.get("intent") in VEHICLE and a.get("model") not in (None, q["model"]):
        return "wrong", f"model {a.get('model')!r}, expected {q['model']!r}"
    if q.get("model") and a.get("intent") in VEHICLE and a.get("model") is None:
        return "wrong", f"no model, expected {q['model']!r}"
    urls = [s.get("url", "") for s in a.get("sources") or [] if isinstance(s, dict)]
    if not any(u.startswith(("http://", "https://")) for u in urls):
        return "wrong", "no source URL"
    if not DATE.match(str(a.get("last_verified") or "")):
        return "wrong", f"last_verified {a.get('last_verified')!r} is not YYYY-MM-DD"
    for pattern in q.get("must") or []:
        if not re.search(pattern, a.get("text") or "", re.I):
            return "wrong", f"text lacks /{pattern}/"
    return "correct", ""


@dataclass
class EvalResult:
    total: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {"correct": 0, "miss": 0, "wrong": 0})
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, outcome, question, why

    @property
    def correct_rate(self) -> float:
        return self.counts["correct"] / max(self.total, 1)

    @property
    def wrong_rate(self) -> float:
        return self.counts["wrong"] / max(self.total, 1)

    def summary(self) -> str:
        return (
            f"{self.counts['correct']}/{self.total} correct ({self.correct_rate:.1%}), "
            f"{self.counts['miss']} honest misses, {self.counts['wrong']} wrong ({self.wrong_rate:.1%})"
        )


def load_questions(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# An answering function takes (question, conversation key) and returns a contract dict.
AnswerFn = Callable[[str, str], dict[str, Any]]


def evaluate(questions: Iterable[dict], answer: AnswerFn) -> EvalResult:
    result = EvalResult()
    for q in questions:
        if q.get("context"):
            answer(q["context"], q["id"])
        got = answer(q["question"], q["id"])
        outcome, why = grade(q, got)
        result.total += 1
        result.counts[outcome] += 1
        result.rows.append((q["id"], outcome, q["question"], why))
    return result

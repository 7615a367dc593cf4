"""Ranking: the plain-Python and numpy ways of scoring text must agree exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.bench import synthetic_kb
from bot.core.knowledge import KnowledgeBase
from bot.core.matching import Index
from bot.core.understand import Lexicon, understand

ROOT = Path(__file__).resolve().parents[2]


def _questions() -> list[str]:
    lines = (ROOT / "tests" / "data" / "heldout.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


def _rankings(kb: KnowledgeBase, small_limit: int) -> list[list[tuple]]:
    lexicon = Lexicon.from_kb(kb)
    index = Index(kb, lexicon.twins)
    index.small_question_postings = small_limit
    return [
        [(m.entry.id, m.score, m.matched, m.text_score, m.intent_bonus, m.slot_bonus) for m in index.rank(u)]
        for u in (understand(q, lexicon) for q in _questions())
    ]


@pytest.mark.parametrize("scale", [1, 5])
def test_python_and_numpy_text_scores_rank_identically(real_kb: KnowledgeBase, scale: int) -> None:
    kb = real_kb if scale == 1 else synthetic_kb(real_kb, scale)
    python = _rankings(kb, small_limit=10**9)
    numpy = _rankings(kb, small_limit=-1)
    assert sum(1 for ranking in python if ranking) > 150, "the questions must reach the ranking"
    assert python == numpy

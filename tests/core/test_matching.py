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


def test_entries_named_with_a_word_are_found_by_their_title_or_an_alias(real_kb: KnowledgeBase) -> None:
    from bot.core.text import stem

    index = Index(real_kb)
    comparing = index.entries_named_with(stem("compare"))
    assert comparing  # the entries that compare the trucks: "which is better" is answered from them
    for entry_id in comparing:
        entry = real_kb.by_id[entry_id]
        assert any("compar" in text.casefold() for text in (entry.title, *entry.aliases))
    assert not index.entries_named_with("nosuchword")
    # a state entry is chosen by the state, never by wording
    assert "state-tx" not in index.entries_named_with(stem("texas"))
    assert "state-tx" in {entry.id for entry in real_kb.entries if "Texas" in entry.title}

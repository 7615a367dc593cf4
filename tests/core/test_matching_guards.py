"""Ranking guards that build their own index (a shared, session-wide index would hide a broken build)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from bot.core.answering import Answerer
from bot.core.knowledge import KnowledgeBase
from bot.core.matching import Index
from bot.core.text import content_tokens, normalise
from bot.core.understand import understand


def test_rarer_words_weigh_more_and_unknown_words_weigh_as_the_rarest(mini_kb: KnowledgeBase) -> None:
    index = Index(mini_kb)
    counts = Counter(t for vocabulary in index_vocabularies(index) for t in vocabulary)
    rare = min(counts, key=lambda t: (counts[t], t))
    common = max(counts, key=lambda t: (counts[t], t))
    assert counts[rare] == 1 < counts[common]
    assert index.weight(rare) > index.weight(common) > 0
    assert index.weight("zzzunknownword") == index.default_idf == index.weight(rare)


def index_vocabularies(index: Index) -> list[set[str]]:
    return [
        {t for text in (e.title, *e.aliases, *e.phrasings) for t in content_tokens(normalise(text))}
        for e in index.entries
    ]


def test_a_rebadged_twin_may_answer_for_its_sibling(real_kb: KnowledgeBase) -> None:
    """A Scrum is a rebadged Carry: the Carry's timing entry is a match for a Scrum question, below nothing
    about another make, and the twins table is what allows it."""
    answerer = Answerer(real_kb, clock=lambda: dt.date(2026, 11, 25))
    assert answerer.lexicon.twins.get("Mazda Scrum") == "Suzuki Carry"
    u = understand("scrum timing chain", answerer.lexicon)
    ranked = answerer.index.rank(u)
    assert "carry-timing-belt-f6a" in [m.entry.id for m in ranked]
    assert all(m.entry.model in (None, "Mazda Scrum", "Suzuki Carry") for m in ranked)
    alone = Index(real_kb)  # without the twins table the Carry entry is another model's fact
    assert "carry-timing-belt-f6a" not in [m.entry.id for m in alone.rank(u)]

"""Ninth session: what new-user trial 35 found (sourcing asked as 'a good source for', a part named with
'replacement', ...)."""

from __future__ import annotations

from bot.core.answering import Answerer


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


def test_a_good_source_for_a_part_asks_where_it_comes_from(answerer: Answerer) -> None:
    """Trial 35: 'good source for carry DA63T brake pads' opened with the sinking-pedal entry (it holds the word
    'source'), as if the owner had asked about a failing brake."""
    answer = answerer.answer("good source for carry DA63T brake pads")
    assert answer.answered and ids(answer) == ["brakes-pads-shoes"]


def test_a_replacement_part_is_the_part(answerer: Answerer) -> None:
    """Trial 35: 'replacement' is which copy of the windshield, not part of what must be covered: the
    windshield entry (which says where kei glass comes from) answers, not the general parts catalogues."""
    answer = answerer.answer("where to get a replacement windshield for a subaru sambar")
    assert answer.answered and ids(answer)[0] == "glass-windshield-kei"

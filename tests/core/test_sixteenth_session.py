"""Sixteenth session: a closing "what's wrong?" is no second question."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer


@pytest.mark.parametrize(
    "question",
    [
        # "wrong" alone had ranked the tyre-size entry (a speedometer that reads wrong) as a second question
        "The heater in my Hijet only blows cold air, what's wrong?",
        "heater in my carry blows cold air. any ideas?",
    ],
)
def test_a_clause_asking_what_is_wrong_adds_no_entry(answerer: Answerer, question: str) -> None:
    ids = [e.id for e in answerer.answer(question).entries]
    assert ids[0] == "heater-blows-cold"
    assert "tyre-size-speedometer-error" not in ids


def test_a_real_second_question_is_still_answered(answerer: Answerer) -> None:
    # a clause with a topic of its own keeps its own entry beside the first
    ids = [e.id for e in answerer.answer("heater blows cold on my hijet, and what spark plugs does it take?").entries]
    assert "heater-blows-cold" in ids
    assert any("plug" in i for i in ids)

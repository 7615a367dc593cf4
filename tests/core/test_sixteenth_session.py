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


def test_a_plain_version_word_before_the_truck_is_no_topic(answerer: Answerer) -> None:
    # "a regular carry": which version, like "a regular one"; the Super Carry entry answers the difference
    answer = answerer.answer("whats the actual difference between a regular carry and a super carry?")
    assert answer.answered
    assert answer.entries[0].id == "carry-super-carry-extended-cab"


@pytest.mark.parametrize(("question", "year"), [("my 98ish carry", 1998), ("a 96-ish hijet", 1996)])
def test_an_approximate_two_digit_year_is_the_trucks_year(answerer: Answerer, question: str, year: int) -> None:
    assert answerer.answer(question).year == year

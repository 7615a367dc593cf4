"""Twelfth session: what the sourced sets' once-unread halves showed when they were read (the running-hot question
worded without "overheating", ...)."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


@pytest.mark.parametrize(
    "question",
    [
        "temp needle on my 95 carry is climbing toward H on a hot day, hauling mulch up a long hill. what should i do "
        "right now before it cooks itself",
        "temperature keeps creeping up on the hill with a load, what do i do",
    ],
)
def test_a_temperature_rising_is_the_engine_running_hot(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.answered
    assert "overheating" in ids(answer)[0]  # (the hills entry leads for a truck that runs hot on a climb)


def test_a_temperature_gauge_that_does_not_rise_is_not_running_hot(answerer: Answerer) -> None:
    # (no rising word: the gauge itself is the question, not overheating)
    answer = answerer.answer("temp gauge on my hijet doesnt work at all, needle stays on C")
    assert "overheating-while-driving" not in ids(answer)

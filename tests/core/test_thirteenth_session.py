"""Thirteenth session: state cards gained a section of rules for any vehicle (new residents, students, temporary
permits, antique plates, farm plates); a question about one of those finds its line."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer


@pytest.mark.parametrize(
    ("question", "line"),
    [
        # "moving ... for a job" and "how long" ask who counts as a resident and by when (focus_words: move, job, long)
        ("im moving to colorado for a job, how long can i keep my oklahoma plates on my kei", "**New residents:**"),
        # "college" asks about students
        (
            "college student in utah with my hijet on idaho plates, do i have to register it in utah",
            "**Students and military:**",
        ),
    ],
)
def test_a_question_about_any_vehicle_rule_quotes_that_line(answerer: Answerer, question: str, line: str) -> None:
    answer = answerer.answer(question)
    assert answer.answered
    assert line in answer.body

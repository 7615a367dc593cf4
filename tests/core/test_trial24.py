"""New-user trial 24 (state and import questions in owners' words): what it found wrong, pinned."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer
from bot.core.understand import Lexicon, understand


@pytest.fixture(scope="module")
def lexicon(real_kb) -> Lexicon:
    return Lexicon.from_kb(real_kb)


@pytest.mark.parametrize(
    ("question", "year", "month"),
    [
        # the year on the truck is its build year; the other date is when it is imported or bought
        ("can i import a 2002 sambar in dec 2026?", 2002, None),
        ("bought a 2001 hijet in june 2024, is it legal to import now", 2001, None),
        ("my '98 carry, want to bring it over in 03/2027", 1998, None),
        # unless the other date is said to be the build date, or is on the truck itself
        ("2002 sambar, built dec 2001 per the plate", 2001, 12),
        ("is a march 2001 hijet eligible?", 2001, 3),
        ("importing in dec 2026, is that ok", 2026, 12),
    ],
)
def test_the_year_written_on_the_truck_is_the_build_year(lexicon, question, year, month) -> None:
    u = understand(question, lexicon)
    assert (u.year, u.month) == (year, month)


def test_importing_a_2002_truck_in_december_2026_is_not_yet_eligible(answerer: Answerer) -> None:
    # it was read as a truck built in December 2026 ("turns 25 in December 2051")
    text = answerer.answer("can i import a 2002 sambar in dec 2026?").text
    assert "not yet eligible" in text
    assert "2051" not in text and "2027" in text


@pytest.mark.parametrize(
    "question",
    [
        "I want to buy a 2003 hijet right now from japan, can I?",
        "is it a good idea to buy a 2004 hijet from japan?",
    ],
)
def test_buying_a_too_young_truck_from_japan_gets_the_import_verdict(answerer: Answerer, question) -> None:
    # it got the buying-routes entry, as if the 2003 truck could come in
    answer = answerer.answer(question)
    assert answer.intent == "federal_import"
    assert "not yet eligible" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "bought a 2005 acty from a dealer, parts from japan are cheap, where do I order a clutch",
        "buying a 2008 carry from japan for the farm, off road only",
    ],
)
def test_japan_beside_another_question_or_an_off_road_plan_is_no_import_verdict(answerer, question) -> None:
    assert "not yet eligible" not in answerer.answer(question).text

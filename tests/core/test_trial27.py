"""New-user trial 27 (a mixed day after the session's fixes): what it found wrong, pinned."""

from __future__ import annotations

from bot.core.answering import Answerer

POST = (
    "Got my Hijet titled in Wisconsin finally (took 2 months). Now my regular insurance agent (State Farm) says "
    "they won't cover it because it's a 'non-compliant import'. Who are people using for insurance on these? Is "
    "Hagerty an option since it's over 25 years old? I just want liability and maybe some comprehensive."
)


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


def test_old_enough_said_in_passing_is_no_build_year(answerer: Answerer) -> None:
    # "over 25 years old" became a 2001 build and the answer was the 25-year sum
    answer = answerer.answer(POST)
    assert answer.year is None and "25-year rule (NHTSA" not in answer.text
    # an age asked about still is one
    assert answerer.answer("my carry is 26 years old, can i import it now?").year == 2000
    assert answerer.answer("a kei truck that's only 22 years old, can I import it?").year == 2004


def test_a_condition_no_named_state_records_brings_the_entry_on_it(answerer: Answerer) -> None:
    # Wisconsin's card says nothing of insurance: the insurance entry follows it at the lower wording bar
    assert ids(answerer.answer(POST)) == ["state-wi", "legal-insurance"]

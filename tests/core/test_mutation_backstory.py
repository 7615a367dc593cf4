"""The conditions of the backstory rules one by one (from the surviving mutants of a run on this session's
functions): each guard, flipped alone, changes the verdict."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from bot.core import eligibility
from bot.core.answering import Answerer
from bot.core.matching import Match
from bot.core.understand import Lexicon, understand

BATTERY = "anyone know the battery size for a da63t? mine died last night, wisconsin cold"


@pytest.fixture(scope="module")
def lexicon(real_kb) -> Lexicon:
    return Lexicon.from_kb(real_kb)


def _best(answerer: Answerer, u) -> tuple[Match, list[str]]:
    tokens = answerer.index.question_tokens(u)
    return answerer.index.rank(u, tokens)[0], tokens


def test_state_in_passing_each_guard(answerer: Answerer, lexicon: Lexicon) -> None:
    u = understand(BATTERY, lexicon)
    best, topic = _best(answerer, u)
    assert best.entry.id == "battery-sizes-kei"
    assert answerer._state_in_passing(u, best, topic)
    assert not answerer._state_in_passing(replace(u, closing=None), best, topic)
    assert not answerer._state_in_passing(replace(u, asked_states=("WI",)), best, topic)
    assert not answerer._state_in_passing(replace(u, asked_cues={"state_legality": 1.0}), best, topic)
    assert not answerer._state_in_passing(replace(u, asked_cues={"federal_import": 1.0}), best, topic)
    legal = answerer.kb.by_id["legal-insurance"]
    assert not answerer._state_in_passing(u, replace(best, entry=legal), topic)
    # a closing question whose words the entry does not cover
    assert not answerer._state_in_passing(replace(u, closing="what about the weather?"), best, topic)


def test_closing_asks_another_thing_each_guard(answerer: Answerer, lexicon: Lexicon) -> None:
    u = understand("97 carry, no obd port on it. how do i read the code?", lexicon)
    assert answerer._closing_asks_another_thing(u)
    assert not answerer._closing_asks_another_thing(replace(u, closing=None))
    assert not answerer._closing_asks_another_thing(replace(u, asked_cues={"federal_import": 1.0}))
    assert not answerer._closing_asks_another_thing(replace(u, asked_cues={"state_legality": 1.0}))
    assert not answerer._closing_asks_another_thing(replace(u, closing="is it old enough to import?"))
    assert not answerer._closing_asks_another_thing(replace(u, closing="is that possible?"))  # one known word


def test_speaks_to_the_closing_question_each_guard(answerer: Answerer, lexicon: Lexicon) -> None:
    u = understand("my hijet shifts hard. What ATF does it take?", lexicon)
    atf = answerer.kb.by_id["atf-automatic-kei-truck"]
    washing = answerer.kb.by_id["automatic-lost-gear-after-washing"]
    steps = answerer.kb.by_id["federal-import-steps"]
    first = Match(atf, 0.80, "atf", 0.7, 0.0, 0.0)
    rival = Match(washing, 0.83, "gear", 0.7, 0.0, 0.0)
    assert answerer._speaks_to_the_closing_question(u, [first, rival], ["atf"])
    assert not answerer._speaks_to_the_closing_question(u, [first, rival], [])
    assert not answerer._speaks_to_the_closing_question(u, [first, rival], ["windshield"])  # not covered
    # the top score 0.12 or more ahead, or of another kind: still a guess
    assert not answerer._speaks_to_the_closing_question(u, [first, replace(rival, score=0.921)], ["atf"])
    assert answerer._speaks_to_the_closing_question(u, [first, replace(rival, score=0.919)], ["atf"])
    assert not answerer._speaks_to_the_closing_question(u, [first, replace(rival, entry=steps)], ["atf"])
    # the comparison is with the top score, not the runner-up's
    third = Match(steps, 0.5, "x", 0.5, 0.0, 0.0)
    assert answerer._speaks_to_the_closing_question(u, [first, third, rival], ["atf"])
    # an entry the closing question's own words do not rank first: a mention, not the answer
    gauge = Match(answerer.kb.by_id["temperature-gauge-not-working"], 0.80, "x", 0.7, 0.0, 0.0)
    assert answerer._covers_question(gauge.entry, ["coolant"])
    assert not answerer._speaks_to_the_closing_question(u, [gauge, rival], ["coolant"])


def test_describe_span_exact_text() -> None:
    text = eligibility.describe_span(2000, 2009, dt.date(2026, 12, 6))
    assert text == (
        "You gave a span of build years (2000 to 2009), not one year, so this is for all of them; the exact build "
        "date is on the export certificate and the chassis plate.\n"
        "**25-year rule (NHTSA / FMVSS): some are eligible now, the later builds not yet.** Counted from the month "
        "of manufacture, a truck built in January 2000 reached it in January 2025 and one built in December 2009 "
        "reaches it in December 2034; until it is 25, a truck cannot be imported for road use.\n"
        "**EPA 21-year exemption:** a truck built in 2005 or earlier is eligible now (EPA counts calendar years); "
        "a later one is not yet.\n"
        "Federal eligibility only lets the truck into the country; whether your state will title and register it "
        "is a separate question."
    )
    assert eligibility.describe_span(1990, 1999, dt.date(2026, 12, 6)).split("\n")[1:3] == [
        "**25-year rule (NHTSA / FMVSS): eligible, all of them.** Counted from the month of manufacture, a truck "
        "built in January 1990 reached it in January 2015 and one built in December 1999 reached it in December "
        "2024.",
        "**EPA 21-year exemption: eligible** for all of them, in original configuration.",
    ]
    assert eligibility.describe_span(2007, 2009, dt.date(2026, 12, 6)).split("\n")[1:3] == [
        "**25-year rule (NHTSA / FMVSS): not yet eligible, none of them.** Counted from the month of manufacture, "
        "a truck built in January 2007 reaches it in January 2032 and one built in December 2009 reaches it in "
        "December 2034; until it is 25, a truck cannot be imported for road use.",
        "**EPA 21-year exemption: not before 2028** (EPA counts calendar years).",
    ]
    # the month boundary: a January 2001 build is 25 in January 2026, a December 2001 one in December 2026
    assert "eligible, all of them" in eligibility.describe_span(2001, 2001, dt.date(2026, 12, 1))
    assert "some are eligible now" in eligibility.describe_span(2001, 2001, dt.date(2026, 11, 30))


def test_describe_span_on_the_anniversary_months() -> None:
    # the month the first of the span turns 25 is already "some": a January 2001 build is 25 in January 2026
    first = eligibility.describe_span(2001, 2003, dt.date(2026, 1, 15))
    assert "some are eligible now" in first and "reached it in January 2026" in first
    # the month the last turns 25 is "all", said in the past
    last = eligibility.describe_span(1999, 2001, dt.date(2026, 12, 1))
    assert "eligible, all of them" in last and "reached it in December 2026." in last

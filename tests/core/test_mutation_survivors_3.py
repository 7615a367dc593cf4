"""Behaviours that the seeded mutation sample (`make mutation-sample`, README "Mutation testing") showed no test
would notice breaking: which generation sheet a chassis code opens, a truck's name inside another word, the
state conditions asked in two words, what a declined turn leaves for the next one, and how telling a word is
when the knowledge holds a single passage. Each test names what a user would see go wrong."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from bot.core import passages
from bot.core.answering import Answerer
from bot.core.compose import _clauses_naming, asked_conditions
from bot.core.conversation import Conversation
from bot.core.knowledge import Entry
from bot.core.matching import generation_sheets
from bot.core.understand import understand


def spec_entry(entry_id: str, years: tuple[int, int], codes: list[str], body: str = "Test body.") -> Entry:
    return Entry(
        id=entry_id,
        kind="model_spec",
        title=entry_id.replace("-", " ").title(),
        body=body,
        model="Suzuki Carry",
        years=list(years),
        chassis_codes=codes,
        sources=[{"title": "Test", "url": "https://example.org/test"}],
        last_verified=dt.date(2026, 11, 1),
        review_by=dt.date(2027, 1, 1),
    )


class _Entries:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries


def test_a_chassis_code_opens_the_sheet_of_the_generation_spanning_the_fewest_years() -> None:
    """A bare "da63t" opens that generation's sheet, not an overview of the three generations that share the
    code in a table (which names fewer codes, so the tie-break by codes alone would pick it)."""
    overview = spec_entry("carry-overview", (1991, 2013), ["DA63T"])
    sheet = spec_entry("carry-da63t", (1999, 2013), ["DA63T", "DA65T"])
    assert generation_sheets(_Entries([overview, sheet]))["DA63T"] is sheet


def test_a_truck_name_inside_another_word_is_no_clause_about_that_truck() -> None:
    """The words "carrying capacity" say nothing about the Carry: only the clause naming the truck is about it
    (else the "not verified for your truck" note would weigh a clause about payload)."""
    body = "Carry capacities are not verified in my sources. The carrying capacity is 350 kg."
    assert _clauses_naming(body, "Carry") == ["Carry capacities are not verified in my sources."]


@pytest.mark.parametrize(
    ("question", "condition"),
    [
        ("does the truck need a safety check in maine", "inspection"),
        ("can i go on limited access roads in ohio", "interstates"),
        ("do i need turn signals in nh", "equipment"),
    ],
)
def test_a_condition_asked_in_two_words_is_asked(answerer: Answerer, question: str, condition: str) -> None:
    """The state answer leads with the condition asked; some are only ever named in two words."""
    assert condition in asked_conditions(understand(question, answerer.lexicon))


def test_a_declined_turn_leaves_no_entries_for_the_next_one(answerer: Answerer) -> None:
    """A follow-up after a did-you-mean must not be answered from entries that were only suggested."""
    conversation = Conversation()
    u = understand("timing belt interval on an HA4 acty", answerer.lexicon)
    conversation.remember(u, "maintenance", True, answerer.index, ("acty-timing-belt",))
    assert conversation.entry_ids == ("acty-timing-belt",)
    u = understand("what about the flux capacitor", answerer.lexicon)
    conversation.remember(u, "maintenance", False, answerer.index, ("acty-timing-belt", "other"))
    assert conversation.entry_ids == ()


def test_a_word_in_the_only_passage_weighs_log_two() -> None:
    """With one passage, every word in it is in every passage: the least telling weight, log(1 + 1/1)."""
    body = "The lead says what the entry is about.\n\nThe clutch cable stretches with wear."
    entry = spec_entry("carry-da63t", (1999, 2013), ["DA63T"], body)
    entry_passages = passages.cut(entry)
    assert len(entry_passages.passages) == 1
    weights = passages.PassageWeights([entry_passages])
    tokens = entry_passages.passages[0].tokens
    assert tokens and [weights.weight(t) for t in tokens] == pytest.approx([math.log(2)] * len(tokens))

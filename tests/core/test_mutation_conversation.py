"""What a follow-up carries over from the last question (``merge_context``), pinned case by case against
mutmut's survivors (issue 16): the state only when the follow-up is still about the law or names no topic of
its own, the truck and build date when it names none, and the last intent unless the follow-up has cue words
or only swaps the state after a question about the truck."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation, merge_context
from bot.core.knowledge import KnowledgeBase
from bot.core.matching import Index
from bot.core.text import normalise
from bot.core.understand import Understanding

CARRY = "Suzuki Carry"


def _u(text: str, **slots: object) -> Understanding:
    return Understanding(raw=text, text=normalise(text), tokens=tuple(normalise(text).split()), **slots)  # type: ignore[arg-type]


def _last(intent: str, states: tuple[str, ...] = ("TX",)) -> Conversation:
    u = _u(
        "is my carry legal", states=states, models=(CARRY,), owned_model=CARRY, chassis_code="DA63T",
        year=1998, month=3,
    )  # fmt: skip
    return Conversation(understanding=u, intent=intent, states=states, turns=1)


@pytest.fixture
def index(mini_kb: KnowledgeBase) -> Index:
    return Index(mini_kb)


def test_a_bare_follow_up_to_a_state_question_keeps_the_state(index: Index) -> None:
    merged = merge_context(_u("what about there"), _last("state_legality"), index)
    assert merged.states == ("TX",)
    assert merged.cues == {"state_legality": 1.0}


def test_a_new_topic_after_a_state_question_drops_the_state(index: Index) -> None:
    assert any(t in index.idf for t in index.question_tokens(_u("timing belt")))
    merged = merge_context(_u("timing belt"), _last("state_legality"), index)
    assert merged.states == ()


def test_legal_words_keep_the_state_even_with_a_topic_of_their_own(index: Index) -> None:
    u = _u("timing belt legal", cues={"state_legality": 1.0})
    assert merge_context(u, _last("state_legality"), index).states == ("TX",)
    assert merge_context(u, _last("maintenance"), index).states == ("TX",)  # a state talked about earlier


def test_after_a_truck_question_a_topic_without_legal_words_brings_no_state(index: Index) -> None:
    merged = merge_context(_u("timing belt"), _last("maintenance"), index)
    assert merged.states == ()
    assert merged.cues == {"maintenance": 1.0}


def test_the_truck_and_build_date_carry_over_when_not_named(index: Index) -> None:
    merged = merge_context(_u("timing belt"), _last("maintenance"), index)
    assert (merged.models, merged.owned_model, merged.chassis_code) == ((CARRY,), CARRY, "DA63T")
    assert (merged.year, merged.month) == (1998, 3)


def test_an_own_chassis_code_or_month_is_kept(index: Index) -> None:
    merged = merge_context(_u("timing belt", chassis_code="DA16T", month=7), _last("maintenance"), index)
    assert merged.chassis_code == "DA16T" and merged.models == (CARRY,)
    assert (merged.year, merged.month) == (1998, 7)


def test_a_new_state_after_a_truck_question_is_a_legality_question(index: Index) -> None:
    merged = merge_context(_u("what about nebraska", states=("NE",)), _last("maintenance"), index)
    assert merged.states == ("NE",)
    assert merged.cues == {"state_legality": 1.0}


@pytest.mark.parametrize("intent", ["federal_import", "state_legality"])
def test_a_new_state_after_a_legal_question_keeps_that_question(index: Index, intent: str) -> None:
    merged = merge_context(_u("what about nebraska", states=("NE",)), _last(intent), index)
    assert merged.cues == {intent: 1.0}


@pytest.mark.parametrize("intent", ["unknown", "out_of_scope"])
def test_an_unknown_or_refused_last_question_lends_no_intent(index: Index, intent: str) -> None:
    assert merge_context(_u("timing belt"), _last(intent), index).cues == {}


def test_a_follow_up_with_cue_words_keeps_its_own(index: Index) -> None:
    u = _u("timing belt part", cues={"parts": 1.0})
    assert merge_context(u, _last("maintenance"), index).cues == {"parts": 1.0}

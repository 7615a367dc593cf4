"""Is a message a follow-up (``is_follow_up``), and what a conversation keeps (``Conversation.remember``)."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation, is_follow_up
from bot.core.knowledge import KnowledgeBase
from bot.core.matching import Index
from bot.core.text import normalise
from bot.core.understand import Understanding


def _u(text: str, **slots: object) -> Understanding:
    words = tuple(normalise(text).split())
    return Understanding(raw=text, text=normalise(text), tokens=words, **slots)  # type: ignore[arg-type]


@pytest.fixture
def index(mini_kb: KnowledgeBase) -> Index:
    return Index(mini_kb)


@pytest.fixture
def talked() -> Conversation:
    return Conversation(
        understanding=_u("is it legal in texas", states=("TX",)), intent="state_legality", turns=1
    )


def test_nothing_to_follow_is_never_a_follow_up(index: Index) -> None:
    assert not is_follow_up(_u("what about oklahoma", follow_up=True), None, index)
    assert not is_follow_up(_u("what about oklahoma", follow_up=True), Conversation(), index)
    assert not is_follow_up(_u(""), Conversation(understanding=_u("x")), index)


def test_a_follow_up_shape_continues(index: Index, talked: Conversation) -> None:
    assert is_follow_up(_u("and oklahoma", follow_up=True), talked, index)


def test_a_leaning_word_continues_and_chat_without_one_does_not(index: Index, talked: Conversation) -> None:
    assert is_follow_up(_u("is it the same there"), talked, index)
    assert not is_follow_up(_u("what a lovely sunset"), talked, index)


def test_a_known_topic_word_alone_continues(index: Index, talked: Conversation) -> None:
    assert any(t in index.idf for t in index.question_tokens(_u("timing belt")))
    assert is_follow_up(_u("timing belt"), talked, index)


@pytest.mark.parametrize(
    "slots", [{"states": ("OK",)}, {"models": ("Honda Acty",)}, {"chassis_code": "HA4"}, {"year": 1996}]
)
def test_a_message_that_names_its_own_state_truck_or_year_is_new(
    index: Index, talked: Conversation, slots: dict[str, object]
) -> None:
    assert not is_follow_up(_u("timing belt", **slots), talked, index)


def test_a_long_message_is_a_new_question(index: Index, talked: Conversation) -> None:
    long = "the water pump and the thermostat and the radiator cap are all new and it still runs hot"
    assert len(long.split()) > 12
    assert not is_follow_up(_u(long), talked, index)
    assert is_follow_up(_u(" ".join(["timing", "belt"] * 6)), talked, index)


def test_a_long_message_that_is_chat_around_a_pointer_back_is_a_follow_up(
    index: Index, talked: Conversation
) -> None:
    """Over 12 words, but only "hours", "job" and "done" of its own: it asks about the last topic."""
    message = "how many hours is that job roughly for someone whos never done one"
    assert len(message.split()) > 12
    assert is_follow_up(_u(message), talked, index)


def test_remember_keeps_questions_not_chatter_or_scope(index: Index) -> None:
    conversation = Conversation()
    texas = _u("is it legal in texas", states=("TX",))
    conversation.remember(texas, "state_legality", True, index)
    assert (conversation.understanding, conversation.intent, conversation.states, conversation.turns) == (
        texas,
        "state_legality",
        ("TX",),
        1,
    )
    for said, intent in (("thanks", "unknown"), ("a golf cart", "out_of_scope"), ("", "unknown")):
        conversation.remember(_u(said), intent, False, index)
        assert conversation.understanding is texas and conversation.turns == 1, said
    belt = _u("timing belt")
    conversation.remember(belt, "maintenance", True, index)
    assert conversation.understanding is belt and conversation.turns == 2
    assert conversation.states == ("TX",), "the last state is kept across a question without one"
    assert conversation.tokens == tuple(index.question_tokens(belt))
    conversation.remember(_u("rust"), "maintenance", False, index)
    assert conversation.intent == "maintenance", "a declined question keeps the last answered intent"
    fresh = Conversation()
    fresh.remember(_u("rust"), "unknown", False, index)
    assert fresh.intent == "unknown", "with nothing answered yet, the declined intent is kept"

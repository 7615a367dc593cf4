"""New-user trial 25 (maintenance, parts and long posts in owners' words): what it found wrong, pinned."""

from __future__ import annotations

import pytest

from bot.core import scope
from bot.core.answering import Answerer


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("my 2012 honda civic check engine light is on code P0420 what does that mean", "honda civic"),
        ("subaru outback oil change interval", "subaru outback"),
        ("best oil for a suzuki samurai?", "suzuki samurai"),
    ],
)
def test_a_kei_makers_other_model_is_another_vehicle(answerer: Answerer, question, name) -> None:
    # a Civic's trouble code got the kei flash-code entry
    answer = answerer.answer(question)
    assert not answer.answered and answer.intent == "out_of_scope"
    assert "another kind of vehicle, not a kei truck" in answer.text
    assert "owners' group for that model" in answer.text
    assert scope.named_vehicle(answer.understanding).name == name


def test_an_import_the_scope_list_names_keeps_its_own_rule(answerer: Answerer) -> None:
    # "mitsubishi delica" is the Delica (another Japanese import, the 25-year rule applies), not a maker's model
    vehicle = scope.named_vehicle(answerer.answer("is a mitsubishi delica legal to import").understanding)
    assert (vehicle.category, vehicle.rule) == ("jdm_import", "federal")


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("can a kei truck keep up with a honda civic on the highway", "honda civic"),
        ("is my carry better on gas than a subaru outback?", "subaru outback"),
    ],
)
def test_a_kei_question_naming_another_model_stays_a_kei_question(
    answerer: Answerer, question, named
) -> None:
    u = answerer.answer(question).understanding
    assert scope.named_vehicle(u).name == named  # the other model is read...
    assert scope.other_vehicle(u) is None  # ...but the question is about the kei
    assert answerer.answer(question).intent != "out_of_scope"


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # a model name that is also an everyday word names no vehicle
        ("does a honda fit in a 20ft container with another one?", "import-roro-vs-container"),
        ("where to buy a honda pilot bearing?", "parts-japan-oem-catalogues"),
    ],
)
def test_an_everyday_word_after_a_maker_is_no_other_vehicle(answerer: Answerer, question, first) -> None:
    answer = answerer.answer(question)
    assert answer.answered and answer.entries[0].id == first


def test_the_super_carry_compared_with_a_hijet_is_a_comparison(answerer: Answerer) -> None:
    # "suzuki super" was read as another Suzuki model, and the comparison had nothing to compare
    answer = answerer.answer("Suzuki Super Carry vs Daihatsu Hijet?")
    assert "The Japanese Super Carry is a DA16T Carry" in answer.text


def test_another_models_import_gets_the_federal_rule(answerer: Answerer) -> None:
    answer = answerer.answer("is a 1998 suzuki samurai legal to import?")
    assert "another kind of vehicle, not a kei truck" in answer.text
    assert "25-year rule (NHTSA / FMVSS): eligible" in answer.text


@pytest.mark.parametrize(
    ("question", "states"),
    [
        # "S/C" on a Sambar is supercharged, "A/C" air conditioning: shorthand, not South Carolina
        ("First time kei owner here! there's a sticker that says S/C on the back, battery keeps dying", ()),
        ("the a/c on my kei truck blows warm", ()),
        # said where a state goes, or with dots, a state still
        ("moving to s/c next year, can i register my kei truck", ("SC",)),
        ("kei truck legal in n/c?", ("NC",)),
        ("I live in S.C. is my kei truck legal", ("SC",)),
    ],
)
def test_letters_with_a_slash_are_shorthand_unless_said_where_a_state_goes(
    answerer, question, states
) -> None:
    assert answerer.answer(question).understanding.states == states


@pytest.mark.parametrize(
    ("question", "first"),
    [
        (
            "my sambar TT2 4wd light doesnt come on when i push the button, is it vacuum? hub?",
            "sambar-tt-4wd-solenoid",
        ),
        ("top speed of a 660cc kei truck on flat ground?", "kei-top-speed-highway"),
    ],
)
def test_a_question_with_an_entry_far_ahead_is_answered_though_side_words_are_not_in_it(
    answerer: Answerer, question, first
) -> None:
    # both were did-you-means with the right entry first, scoring just under the bar for a remark
    answer = answerer.answer(question)
    assert answer.answered and answer.entries[0].id == first


def test_a_remark_needs_the_higher_bar(answerer: Answerer) -> None:
    assert not answerer.answer("my first state inspection went fine").answered


def test_a_last_question_of_a_word_or_two_is_the_tail_of_the_one_before() -> None:
    from bot.core.text import closing_question

    assert closing_question("story here. is it the synchro? or clutch?") == "is it the synchro? or clutch?"
    # the tail joined to a question that is the whole message: no closing question of its own
    assert closing_question("my 4wd light doesnt come on when i push the button, is it vacuum? hub?") is None
    assert closing_question("Bought a 96 Hijet. What do I need to do?") == "What do I need to do?"

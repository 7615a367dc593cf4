"""Thirteenth session: state cards gained a section of rules for any vehicle (new residents, students, temporary
permits, antique plates, farm plates); a question about one of those finds its line."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer


@pytest.mark.parametrize(
    ("question", "line"),
    [
        # "moving ... for a job" and "how long" ask who counts as a resident and by when (focus_words: move, job, long)
        (
            "im moving to colorado for a job, how long can i keep my oklahoma plates on my kei",
            "**New residents:**",
        ),
        # "college" asks about students
        (
            "college student in utah with my hijet on idaho plates, do i have to register it in utah",
            "**Students and military:**",
        ),
    ],
)
def test_a_question_about_any_vehicle_rule_quotes_that_line(
    answerer: Answerer, question: str, line: str
) -> None:
    answer = answerer.answer(question)
    assert answer.answered
    assert line in answer.body


@pytest.mark.parametrize(
    ("question", "line"),
    [
        # each state names its old-vehicle plates its own way: "antique" finds Alaska's "Historic plates" line
        ("can i put antique plates on my 96 acty in Alaska?", "**Historic plates:**"),
        # ... and "historic" with a truck's age is still the state's plates, not the federal 25-year rule
        ("Ohio historic plates for a 25 year old kei?", "**Historical plates:**"),
    ],
)
def test_old_vehicle_plates_are_found_by_any_of_their_names(
    answerer: Answerer, question: str, line: str
) -> None:
    answer = answerer.answer(question)
    assert answer.answered and answer.intent == "state_legality"
    assert line in answer.body


def test_the_line_a_question_is_about_comes_before_the_conditions(answerer: Answerer) -> None:
    # the registration line says only that a kei cannot be registered yet; the question asks how long a newcomer has
    body = answerer.answer(
        "just moved to colorado with my carry, how long do i have to register it there?"
    ).body
    assert 0 <= body.find("**New residents:**") < body.find("**Conditions**")


def test_a_line_sharing_a_word_does_not_displace_the_asked_condition(answerer: Answerer) -> None:
    # Connecticut's new-residents line says "test" and "exempt" too, but the question asks about emissions
    body = answerer.answer(
        "CT emissions test on a 95 acty - does it need one or is it exempt cause of age"
    ).body
    emissions = body.find("- **Emissions:**")
    assert emissions >= 0
    assert body.find("**New residents:**") == -1 or emissions < body.find("**New residents:**")


def test_the_source_listed_is_not_about_another_truck_when_one_about_this_one_will_do(
    answerer: Answerer,
) -> None:
    # the parts-catalogue entry's first source is Amayama's Carry catalogue; the question is about a Sambar
    text = answerer.answer("where do I get a clutch kit for a KS4 Sambar?").text
    listed = text.split("**Sources**")[1]
    assert "<http" in listed and "Carry" not in listed


def test_a_source_about_the_truck_the_answer_names_is_kept(answerer: Answerer) -> None:
    # the DS16T Minicab is a Carry DA16T: the answer says so, and a Carry source backs it
    answer = answerer.answer(
        "whose parts does a 2016 mitsubishi minicab or nissan clipper truck actually use?"
    )
    assert "Carry" in answer.text.split("**Sources**")[1]


@pytest.mark.parametrize("state", ["kansas", "michigan", "ohio", "nevada", "colorado"])
def test_a_plain_legality_question_quotes_no_rule_for_any_vehicle(answerer: Answerer, state: str) -> None:
    # (review 18: the new-residents, temporary-tag and classic-plate lines had pushed the kei lines out)
    answer = answerer.answer(f"is a kei truck legal in {state}")
    assert answer.answered
    assert "Rules for any vehicle" not in answer.body


def test_a_rule_for_any_vehicle_is_quoted_when_its_topic_is_asked(answerer: Answerer) -> None:
    # "stationed" asks about service members: Colorado's "Military" line
    answer = answerer.answer(
        "active duty stationed in colorado, can i keep my home state plates on my carry?"
    )
    assert "**Military:**" in answer.body


def test_historic_is_a_state_word_only_beside_plates(answerer: Answerer) -> None:
    # (review 18) "historic overview of the suzuki carry" asks no state's rules: no "which state?"
    answer = answerer.answer("historic overview of the suzuki carry")
    assert answer.intent != "state_legality"


@pytest.mark.parametrize(
    "question", ["what defines a kei truck", "how is a kei truck defined?", "definition of a kei truck"]
)
def test_asking_what_defines_a_kei_truck_gets_the_class_overview(answerer: Answerer, question: str) -> None:
    # (trial 49 era: "what defines a kei truck" had no answer at all)
    answer = answerer.answer(question)
    assert answer.answered and answer.entries[0].id == "what-is-a-kei-truck"


def test_how_a_state_defines_kei_vehicles_is_its_rules(answerer: Answerer) -> None:
    answer = answerer.answer("does wisconsin define kei class vehicles")
    assert answer.answered and answer.state == "WI" and answer.entries[0].id == "state-wi"


def test_a_state_answer_lists_the_states_page_on_keis_before_one_on_any_vehicle(answerer: Answerer) -> None:
    # (trial 50) "is a kei truck legal in pennsylvania" listed PennDOT's new-residents page, not its mini-truck FAQ
    listed = answerer.answer("is a kei truck legal in pennsylvania").text.split("**Sources**")[1]
    assert "Mini Trucks" in listed and "new residents" not in listed


def test_asking_what_a_truck_is_underneath_asks_about_its_twin(answerer: Answerer) -> None:
    # (trial 50: the Minicab oil-change entry answered it)
    answer = answerer.answer("nissan clipper truck, is that a minicab underneath?")
    assert answer.answered and answer.entries[0].id == "model-nissan-clipper"


def test_a_condition_the_card_holds_only_among_its_rules_for_any_vehicle_is_quoted_not_unrecorded(
    answerer: Answerer,
) -> None:
    # Texas's farm plates are a line of its rules for any vehicle, not a condition line
    body = answerer.answer("farm plates for a kei truck in texas?").body
    assert "**Farm plates:**" in body and "not recorded" not in body


@pytest.mark.parametrize(
    ("state", "unasked"), [("new york", "Farm"), ("maryland", "Farm"), ("maine", "frame")]
)
def test_a_plain_legality_question_gets_no_farm_or_frame_line(
    answerer: Answerer, state: str, unasked: str
) -> None:
    # (review 19: farm-class and frame-height lines written into the condition lines displaced the kei lines)
    assert unasked not in answerer.answer(f"is a kei truck legal in {state}").body

"""Fifteenth session: answers to a question about one line of a state's rules put that line first."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer, Conversation
from bot.core.compose import _BARE_POINTER, _opening_of


def test_the_line_a_question_names_comes_before_the_cards_conditions(answerer: Answerer) -> None:
    # "farm plates" names Texas's "Farm plates" line: it follows the status at once, before the Conditions block
    body = answerer.answer("can I put farm plates on my hijet in texas").body
    farm = body.index("- **Farm plates:**")
    assert body.startswith("**Texas:")
    assert "**Conditions**" not in body or farm < body.index("**Conditions**")


def test_a_plain_legality_question_keeps_the_cards_order(answerer: Answerer) -> None:
    # no line's label is named: the conditions (where the truck may go) come as the card has them
    body = answerer.answer("is a kei truck legal in texas").body
    assert "**Rules for any vehicle in Texas**" not in body


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # one short sentence says too little: the next one joins it
        (
            "**Texas: Allowed.** Registrable. Texas titles and registers 25-year-old imported keis like other motor vehicles. Since 2024.",
            "**Texas: Allowed.** Registrable. Texas titles and registers 25-year-old imported keis like other motor vehicles.",
        ),
        # a long first sentence stands alone
        (
            "**Ohio: Restricted.** Only where your city, village or township has authorised mini-trucks, or between "
            "fields on a farm. Ohio law otherwise bans them.",
            "**Ohio: Restricted.** Only where your city, village or township has authorised mini-trucks, or between "
            "fields on a farm.",
        ),
        # no bold status: left alone
        ("Plain text. More.", "Plain text. More."),
    ],
)
def test_the_opening_of_a_state_lead(lead: str, expected: str) -> None:
    assert _opening_of(lead) == expected


@pytest.mark.parametrize(
    ("question", "stray"),
    [
        # "carry" the truck is no "carry" the verb in a line about antique plates
        ("is my 98 carry legal in texas", "Antique plates"),
        # a Hijet's engine codes ("EF-SE", "EF-ES") are no words of a Spanish-language DMV link ("/portal/es/")
        ("Can I register my Daihatsu mini truck for highway use in California?", "**Who to ask:**"),
    ],
)
def test_the_trucks_names_pick_no_line_of_a_state_card(answerer: Answerer, question: str, stray: str) -> None:
    answer = answerer.answer(question)
    assert answer.answered and answer.intent == "state_legality"
    assert stray not in answer.body


@pytest.mark.parametrize("question", ["you a bot?", "r u a bot", "is this a bot?", "are you human"])
def test_asking_what_the_bot_is_gets_what_it_does(answerer: Answerer, question: str) -> None:
    # trial 52: "you a bot?" got the kei truck vs van entry ("... what this bot covers")
    answer = answerer.answer(question)
    assert not answer.answered and "kei-truck-vs-van-car" not in [e.id for e in answer.entries]
    assert "state rules" in answer.text.casefold()


@pytest.mark.parametrize(
    "question",
    [
        "wheres the best place to buy a kei truck in the US",
        "where do you guys buy your kei trucks?",
        "where can i get a hijet near denver",
    ],
)
def test_where_to_buy_the_truck_itself_is_a_buying_question(answerer: Answerer, question: str) -> None:
    # trial 52: "best place to buy a kei truck" got where to buy parts
    answer = answerer.answer(question)
    assert answer.answered and answer.entries[0].id == "buying-where-to-buy"


def test_where_to_buy_a_part_of_the_truck_is_still_a_parts_question(answerer: Answerer) -> None:
    answer = answerer.answer("where do I get a clutch kit for a KS4 Sambar?")
    assert answer.answered and answer.entries[0].kind == "parts"


def test_a_follow_up_naming_no_state_keeps_the_cards_answer_to_its_condition(answerer: Answerer) -> None:
    # review 21: putting the general entry first for every follow-up naming no state (tried for trial 52's "is that
    # the title?" after Iowa) lost the card's answer where the follow-up asks what the card records
    conversation = Conversation()
    answerer.answer("is a kei legal in pennsylvania", conversation)
    answer = answerer.answer("does it need inspection?", conversation)
    assert answer.entries[0].id == "state-pa"


def test_buying_the_truck_is_told_from_getting_it_registered(answerer: Answerer) -> None:
    # review 21: "get my carry in texas registered" is no purchase; "get a honda acty near me" is one
    assert answerer.answer("where can i get my carry in texas registered").entries[0].id == "state-tx"
    assert answerer.answer("where can i get a honda acty near me").entries[0].id == "buying-where-to-buy"


def test_a_clause_asking_what_goes_in_it_is_still_a_second_question(answerer: Answerer) -> None:
    # review 21: "what coolant goes in it" ends on "in it", and it asks a question of its own
    answer = answerer.answer("how do I adjust the valves on an acty and what coolant goes in it")
    assert "coolant-change-general" in [e.id for e in answer.entries]


def test_one_word_of_a_state_lines_label_does_not_turn_a_repair_question_into_law(answerer: Answerer) -> None:
    # review 21: "bumper" alone named Georgia's Lift and bumper height line for a rust repair question
    answer = answerer.answer("my hijet's bumper is rusted, im in georgia, how do i fix it")
    assert answer.state != "GA" or not answer.answered


def test_a_state_line_the_question_names_answers_where_no_entry_is_sure(answerer: Answerer) -> None:
    # trial 52's helper: "max bumper height" in Florida got a did-you-mean of general topics, though the Florida card
    # has a "Lift and bumper height" line (F.S. 316.251)
    answer = answerer.answer("how high can I lift my kei truck in florida? max bumper height?")
    assert answer.answered and answer.state == "FL"
    assert "- **Lift and bumper height:**" in answer.body
    # (the line comes first after the status, before the card's conditions)
    assert answer.body.index("Lift and bumper height") < answer.body.find("**Conditions**") or (
        "**Conditions**" not in answer.body
    )


def test_a_follow_up_about_a_too_new_truck_says_the_federal_rule_in_a_sentence(answerer: Answerer) -> None:
    # trial 52: every follow-up about a 2003 Hijet repeated the three-paragraph federal verdict and its entry
    conversation = Conversation()
    first = answerer.answer("is a 2003 hijet legal in tennessee", conversation)
    assert "not yet eligible" in first.body and "federal-25-year-rule" in [e.id for e in first.entries]
    follow_up = answerer.answer("can i get antique plates on it there", conversation)
    assert follow_up.body.startswith("**The federal rule still applies:** a truck built in 2003 turns 25 in")
    assert "federal-25-year-rule" not in [e.id for e in follow_up.entries]
    assert "- **Antique plates:**" in follow_up.body
    # (the Antique plates line leads: "antique" is a registration word, but Tennessee's Registration line says
    # nothing of antiques; review 21)
    assert follow_up.body.index("Antique plates") < follow_up.body.index("**Conditions**")
    # no verdict given yet: a maintenance question, then a legal one about the same truck, gets the whole verdict
    other = Conversation()
    answerer.answer("what oil does a 2003 hijet take", other)
    assert answerer.answer("is it legal in texas", other).body.startswith("**First, the federal rule:**")


def test_a_follow_up_changing_the_year_says_what_the_year_changes(answerer: Answerer) -> None:
    conversation = Conversation()
    answerer.answer("is a 98 carry legal in maryland", conversation)
    answer = answerer.answer("same for a 96?", conversation)
    assert answer.state == "MD"
    assert answer.body.startswith("**A 1996 truck** turned 25 by December 2021")
    # (not for a year whose anniversary month is now: a late-December 2001 build is not 25 yet in December 2026)
    late = answerer.answer("same for a 2001?", conversation)
    assert "turned 25" not in late.body


def test_a_clause_acting_on_what_was_named_is_no_second_question(answerer: Answerer) -> None:
    # trial 52: "how do i adjust it" (the clutch) brought in the rear drum brakes' adjustment entry
    answer = answerer.answer("clutch slippin on my acty, how do i adjust it")
    assert [e.id for e in answer.entries] == ["clutch-slipping-adjust-replace"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("usually your broker (see below).", "usually your broker."),
        ("Test first (below): bent valves", "Test first: bent valves"),
        ("its other conditions (above) are met", "its other conditions are met"),
        # (a parenthesis saying more than where to look stays)
        (
            "(not kei-specific; the bulletin above still bars keis)",
            "(not kei-specific; the bulletin above still bars keis)",
        ),
    ],
)
def test_a_bare_pointer_to_another_part_of_the_entry_is_dropped(text: str, expected: str) -> None:
    assert _BARE_POINTER.sub("", text) == expected


def test_grinding_when_braking_is_the_brakes_not_a_wheel_bearing(answerer: Answerer) -> None:
    # trial 52: "grinding noise when i brake" got the wheel-bearing entry
    answer = answerer.answer("grinding noise when i brake on my 95 carry")
    assert answer.answered and answer.entries[0].id == "brake-noise-grinding-squeal"


def test_named_lines_of_several_states_still_fit_one_embed_page(answerer: Answerer) -> None:
    # read of the whole change: each of three states' named lines went beyond its share of the budget, and this answer
    # grew past one Discord embed page (4,096 characters); "states" no longer names an "out-of-state plates" line
    answer = answerer.answer(
        "driving my TX-registered hijet up to colorado through new mexico for a trip. is it legal in the states i pass thru?"
    )
    assert len(answer.text) <= 4096
    assert "Working here on out-of-state plates" not in answer.body

"""Behaviours that mutmut's second run over the core modules showed no test would notice breaking (issue 16):
comparing generations and trucks, the state overview, follow-ups that skip an opening already read, the
where-to-buy order, computed eligibility, scope declines, places named in a question and number formatting.
Each test names what a user would see go wrong."""

from __future__ import annotations

from bot.core.answering import STATE_OVERVIEW, Answerer
from bot.core.conversation import Conversation
from bot.core.knowledge import KnowledgeBase
from bot.core.policy import ANSWER_THRESHOLD
from bot.core.schema import Kind

COMPARE_NOTE = "I only compare on sourced facts"
NO_COMPARISON = "I don't have sourced facts to compare those on"


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


# ------------------------------------------------------------------ comparing generations of one truck


def test_generations_compared_on_a_topic_get_each_generations_entry_on_it(answerer: Answerer) -> None:
    """The DA63T's K6A has a chain, the DA52T's F6A a belt: each side is ranked with its own chassis code."""
    question = "DA63T vs DA52T timing belt"
    answer = answerer.answer(question)
    assert answer.answered and answer.intent == "compare"
    assert ids(answer) == ["timing-belt-replace-on-arrival", "carry-timing-belt-f6a"]
    assert answer.text.startswith(COMPARE_NOTE) and answer.model == "Suzuki Carry"
    assert ANSWER_THRESHOLD <= answer.confidence <= 1.0 and answer.question == question


def test_generations_compared_without_a_topic_get_their_sheets(answerer: Answerer) -> None:
    answer = answerer.answer("DA63T vs DA52T")
    assert ids(answer) == ["carry-da63t-da65t-specs", "carry-da52t-db52t-da62t-specs"]
    assert answer.text.startswith(COMPARE_NOTE) and answer.model == "Suzuki Carry"


def test_a_generation_comparison_covers_the_first_three_codes_named(answerer: Answerer) -> None:
    answer = answerer.answer("DA63T vs DA52T vs DA16T vs DD51T")
    assert ids(answer) == ["carry-da63t-da65t-specs", "carry-da52t-db52t-da62t-specs", "carry-da16t-specs"]


def test_how_a_generation_comparison_is_asked_is_not_its_topic(answerer: Answerer) -> None:
    """ "comparison" is the asking: the S200P side gets the 4WD entry, not the reliability comparison."""
    assert ids(answerer.answer("S200P vs S500P comparison 4wd")) == [
        "hijet-4wd-low-range",
        "hijet-s500p-s510p-specs",
    ]


def test_codes_of_one_sheet_are_said_to_share_it_naming_the_first_three(answerer: Answerer) -> None:
    answer = answerer.answer("HA1 vs HA2 vs HA3 vs HA4")
    assert ids(answer) == ["acty-ha3-ha4-specs"]
    assert answer.text.startswith("HA1 and HA2 and HA3 share one entry")


# ------------------------------------------------------------------ comparing trucks


def test_a_comparison_of_my_truck_ranks_the_other_side_as_itself(answerer: Answerer) -> None:
    """ "My Acty" is the owner's truck, not a slot that pulls the Sambar side to Acty entries."""
    answer = answerer.answer("my acty vs a sambar engine specs")
    assert ids(answer) == ["acty-ha3-ha4-specs", "sambar-ks3-ks4-specs"] and answer.model is None


def test_a_comparison_by_codes_ranks_the_second_side_with_its_own_code(answerer: Answerer) -> None:
    assert ids(answerer.answer("ha4 vs ks4 specs")) == ["acty-ha3-ha4-specs", "sambar-ks3-ks4-specs"]


def test_a_comparison_with_nothing_sourced_on_either_side_is_declined(answerer: Answerer) -> None:
    question = "scrum vs clipper which would win a chess tournament in paris"
    answer = answerer.answer(question)
    assert not answer.answered and answer.intent == "compare" and not answer.entries
    assert answer.text.startswith(NO_COMPARISON) and answer.question == question


def test_a_comparison_records_the_question_asked(answerer: Answerer) -> None:
    question = "acty vs sambar engine specs"
    assert answerer.answer(question).question == question


def test_a_comparison_asking_where_to_buy_a_part_gets_where_parts_come_from(answerer: Answerer) -> None:
    assert ids(answerer.answer("where do i get brake pads acty vs hijet")) == ["parts-japan-oem-catalogues"]


# ------------------------------------------------------------------ a follow-up on the entry just read


def test_a_follow_up_on_the_same_entry_leaves_out_the_opening_just_read(answerer: Answerer) -> None:
    conversation = Conversation()
    first = answerer.answer("what oil does my acty take", conversation)
    follow_up = answerer.answer("how many quarts?", conversation)
    opening = answerer._lead("oil-change-general")
    assert opening in first.body and ids(follow_up)[0] == "oil-change-general"
    assert opening not in follow_up.body and opening not in follow_up.text
    assert follow_up.text.startswith(follow_up.body)  # the same cut in both, nothing left in its place
    assert opening in answerer.answer("how many quarts does an acty take").body  # a fresh question keeps it


# ------------------------------------------------------------------ the state overview


def test_the_state_overview_keeps_the_truck_and_question_asked(answerer: Answerer) -> None:
    question = "which states is the carry legal in"
    answer = answerer.answer(question)
    assert ids(answer) == [STATE_OVERVIEW] and answer.model == "Suzuki Carry" and answer.question == question


def test_the_state_overview_without_its_entry_is_declined_as_a_gap(mini_kb: KnowledgeBase) -> None:
    kb = KnowledgeBase.from_entries(e for e in mini_kb.entries if e.id != STATE_OVERVIEW)
    answer = Answerer(kb).answer("which states are kei trucks legal in")
    assert not answer.answered and "That part of the knowledge base is missing" in answer.text


# ------------------------------------------------------------------ where to buy a part


def test_where_to_buy_a_part_with_its_own_shops_gets_them(answerer: Answerer) -> None:
    assert ids(answerer.answer("where can i buy a water pump for my sambar")) == [
        "parts-sambar-water-pump-sources"
    ]


def test_where_to_buy_a_part_without_its_own_shops_gets_the_general_ones(answerer: Answerer) -> None:
    """The Sambar's water pump shops rank first, but a fuel pump is not theirs to answer."""
    assert ids(answerer.answer("where can i buy a fuel pump for my sambar")) == ["parts-japan-oem-catalogues"]


def test_where_to_get_parts_names_no_part_and_no_truck(answerer: Answerer) -> None:
    answer = answerer.answer("where can i get parts")
    assert answer.answered and ids(answer) == ["parts-japan-oem-catalogues"]


def test_where_to_get_parts_for_my_truck_puts_its_own_sources_first(answerer: Answerer) -> None:
    assert ids(answerer.answer("where can i get parts for my acty"))[0] == "parts-acty-honda-reproduction"


def test_where_to_buy_a_part_keeps_the_other_entries_about_it(answerer: Answerer) -> None:
    assert ids(answerer.answer("where to buy tires for a kei truck")) == [
        "parts-tyres-145r12-substitutes",
        "mud-tyres-kei-truck",
    ]


def test_where_to_buy_with_no_parts_entries_is_answered_from_the_parts_own_entry(
    mini_kb: KnowledgeBase,
) -> None:
    kb = KnowledgeBase.from_entries(e for e in mini_kb.entries if e.kind is not Kind.PARTS)
    answer = Answerer(kb).answer("where do i get a timing belt for my acty")
    assert answer.answered and ids(answer) == ["acty-timing-belt"]

"""Behaviours that mutmut's second run over the core modules showed no test would notice breaking (issue 16):
comparing generations and trucks, the state overview, follow-ups that skip an opening already read, the
where-to-buy order, computed eligibility, scope declines, places named in a question and number formatting.
Each test names what a user would see go wrong."""

from __future__ import annotations

import pytest

from bot.core.answering import FEDERAL_25_YEAR, STATE_OVERVIEW, Answerer
from bot.core.conversation import Conversation, merge_context
from bot.core.knowledge import KnowledgeBase
from bot.core.matching import Index
from bot.core.policy import ANSWER_THRESHOLD
from bot.core.schema import Kind
from bot.core.scope import is_remark, named_vehicle
from bot.core.text import normalise
from bot.core.understand import Understanding

COMPARE_NOTE = "I only compare on sourced facts"
NO_COMPARISON = "I don't have sourced facts to compare those on"


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


def _u(text: str, **slots: object) -> Understanding:
    return Understanding(raw=text, text=normalise(text), tokens=tuple(normalise(text).split()), **slots)  # type: ignore[arg-type]


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


# ------------------------------------------------------------------ a clear lead over the runner-up


def test_two_entries_matching_alike_are_offered_not_picked_between(answerer: Answerer) -> None:
    """The HS-7 entry and the paperwork entry score the same and neither says what it costs."""
    answer = answerer.answer("how much does the hs-7 form cost")
    assert not answer.answered and answer.suggestion_ids[:2] == (
        "federal-hs7-form",
        "federal-import-paperwork",
    )


def test_a_remark_that_matches_an_entry_well_but_not_decisively_is_not_answered(answerer: Answerer) -> None:
    assert not answerer.answer("my first state inspection went fine").answered


def test_a_clear_lead_answers_though_the_entry_does_not_cover_every_word(answerer: Answerer) -> None:
    answer = answerer.answer("what is the top speed on the forum")
    assert answer.answered and ids(answer) == ["kei-top-speed-highway"]


# ------------------------------------------------------------------ computed eligibility


def test_an_eligible_truck_named_with_a_state_is_answered_for_that_state(answerer: Answerer) -> None:
    question = "can i import a 1998 acty into texas"
    answer = answerer.answer(question)
    assert answer.state == "TX" and ids(answer)[0] == "state-tx" and answer.question == question
    assert not answer.matches  # no federal topic asked about: nothing ranked is shown


def test_the_federal_topic_asked_about_is_the_match_the_answer_keeps(answerer: Answerer) -> None:
    answer = answerer.answer("can i bring a 1999 carry in from canada")
    assert [m.entry.id for m in answer.matches] == ["federal-canada-15-year-rule"] and answer.state is None


@pytest.mark.parametrize(
    ("question", "state"),
    [
        ("can i bring a 1999 carry in from canada to texas", "TX"),  # eligible: Texas's rules follow Canada's
        ("can i bring a 2005 carry in from canada to texas", None),  # too young: no state's rules apply
    ],
)
def test_an_import_from_canada_answers_for_the_named_state_only_when_the_truck_can_come_in(
    answerer: Answerer, question: str, state: str | None
) -> None:
    answer = answerer.answer(question)
    assert ids(answer)[0] == "federal-canada-15-year-rule" and answer.state == state
    assert ("state-tx" in ids(answer)) is (state is not None)


def test_a_generations_import_dates_record_the_question(answerer: Answerer) -> None:
    question = "is the DA63T old enough to import yet"
    answer = answerer.answer(question)
    assert answer.question == question and ANSWER_THRESHOLD <= answer.confidence <= 1.0


def test_the_full_entry_answer_records_the_entry_title_as_the_question(answerer: Answerer) -> None:
    answer = answerer.answer_entry("acty-timing-belt")
    assert answer is not None and answer.question == answerer.kb.by_id["acty-timing-belt"].title


# ------------------------------------------------------------------ declines


def test_a_kei_car_question_keeps_the_scope_line_before_the_federal_rule(answerer: Answerer) -> None:
    question = "is the honda beat a good kei car"
    answer = answerer.answer(question)
    assert answer.text.startswith("I only cover kei **trucks**") and "once it is 25 years old" in answer.text
    assert answer.question == question and ids(answer) == [FEDERAL_25_YEAR]


def test_a_kei_car_import_question_is_worked_out_from_its_build_month(answerer: Answerer) -> None:
    answer = answerer.answer("is a march 1991 honda beat kei car importable")
    assert answer.intent == "out_of_scope" and ids(answer) == [FEDERAL_25_YEAR]
    assert "March 2016" in answer.text and "Only the year" not in answer.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("is a ct70 street legal in texas", "A CT70 is"),  # four letters: a code, in capitals
        ("is a hilux legal in texas", "A Hilux is"),  # five: a name
    ],
)
def test_another_vehicles_name_is_capitalised_as_a_code_or_a_name(
    answerer: Answerer, question: str, opening: str
) -> None:
    assert answerer.answer(question).text.startswith(opening)


# ------------------------------------------------------------------ a vehicle's name that is also a place


@pytest.mark.parametrize(
    "question",
    [
        "my kei truck is sitting at the port in tacoma",  # after a place word, at the very end
        "in tacoma my kei truck got a ticket",  # after a place word, the message's second word
    ],
)
def test_a_town_named_like_a_vehicle_is_the_town(question: str) -> None:
    assert named_vehicle(_u(question)) is None


@pytest.mark.parametrize(
    ("question", "name"),
    [
        (
            "switching from hilux to a kei truck",
            "hilux",
        ),  # a place word before it, but no town is called that
        ("copen or a kei truck which should i bring in", "copen"),  # a town, but no place word before it
    ],
)
def test_a_vehicle_named_without_being_a_place_is_the_vehicle(question: str, name: str) -> None:
    found = named_vehicle(_u(question))
    assert found is not None and found.name == name


# ------------------------------------------------------------------ remarks and follow-ups


def test_laughter_alone_is_chat(answerer: Answerer) -> None:
    answer = answerer.answer("haha lmao")
    assert not answer.answered and answer.intent == "out_of_scope"
    assert is_remark(_u("haha lmao"))  # nothing but laughing words: no opening word, and a remark


def test_a_laughing_message_with_a_question_mark_is_a_question(answerer: Answerer) -> None:
    assert answerer.answer("lol my carry got stuck in the mud again?").answered
    assert not answerer.answer("lol my carry got stuck in the mud again").answered  # without it, a remark


def test_a_new_state_with_cue_words_after_a_state_question_keeps_its_own_cues(mini_kb: KnowledgeBase) -> None:
    last = _u("is my carry legal in texas", states=("TX",), models=("Suzuki Carry",))
    conversation = Conversation(understanding=last, intent="state_legality", states=("TX",), turns=1)
    u = _u("what about nebraska", states=("NE",), cues={"federal_import": 1.0})
    assert merge_context(u, conversation, Index(mini_kb)).cues == {"federal_import": 1.0}


def test_a_maintenance_question_about_a_part_no_entry_knows_is_a_gap(answerer: Answerer) -> None:
    """Its cue words make it a kei question though none of its words is in the knowledge base."""
    answer = answerer.answer("how often do i lube the flux capacitor")
    assert answer.intent == "unknown" and "logged the question" in answer.text

"""Focused answers, scope and chatter on the real knowledge base (issue 10)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.answering import Answerer, Conversation
from bot.core.knowledge import load_dir
from bot.core.matching import COMPARE
from bot.core.understand import understand

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(load_dir(KNOWLEDGE))


def test_a_state_answer_is_focused_and_the_full_entry_is_one_call_away(answerer: Answerer) -> None:
    answer = answerer.answer("is my 98 carry legal in texas")
    assert answer.state == "TX" and answer.answered and answer.focused
    assert answer.text.startswith("**Texas: ")
    assert len(answer.text) < 2000
    full = answerer.answer_entry("state-tx", full=True)
    assert full is not None and not full.focused and len(full.text) > 2 * len(answer.text)


def test_the_asked_condition_is_quoted_and_an_unrecorded_one_is_said_so(answerer: Answerer) -> None:
    texas = answerer.answer("do kei trucks need an inspection in texas")
    assert "**Inspection:**" in texas.body
    entry = answerer.kb.by_state["TX"]
    assert entry.conditions is not None and entry.conditions.inspection.split(";")[0] in texas.body


def test_the_interval_passage_answers_an_interval_question(answerer: Answerer) -> None:
    answer = answerer.answer("timing belt interval on an HA4 Acty?")
    assert answer.entries[0].id == "acty-timing-belt"
    assert "100,000 km" in answer.body


@pytest.mark.parametrize(
    ("question", "quotes_the_card"),
    [("is a polaris ranger street legal in texas", True),  # Texas's card has a line on off-highway vehicles
     ("is my golf cart legal on roads in florida", False),  # Florida's has none on golf carts
     ("can i register my f-150 on farm plates in ohio", False)],  # no card line is about pickups
)  # fmt: skip
def test_other_vehicles_get_a_scope_line_not_a_state_kei_answer(
    answerer: Answerer, question: str, quotes_the_card: bool
) -> None:
    answer = answerer.answer(question)
    assert not answer.answered and answer.intent == "out_of_scope"
    assert "not a kei truck" in answer.text
    # the state's card only for its lines on that kind of vehicle (fourteenth session), never its kei rules
    assert any(e.kind == "state_rule" for e in answer.entries) is quotes_the_card
    assert ("rules for that kind of vehicle**" in answer.body) is quotes_the_card
    assert "**Conditions**" not in answer.body


def test_another_import_gets_the_federal_rule_with_its_eligibility(answerer: Answerer) -> None:
    answer = answerer.answer("can i import a 1998 delica")
    assert "not a kei truck" in answer.text and "25 years old" in answer.text
    assert "federal-25-year-rule" in [e.id for e in answer.entries]


def test_a_kei_truck_beside_a_utv_is_still_answered(answerer: Answerer) -> None:
    answer = answerer.answer("kei truck or side by side for hunting in texas, which is legal on roads?")
    assert answer.answered and answer.state == "TX" and answer.entries[0].id == "state-tx"


@pytest.mark.parametrize(
    "chat",
    ["tell me a joke", "lol nice", "anyone watching the game tonight?", "thanks!", "u there?", "ok cool"],
)
def test_chatter_after_a_question_is_not_a_follow_up(answerer: Answerer, chat: str) -> None:
    conversation = Conversation()
    assert answerer.answer("is my 98 carry legal in texas", conversation).state == "TX"
    answer = answerer.answer(chat, conversation)
    assert answer.chatter and not answer.answered
    assert not answer.entries and "Road use allowed" not in answer.text
    # and the conversation still holds the real question for a real follow-up
    assert answerer.answer("ok what about oklahoma then", conversation).state == "OK"


@pytest.mark.parametrize(
    "chat",
    [
        "best chicken recipe for the grill?",  # "chicken" is also the chicken-tax entry's word
        "can someone help me move a couch this weekend",  # "move" is also a Daihatsu kei car
        "anyone watching the football game tonight",
        "good morning everyone",
    ],
)
def test_a_side_word_in_chat_does_not_decide_the_answer(answerer: Answerer, chat: str) -> None:
    answer = answerer.answer(chat)
    assert not answer.answered and answer.chatter and not answer.entries


@pytest.mark.parametrize("question", ["help", "what can you do?", "How does this work"])
def test_help_gets_a_short_guide_with_examples(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert not answer.answered and "/profile set" in answer.text and "/state" in answer.text
    assert len(answer.text) < 1000


def test_my_state_without_a_profile_asks_which_state(answerer: Answerer) -> None:
    answer = answerer.answer("is it legal in my state?")
    assert not answer.answered and answer.needs_state and answer.intent == "state_legality"
    assert "Which state?" in answer.text and "/profile set" in answer.text
    # a general question that only mentions "my state" is still answered by its own wording
    general = answerer.answer(
        "if my state bans kei trucks later, does my current registration get grandfathered?"
    )
    assert general.answered and not general.needs_state


def test_a_long_message_is_answered_from_its_question_and_says_so(answerer: Answerer) -> None:
    chatter = "So I have been looking at trucks for a while now and my neighbour has a farm. " * 40
    answer = answerer.answer(chatter + "Is my 98 carry legal in Texas?")
    assert answer.state == "TX" and answer.answered
    assert answer.text.startswith("_Your message was longer than 2,000 characters")
    short = answerer.answer("Is my 98 carry legal in Texas?")
    assert not short.text.startswith("_Your message")


def test_where_to_get_a_part_is_a_sourcing_question(answerer: Answerer) -> None:
    answer = answerer.answer("where do I get a clutch kit for a KS4 Sambar?")
    assert answer.answered and answer.intent == "parts"
    assert all(e.kind == "parts" for e in answer.entries)


@pytest.mark.parametrize(
    ("question", "state", "entry"),
    [
        ("is my 98 Carry legal in Pennsylvania?", "PA", "state-pa"),
        ("is my 98 carry legal in texas", "TX", "state-tx"),
        ("timing belt interval on an HA4 Acty?", None, "acty-timing-belt"),
        ("timing belt interval on a 96 acty", None, "acty-timing-belt"),
    ],
)
def test_the_readme_examples_get_the_right_answer(
    answerer: Answerer, question: str, state: str | None, entry: str
) -> None:
    answer = answerer.answer(question)
    assert answer.answered and answer.entries[0].id == entry and answer.state == state


def test_used_the_verb_is_not_used_the_adjective(answerer: Answerer) -> None:
    answer = answerer.answer("Can mini trucks be used for commercial purposes in Wisconsin?")
    assert answer.state == "WI" and answer.entries[0].id == "state-wi"
    still_buying = answerer.answer("what should i check on a used kei truck before buying")
    assert still_buying.intent == "buying"


def test_a_vague_question_matching_many_unrelated_entries_gets_did_you_mean(answerer: Answerer) -> None:
    answer = answerer.answer("my kei truck is not working right")  # every "... not working" entry, equally
    assert not answer.answered and len(answer.suggestions) >= 2


def test_a_follow_up_about_a_condition_keeps_the_state_even_after_a_truck_question(
    answerer: Answerer,
) -> None:
    conversation = Conversation()
    assert answerer.answer("is a kei truck legal in ohio", conversation).state == "OH"
    speed = answerer.answer("what about speed limits", conversation)
    assert speed.state == "OH" and "**Speed:**" in speed.body
    answerer.answer("timing belt interval on a 96 acty", conversation)
    assert answerer.answer("is it legal there too?", conversation).state == "OH"


def test_a_nested_list_stays_with_its_item(answerer: Answerer) -> None:
    """A passage that ends in 'except:' must bring its sub-items, or it reads as a flat ban."""
    for cut in answerer.composer.passages.values():
        for passage in cut.passages:
            assert not passage.text.rstrip().endswith(":") or "\n" in passage.text, passage.text[:80]


def test_a_long_run_of_marks_does_not_cost_the_question_its_last_word(answerer: Answerer) -> None:
    assert answerer.answer("is my 98 carry legal in texas" + "!" * 5000).state == "TX"
    assert answerer.answer("is my 98 carry legal in texas?" + "!" * 5000).state == "TX"


def test_empty_input_is_not_logged_as_a_gap(answerer: Answerer) -> None:
    for nothing in ("", "   ", "?????"):
        assert "logged" not in answerer.answer(nothing).text


@pytest.mark.parametrize(
    "question",
    [
        "what is a kei truck?",
        "What are Japanese 4x4 mini trucks?",
        "whats a mini truck used for",
        "what are kei trucks",
    ],
)
def test_what_a_kei_truck_is_gets_the_definition_whatever_describes_it(
    answerer: Answerer, question: str
) -> None:
    # "4x4" describing the trucks is not a question about 4WD faults
    answer = answerer.answer(question)
    assert answer.answered and answer.entries[0].id == "what-is-a-kei-truck"
    assert "660 cc" in answer.text


def test_a_question_about_one_property_of_kei_trucks_is_not_a_definition(answerer: Answerer) -> None:
    answer = answerer.answer("what is a kei truck's payload")
    assert answer.entries[0].id != "what-is-a-kei-truck" and "350 kg" in answer.text


@pytest.mark.parametrize("verb", ["get", "buy", "find"])
def test_where_to_buy_a_part_is_where_parts_come_from_whatever_the_verb(
    answerer: Answerer, verb: str
) -> None:
    answer = answerer.answer(f"where can i {verb} a clutch kit for a sambar")
    assert answer.answered and answer.intent == "parts"
    ids = [e.id for e in answer.entries]
    assert ids[0] == "parts-japan-oem-catalogues"
    assert "parts-sambar-water-pump-sources" not in ids  # another part's shops are not the answer


def test_where_to_buy_the_truck_itself_is_a_buying_question(answerer: Answerer) -> None:
    answer = answerer.answer("where can i buy a kei truck")
    assert answer.answered and answer.intent == "buying"
    assert "buying-where-to-buy" in [e.id for e in answer.entries]


def test_a_car_the_owner_means_is_not_a_topic_the_entry_must_cover(answerer: Answerer) -> None:
    answer = answerer.answer("What is the time limit to file the ISF for cars?")
    assert answer.answered and answer.entries[0].id == "federal-isf-10-plus-2"
    assert "24 hours" in answer.text


def test_a_focused_answer_lists_its_best_source_and_counts_the_rest(answerer: Answerer) -> None:
    answer = answerer.answer("is my 98 carry legal in pennsylvania")
    block = answer.text.split("**Sources**\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(block) == 2 and block[1].startswith("- …and ") and "more in the full entry" in block[1]
    assert ".gov" in block[0] or "pa.gov" in block[0]  # the official page first


def test_a_long_source_title_is_cut_at_a_word() -> None:
    from bot.core.compose import SOURCE_TITLE_CHARS, _short_title

    title = (
        "Western Producer (2009), Mighty mini trucks easy on wallet: Saskatchewan farmers and a contractor"
    )
    short = _short_title(title)
    assert len(short) <= SOURCE_TITLE_CHARS and short.endswith("…") and title.startswith(short[:-1])
    assert title[len(short) - 1] in " ,;:-("  # cut between words, without a dangling mark
    assert _short_title("PennDOT, Mini Trucks FAQ") == "PennDOT, Mini Trucks FAQ"


def test_how_a_comparison_is_asked_and_the_named_trucks_maker_are_not_topics(answerer: Answerer) -> None:
    # "better" and "suzuki" are not things the engine entry must mention to answer "F6A vs K6A"
    answer = answerer.answer("F6A vs K6A - which suzuki engine is better to have?")
    assert answer.answered and answer.entries[0].id == "carry-engines-f6a-k6a-r06a"


@pytest.mark.parametrize("follow_up", ["and for a 96?", "same for a 96", "what about a 96"])
def test_a_bare_two_digit_year_in_a_follow_up_is_a_build_year(answerer: Answerer, follow_up: str) -> None:
    conversation = Conversation()
    answerer.answer("is a 2001 carry old enough to import", conversation)
    answer = answerer.answer(follow_up, conversation)
    assert answer.year == 1996 and "built in 1996" in answer.text


def test_a_follow_up_about_one_of_the_rules_gets_that_rule_beside_the_dates(answerer: Answerer) -> None:
    conversation = Conversation()
    answerer.answer("my hijet was built march 2002, can i import it", conversation)
    answer = answerer.answer("do i need EPA form 3520-1", conversation)
    assert "March 2002" in answer.text  # the truck's dates still apply
    assert "original, unmodified configuration" in answer.text  # and the EPA rule itself is quoted


@pytest.mark.parametrize("greeting", ["hello?", "u there?", "hey keibot", "good morning"])
def test_a_greeting_gets_a_greeting_not_thanks(answerer: Answerer, greeting: str) -> None:
    answer = answerer.answer(greeting)
    assert answer.chatter and not answer.answered and answer.text.startswith("Hi! I'm here.")


@pytest.mark.parametrize("thanks", ["ok cool", "thanks!", "lol nice", "ok thanks, cool"])
def test_several_acknowledgements_are_still_chat(answerer: Answerer, thanks: str) -> None:
    answer = answerer.answer(thanks)
    assert answer.chatter and answer.text.startswith("Happy to help.")


def test_an_entrys_bold_opening_is_not_followed_by_its_summary_saying_it_again(answerer: Answerer) -> None:
    entry = answerer.kb.by_id["buying-auction-sheet-damage-codes"]
    answer = answerer.answer("what do the damage codes on an auction sheet mean")
    assert answer.entries[0].id == entry.id
    assert entry.body.strip().split("\n\n")[0] in answer.text and entry.summary not in answer.text


@pytest.mark.parametrize(
    "question", ["polaris ranger vs kei truck", "kei truck or a kawasaki mule for the farm"]
)
def test_a_named_utv_beside_a_kei_truck_finds_the_kei_vs_utv_entry(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.answered and answer.entries[0].id == "buying-kei-vs-utv-farm"


def test_660cc_describing_the_truck_is_not_a_topic(answerer: Answerer) -> None:
    answer = answerer.answer("top speed of a 660cc kei truck")
    assert answer.answered and answer.entries[0].id == "kei-top-speed-highway"


def test_oil_weight_means_viscosity(answerer: Answerer) -> None:
    assert "10W-30" in answerer.answer("what oil weight for my acty").text


def test_a_general_legal_entry_beside_a_state_quotes_no_passage_only_about_other_states(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("ny revoked registrations for kei trucks?")
    assert answer.state == "NY" and "legal-grandfathering" in [e.id for e in answer.entries]
    general = answer.text.split("**Short answer:**", 1)[1]
    assert "New York" in general  # the passage naming New York among the recalls
    assert "**Maine (2021):**" not in general  # a passage about Maine alone


def test_passages_naming_only_other_states_are_left_out_and_those_naming_none_stay() -> None:
    from bot.core.compose import _about_asked_states
    from bot.core.passages import Passage

    def about(text: str) -> bool:
        return _about_asked_states(Passage(0, "", text, frozenset()), ("VA",))

    assert about("- Keep your registration current.")  # no state named
    assert about("- Virginia exempts them.") and about("- Maine and Virginia both did.")
    assert not about("- West Virginia allows them.")  # West Virginia is not Virginia


def test_parts_for_a_named_truck_start_with_that_trucks_parts_sources(answerer: Answerer) -> None:
    answer = answerer.answer("where do i get parts for my acty")
    assert answer.answered and answer.intent == "parts"
    assert answer.entries[0].id == "parts-acty-honda-reproduction"
    general = answerer.answer("where can i find parts")
    assert general.answered and general.intent == "parts"


def test_the_agencys_link_is_given_once(answerer: Answerer) -> None:
    answer = answerer.answer("ny revoked registrations for kei trucks?")
    url = answerer.kb.by_state["NY"].dmv.url
    before_sources = answer.text.split("**Sources**")[0]
    # the question chooses no "Who to ask" line, so the link is in the closing line, once
    assert before_sources.count(url) == 1 and "**Who to ask:**" not in before_sources
    assert f"(DMV) (<{url}>) before you buy or drive._" in before_sources
    assert "_Not legal advice — confirm with New York State Department of Motor Vehicles (DMV)" in answer.text


def test_an_entry_named_in_a_chatty_question_and_far_ahead_answers_it(answerer: Answerer) -> None:
    # "jumbo cab" names the entry; "my knees hit the dash", "6'2", "regular" are the owner's story
    answer = answerer.answer(
        "jumbo cab hijet - how much more legroom? im 6'2 and my knees hit the dash in a regular cab"
    )
    assert answer.answered and answer.entries[0].id == "hijet-jumbo-extended-cab"


def test_what_a_rule_means_is_a_question_about_the_rule(answerer: Answerer) -> None:
    answer = answerer.answer("what does the 25 year rule mean")
    assert answer.answered and answer.entries[0].id == "federal-25-year-rule"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("how often change timing belt on acty", "acty-timing-belt"),  # "often" asks, it is not the topic
        ("how much coolant does a sambar hold", "sambar-coolant-air-bleed"),
        ("miles per gallon on a sambar", "kei-fuel-economy"),
    ],
)
def test_how_a_question_asks_is_not_its_topic(answerer: Answerer, question: str, entry: str) -> None:
    answer = answerer.answer(question)
    assert answer.answered and answer.entries[0].id == entry


@pytest.mark.parametrize("road", ["on I-5", "on i5", "up I 95"])
def test_an_interstate_named_by_number_asks_about_interstates(answerer: Answerer, road: str) -> None:
    answer = answerer.answer(f"can i drive my carry in texas {road}")
    assert "**Interstates:**" in answer.body


def test_an_entry_written_with_one_word_answers_a_question_with_its_synonym(answerer: Answerer) -> None:
    # the entry says "4wd light flashing"; the owner says "blinks"
    answer = answerer.answer("my 4wd light blinks and wont engage on DA63T")
    assert answer.answered and answer.entries[0].id == "carry-4wd-actuator"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "what is the most reliable kei truck",
            "kei-reliability-comparison",
        ),  # a superlative, not a definition
        ("what is the fastest kei truck?", "kei-top-speed-highway"),
        ("kei truck vs ford ranger payload", "kei-payload-350kg"),  # the pickup's kind ranks, it is no topic
        ("can i get an off-road title for my 2012 carry?", "legal-kei-as-atv-utv"),  # not the import sum
    ],
)
def test_superlatives_off_road_titles_and_a_named_pickup_keep_their_entries(
    answerer: Answerer, question: str, entry: str
) -> None:
    answer = answerer.answer(question)
    assert answer.answered and answer.entries[0].id == entry


def test_a_bare_number_after_a_is_a_year_only_in_a_follow_up(answerer: Answerer) -> None:
    assert answerer.answer("is the carry a 10?").year is None


def test_a_long_title_without_spaces_is_still_cut() -> None:
    from bot.core.compose import SOURCE_TITLE_CHARS, _short_title

    title = "軽トラック" * 30
    assert len(_short_title(title)) <= SOURCE_TITLE_CHARS and _short_title(title).endswith("…")


def test_what_a_truck_takes_is_how_the_question_asks(answerer: Answerer) -> None:
    """'take' in "what size tires does it take" asks; the tyre entry answers rather than a did-you-mean."""
    answer = answerer.answer("what size tires does a da63t take")
    assert answer.answered
    assert "145R12" in answer.text.split("\n", 1)[0]


def test_a_trailer_hauling_question_gets_the_weight_and_what_to_check_on_the_trailer(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("how heavy is a kei truck, can my 12ft trailer haul it")
    assert answer.answered
    assert re.search(r"\d{3} kg", answer.text)
    assert re.search(r"trailer's rated capacity", answer.text)


def test_in_the_asked_trucks_own_entry_its_names_do_not_choose_the_passages(answerer: Answerer) -> None:
    """Every passage of the Sambar's entry is about the Sambar: 'Subaru', 'Sambar' and its engine codes must
    not pull in the passages that merely spell them out (the Akabou version, the EN07 line)."""
    text = answerer.answer("what makes the rear engine design of the subaru sambar so special").text
    assert "Why the rear engine" in text
    assert "Akabou" not in text


def test_a_chassis_code_gets_its_own_generations_entry_over_a_general_one(answerer: Answerer) -> None:
    """The general timing-belt entry is about the 1990s engines; the DA63T has the K6A and its chain."""
    answer = answerer.answer("does the da63t have a timing chain or belt")
    assert answer.entries[0].id == "carry-engines-f6a-k6a-r06a"
    assert "timing chain" in answer.text.split("\n", 1)[0]


@pytest.mark.parametrize(
    ("question", "sheet", "first_line"),
    [
        ("what years did they make the U62T", "minicab-u61t-u62t-specs", "built 1999 to 2014"),
        ("what years was the HA4 acty made", "acty-ha3-ha4-specs", "May 1999"),
        ("which generation is the S83P hijet", "hijet-s82p-s83p-specs", "April 1990 to December 1993"),
        ("what engine and years does the DA52T generation have", "carry-da52t-db52t-da62t-specs", "1999"),
    ],
)
def test_asking_when_a_chassis_code_was_built_gets_its_generations_sheet_and_years(
    answerer: Answerer, question: str, sheet: str, first_line: str
) -> None:
    """The family's overview and a parts entry that says "made" share more words with these questions; the
    generation's own sheet answers them, alone, with its build years first."""
    answer = answerer.answer(question)
    assert [e.id for e in answer.entries] == [sheet]
    assert first_line in answer.text.split("\n", 1)[0]


def test_a_chassis_codes_sheet_answers_what_it_covers_however_close_other_topics_are(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("does the DA65T have a diff lock")
    assert answer.answered and answer.entries[0].id == "carry-da63t-da65t-specs"
    assert "diff lock as standard" in answer.text


def test_a_chassis_codes_sheet_does_not_take_a_question_it_does_not_cover(answerer: Answerer) -> None:
    """The DA63T's sheet says nothing about oil: the oil entry answers, not the sheet."""
    answer = answerer.answer("DA63T oil capacity")
    assert answer.entries and answer.entries[0].id != "carry-da63t-da65t-specs"


def test_what_coolant_to_run_is_the_coolant_entry_not_an_engine_that_runs_cold(answerer: Answerer) -> None:
    answer = answerer.answer("what coolant should i run in my hijet")
    assert answer.entries[0].id == "coolant-change-general"


def test_no_other_generations_entry_is_added_beside_the_answer(answerer: Answerer) -> None:
    answer = answerer.answer("bed dimensions mitsubishi minicab u62t")
    assert answer.answered
    assert all("U41T" not in e.chassis_codes for e in (answerer.kb.by_id[x.id] for x in answer.entries))


@pytest.mark.parametrize(
    "message",
    [
        "thanks man that helped",
        "thank you so much, that helps!",
        "ok makes sense",
        "that works, cheers",
        "thanks bot you're the best",
        "ty bot",
        "thank you keibot, you rock",
        "thanks bot you're the goat",
        "thanks for the info on the 25 year rule",
        "anyone going to the mini truck meet in tennessee this weekend lol",
    ],
)
def test_thanks_in_many_words_is_chatter(answerer: Answerer, message: str) -> None:
    answer = answerer.answer(message)
    assert answer.chatter and not answer.answered


def test_a_laughing_remark_about_a_kei_is_chatter_not_a_gap(answerer: Answerer) -> None:
    answer = answerer.answer("lol my carry is faster than my wife's prius")
    assert answer.chatter and "logged" not in answer.text


def test_a_laughing_question_is_still_a_question(answerer: Answerer) -> None:
    answer = answerer.answer("lol is my carry faster than a prius")
    assert not answer.chatter


def test_a_road_condition_in_a_state_that_plates_no_kei_is_not_just_unrecorded(answerer: Answerer) -> None:
    answer = answerer.answer("can a kei truck go on interstates in wisconsin")
    assert answer.text.startswith("**Wisconsin: Not registrable")
    assert "**Interstates:** not recorded separately" in answer.text
    assert "no ordinary road registration" in answer.text


def test_titling_in_a_named_state_puts_the_state_first(answerer: Answerer) -> None:
    answer = answerer.answer(
        "how do i get a title in ohio for a minitruck with just the japanese export cert"
    )
    assert answer.entries[0].id == "state-oh"
    assert "federal-export-certificate" in [e.id for e in answer.entries]


def test_importing_to_a_named_state_keeps_the_federal_rule_first(answerer: Answerer) -> None:
    answer = answerer.answer("can i import a kei truck to texas")
    assert answer.entries[0].kind == "federal_rule" and answer.entries[-1].id == "state-tx"


def test_how_to_import_gets_the_steps_not_the_military_entry(answerer: Answerer) -> None:
    answer = answerer.answer("how do i import a kei truck from japan")
    assert answer.entries[0].id == "federal-import-steps"
    assert "HS-7" in answer.text.split("\n", 1)[0]


def test_a_general_entry_leads_when_the_named_state_does_not_record_what_was_asked(
    answerer: Answerer,
) -> None:
    ohio = answerer.answer("anyone insure kei trucks in ohio? progressive said no")
    assert [e.id for e in ohio.entries] == ["legal-insurance", "state-oh"]
    carolina = answerer.answer("im in north carolina, what insurance do i need for my kei")
    assert carolina.entries[0].id == "state-nc"  # North Carolina's entry records its insurance rule


def test_telegraphic_parts_where_is_a_sourcing_question(answerer: Answerer) -> None:
    answer = answerer.answer("sambar ks4 parts where")
    assert answer.answered and answer.entries[0].kind == "parts"


def test_freeway_is_a_highway(answerer: Answerer) -> None:
    answer = answerer.answer("can i run my hijet on the freeway lol")
    assert answer.answered and "highway" in answer.entries[0].id


def test_choosing_between_two_generations_compares_them(answerer: Answerer) -> None:
    answer = answerer.answer("da63t vs dd51t which 2 buy")
    assert [e.id for e in answer.entries] == ["carry-da63t-da65t-specs", "carry-51-series-specs"]


def test_a_long_posts_closing_question_is_what_an_entry_must_cover(answerer: Answerer) -> None:
    answer = answerer.answer(
        "My buddy is bidding on a Hijet for me at USS auction. He sent the auction sheet and it says grade 3.5 "
        "and interior B, and on the little car diagram there's A2 on the tailgate and U1 on the bed. I don't "
        "read Japanese. What do those letters and numbers on the auction sheet mean?"
    )
    assert answer.answered and answer.entries[0].id.startswith("buying-auction")


def test_closing_question_is_the_last_question_of_a_longer_message() -> None:
    from bot.core.text import closing_question

    assert closing_question("Bought a 96 Hijet. The clerk won't title it. What do I do?") == "What do I do?"
    assert closing_question("is my 98 carry legal in texas?") is None
    assert closing_question("no question here. just a remark.") is None


def test_a_legal_answer_beside_another_vehicle_says_which_half_it_covers(answerer: Answerer) -> None:
    answer = answerer.answer("is a utv or a kei truck easier to register in ohio")
    assert answer.text.startswith("_A UTV or side-by-side is not a kei truck;")
    assert "**Ohio:" in answer.text
    plain = answerer.answer("is a kei truck legal in ohio")
    assert not plain.text.startswith("_")


def test_a_follow_up_on_the_same_entry_skips_the_opening_just_read(answerer: Answerer) -> None:
    conversation = Conversation()
    first = answerer.answer("what oil does the dd51t carry take", conversation)
    lead = first.text.split("\n", 1)[0]  # (no figure asked, so no note on the DD51T opens it)
    assert lead.startswith("**Change oil and filter")
    follow = answerer.answer("how many quarts", conversation)
    assert follow.entries[0].id == first.entries[0].id
    assert lead not in follow.text
    assert "capacity" in follow.text.casefold()


def test_a_follow_up_on_a_state_keeps_its_status_line(answerer: Answerer) -> None:
    conversation = Conversation()
    answerer.answer("is a kei truck legal in wisconsin", conversation)
    follow = answerer.answer("can it go on interstates there", conversation)
    assert follow.text.startswith("**Wisconsin: ")


def test_bare_plugs_are_spark_plugs(answerer: Answerer) -> None:
    answer = answerer.answer("how often do i change the plugs on my subaru sambar")
    assert answer.entries[0].id == "spark-plugs-general"
    assert "spark-plugs-general" not in [e.id for e in answerer.answer("oil drain plug size carry").entries]


def test_bare_oil_is_engine_oil(answerer: Answerer) -> None:
    assert answerer.answer("what oil should I run in a DA63T carry").entries[0].id == "oil-change-general"
    assert (
        answerer.answer("gear oil for carry 4wd transfer case").entries[0].id
        == "gear-oil-transfer-diff-general"
    )


def test_a_port_city_in_a_shipping_question_brings_no_state_rules(answerer: Answerer) -> None:
    answer = answerer.answer("roughly how much to ship a mini truck from japan to baltimore")
    assert [e.id for e in answer.entries] == ["import-roro-vs-container"]


def test_a_vehicle_name_that_is_a_town_after_in_is_the_town(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Found a 1998 Carry 4x4 on Facebook Marketplace for 2900 dollars, it is sitting at the port in Tacoma "
        "with a shipping agent who wants a 500 deposit by Zelle. Is this a scam?"
    )
    assert answer.entries[0].id == "buying-online-listing-scams"


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("is a suzuki jimny a kei truck", "kei car"),
        ("honda ruckus oil change how much oil", "scooter"),
    ],
)
def test_kei_cars_and_scooters_are_out_of_scope(answerer: Answerer, question: str, label: str) -> None:
    answer = answerer.answer(question)
    assert answer.intent == "out_of_scope" and label in answer.text


@pytest.mark.parametrize(
    "message", ["lol my carry just got stuck in the mud again 😂", "good morning kei fam ☕", "gm all"]
)
def test_remarks_and_greetings_to_the_channel_are_chatter(answerer: Answerer, message: str) -> None:
    answer = answerer.answer(message)
    assert answer.chatter and not answer.answered


def test_a_laughing_problem_report_is_still_a_question(answerer: Answerer) -> None:
    assert not answerer.answer("my carry wont start lol").chatter


def test_a_state_with_no_cue_words_is_still_the_question(answerer: Answerer) -> None:
    assert [e.id for e in answerer.answer("texas kei truck rules?").entries] == ["state-tx"]


def test_a_follow_up_that_points_back_keeps_the_last_topic(answerer: Answerer) -> None:
    conversation = Conversation()
    answerer.answer("timing belt interval on an HA4 Acty", conversation)
    follow = answerer.answer("how much does that cost?", conversation)
    assert follow.entries[0].id == "acty-timing-belt"


def test_sources_shown_leave_out_other_states_and_copies(answerer: Answerer) -> None:
    conversation = Conversation()
    answerer.answer("is my 1995 minicab street legal in oregon", conversation)
    follow = answerer.answer("do I need insurance for it?", conversation)
    shown = follow.text.split("**Sources**", 1)[1]
    assert "Georgia" not in shown and "Louisiana" not in shown
    belt = answerer.answer("timing belt interval on an HA4 Acty?").text.split("**Sources**", 1)[1]
    assert "(copy)" not in belt


def test_an_article_heading_word_is_no_topic(answerer: Answerer) -> None:
    assert answerer.answer("Kei Truck Tire Size Guide").entries[0].id == "parts-tyres-145r12-substitutes"


def test_a_year_outside_an_entrys_generation_gives_way_to_an_entry_that_fits(answerer: Answerer) -> None:
    answer = answerer.answer(
        "My 1998 Carry 4x4: pulled the lever into 4WD and the front wheels just don't drive. Anyone know the "
        "usual cause when the 4WD on a Carry won't engage?"
    )
    assert answer.entries[0].id == "which-4wd-system-not-engaging"


def test_moving_states_answers_the_state_moved_to_and_how_moving_works(answerer: Answerer) -> None:
    answer = answerer.answer(
        "im moving from michigan to minnesota with my 99 carry. can i register it there?"
    )
    assert [e.id for e in answer.entries] == ["state-mn", "legal-moving-to-another-state"]
    general = answerer.answer("Moving a kei truck registration to another state")
    assert general.entries[0].id == "legal-moving-to-another-state"


def test_a_follow_up_with_a_topic_of_its_own_is_about_that_topic(answerer: Answerer) -> None:
    conversation = Conversation()
    answerer.answer("timing belt interval on an HA4 acty", conversation)
    follow = answerer.answer("and what oil does it take", conversation)
    assert follow.entries[0].id == "oil-change-general"


def test_where_yall_getting_a_part_is_a_sourcing_question(answerer: Answerer) -> None:
    answer = answerer.answer("where yall getting oil filters for a minicab u42t")
    assert answer.answered and answer.entries[0].id == "parts-oil-filter-cross-reference"


def test_a_truck_already_imported_gets_what_comes_next_not_the_25_year_sum(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Bought a 1994 Carry from a guy who imported it himself. What paperwork do I need to get a first title?"
    )
    assert answer.entries[0].id == "federal-import-paperwork"
    assert answerer.answer("can I import a 1994 carry").entries[0].id == "federal-25-year-rule"


def test_a_kei_car_import_question_gets_the_federal_rule(answerer: Answerer) -> None:
    answer = answerer.answer("suzuki jimny jb23 import yet?")
    assert answer.intent == "out_of_scope" and "25 years old" in answer.text


def test_a_road_speed_asked_of_a_restricted_state_gets_a_yes_or_no(answerer: Answerer) -> None:
    answer = answerer.answer("Can a mini truck in Florida legally go on a road with a 45 mph speed limit?")
    assert (
        "**A road posted 45 mph:** no; Florida allows kei trucks only on roads posted 35 mph or less"
        in answer.text
    )
    within = answerer.answer("can my kei go on a 35 mph road in florida").text
    assert "**A road posted 35 mph:** within Florida's limit of roads posted 35 mph or less" in within
    # the truck's own speed is no road's posted limit
    assert (
        "**A road posted" not in answerer.answer("my carry tops out at 55 mph, is it legal in florida?").text
    )


def test_a_move_needs_from_and_to_and_a_passing_move_keeps_both_states(answerer: Answerer) -> None:
    answer = answerer.answer("bought it from a guy in georgia, can I move it on roads in alabama?")
    assert {"state-ga", "state-al"} <= {e.id for e in answer.entries}


def test_an_owner_who_imported_the_truck_gets_what_comes_next(answerer: Answerer) -> None:
    answer = answerer.answer("I imported a 1996 carry, what paperwork do I need for a title in Ohio?")
    assert "federal-25-year-rule" not in [e.id for e in answer.entries]


def test_a_symptom_with_the_rev_limiter_is_no_governor_removal(answerer: Answerer) -> None:
    assert (
        answerer.answer("I get the rev limiter cutting out at high rpm, is that normal?").intent
        != "out_of_scope"
    )


def test_a_laughing_message_that_asks_anywhere_is_a_question(answerer: Answerer) -> None:
    assert not answerer.answer("lmao the bed on my hijet rusted through, where to even start").chatter


def test_a_follow_up_about_speed_is_its_own_topic(answerer: Answerer) -> None:
    conversation = Conversation()
    answerer.answer("timing belt interval on an HA4 acty", conversation)
    follow = answerer.answer("how fast does it go?", conversation)
    assert follow.entries[0].id == "kei-top-speed-highway"


def test_why_cant_we_have_kei_cars_gets_what_they_are_and_the_federal_rule(answerer: Answerer) -> None:
    answer = answerer.answer("What's the deal with kei cars? It's a shame we can't have them here")
    assert answer.intent == "out_of_scope"
    assert "660 cc" in answer.text and "once it is 25 years old" in answer.text


@pytest.mark.parametrize("question", ["why are mini trucks unsafe", "are hijets unreliable"])
def test_unsafe_and_unreliable_ask_about_safety_and_reliability(answerer: Answerer, question: str) -> None:
    expected = "legal-kei-crash-safety-highway" if "unsafe" in question else "kei-reliability-comparison"
    assert answerer.answer(question).entries[0].id == expected


def test_4wd_in_a_symptom_story_does_not_make_it_a_spec_question(answerer: Answerer) -> None:
    """ "4WD" names a system owners have trouble with as often as a spec; it no longer pulls a narrative
    about binding in a tight turn toward spec sheets."""
    answer = answerer.answer(
        "I tried the 4WD around town and when I turned into a parking space at very low speed it was as though "
        "the brakes had come on. Changing back to 2WD cured it. Is it supposed to be like that?"
    )
    assert answer.entries and answer.entries[0].id == "4wd-binding-tight-turns"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("oil type for my carry", "oil-change-general"),
        (
            "my acty keeps overheating on hills, already changed thermostat. what next",
            "acty-overheating-hills",
        ),
    ],
)
def test_which_kind_and_where_a_story_has_got_to_are_no_topic(
    answerer: Answerer, question: str, entry: str
) -> None:
    """ "type" asks which one of a thing, "already ... what next" where the story is: neither is a word the
    answer must contain, so the entry that matches the rest answers instead of a did-you-mean."""
    answer = answerer.answer(question)
    assert answer.answered and answer.entries[0].id == entry


def test_an_unrecorded_condition_is_answered_by_a_related_recorded_one(answerer: Answerer) -> None:
    """Virginia records no speed line, but its roads line names the 55 mph roads bill: that is quoted, not
    "speed: not recorded" under a lead that mentions 55 mph."""
    text = answerer.answer(
        "Can I register a Japanese mini truck in Virginia, and what's the deal with the speed restriction"
    ).text
    assert "- **Roads:**" in text and "55 mph" in text.split("**Conditions**", 1)[1]
    assert "**Speed:** not recorded" not in text
    # the roads line is not quoted for a question that asks about no road condition
    assert "- **Roads:**" not in answerer.answer("what insurance do i need for a kei in virginia").text


@pytest.mark.parametrize(
    "question",
    [
        "shipping cost yokohama to baltimore roughly for a kei truck?",
        "is it cheaper to ship to baltimore or seattle",
    ],
)
def test_a_port_named_in_a_shipping_question_brings_no_states_rules(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question)
    assert answer.answered and answer.entries[0].id == "import-roro-vs-container"
    assert not any(e.id.startswith("state-") for e in answer.entries)


def test_a_state_with_rule_words_or_an_import_question_still_gets_the_state(answerer: Answerer) -> None:
    assert answerer.answer("texas kei truck rules?").entries[0].id == "state-tx"
    assert "state-tx" in [e.id for e in answerer.answer("can i import a kei into texas").entries]


def test_how_long_a_part_lasts_is_its_interval(answerer: Answerer) -> None:
    answer = answerer.answer("how long does a timing belt last on a carry")
    assert answer.answered and answer.entries[0].id == "carry-timing-belt-f6a"


def test_a_truck_for_hunting_is_not_an_idle_that_hunts(answerer: Answerer) -> None:
    assert "rough-idle-isc-throttle-body" not in [
        e.id for e in answerer.answer("acty or sambar for hunting/deer camp").entries
    ]
    assert (
        answerer.answer("my hijet idle is hunting up and down").entries[0].id
        == "rough-idle-isc-throttle-body"
    )


def test_a_follow_up_about_a_word_of_the_last_question_stays_on_its_topic(answerer: Answerer) -> None:
    """ "what filter does it take" after an oil question is the oil filter, not the fuel filter; asked cold, the
    same words are a question of their own."""
    conversation = Conversation()
    answerer.answer("oil capacity on a DA63T with filter", conversation)
    follow = answerer.answer("and what filter does it take", conversation)
    assert follow.entries and "fuel-filter-replacement" not in [e.id for e in follow.entries]
    assert "oil" in follow.text.lower()


def test_a_kei_car_is_not_told_states_kei_rules_leave_it_alone(answerer: Answerer) -> None:
    """Some states refuse kei vehicles of every kind (Wisconsin: any "Kei class vehicle"), so a kei car gets
    that warning, not the Delica's "general rules, not its kei-truck rules"."""
    beat = answerer.answer("kei cars like the honda beat legal to import too?").text
    assert "Wisconsin" in beat and "not its kei-truck rules" not in beat
    assert "not its kei-truck rules" in answerer.answer("can i import a delica").text


def test_a_state_question_about_import_papers_gets_the_papers_entry_too(answerer: Answerer) -> None:
    answer = answerer.answer(
        "wisconsin DMV asking for the export certificate translated for my hijet title. is that normal?"
    )
    ids = [e.id for e in answer.entries]
    assert "federal-export-certificate" in ids and "state-wi" in ids
    assert "translat" in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("da63t vs s82p specs", ["carry-da63t-da65t-specs", "hijet-s82p-s83p-specs"]),
        ("scrum vs clipper", ["model-mazda-scrum", "model-nissan-clipper"]),
        ("carry vs hijet which is better", ["model-suzuki-carry", "model-daihatsu-hijet"]),
    ],
)
def test_each_side_of_a_comparison_is_ranked_on_its_own_words(
    answerer: Answerer, question: str, expected: list[str]
) -> None:
    """The other side's code ("s82p" beside "da63t") and the comparing word ("vs" in an entry's title) do not
    choose a side's entry; with nothing asked but the trucks, each side is its overview."""
    assert [e.id for e in answerer.answer(question).entries] == expected


def test_another_vehicles_eligibility_does_not_call_it_a_truck(answerer: Answerer) -> None:
    text = answerer.answer("can i import a march 1991 honda beat kei car").text
    assert "A vehicle built in March 1991" in text and "A truck built" not in text
    assert "A truck built in March 1991" in answerer.answer("can i import a march 1991 carry").text


@pytest.mark.parametrize(
    "question",
    [
        "acty vs carry vs hijet for hunting land with steep hills, which 4x4 is best",
        "Which is better Hijet or Carry for a small farm",
    ],
)
def test_a_which_to_buy_question_is_not_answered_by_a_side_words_entry(
    answerer: Answerer, question: str
) -> None:
    """No truck has an entry of its own on hills or farms: the Acty's overheating-on-hills entry or the kei-class
    definition is no comparison, so it is declined unless an entry compares the trucks on it."""
    answer = answerer.answer(question)
    assert answer.intent == "compare"
    assert not {"acty-overheating-hills", "kei-class-rules", "federal-import-steps"} & {
        e.id for e in answer.entries
    }


def test_each_side_of_a_comparison_gets_its_own_trucks_entry(answerer: Answerer) -> None:
    assert [e.id for e in answerer.answer("carry vs hijet timing belt").entries] == [
        "carry-timing-belt-f6a",
        "hijet-timing-belt-ef",
    ]
    assert [e.id for e in answerer.answer("carry vs hijet which is more reliable").entries] == [
        "kei-reliability-comparison"
    ]


def test_a_follow_up_that_names_nothing_points_back_not_at_the_chassis_codes_sheet(
    answerer: Answerer,
) -> None:
    conversation = Conversation()
    answerer.answer("what oil should I use in a DA63T", conversation)
    follow = answerer.answer("how much does it take?", conversation)
    assert follow.entries[0].id == "oil-change-general"
    assert "capacity" in follow.text.lower()


def test_asked_whether_a_state_banned_them_the_verdict_says_what_it_means(answerer: Answerer) -> None:
    """A bare "Yes"/"No" answers "can I register it?" and would read the wrong way round after "banned?"."""
    banned = answerer.answer("Heard WA banned them, true?").text.split("\n", 1)[0]
    assert "Probably registrable" in banned and "Probably yes" not in banned
    assert "** Yes." in answerer.answer("can i register a kei in texas").text.split("\n", 1)[0]


def test_a_utv_instead_of_a_kei_is_a_comparison_not_out_of_scope(answerer: Answerer) -> None:
    """ "should I just get a Kawasaki Mule instead" weighs a UTV against the kei the asker has in mind."""
    answer = answerer.answer("should i just get a kawasaki mule instead for the farm?")
    assert answer.intent != "out_of_scope"
    assert "buying-kei-vs-utv-farm" in [e.id for e in answer.entries] + list(answer.suggestion_ids)
    assert answerer.answer("can i register a kawasaki mule in texas").intent == "out_of_scope"


@pytest.mark.parametrize("message", ["hey bot who made you", "are you a bot?"])
def test_asking_about_the_bot_gets_what_it_does(answerer: Answerer, message: str) -> None:
    answer = answerer.answer(message)
    assert answer.text.startswith("I answer questions about kei trucks") and not answer.entries


# ------------------------------------------------------------------ found by the session's independent review


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("who sells kei trucks in florida", "state-fl"),  # the state named outright is asked about
        ("kei truck dealers in texas", "state-tx"),
        ("how many miles does a carry go on a full tank", "kei-fuel-tank"),  # "go" is no "last"
        ("how long will a kei truck run on the highway before overheating", "overheating-while-driving"),
        ("what type of 4wd does the carry have", "kei-4wd-types-compared"),
        ("coolant type for a suzuki carry", "coolant-change-general"),
    ],
)
def test_review_regressions_stay_fixed(answerer: Answerer, question: str, entry: str) -> None:
    assert answerer.answer(question).entries[0].id == entry


def test_a_chassis_code_leaves_out_only_the_family_overview_beside_its_entry(answerer: Answerer) -> None:
    """The general oil entry holds the only Minicab oil capacity: it stays beside a U62T entry."""
    assert "oil-change-general" in [e.id for e in answerer.answer("what oil does a U62T take").entries]


def test_why_illegal_in_a_state_gets_no_federal_entry_on_new_trucks(answerer: Answerer) -> None:
    assert [e.id for e in answerer.answer("why are kei trucks illegal in georgia").entries] == ["state-ga"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("acty vs carry parts", ["parts-acty-honda-reproduction", "parts-scrum-carry-parts"]),  # the twin's
        (
            "which has more power, sambar supercharged or carry",
            ["sambar-en07-supercharged", "kei-power-cap-64ps"],
        ),
        ("hijet s82p vs carry da52t", ["hijet-s82p-s83p-specs", "carry-da52t-db52t-da62t-specs"]),
    ],
)
def test_a_comparison_keeps_each_side_that_has_an_entry(
    answerer: Answerer, question: str, expected: list[str]
) -> None:
    assert [e.id for e in answerer.answer(question).entries] == expected


@pytest.mark.parametrize(
    ("message", "entry"),
    [("thanks, what about ohio", "state-oh"), ("thanks! can i register it in ohio", "state-oh")],
)
def test_thanks_before_a_question_is_still_the_question(answerer: Answerer, message: str, entry: str) -> None:
    answer = answerer.answer(message)
    assert not answer.chatter and answer.entries[0].id == entry


def test_a_clutch_pedal_story_is_a_clutch_question(answerer: Answerer) -> None:
    answer = answerer.answer(
        "clipper U71T clutch - pedal goes almost to the floor before it grabs, how do i adjust"
    )
    assert answer.entries[0].id == "clutch-slipping-adjust-replace"


def test_question_parts_are_the_questions_a_message_asks() -> None:
    from bot.core.text import question_parts

    assert question_parts("what size tires on a stock 12 inch kei truck and whats the pressure") == (
        "what size tires on a stock 12 inch kei truck",
        "whats the pressure",
    )
    assert question_parts("brakes feel spongy after i changed the pads, what brake fluid does it take") == (
        "brakes feel spongy after i changed the pads",
        "what brake fluid does it take",
    )
    # backstory asks nothing, and one question is no list of questions
    assert question_parts("I want 4x4 and will use it on a farm. Which is more reliable?") == ()
    assert question_parts("is my 98 carry legal in PA") == ()


def test_a_second_question_the_first_entry_does_not_cover_brings_its_own_entry(answerer: Answerer) -> None:
    answer = answerer.answer("where can I buy a lift kit for my da63t and will 23 inch tires fit?")
    ids = [e.id for e in answer.entries]
    assert answer.answered and "suspension-lift-kits" in ids and len(ids) == 2
    assert "ATV/UTV tyres" in answer.text or "23" in answer.text
    # one question asked: one entry, nothing brought in for it (the lift-kit entry, written for where kits come
    # from: OEM catalogues list no lift kits)
    single = answerer.answer("where can I buy a lift kit for my da63t")
    assert [e.id for e in single.entries] == ["suspension-lift-kits"]


def test_a_general_entry_quotes_no_passage_about_another_truck_alone(answerer: Answerer) -> None:
    hijet = answerer.answer(
        "What's the diff lock button on the dash of my Hijet for and when should I use it?"
    )
    assert hijet.entries[0].id == "kei-hub-locks-vs-diff-lock"
    assert "Axle Lock" not in hijet.text  # the Carry's button
    assert "diff lock" in hijet.text.lower()
    # asked about the Carry, its own passage is quoted
    carry = answerer.answer("What's the axle lock button on the dash of my Carry for?")
    assert "Axle Lock" in carry.text


def test_a_states_not_verified_line_that_reports_something_keeps_the_state_first(answerer: Answerer) -> None:
    """Virginia's title line is "Not verified; ... some DMV offices refused titles": that is Virginia's answer,
    so the general off-road-title entry follows it rather than leading."""
    answer = answerer.answer("whats the deal in virginia, can u get a title on a minitruck or only off road")
    assert answer.entries[0].id == "state-va"
    assert answer.text.startswith("**Virginia:")


def test_a_comparison_post_is_answered_by_the_comparison_entry_far_ahead_of_the_rest(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Carry vs Hijet vs Acty - which is the most reliable for a first kei truck? I want 4x4 and will use it "
        "on a small farm."
    )
    assert [e.id for e in answer.entries] == ["kei-reliability-comparison"]


def test_torn_between_two_trucks_is_choosing_not_a_torn_part(answerer: Answerer) -> None:
    from bot.core.text import content_tokens, normalise

    assert "torn" not in content_tokens(normalise("torn between a carry and an acty"))
    assert "torn" in content_tokens(normalise("torn seat on my hijet"))
    answer = answerer.answer("I'm torn between a 1996 Acty and a 1995 Carry, which one is more reliable?")
    assert "seats-upholstery-repair" not in [e.id for e in answer.entries]


def test_cyl_is_cylinder() -> None:
    from bot.core.text import content_tokens, normalise

    assert content_tokens(normalise("the sambar has the 4 cyl")) == content_tokens(
        normalise("the sambar has the 4 cylinder")
    )


def test_a_kei_van_is_no_kei_truck(answerer: Answerer) -> None:
    alone = answerer.answer("can I import a kei van")
    assert not alone.answered and "a kei van, not a kei truck" in alone.text
    # beside the truck's chassis code, the truck's answer, said to be the truck's
    sibling = answerer.answer("how do i change the oil in my Suzuki Every kei van DA64V")
    assert sibling.answered and sibling.text.startswith("_A kei van is not a kei truck")
    truck = answerer.answer("how do i change the oil in my Suzuki Carry DA63T")
    assert truck.answered and "kei van" not in truck.text
    # "every" as a word names no van
    assert "kei van" not in answerer.answer("should I change the coolant every 2 years on my carry").text


def test_what_year_from_the_frame_number_is_the_generations_sheet(answerer: Answerer) -> None:
    answer = answerer.answer("how do i tell what year my carry is from the frame number DA51T-123456")
    assert answer.entries[0].id == "carry-51-series-specs"
    assert "1991" in answer.text.split("\n", 1)[0]
    # where the number is, is no question about the generation
    where = answerer.answer("where is the frame number on a DA51T")
    assert where.entries and where.entries[0].id != "carry-51-series-specs"


def test_what_else_to_replace_follows_the_timing_belt_question(answerer: Answerer) -> None:
    conversation = Conversation()
    answerer.answer("timing belt on my acty, when should i change it", conversation)
    follow = answerer.answer("what else should i replace at the same time", conversation)
    ids = [e.id for e in follow.entries]
    assert follow.answered and "timing" in ids[0]
    # the clutch entries share only "replace" with it
    assert not any(i.startswith("clutch") for i in ids)


def test_a_posts_question_about_a_state_beats_its_buying_backstory(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Does Louisiana allow kei trucks on public roads? Trying to figure out before I buy one from a dealer in "
        "Mississippi"
    )
    assert answer.answered and answer.text.startswith("**Louisiana:")


def test_registered_as_a_utv_is_a_class_not_a_utv(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Colorado. registered as OHV/UTV right now with the green sticker. Can I convert to a regular road "
        "registration?"
    )
    assert answer.answered and answer.text.startswith("**Colorado:")
    # a UTV asked about on its own is still one
    assert not answerer.answer("utv registration in texas").answered


@pytest.mark.parametrize(
    ("question", "opening", "not_said"),
    [
        # where the owner lives is the state asked about when the question names none; "UTV/off-road
        # registration" is a class, not a UTV
        (
            "Bought a 96 Minicab at auction in Arizona. It came with an AZ title. I'm in Washington state "
            "(Spokane). Can I transfer the title over and put regular plates on it or is it going to be a "
            "UTV/off-road registration?",
            "**Washington:",
            "UTV or side-by-side is not a kei truck",
        ),
        # a truck the DMV refused is already here: the state's rules answer, and the age in the story is no
        # eligibility question
        (
            "I live in Rhode Island and the DMV refused to register my 1995 Subaru Sambar, said it doesn't meet "
            "FMVSS. It's over 25 years old and came in legally with an HS-7. Is there any way to appeal this or "
            "get around it?",
            "**Rhode Island:",
            "25-year rule (NHTSA",
        ),
    ],
)
def test_a_long_posts_state_is_the_one_it_asks_about(
    answerer: Answerer, question: str, opening: str, not_said: str
) -> None:
    answer = answerer.answer(question)
    assert answer.text.startswith(opening)
    assert not_said not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Is Mazda Scrum parts the same as Suzuki Carry? Got a scrum and finding scrum parts is hard",
        "Scrum DG52T parts — are they the same as the Carry DA52T? Need brake shoes.",
    ],
)
def test_asked_whether_twins_share_parts_the_rebadges_parts_entry_answers(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question)
    assert [e.id for e in answer.entries] == ["parts-scrum-carry-parts"]


def test_asked_whether_twins_are_one_truck_the_rebadges_overview_answers(answerer: Answerer) -> None:
    assert [e.id for e in answerer.answer("is a scrum the same as a carry").entries] == ["model-mazda-scrum"]


def test_translated_meets_translation_and_an_unasked_sub_question_gives_way(answerer: Answerer) -> None:
    from bot.core.text import content_tokens, normalise

    assert content_tokens(normalise("translated")) == content_tokens(normalise("translation"))
    answer = answerer.answer("what does the export certificate look like and do i need it translated for DMV")
    assert "**Translation**" in answer.text and "you need a full translation" in answer.text
    lost = answerer.answer("I lost the export certificate for my hijet, what now?")
    assert "**Lost the export certificate?**" in lost.text


def test_where_you_guys_buy_parts_in_the_us_gets_the_us_parts_entry_first(answerer: Answerer) -> None:
    answer = answerer.answer("where do you guys buy parts for hijets in the US?")
    assert answer.entries[0].id == "parts-us-importers"


@pytest.mark.parametrize("state", ["ohio", "texas", "georgia"])
def test_on_the_road_in_a_state_is_the_states_rules_not_off_roading(answerer: Answerer, state: str) -> None:
    answer = answerer.answer(f"can i drive a kei on the road in {state}")
    codes = {"ohio": "OH", "texas": "TX", "georgia": "GA"}
    assert answer.entries[0].id == f"state-{codes[state].lower()}"


def test_off_roading_is_one_word_and_2nd_is_second() -> None:
    from bot.core.text import content_tokens, normalise

    assert "road" not in content_tokens(normalise("how does it do off roading"))
    assert content_tokens(normalise("grinding into 2nd")) == content_tokens(normalise("grinding into second"))


def test_a_gearbox_named_by_its_speeds_is_which_truck_not_the_question(answerer: Answerer) -> None:
    answer = answerer.answer("hijet 5spd grinding going into 2nd")
    assert answer.answered and answer.entries[0].id == "gearbox-grinding-hard-shifting"


def test_a_trucks_age_in_years_is_its_build_year_for_the_federal_rule() -> None:
    import datetime as dt

    from bot.core.knowledge import load_dir

    answerer = Answerer(
        load_dir(Path(__file__).resolve().parents[2] / "knowledge"), clock=lambda: dt.date(2026, 12, 6)
    )
    answer = answerer.answer(
        "Seller has a kei truck that's only 22 years old but says it's already titled in Texas so it's fine. "
        "Is that legit or will I get in trouble? Can CBP seize it from me?"
    )
    assert answer.year == 2004 and "not yet eligible" in answer.text
    # an age that is not the truck's, or no federal question, gives no build year
    assert answerer.answer("the battery is 5 years old, is it legal to drive my carry in texas").year is None
    assert answerer.answer("my son is 16 years old, can he drive a kei truck legally?").year is None
    assert answerer.answer("my hijet is 20 years old, what oil does it take").year is None
    assert answerer.answer("my hijet is 20 years old, can i import it").year == 2006


def test_where_people_get_a_part_no_catalogue_covers_is_answered_by_the_entry_about_it(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Looking for a replacement windshield for my 1994 Sambar, cracked it last week. Local glass shops can't "
        "find one. Where do people get these?"
    )
    assert answer.entries[0].id == "glass-windshield-kei"
    # an ordinary part still goes to where parts come from
    assert answerer.answer("where do I get a clutch kit for a KS4 Sambar?").entries[0].kind == "parts"


def test_a_second_question_best_answered_elsewhere_brings_that_entry(answerer: Answerer) -> None:
    speedo = answerer.answer(
        "The speedo on my Acty reads in km/h. Is there a way to convert it to mph or should I just put a sticker "
        "on? Also is the speedometer cable a common failure on these?"
    )
    assert [e.id for e in speedo.entries] == ["speedometer-km-to-mph", "speedometer-cable"]
    # with a build year the federal rule is worked out, and the broker question still gets its entry
    broker = answerer.answer(
        "I want to import a Carry directly from Japan, it's a 2000 model year. Which forms do I need at the port, "
        "HS-7 and EPA 3520-1? And do I actually need a customs broker or can I do it myself?"
    )
    assert "federal-cbp-entry-broker" in [e.id for e in broker.entries]
    assert "25-year rule" in broker.text


@pytest.mark.parametrize(
    ("question", "not_added", "may_follow"),
    [
        ("1993 Honda Acty HA4, the 4wd light blinks and it won't engage 4wd. Is this the vacuum actuator? How do I "
         "test it?", "timing-belt-snapped-what-next", ()),
        ("Doing a valve adjustment on my Carry DA52T. What are the intake and exhaust clearances? And is it done "
         "on a cold engine?", "federal-cbp-entry-broker", ()),
        # "how hard of a job" is answered by the clutch job's hours (3-6 in a workshop)
        ("Clutch on my carry grabs right at the top and slips going up hills with a load. Is it just the clutch "
         "disc or should I do the cable too. how hard of a job", "carry-f6a-coolant-gearbox", ("clutch-heavy-pedal",)),
    ],
)  # fmt: skip
def test_a_second_question_of_everyday_words_brings_no_entry(
    answerer: Answerer, question: str, not_added: str, may_follow: tuple[str, ...]
) -> None:
    entries = [e.id for e in answerer.answer(question).entries]
    assert not_added not in entries and set(entries[1:]) <= set(may_follow)


def test_the_verb_carry_names_no_truck_in_a_passage(answerer: Answerer) -> None:
    """ "designed or used to carry more than 8 people" is about the rule, not the Suzuki Carry: kept for a Hijet."""
    answer = answerer.answer("do I need a usdot number to use my hijet for my business?")
    assert "carry more than 8 people" in answer.text


def test_a_state_that_will_not_tell_is_no_dmv_refusal(answerer: Answerer) -> None:
    answer = answerer.answer(
        "a dealer has a 2001 carry, they wouldn't tell me much. can i bring it into the US?"
    )
    assert answer.year == 2001 and "25-year rule" in answer.text


def test_the_state_moved_to_beats_the_one_lived_in_and_every_home_phrase_is_read() -> None:
    from bot.core.understand import Lexicon, understand

    lexicon = Lexicon.from_kb(load_dir(Path(__file__).resolve().parents[2] / "knowledge"))
    moving = "I'm in Texas, moving to Oklahoma next month with my carry. Can I register it there?"
    assert understand(moving, lexicon).states[0] == "OK"
    market = "I'm in the market for a carry. Found one in Florida, I live in Georgia. what do i need"
    assert understand(market, lexicon).states[0] == "GA"


def test_a_not_verified_line_counts_only_when_it_reports_something() -> None:
    from types import SimpleNamespace

    from bot.core.answering import _records

    def entry(title: str) -> SimpleNamespace:
        return SimpleNamespace(conditions=SimpleNamespace(title=title))

    assert not _records(entry("Not verified for keis."), "title")
    assert not _records(entry("Unknown; no official source found."), "title")
    assert _records(entry("Not verified; a kei site reports some DMV offices refused titles."), "title")
    assert _records(entry("Titled like any truck."), "title")


def test_same_engine_beside_twins_is_no_twin_question(answerer: Answerer) -> None:
    answer = answerer.answer("I have a Scrum and a Carry, which is more reliable? same engine?")
    assert answer.entries[0].id == "kei-reliability-comparison"


def test_as_fast_as_a_utv_names_no_vehicle_class(answerer: Answerer) -> None:
    answer = answerer.answer("is a kei truck as fast as a utv?")
    assert answer.answered and answer.entries[0].id == "kei-top-speed-highway"


def test_a_part_number_asked_for_one_part_is_not_the_oil_filter_cross_reference(answerer: Answerer) -> None:
    water_pump = answerer.answer(
        "I need a water pump for a 1998 Daihatsu Hijet S110P with the EF engine. Local parts stores have nothing. "
        "Is there a part number or cross reference, and where do people order from?"
    )
    assert "parts-oil-filter-cross-reference" not in [e.id for e in water_pump.entries]
    oil_filter = answerer.answer("where can i get an oil filter cross reference for my carry")
    assert oil_filter.entries[0].id == "parts-oil-filter-cross-reference"


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("Are golf carts street legal in Texas?", "That's a golf cart or low-speed vehicle, not a kei truck"),
        ("are utvs legal on roads in ohio", "That's a UTV or side-by-side, not a kei truck"),
        (
            "is a polaris ranger street legal in texas",
            "A Polaris Ranger is a UTV or side-by-side, not a kei truck",
        ),
    ],
)
def test_the_scope_line_names_the_vehicle_in_plain_english(
    answerer: Answerer, question: str, opening: str
) -> None:
    assert answerer.answer(question).text.startswith(opening)  # not "A Golf Carts is a golf cart"


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # the entry gives the DA52T's figures, not the DA63T's: said before the lead that lists them
        ("oil capacity for a da63t?", "**My sources here don't name the DA63T;**"),
        ("spark plugs for dd51t? gap?", "**My sources here don't name the DD51T;**"),
        # the entry names the engine only to say it is not verified
        ("valve clearance spec e07a", "**The E07A is not verified in my sources for this;**"),
    ],
)
def test_a_general_entry_says_first_when_it_has_nothing_for_the_asked_code(
    answerer: Answerer, question: str, opening: str
) -> None:
    answer = answerer.answer(question)
    assert answer.answered and answer.text.startswith(opening)


@pytest.mark.parametrize(
    "question",
    ["oil capacity for a da52t", "spark plug gap for a db52t", "timing belt interval on an HA4 Acty?"],
)
def test_no_such_note_where_the_entry_gives_the_asked_code_or_is_the_trucks_own(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question)
    assert answer.answered and "my sources" not in answer.text.split("\n")[0].casefold()


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("which kei truck has the best 4wd", "kei-4wd-types-compared"),  # not the hub-lock entry
        ("which kei truck is the most reliable", "kei-reliability-comparison"),
        # two trucks and "which is better" for a use: the entry comparing the trucks leads, not one on farms or mud
        ("carry vs hijet, which is better for a farm like mine?", "kei-reliability-comparison"),
        (
            "ok so I have been going back and forth for weeks. 40 acres, cattle, lots of mud. carry vs hijet, "
            "which is better for a farm like mine?",
            "kei-reliability-comparison",
        ),
    ],
)
def test_which_truck_is_best_gets_the_entry_comparing_the_trucks(
    answerer: Answerer, question: str, first: str
) -> None:
    answer = answerer.answer(question)
    assert answer.answered and answer.entries[0].id == first


@pytest.mark.parametrize(
    ("question", "compares"),
    [
        ("which kei truck has the best 4wd", True),
        ("best mini truck for hunting", True),
        ("which one is cheapest to run", False),  # "one" may be any thing: no truck named
        ("what is the best oil for a carry", False),  # the best oil, not the best truck
        ("which oil is best", False),
        ("best way to bleed the brakes", False),
    ],
)
def test_comparing_the_trucks_is_read_from_which_truck_and_a_superlative(
    answerer: Answerer, question: str, compares: bool
) -> None:
    tokens = answerer.index.question_tokens(understand(question, answerer.lexicon))
    assert (COMPARE in tokens) is compares


def test_a_second_question_about_the_forms_quotes_the_rule_behind_the_worked_out_verdict(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Found a 2001 Suzuki Carry DA52T on a Japanese auction, build date is March 2001. If I buy it now can it "
        "clear customs right away, or do I have to wait? And do I need to do EPA and DOT forms for it or is it exempt?"
    )
    assert answer.text.startswith("**25-year rule (NHTSA / FMVSS): eligible.**")
    assert "code E" in answer.body and "3520-1" in answer.body  # the form is still filed: the box says why


def test_a_plain_eligibility_question_gets_the_verdict_without_the_rules_passages(answerer: Answerer) -> None:
    answer = answerer.answer("can i import a march 2001 carry yet?")
    assert (
        answer.text.startswith("**25-year rule (NHTSA / FMVSS): eligible.**") and "code E" not in answer.body
    )


def test_the_state_a_truck_is_brought_from_on_a_move_is_left_out(answerer: Answerer) -> None:
    answer = answerer.answer(
        "My wife and I just retired to Maryland and I want to bring my Acty up from Texas where it's titled. Will "
        "a kei truck pass MD state inspection?"
    )
    ids = [e.id for e in answer.entries]
    assert ids[0] == "state-md" and "state-tx" not in ids  # Texas's rules no longer apply to it


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("one of these Asian minitrucks would suffice to zip around our farm", False),
        ("are japanese mini trucks good on a farm", False),
        ("is asian vehicle coolant ok for my hijet", True),  # the coolant's kind, a topic
    ],
)
def test_asian_or_japanese_before_the_trucks_names_the_class_not_a_topic(
    answerer: Answerer, question: str, kept: bool
) -> None:
    tokens = answerer.index.question_tokens(understand(question, answerer.lexicon))
    assert bool({"asian", "japanes"} & set(tokens)) is kept


def test_a_comparison_of_two_overviews_is_sure_of_both(answerer: Answerer) -> None:
    """Nothing asked but the trucks: each side's overview is the answer for that side, scored 1.0 in the contract
    (and never above it)."""
    answer = answerer.answer("scrum vs clipper")
    assert [(e.id, e.score) for e in answer.entries] == [
        ("model-mazda-scrum", 1.0),
        ("model-nissan-clipper", 1.0),
    ]
    assert answer.confidence == 1.0 and answer.intent == "compare"
    assert [(m.matched, m.text_score, m.intent_bonus, m.slot_bonus) for m in answer.matches] == [
        ("mazda scrum", 1.0, 0.0, 0.0),
        ("nissan clipper", 1.0, 0.0, 0.0),
    ]


def test_what_makes_it_special_asks_about_the_thing_not_making(answerer: Answerer) -> None:
    """ "makes" is how the question asks: the passage that says "making a tall truck feel steadier" is not
    worth more than the one on traction."""
    answer = answerer.answer("What Makes the Rear-Engine Design of the Subaru Sambar So Special")
    assert answer.entries[0].id == "model-subaru-sambar" and "Traction empty" in answer.body


def test_a_state_answer_takes_the_legal_entry_for_the_posts_other_question(answerer: Answerer) -> None:
    answer = answerer.answer(
        "I live in Pennsylvania and the dealer told me PA won't title these anymore since like 2021. Is that "
        "true?? What are my options, could I register it in another state or is it a farm-use only thing now"
    )
    ids = [e.id for e in answer.entries]
    assert ids[0] == "state-pa" and "legal-registering-out-of-state" in ids
    # "is that true" is no question of its own: the entry a side word would pick (the km odometer) stays out
    assert all(e.kind in ("state_rule", "legal_topic", "federal_rule") for e in answer.entries)


@pytest.mark.parametrize(
    "question",
    [
        "Are mini trucks street legal in Ohio? (are these diminutive workhorses street legal in the Buckeye State?)",
        "is my 98 carry legal in pennsylvania",
    ],
)
def test_a_plain_state_question_gets_no_second_entry(answerer: Answerer, question: str) -> None:
    assert [e.kind for e in answerer.answer(question).entries] == ["state_rule"]


@pytest.mark.parametrize(
    ("question", "note"),
    [
        ("how much oil does my acty take", True),  # the entry names the Acty only to say it is not verified
        ("oil capacity hijet", False),  # it gives the Hijet's figures
        ("how much oil does a carry take", False),
    ],
)
def test_a_truck_named_without_a_code_gets_the_note_only_where_the_entry_has_nothing_for_it(
    answerer: Answerer, question: str, note: bool
) -> None:
    answer = answerer.answer(question)
    assert answer.answered and answer.text.startswith("**The ") is note
    if note:
        assert answer.text.startswith("**The Acty is not verified in my sources for this;**")


def test_a_state_question_on_another_topic_brings_the_general_entry_worded_like_it(
    answerer: Answerer,
) -> None:
    """Third by score, but the one worded like the question: farm insurance beside Michigan's rules."""
    answer = answerer.answer("Does Michigan require insurance on a kei truck if I only use it on my farm?")
    assert [e.id for e in answer.entries] == ["state-mi", "buying-farm-insurance-kei"]


def test_of_two_other_questions_the_one_an_entry_is_worded_like_is_answered(answerer: Answerer) -> None:
    """ "what's the usual culprit" shares words with the carburettor entry; "what gear oil should I use in the
    diffs" is the gear-oil entry's own question."""
    answer = answerer.answer(
        "My 97 Hijet S110P started making a whining noise that gets louder with speed, only in 4WD. I checked the "
        "diff oil and it looks ok. Before I start tearing things apart what's the usual culprit? Also what gear oil "
        "should I use in the front and rear diffs?"
    )
    assert [e.id for e in answer.entries] == ["diff-transfer-whine-4wd", "gear-oil-transfer-diff-general"]


def test_a_long_post_whose_words_and_whose_question_lead_to_one_entry_is_answered_by_it(answerer) -> None:
    """The whole post's words lead to the clutch entry, clearly ahead, and its question "Is it a cable or
    hydraulic clutch on these?" is that entry's own wording: it answers (the rest of the post no longer keeps it
    to a did-you-mean)."""
    answer = answerer.answer(
        "Clutch is slipping on my 1998 Mazda Scrum DK51T, it's got about 62,000 km on it. Is it a cable or "
        "hydraulic clutch on these? And how hard is the clutch job to do yourself, do I have to drop the transmission?"
    )
    assert answer.answered and answer.entries[0].id == "clutch-slipping-adjust-replace"
    assert "**cable clutch**" in answer.text


def test_a_passage_naming_another_truck_stays_when_only_it_holds_what_was_asked(answerer: Answerer) -> None:
    """The bolt-pattern line names the Carry, and says the other makers' PCDs are not verified: for an Acty
    question it is the only passage on bolt patterns, so it is quoted (and no "not recorded" line appears)."""
    answer = answerer.answer("What is the bolt pattern on a Honda Acty?")
    assert "**Bolt pattern:**" in answer.body and "not verified" in answer.body
    assert "not recorded in my sources" not in answer.body


def test_the_truck_note_needs_a_clause_that_says_the_truck_is_not_verified(answerer: Answerer) -> None:
    """ "Current farm-grade Hijets offer ... diff lock; what 1990s trucks had is mostly not verified": the Hijet is
    named where something is known, so no "not verified" note opens the answer."""
    answer = answerer.answer("does my hijet have a diff lock")
    assert answer.entries[0].id == "kei-4wd-types-compared"  # the entry whose clause names the Hijets
    assert not answer.text.startswith("**The Hijet is not verified")


def test_another_generations_entry_gives_way_to_the_general_one(answerer: Answerer) -> None:
    """The DA63T's 4WD motor is no answer for a DA52T (a sheet sibling's entry still is: the S200P side of
    "S200P vs S500P comparison 4wd" keeps the Hijet 4WD entry, which lists the S210P; test_mutation_survivors)."""
    answer = answerer.answer("da52t 4wd light blinking wont go into 4x4")
    assert answer.entries[0].id == "which-4wd-system-not-engaging"
    assert "carry-4wd-actuator" not in [e.id for e in answer.entries]


# ------------------------------------------------------------------ the session review's cases (each was wrong)


@pytest.mark.parametrize(
    ("question", "states"),
    [
        ("Co-worker says kei trucks are illegal now, is that true?", ()),  # no "CO -" heading
        ("co-op here: can our farm use a kei truck on the road?", ()),
        (
            "I'm having a dealer ship a hijet to Boise, will the DMV title it?",
            ("ID",),
        ),  # shipped inland: no port
        ("Getting one shipped to Denver next month, can I get plates?", ("CO",)),
        (
            "Bought my hijet at an auction in Arizona. I live in Washington. What do I need to bring to the DMV to "
            "get it plated?",
            ("WA", "AZ"),  # "bring" is no move: the owner's state first
        ),
        (
            "Can I bring my hijet from Ohio to Michigan for deer season, is it road legal in both states?",
            ("OH", "MI"),
        ),
    ],
)
def test_review_cases_read_the_states_asked(
    answerer: Answerer, question: str, states: tuple[str, ...]
) -> None:
    assert answerer.answer(question).understanding.states == states


@pytest.mark.parametrize(
    "question",
    [
        "which one is better for my carry, 10w30 or 5w30?",
        "I have two batteries here, which one is best for my hijet?",
        "what's the best mini truck tire for snow?",
        "best kei truck dealers in texas",
    ],
)
def test_a_superlative_about_a_part_or_a_shop_is_no_comparison_of_the_trucks(
    answerer: Answerer, question: str
) -> None:
    assert COMPARE not in answerer.index.question_tokens(understand(question, answerer.lexicon))


@pytest.mark.parametrize(
    ("question", "note"),
    [
        ("how often should I change the oil in my acty", False),  # the interval holds for every truck
        ("how often to change oil on my DA63T carry", False),
        (
            "how much oil does my HA4 acty take",
            True,
        ),  # a code the entry does not name: the truck's name decides
    ],
)
def test_the_not_verified_note_is_for_a_figure_asked(answerer: Answerer, question: str, note: bool) -> None:
    text = answerer.answer(question).text
    assert ("not verified in my sources for this" in text.split("\n")[0]) is note


def test_a_verdicts_fallback_never_quotes_the_verdicts_own_question(answerer: Answerer) -> None:
    answer = answerer.answer("is my 1996 carry old enough to import? what are the port fees and duty?")
    assert "federal-import-fees-port-charges" in [e.id for e in answer.entries]


def test_a_bold_label_opening_keeps_the_summary_that_answers(answerer: Answerer) -> None:
    """ "**The rule:** ..." is a label over the rule; the summary's worked month is the answer."""
    text = answerer.answer("which trucks become legal to import this month").text
    assert "trucks built in December 2001 or earlier" in text


def test_a_state_that_plates_no_kei_leads_even_when_a_general_entry_answers_the_sub_topic(
    answerer: Answerer,
) -> None:
    """Pennsylvania records no inspection rule, but it gives new keis no plates: that status is the answer."""
    answer = answerer.answer("PA inspection on a 98 hijet S110P, will it pass safety?")
    assert [e.id for e in answer.entries][:1] == ["state-pa"]
    assert answer.text.startswith("**Pennsylvania: Off-road use only.**")

"""Text cleaning: the ASCII fast path must give exactly what the full Unicode path gives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.text import MAX_QUESTION_CHARS, _clean_unicode, clean, content_tokens, normalise, stem


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=300))
def test_ascii_fast_path_matches_the_unicode_path(text: str) -> None:
    assert clean(text) == _clean_unicode(text)


def test_controls_become_spaces_and_runs_of_space_collapse() -> None:
    assert clean("  is it\x00legal\t\tin\r\nTX?\x7f ") == "is it legal in TX?"


def test_non_ascii_is_normalised_and_stripped_of_invisible_characters() -> None:
    # invisible characters are dropped, not made spaces: "tru\u200bck" is one word
    assert clean("ｋｅｉ ｔｒｕ\u200bck\u202e in Ｏｈｉｏ") == "kei truck in Ohio"
    assert normalise("Z\u0351\u0352a\u0353l\u0354go’s CARRY") == "zalgo's carry"


def test_huge_input_is_cut_to_the_limit() -> None:
    assert len(clean("a" * (MAX_QUESTION_CHARS * 5))) == MAX_QUESTION_CHARS
    assert len(clean("é" * (MAX_QUESTION_CHARS * 5))) == MAX_QUESTION_CHARS


def test_a_cut_never_leaves_a_trailing_space() -> None:
    assert clean("a" * (MAX_QUESTION_CHARS - 1) + " b") == "a" * (MAX_QUESTION_CHARS - 1)
    assert clean("é" * (MAX_QUESTION_CHARS - 1) + " b") == "é" * (MAX_QUESTION_CHARS - 1)


@pytest.mark.parametrize(
    ("one", "other"),
    [("tyre pressure", "tire pressure"), ("carburettor", "carburetor"), ("carb", "carburetor"),
     ("4wd light blinking", "4wd light flashing"), ("litres", "liters"), ("10w30", "10W-30"),
     ("10w 30 oil", "10W-30 oil")],
)  # fmt: skip
def test_spellings_and_synonyms_are_one_word(one: str, other: str) -> None:
    assert content_tokens(normalise(one)) == content_tokens(normalise(other))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("tire", "tires"),  # a four-letter word and its plural meet
        ("hose", "hoses"),
        ("line", "lines"),
        ("oil", "oils"),
        ("bleed", "bleeding"),  # the -ed of "bleed" is its own
        ("speed", "speeds"),
        ("brake", "braking"),
    ],
)
def test_stem_meets_a_word_and_its_forms(one: str, other: str) -> None:
    assert stem(one) == stem(other)


def test_stem_keeps_the_word_of_an_eed_ending() -> None:
    assert stem("bleed") == "bleed"  # not "ble" (the -ed of a past tense)
    assert stem("speed") == "speed"


def test_run_is_use_where_the_owner_asks_what_to_run() -> None:
    assert "run" not in content_tokens(normalise("what coolant should i run in my hijet"))
    assert "run" not in content_tokens(normalise("what tires are you guys running"))
    assert "run" in content_tokens(normalise("my carry runs rough when cold"))


def test_a_form_name_is_one_word_however_it_is_typed() -> None:
    assert content_tokens(normalise("HS-7")) == content_tokens(normalise("hs7"))
    assert content_tokens(normalise("DOT-4 fluid"))[0] == "dot4"


def test_a_decimal_number_is_one_word() -> None:
    assert "3.5" in content_tokens(normalise("what does grade 3.5 mean"))
    assert content_tokens(normalise("10w-30 oil"))[:2] == ["10w", "30"]


def test_a_work_truck_is_not_a_working_part() -> None:
    assert content_tokens(normalise("is it a good work truck")) == ["worktruck"]
    assert content_tokens(normalise("4x4 not working")) == ["4x4", "work"]


@pytest.mark.parametrize(
    ("text", "word"),
    [("gear ratios on a 5 speed carry", "5speed"), ("five-speed manual", "5speed"), ("3 spd auto", "3speed")],
)
def test_a_gearboxs_number_of_speeds_is_one_word_not_the_trucks_speed(text: str, word: str) -> None:
    tokens = content_tokens(normalise(text))
    assert word in tokens and "speed" not in tokens


def test_a_road_speed_stays_a_speed() -> None:
    assert content_tokens(normalise("55 speed limit")) == ["55", "speed", "limit"]
    assert "speed" in content_tokens(normalise("top speed of a 5 speed"))


def test_docs_are_documents() -> None:
    assert content_tokens(normalise("what docs do i need")) == content_tokens(
        normalise("what documents do i need")
    )


def test_how_long_something_lasts_asks_for_an_interval_not_a_length() -> None:
    assert content_tokens(normalise("how long does a timing belt last on a carry")) == [
        "tim",
        "belt",
        "interval",
        "carry",
    ]
    assert "interval" in content_tokens(normalise("how many miles will the clutch last"))
    assert content_tokens(normalise("how long is the bed")) == ["long", "bed"]


def test_degrees_of_cheap_are_one_word() -> None:
    assert content_tokens(normalise("cheapest")) == content_tokens(normalise("cheaper"))


def test_a_hunting_idle_surges_and_deer_hunting_does_not() -> None:
    assert "surg" in content_tokens(normalise("my idle hunts up and down"))
    assert "surg" in content_tokens(normalise("rough or hunting idle"))
    assert "surg" not in content_tokens(normalise("acty or sambar for hunting"))


def test_trans_and_tranny_are_the_transmission() -> None:
    assert content_tokens(normalise("trans fluid")) == content_tokens(normalise("transmission fluid"))
    assert content_tokens(normalise("tranny")) == content_tokens(normalise("transmission"))


def test_contractions_without_apostrophes_are_no_topic() -> None:
    assert content_tokens(normalise("theyre drums right? they're drums")) == ["drum", "drum"]


def test_how_far_a_pedal_goes_is_no_topic() -> None:
    assert content_tokens(normalise("pedal goes almost to the floor")) == ["pedal", "floor"]


def test_the_united_states_is_no_unit_nor_state() -> None:
    # one word, and a stopword like "usa": "why are kei trucks illegal in the united states" asks why they are
    # illegal, not about units or states
    assert content_tokens(normalise("why are kei trucks illegal in the United States")) == ["illegal"]


def test_a_message_breaks_into_sentences_at_a_stop_and_a_space_whatever_case_follows() -> None:
    from bot.core.text import message_sentences

    assert message_sentences("it's a 98. is it legal? thanks") == ["it's a 98.", "is it legal?", "thanks"]
    # a decimal, "u.s." and "U.S.C." end no sentence
    assert message_sentences("is 3.5 psi ok for u.s. roads? see 49 U.S.C. 30112") == [
        "is 3.5 psi ok for u.s. roads?",
        "see 49 U.S.C. 30112",
    ]


def test_prose_breaks_only_before_a_capital_a_digit_or_a_quote() -> None:
    from bot.core.text import prose_clauses, prose_sentences

    assert prose_sentences("No. The rule is 49 U.S.C. 30112. it goes on. 25 years.") == [
        "No.",
        "The rule is 49 U.S.C. 30112. it goes on.",
        "25 years.",
    ]
    assert prose_clauses("The DA52T is known; the DA63T is not verified.\nNext: line") == [
        "The DA52T is known;",
        "the DA63T is not verified.",
        "Next:",
        "line",
    ]


def test_reported_speech_and_abbreviations_are_no_separate_questions() -> None:
    from bot.core.text import question_parts

    # the quoted question is what the DMV was asked, not a second question to the bot
    assert (
        question_parts("they called the dmv to say, 'can i register this?' now they want the plates back")
        == ()
    )
    assert (
        question_parts("what u.s. customs regulations should you know when importing a car from japan") == ()
    )
    assert question_parts("is it legal in ohio? and what oil does it take?") == (
        "is it legal in ohio",
        "what oil does it take",
    )


def test_a_chassis_code_in_an_entry_is_written_in_capitals() -> None:
    from bot.core.schema import CHASSIS_CODE
    from bot.core.text import CHASSIS_CODE_SHAPE

    assert CHASSIS_CODE.match("DA63T") and CHASSIS_CODE.match("HA4") and CHASSIS_CODE.match("S110P")
    assert not CHASSIS_CODE.match("DA63TXX") and not CHASSIS_CODE.match("63T")
    import re

    assert re.fullmatch(CHASSIS_CODE_SHAPE, "da63t")  # a question's case-folded code has the same shape

"""New-user trial 26 (a mixed day on an owners' server): what it found wrong, pinned."""

from __future__ import annotations

from bot.core.answering import Answerer


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


def test_25_yr_is_the_25_year_rule_and_its_paperwork_follows_the_verdict(answerer: Answerer) -> None:
    # "yr" was no word the bot knew: a did-you-mean
    answer = answerer.answer("do i need the 25 yr exemption paperwork for a 2001 carry")
    assert answer.answered and answer.intent == "federal_import"
    assert "federal-import-paperwork" in ids(answer)
    assert "HS-7" in answer.text


def test_la_county_is_los_angeles_county(answerer: Answerer) -> None:
    # half the answer was Louisiana's mini-truck law
    answer = answerer.answer(
        "Do mini trucks have to pass smog in california? I have a 1990 Mitsubishi Minicab U42T and live in LA county"
    )
    assert answer.understanding.states == ("CA",)
    assert "Louisiana" not in answer.text
    assert answerer.answer("baton rouge LA kei truck rules").understanding.states == ("LA",)


def test_asked_a_condition_of_a_state_that_plates_no_kei_the_verdict_says_what_it_means(answerer) -> None:
    # "No, as far as our sources show" read as "no inspection needed"
    lead = answerer.answer("do kei trucks need a state inspection in NY").text.split("\n", 1)[0]
    assert "** Not registrable, as far as our sources show" in lead
    # "can I register it?" is what the bare word answers
    assert "** Yes." in answerer.answer("can i register a kei in texas").text.split("\n", 1)[0]


def test_a_follow_up_that_only_changes_the_truck_gets_the_answer_again_whole(answerer: Answerer) -> None:
    from bot.core.answering import Conversation

    # "same for a 96?" began mid-entry with a bullet: the opening had been left out as already read
    conversation = Conversation()
    answerer.answer("oil capacity on a 94 carry dc51t?", conversation)
    coolant = answerer.answer("and the coolant?", conversation)
    again = answerer.answer("same for a 96?", conversation)
    assert again.text.startswith(coolant.text.split("\n", 1)[0])
    assert not again.text.startswith("- ")


def test_move_the_verb_beside_kei_is_no_daihatsu_move(answerer: Answerer) -> None:
    answer = answerer.answer("We're going to move to Ohio, is my kei legal there?")
    assert answer.understanding.out_of_scope is None and answer.text.startswith("**Ohio:")
    assert answerer.answer("is the daihatsu move a kei car").understanding.out_of_scope == "kei_car"


def test_a_license_plate_is_a_plate() -> None:
    from bot.core.text import content_tokens

    assert content_tokens("how do i get a license plate") == content_tokens("how do i get a plate")
    assert "licens" in content_tokens("do i need a drivers license")


def test_a_state_only_in_the_story_gets_no_card_when_the_question_names_another(answerer: Answerer) -> None:
    # Ohio's card followed Colorado's for "I bought my Hijet back in Ohio ... Will Colorado let me register it?"
    answer = answerer.answer(
        "I bought my 1996 Hijet back in Ohio a couple years ago and it's titled and plated there. Now I'm moving "
        "to Colorado for work. Will Colorado let me register it for the road, and do I need a VIN inspection?"
    )
    assert "state-co" in ids(answer) and "state-oh" not in ids(answer)
    # a post asking how two states relate keeps both
    both = answerer.answer(
        "my kei truck is plated in florida and I spend summers in michigan. can I legally drive it up there on my "
        "FL plates?"
    )
    assert {"state-fl", "state-mi"} <= set(ids(both))

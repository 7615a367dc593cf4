"""New-user trial 29 and review 8 (seventh session): a question put to the room about a truck part, a follow-up
the last answer's entry speaks to, the state an owner lives in and registers in, and what review 8 found those
rules must not do (thanks that point back, a new topic after "got it thanks", another state asked about by an owner
who says where they live, a clause about papers beside a state card, a shepherd from Australia, two trucks listed
together)."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer
from bot.core.conversation import Conversation
from bot.core.text import closing_question


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


def test_a_question_put_to_the_room_about_a_truck_part_is_no_chat(answerer: Answerer) -> None:
    """Trial 29: "guys" addresses the room; with tires named it is still a question about the truck."""
    tires = answerer.answer("where do you guys get tires for these 12 inch wheels")
    assert tires.answered and "parts-tyres-145r12-substitutes" in ids(tires)
    for chat in (
        "how are you guys doing today?",
        "anyone watching the game tonight? my truck has new tires lol",
    ):
        assert answerer.answer(chat).intent == "out_of_scope"


def test_a_follow_up_the_last_entry_speaks_to_stays_on_its_topic(answerer: Answerer) -> None:
    """ "what weight" alone could be the truck's weight; after an oil question it is the oil's."""
    conversation = Conversation()
    answerer.answer(
        "how often do i need to change the oil in my carry? using it around the farm", conversation
    )
    weight = answerer.answer("and what weight, is 10w30 ok", conversation)
    assert weight.answered and ids(weight)[0] == "oil-change-general" and "10W-30" in weight.text


HOME_STATE_POST = (
    "I found a clean 1996 Carry in Oregon on facebook marketplace and I live in Sacramento. Seller has an Oregon "
    "title in his name. I know California is kind of the worst for these. If I buy it and bring it down can I "
    "register it in CA at all? Like will the DMV do it with the out of state title or am I going to get stuck on "
    "smog? Would rather know before I drive 9 hours"
)


def test_an_owner_asking_about_the_state_they_live_in_gets_that_states_rules(answerer: Answerer) -> None:
    """Not "registering where you don't live" (the owner registers at home), not the seller's state's
    card, and not an entry a clause of everyday words finds ("buy it and bring it down ... register": the
    Canada 15-year rule); California's card has the registration line that clause asks for."""
    answer = answerer.answer(HOME_STATE_POST)
    assert answer.state == "CA" and ids(answer) == ["state-ca"]


def test_a_post_about_residency_still_gets_the_entry_on_registering_away_from_home(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "So I live in Pennsylvania but my brother lives in Montana and everybody says just register it up there at "
        "his address. Is that actually legal for me as a PA resident? I'm driving it every day here"
    )
    assert ids(answer)[0] == "legal-registering-out-of-state"


def after(answerer: Answerer, first: str, then: str):
    """The answer to ``then`` asked right after ``first`` in one conversation."""
    conversation = Conversation()
    answerer.answer(first, conversation)
    return answerer.answer(then, conversation)


@pytest.mark.parametrize("opening", ["thank you so much", "thanks so much"])
def test_a_long_thank_you_is_no_follow_up(answerer: Answerer, opening: str) -> None:
    thanks = after(
        answerer,
        "what spark plugs does a carry take",
        f"{opening} for all the help, you have been really great, I really appreciate it a lot",
    )
    assert not thanks.answered and "spark" not in thanks.text.lower()


def test_a_long_follow_up_that_opens_like_one_is_one(answerer: Answerer) -> None:
    """It asks by its word order, without a "?"."""
    insurance = after(
        answerer,
        "can i get my carry registered in ohio",
        "and do i need insurance on it there or is it treated like a tractor",
    )
    assert insurance.state == "OH" and "legal-insurance" in ids(insurance)


def test_a_new_topic_after_got_it_thanks_is_a_new_question(answerer: Answerer) -> None:
    start = after(
        answerer,
        "how do i adjust the clutch on a carry",
        "got it thanks, and then what about when the engine just will not start at all in the morning",
    )
    assert ids(start)[0] == "cranks-wont-start-fuel-pump"


def test_a_declined_follow_up_keeps_the_topic_for_the_next_turn(answerer: Answerer) -> None:
    conversation = Conversation()
    answerer.answer("how do i adjust the clutch on a carry", conversation)
    answerer.answer("does this work for an acty too?", conversation)
    assert "clutch" in conversation.tokens
    hard = answerer.answer("how hard is it for a beginner", conversation)
    assert all(e.startswith("clutch-") for e in ids(hard))


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("I live in Michigan, can I register it in Florida?", "legal-registering-out-of-state"),
        (
            "I live in Ohio and my buddy says register it in Montana. Would that work?",
            "legal-registering-out-of-state",
        ),
        ("im in ohio can i register it in montana", "legal-driving-other-states"),
    ],
)
def test_an_owner_who_says_where_they_live_and_asks_about_another_state(
    answerer: Answerer, question: str, first: str
) -> None:
    """The home-state rule is for registering at home; asked about another state, the post still gets the entry
    on how the two relate and both cards."""
    answer = answerer.answer(question)
    assert ids(answer)[0] == first and len([e for e in ids(answer) if e.startswith("state-")]) == 2


def test_the_first_state_after_i_live_in_is_home(answerer: Answerer) -> None:
    answer = answerer.answer("I live in Ohio near Indiana. Bought my carry in Kentucky. Can I register it?")
    assert "state-oh" in ids(answer) and ids(answer)[0] != "state-in"


@pytest.mark.parametrize(
    ("question", "second"),
    [
        ("can I register a kei truck in Ohio? also do I need a title from Japan?", "federal-export-certificate"),
        ("Is my acty legal in Maine? how do I title it when the seller never gave me a title?",
         "legal-court-ordered-title"),
    ],
)  # fmt: skip
def test_a_clause_about_papers_beside_a_state_card_still_brings_its_entry(
    answerer: Answerer, question: str, second: str
) -> None:
    """Only a clause that names the card's state and asks its registration or title is the card's ("gave me a
    title" names no Maine)."""
    assert second in ids(answerer.answer(question))


def test_an_australian_shepherd_is_no_foreign_question(answerer: Answerer) -> None:
    answer = answerer.answer("my australian shepherd rides in the bed, is there a good bed liner for a carry")
    assert answer.answered and "not other countries" not in answer.text


def test_two_trucks_listed_together_are_not_towns(answerer: Answerer) -> None:
    """Tacoma and Ranger are towns too; listed with each other they are the pickups."""
    answer = answerer.answer("kei truck vs tacoma or ranger for farm work")
    assert answer.answered and ids(answer)[0] == "buying-kei-work-truck-vs-van"


def test_a_build_date_beats_the_date_of_a_later_import(answerer: Answerer) -> None:
    """Trial 30: "made 03/1999, can i import it in feb 2024?" is a March 1999 truck, not a February 2024 one."""
    answer = answerer.answer("made 03/1999, can i import it in feb 2024?")
    assert answer.year == 1999 and "built in March 1999" in answer.text


def test_what_about_canada_after_an_import_question_gets_canadas_rule(answerer: Answerer) -> None:
    """Trial 30: Canada's 15-year rule is in the knowledge base; the US verdict is not repeated under a decline."""
    conversation = Conversation()
    answerer.answer("made 03/1999, can i import it in feb 2024?", conversation)
    canada = answerer.answer("what about canada?", conversation)
    assert canada.answered and ids(canada) == ["federal-canada-15-year-rule"] and "15 years" in canada.text


def test_the_port_a_truck_is_shipped_to_is_no_state_asked_about(answerer: Answerer) -> None:
    """Trial 30: Baltimore is where the ship from Japan comes in ("it's going to"), not Maryland's rules."""
    answer = answerer.answer(
        "Ok I want to import one myself. Found a couple on a japanese exporter site. What paperwork do I actually "
        "need on the US side? Do I need a customs broker or can I do it myself? It's going to Baltimore probably."
    )
    assert answer.state is None and "state-md" not in ids(answer)
    assert answerer.answer("I live in Baltimore, can I register a kei truck?").state == "MD"


def test_my_state_dmv_in_an_import_question_does_not_ask_which_state(answerer: Answerer) -> None:
    """Trial 31: the federal paperwork is the question; "for my state DMV to issue a title" is where it ends up."""
    answer = answerer.answer(
        "I want to import a truck myself. Once I win it at auction, what paperwork do I need on the US side? I've "
        "seen HS-7, EPA 3520-1, 7501, ISF all mentioned. Do I need a customs broker, and what does the export "
        "certificate need to look like for my state DMV to issue a title?"
    )
    assert answer.answered and "federal-import-paperwork" in ids(answer)
    assert not answerer.answer("is it legal in my state?").answered  # that one still asks which state


def test_an_owner_weighing_their_own_state_against_another_gets_how_they_relate(answerer: Answerer) -> None:
    """Review 9: registering at home or in another state is the registering-away question."""
    answer = answerer.answer(
        "I live in Iowa, can I register it in Iowa or should I register it in South Dakota instead?"
    )
    assert ids(answer)[0] == "legal-registering-out-of-state" and "state-sd" in ids(answer)


def test_a_follow_up_asking_which_years_keeps_the_opening_with_the_years(answerer: Answerer) -> None:
    """Trial 31: the opening just read holds the years asked for; without it the answer said only "over 25"."""
    years = after(answerer, "whats the difference between the HA3 and HA4 acty", "and which years were HA4?")
    assert "1999" in years.text and "1990" in years.text


def test_check_engine_light_is_a_repair_question_not_an_engine_spec(answerer: Answerer) -> None:
    """Trial 31: "engine" inside "check engine light" made a code-reading post a spec question, answered by the
    Carry engines table; now the check-engine-light entry is among those offered (the post's other questions
    keep it from being answered outright: a miss, not a wrong answer)."""
    answer = answerer.answer(
        "Check engine light came on in my 2000 DA52T carry. It's running fine but the light stays on. Took it to "
        "autozone and their scanner wouldn't even connect, guy said its not OBD2. Is there a way to read the codes "
        "on these myself? I heard something about jumping a pin on a connector and counting blinks? Where is the "
        "connector and what are the common codes on these F6A trucks?"
    )
    assert "carry-engines-f6a-k6a-r06a" not in ids(answer)
    assert "check-engine-light-codes-jdm" in (ids(answer) if answer.answered else answer.suggestion_ids)


def test_a_question_mark_inside_an_aside_does_not_end_the_closing_question() -> None:
    """Trial 31: "(cable?)" inside the last question had left the post with no closing question at all."""
    post = (
        "I dont have a lift, just jack stands. Is the clutch adjustable on these (cable?) or is it time for a new "
        "disc, and how bad is the job since the engine is under the seat?"
    )
    closing = closing_question(post)
    assert (
        closing is not None and closing.startswith("Is the clutch adjustable") and closing.endswith("seat?")
    )

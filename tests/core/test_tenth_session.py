"""Tenth session: what new-user trial 40 found ("is it OK to" read as Oklahoma, "in mass", a joke answered as
a road question, another generation's entry first, engine oil for gear oil)."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


@pytest.mark.parametrize(
    "question",
    [
        "I use my Hijet at deer camp. How can I tell if the rear diff lock is engaging, and is it OK to use it on "
        "pavement?",
        "is it OK to run 5w-30 in my carry",
        "is that OK for the clutch on my acty",
    ],
)
def test_ok_after_it_or_that_is_the_word_not_oklahoma(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.state != "OK" and "Oklahoma" not in answer.text


def test_ok_after_in_is_still_oklahoma(answerer: Answerer) -> None:
    assert answerer.answer("is a carry legal in OK").state == "OK"


@pytest.mark.parametrize(
    "question", ["can i get a title for my acty in mass", "is my carry legal in mass?", "registering a hijet in mass"]
)
def test_mass_ending_a_clause_after_in_is_massachusetts(answerer: Answerer, question: str) -> None:
    assert answerer.answer(question).state == "MA"


def test_mass_before_another_word_stays_a_word(answerer: Answerer) -> None:
    assert answerer.answer("were kei trucks made in mass production in japan").state is None


@pytest.mark.parametrize(
    "question",
    ["why did the kei truck cross the road", "tell me a kei truck joke", "know any good jokes about mini trucks?"],
)
def test_a_joke_is_chatter_even_naming_a_kei(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.chatter and not answer.answered and not answer.entries


def test_a_joke_word_beside_a_kei_topic_is_a_question(answerer: Answerer) -> None:
    answer = answerer.answer("is it a joke that maine banned kei trucks")
    assert answer.answered and answer.state == "ME"


@pytest.mark.parametrize(
    "question",
    ["best place to get OEM parts for a suzuki carry in the US", "good website to buy genuine parts for my carry"],
)
def test_the_place_asked_for_is_no_part(answerer: Answerer, question: str) -> None:
    """Trial 40: 'best place to get OEM parts' read 'place' and 'OEM' as the part and answered with the twin
    trucks' shared parts; it asks where parts are sold."""
    answer = answerer.answer(question)
    assert answer.answered and answer.intent == "parts"
    assert ids(answer)[0] in ("parts-us-importers", "parts-japan-oem-catalogues", "parts-carry-suzuki-sources")
    assert "parts-twin-trucks-interchange" not in ids(answer)[:1]


def test_another_generations_entry_gives_way_for_a_named_code(answerer: Answerer) -> None:
    """Trial 40: 'DD51T wont go into 4wd' opened with the DA63T's electric actuator; nothing is written for the
    DD51T, so the entry on telling the 4WD systems apart answers."""
    answer = answerer.answer("DD51T wont go into 4wd, the 4wd light doesnt come on")
    assert answer.answered and ids(answer)[0] == "which-4wd-system-not-engaging"


def test_an_entry_named_for_the_asked_pair_of_words_goes_first(answerer: Answerer) -> None:
    """Trial 40: 'U62T 5 speed gear oil capacity' opened with engine-oil capacities (the engine-oil entry scored a
    little higher); the gear-oil entry is named for 'gear oil'."""
    answer = answerer.answer("U62T 5 speed gear oil capacity and type")
    assert answer.answered and ids(answer)[0] == "gear-oil-transfer-diff-general"


def test_words_apart_in_the_question_are_no_pair(answerer: Answerer) -> None:
    """'to the US or Canada' says no 'US Canada': the import answer keeps its customs steps."""
    answer = answerer.answer("How do I import a Japanese mini truck to the US or Canada?")
    assert answer.answered and ids(answer)[0] == "federal-canada-15-year-rule"


def test_a_vehicle_said_not_to_be_a_kei_gets_no_kei_rules(answerer: Answerer) -> None:
    """'not a kei or anything, just a regular golf cart': the kei words are denied, so the golf cart is what is
    asked about, and Florida's kei-truck rules are not its answer."""
    answer = answerer.answer(
        "Florida (polk county). can my 13 yr old drive our club car golf cart down the county road to the "
        "neighbors? not a kei or anything just a regular golf cart"
    )
    assert not answer.answered and "golf cart" in answer.text and "state-fl" not in ids(answer)


def test_kei_words_in_quotes_still_name_a_kei(answerer: Answerer) -> None:
    answer = answerer.answer('What is a "kei" truck?')
    assert answer.answered and "660" in answer.text


def test_the_plain_version_in_a_comparison_is_no_topic(answerer: Answerer) -> None:
    """'the supercharged KS4 vs the regular one': 'regular' names the other side, not regular gas."""
    answer = answerer.answer("how much more power does the supercharged KS4 sambar have vs the regular one?")
    assert answer.answered and ids(answer)[0] == "sambar-en07-supercharged" and "40 PS" in answer.text


def test_a_repair_entry_and_a_spec_entry_close_together_are_no_vague_question(answerer: Answerer) -> None:
    """The general 4WD-not-engaging entry and the Hijet 4WD sheet score alike for a S110P owner's post: both are
    about the truck's 4WD, so the better one answers instead of a did-you-mean."""
    answer = answerer.answer(
        "96 hijet S110P. 4wd switch does nothing, front never engages. am i looking at stripped gears in the "
        "front diff or is there something simpler to check first"
    )
    assert answer.answered and "vacuum" in answer.text

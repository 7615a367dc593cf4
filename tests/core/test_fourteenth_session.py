"""Fourteenth session: understanding and passage choices found on the harvested sets' working halves."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer


def test_asking_for_the_paperwork_quotes_the_title_condition(answerer: Answerer) -> None:
    # "paperwork" asks what the clerk wants filed: the card's title line (the affidavit), not only its speed band
    answer = answerer.answer(
        "TN county clerk says my mini truck would be a 'medium speed vehicle' - what paperwork do they want?"
    )
    assert answer.answered and answer.state == "TN"
    assert "- **Title:**" in answer.body


def test_paperwork_for_another_condition_asks_about_that_one() -> None:
    # review 20: "what paperwork do I need to get insurance" asks about insurance, not the title line; where the truck
    # may go ("a medium speed vehicle") is no paperwork of its own
    from bot.core.compose import asked_conditions_in

    assert asked_conditions_in("what paperwork do i need to get insurance on my kei in texas") == ["insurance"]
    assert asked_conditions_in("what paperwork does the clerk want") == ["title"]
    assert "title" in asked_conditions_in("its a medium speed vehicle, what paperwork do they want")


def test_another_vehicle_in_a_state_gets_that_states_lines_for_its_kind(answerer: Answerer) -> None:
    # the scope line first; then Michigan's own rules for ATVs (its card's "ATVs / ORVs" line), which do apply to
    # an ATV, with the card's sources and date; still no answer claimed (answered is false)
    answer = answerer.answer("can my kid ride his atv on the county road in michigan?")
    assert answer.intent == "out_of_scope" and not answer.answered
    assert answer.text.startswith("That's an ATV (four-wheeler), not a kei truck")
    assert "Michigan's rules for that kind of vehicle" in answer.body
    assert "- **ATVs / ORVs:**" in answer.body
    assert answer.sources and answer.last_verified
    assert "ask your state's DMV" not in answer.text


def test_a_state_line_for_another_class_is_not_quoted_for_this_one(answerer: Answerer) -> None:
    # California's card has a low-speed-vehicle line, which says nothing of pickups: the plain scope line stays
    answer = answerer.answer("is a 2015 f-150 legal to drive in california?")
    assert answer.intent == "out_of_scope" and not answer.answered
    assert "rules for that kind of vehicle**" not in answer.body
    assert "ask your state's DMV" in answer.text


def test_the_labels_a_kind_of_vehicle_is_found_by() -> None:
    from bot.core.scope import state_line_labels

    utv = state_line_labels("utv")
    assert utv is not None
    assert utv.search("UTVs / side-by-sides") and utv.search("ATVs and UTVs / side-by-sides (OHRVs)")
    assert not utv.search("Low-speed vehicles (LSV)") and not utv.search("Farm plates")
    carts = state_line_labels("golf_cart")
    assert carts is not None and carts.search("Low-speed vehicles (LSV)") and carts.search("Golf carts")
    assert state_line_labels("pickup") is None  # no card line is about pickups as a class


def test_two_gearboxes_named_are_what_is_compared(answerer: Answerer) -> None:
    # "4 speed" alone describes the truck ("my 4 speed hijet"); with "5 speed" beside it, they are the topic
    answer = answerer.answer("What's the difference between a 4 speed and a 5 speed mini truck?")
    assert answer.answered and answer.entries[0].id == "kei-four-vs-five-speed"


def test_a_city_named_is_no_topic_of_a_line_of_rules_for_any_vehicle(answerer: Answerer) -> None:
    # Oregon's import-titling line mentions "a DEQ test around Portland": the city the owner names asks nothing of
    # it, and the card's own short-VIN passage is the answer
    body = answerer.answer(
        'Portland DMV clerk keeps telling me my VIN is "invalid". its DA63T-1xxxxx straight off the frame plate. '
        "is that normal for these and how do they even identify them"
    ).body
    assert "**Short VIN:**" in body
    assert "**Titling an imported vehicle:**" not in body


def test_a_class_named_as_what_the_kei_is_registered_as_stays_that_class(answerer: Answerer) -> None:
    # "register my kei truck as a UTV": the verb five words back still makes it the class, and the UTV named again
    # after it is the same class, not a UTV the owner rides: no "a UTV is not a kei truck" note
    answer = answerer.answer("WI - could i register my kei truck as a UTV instead? whats the legal UTV definition")
    assert answer.answered and answer.state == "WI"
    assert "is not a kei truck" not in answer.text
    # a UTV of the owner's own is still one ("my utv" with no kei named), even named as a class (review 20)
    for own in (
        "can i register my utv in wisconsin? whats the legal utv definition",
        "can I title my UTV as a UTV in michigan?",
        "my buddy registered his kei truck as a utv, can I ride my own utv on the road in ohio?",
    ):
        answer = answerer.answer(own)
        assert answer.intent == "out_of_scope" or "A UTV or side-by-side is not a kei truck" in answer.text, own


@pytest.mark.parametrize(
    "message",
    ["good morning kei gang", "just joined the server", "hey all, new here!", "im new to this server", "hey hi"],
)
def test_greetings_on_arrival_are_chatter_not_gaps(answerer: Answerer, message: str) -> None:
    # trial 51: "good morning kei gang" had "no sourced answer ... logged for the curators"; "hey all, new here!"
    # got the entry on buying a new kei truck
    answer = answerer.answer(message)
    assert not answer.answered and answer.chatter


def test_a_greeting_before_a_question_still_gets_the_answer(answerer: Answerer) -> None:
    assert answerer.answer("hey all, is a kei truck legal in texas?").answered


@pytest.mark.parametrize(
    ("message", "a_greeting"),
    [("hey hey hey everyone", True), ("hi, hello there! good morning kei gang", True),
     ("hey hey hey is a kei legal in ohio", False), ("new here, what oil for a carry?", False)],
)  # fmt: skip
def test_greetings_one_after_another_are_one_greeting(message: str, a_greeting: bool) -> None:
    # (the repeated form has no optional leading "hi" of its own: nested repetition backtracked for minutes on a long
    # message that only nearly was a greeting)
    from bot.core.conversation import GREETING

    assert (GREETING.fullmatch(message) is not None) is a_greeting


def test_another_vehicle_in_two_states_gets_each_states_lines(answerer: Answerer) -> None:
    # review 20: "ohio or michigan" had Ohio's line only, with no word about Michigan
    body = answerer.answer("is a polaris ranger street legal in ohio or michigan?").body
    assert "Ohio's rules for that kind of vehicle" in body and "Michigan's rules for that kind of vehicle" in body


def test_another_vehicle_asked_nothing_of_the_rules_gets_no_state_lines(answerer: Answerer) -> None:
    # review 20: a battery question that names a state asks none of its road rules
    answer = answerer.answer("whats the best battery for my ezgo golf cart? I'm in georgia")
    assert not answer.entries and "rules for that kind of vehicle**" not in answer.body


def test_a_line_quoted_for_another_vehicle_leaves_out_its_words_to_kei_owners(answerer: Answerer) -> None:
    # Arkansas's LSV line ends "A kei goes well past 25 mph, so this is no route; the mini-truck class above is."
    answer = answerer.answer("can I drive my golf cart on the road in arkansas?")
    assert "- **Low-speed vehicles (LSV):** Arkansas defines an LSV" in answer.body
    assert "kei goes well past" not in answer.body and "above is" not in answer.body
    # and the one source listed is about that line, not the card's pages on kei bills
    assert answer.sources and all("low-speed" in s["title"].casefold() for s in answer.sources)


@pytest.mark.parametrize(
    "title",
    [
        "NRS 484B.637 (FindLaw copy; Legislature page not found)",
        "NHTSA 73 FR 55804 (September 26, 2008; vLex copy of the Federal Register text)",
        "Wis. Stat. 341.266 (wi.elaws.us copy)",
    ],
)
def test_a_source_titled_as_a_copy_is_one_wherever_the_word_comes(title: str) -> None:
    # review 20: only a title ending in "copy)" was taken for a copy, so these were listed as if original
    from bot.core.compose import _standing

    assert _standing(title, "https://example.org/page")[0]


def test_every_kind_with_state_lines_is_named_by_some_card_line(answerer: Answerer) -> None:
    # review 20: a kind whose state_lines match no card's label is dead data (a typo, or lines never written)
    from bot.core import compose, scope

    labels = [
        label[1]
        for cut in answerer.composer.passages.values()
        for p in cut.passages
        if compose._for_any_vehicle(p) and (label := compose._BOLD_LABEL.match(p.text))
    ]
    for category, names in scope.vocabulary().state_lines.items():
        if names:
            pattern = scope.state_line_labels(category)
            assert pattern is not None and any(pattern.search(label) for label in labels), category


def test_a_general_answer_comes_after_the_states_own_line_on_it(answerer: Answerer) -> None:
    # trial 51: "sales tax ... in washington" got the general tax entry with a Texas example and nothing of
    # Washington; the card's line on it now comes first (fifteenth session: before the general entry, which only
    # explains how such taxes usually work)
    answer = answerer.answer("whats the sales tax on an imported kei truck in washington")
    assert [e.id for e in answer.entries] == ["state-wa", "buying-sales-tax-title-fees"]
    assert "- **Use tax on a vehicle brought in:**" in answer.body
    # likewise Michigan's "Title fee and use tax" line under the general entry for "title fee in michigan"
    michigan = answerer.answer("how much is the title fee in michigan for a kei truck")
    assert "state-mi" in [e.id for e in michigan.entries] and "$15 title transfer fee" in michigan.body

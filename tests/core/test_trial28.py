"""New-user trial 28 (fresh owner messages read as an owner would): a truck's name that is also a port town
listed with another, follow-ups asked with chat around a pointer back or "do they fit the X too?", a follow-up
that keeps the topic for the turn after it, another country named as an adjective, a long post's own question
breaking a near tie, and the state the owner says they live in."""

from __future__ import annotations

from bot.core.answering import Answerer
from bot.core.conversation import Conversation


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


def test_a_truck_name_listed_with_another_port_town_is_the_town(answerer: Answerer) -> None:
    """Tacoma beside Baltimore is the port, not the Toyota pickup."""
    answer = answerer.answer("cheapest port to ship to if im in the midwest? baltimore or tacoma")
    assert answer.answered and answer.intent != "out_of_scope"
    assert "not a kei truck" not in answer.text
    pickup = answerer.answer("how do i register my tacoma in ohio")
    assert "Tacoma" in pickup.text and "not a kei truck" in pickup.text


def test_chat_around_a_pointer_back_is_a_follow_up_on_the_last_topic(answerer: Answerer) -> None:
    conversation = Conversation()
    first = answerer.answer("timing belt interval on a 98 sambar?", conversation)
    assert ids(first)[0] == "sambar-timing-belt-water-pump"
    hours = answerer.answer(
        "how many hours is that job roughly for someone whos never done one", conversation
    )
    assert ids(hours)[0] == "sambar-timing-belt-water-pump"
    # the third turn is still about the belt: the follow-up kept the topic, not its own words
    hard = answerer.answer("is it hard to do yourself?", conversation)
    assert ids(hard)[0] == "sambar-timing-belt-water-pump"


def test_do_they_fit_another_truck_too_asks_about_the_last_part(answerer: Answerer) -> None:
    conversation = Conversation()
    pads = answerer.answer("where can i get front brake pads for a S100P hijet", conversation)
    assert ids(pads)[0] == "brakes-pads-shoes"
    fit = answerer.answer("do they fit the S110P too?", conversation)
    assert fit.answered and ids(fit)[0] == "brakes-pads-shoes"
    assert conversation.leading_entry == "brakes-pads-shoes"  # the pads stay the topic of the next turn


def test_another_country_named_as_an_adjective_is_out_of_scope(answerer: Answerer) -> None:
    """ "Australian roads" are another country's rules: an honest scope line, not the US driving-other-states
    entry; a truck from Canada brought into the US is still a US import question."""
    australia = answerer.answer("Can you drive a kei truck on Australian roads?")
    assert not australia.answered and "not other countries" in australia.text
    canadian = answerer.answer("can i import an acty from canada into the us")
    assert canadian.answered and "25 years" in canadian.text


VAPOR_LOCK_POST = (
    "So I've got a 1990 Hijet S83P, carbureted. Cold start is fine, drives fine around town. But if I drive it 20 "
    "min to the feed store, shut it off and come back out 10 min later, it cranks and cranks and wont fire. If I "
    "wait half an hour it starts right up. Fuel pump seems to be working since it runs fine otherwise. Is this "
    "vapor lock or the carb percolating? Anything I can do to fix it, heat shield or something?"
)


def test_a_post_whose_own_question_names_the_entry_is_answered_though_another_is_close(
    answerer: Answerer,
) -> None:
    """The whole post leads to the percolation entry only just ahead of the cranking one; its question, worded
    like the percolation entry's aliases ("vapor lock", "carb percolating"), breaks the tie."""
    answer = answerer.answer(VAPOR_LOCK_POST)
    assert answer.answered and ids(answer)[0] == "hot-restart-percolation"


def test_the_state_said_to_be_where_the_owner_lives_is_the_one_asked_about(answerer: Answerer) -> None:
    """Oregon is where the seller is; "California where I live" is where it gets registered, and a smog check
    and the DMV referee are California's registration questions."""
    answer = answerer.answer(
        "Thinking about buying a 1997 Honda Acty from a seller in Oregon and bringing it down to California where "
        "I live. I've read conflicting stuff online, some people say California wont register any kei truck and "
        "some say 25 year old imports are fine. Does it need a smog check? Would I need to go through a referee "
        "or CARB or something?"
    )
    assert answer.answered and answer.state == "CA" and ids(answer)[0] == "state-ca"
    assert "emissions" in answer.text.split("\n\n")[0]

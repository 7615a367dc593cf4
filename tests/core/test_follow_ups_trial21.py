"""Conversations from new-user trial 21: what a follow-up carries, and what chat in the middle does not."""

from __future__ import annotations

from bot.core.answering import Answerer, Conversation


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


def test_a_laughing_remark_about_buying_is_chat_and_not_the_next_turns_topic(answerer: Answerer) -> None:
    conversation = Conversation()
    answerer.answer("whats the top speed of a HA4 acty", conversation)
    remark = answerer.answer("lol my wife thinks im crazy for buying one", conversation)
    assert remark.chatter and not remark.answered
    # the follow-up after it is about the top speed, not the buying checklist the remark's word matched
    after = answerer.answer("same for the sambar?", conversation)
    assert ids(after)[:1] == ["kei-top-speed-highway"]
    # a laughing question, or a laughing report of trouble, is still a question
    assert not answerer.answer("lol is my carry faster than a prius").chatter
    assert not answerer.answer("my carry wont start lol").chatter


def test_it_in_a_follow_up_whose_own_words_find_nothing_is_the_last_topic(answerer: Answerer) -> None:
    conversation = Conversation()
    answerer.answer("my U62T minicab wont go into 4wd, button light just blinks", conversation)
    answer = answerer.answer("is it vacuum operated or electric?", conversation)
    # the 4WD entry (which says the Minicab's system is not verified), not the electric Minicab-MiEV van
    assert answer.answered and ids(answer)[:1] == ["which-4wd-system-not-engaging"]
    # a follow-up whose own words have their own entry keeps its own topic
    other = Conversation()
    answerer.answer("timing belt interval on a KS4 sambar", other)
    assert "oil" in " ".join(ids(answerer.answer("what oil does it take?", other)))


def test_a_carried_year_does_not_repeat_the_import_verdict(answerer: Answerer) -> None:
    conversation = Conversation()
    answerer.answer("can i import a 2001 hijet right now", conversation)
    answerer.answer("and for a 96?", conversation)
    shipping = answerer.answer("how much does shipping cost roughly", conversation)
    assert "25-year rule (NHTSA / FMVSS)" not in shipping.text
    assert ids(shipping)[:1] == ["import-roro-vs-container"]
    # the follow-up that names a year of its own still gets the verdict
    again = answerer.answer("and a 2003?", conversation)
    assert "25-year rule (NHTSA / FMVSS)" in again.text

"""More behaviours that mutmut's run over the core modules showed no test would notice breaking (after
test_mutation_survivors.py): the state answer's confidence and state, which half of a two-vehicle question a
legal answer covers, a road's posted speed, a named state against an entry that answers the question, and what
a declined turn leaves for the next one. Each test names what a user would see go wrong."""

from __future__ import annotations

from bot.core.answering import Answerer
from bot.core.conversation import Conversation
from bot.core.policy import ANSWER_THRESHOLD

OTHER_VEHICLE_NOTE = "is not a kei truck; states have their own rules for it"


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


# ------------------------------------------------------------------ state answers


def test_a_state_legality_question_is_answered_more_surely_than_a_state_named_beside_a_topic(
    answerer: Answerer,
) -> None:
    """The confidence is logged and drives the low-confidence review: a state's own rules asked about are
    surer than a state that only comes along with another topic (insurance)."""
    legal = answerer.answer("is a kei truck legal in texas")
    beside = answerer.answer("who insures kei trucks in ohio?")
    assert ids(legal) == ["state-tx"] and ids(beside) == ["state-oh", "legal-insurance"]
    assert ANSWER_THRESHOLD <= beside.confidence < legal.confidence <= 1.0


def test_a_state_answer_led_by_a_general_topic_keeps_its_state(answerer: Answerer) -> None:
    """When no state entry records what is asked (insurance), the general entry leads the answer; the answer
    still belongs to the state named (the adapters link that state's page from it)."""
    answer = answerer.answer("what insurance do i need for a kei in virginia")
    assert ids(answer) == ["legal-insurance", "state-va"]
    assert answer.intent == "state_legality" and answer.state == "VA"


def test_a_named_state_is_not_the_question_when_an_entry_answers_it(answerer: Answerer) -> None:
    """Ohio is only where the owner lives: rust-proofing is asked, not Ohio's road rules."""
    answer = answerer.answer("rust proofing my carry, they salt the roads here in ohio")
    assert answer.intent == "maintenance" and ids(answer) == ["rustproofing-underbody"]
    assert answer.state is None


# ------------------------------------------------------------------ another vehicle beside a kei truck


def test_only_a_vehicle_under_state_rules_gets_the_other_vehicle_note(answerer: Answerer) -> None:
    """A golf cart has its own state rules, which the answer does not cover; a Delica is another import,
    under the same federal rules, so the note ("states have their own rules for it") would be wrong."""
    cart = answerer.answer("golf cart vs kei truck: which is street legal in florida?")
    delica = answerer.answer("can i register a hijet or a delica in texas")
    assert cart.answered and OTHER_VEHICLE_NOTE in cart.text
    assert delica.answered and ids(delica) == ["state-tx"] and OTHER_VEHICLE_NOTE not in delica.text


# ------------------------------------------------------------------ a road's posted speed


def test_a_state_that_does_not_register_keis_gets_no_posted_speed_verdict(answerer: Answerer) -> None:
    """Colorado's entry records the 55 mph limit of a law that starts in 2028; today it registers none, so
    a 45 mph road is not "within its limit"."""
    answer = answerer.answer("can a kei truck in colorado go on a 45 mph road?")
    assert ids(answer) == ["state-co"] and "A road posted 45 mph" not in answer.text


def test_a_restricted_state_without_a_posted_limit_answers_a_road_speed_question(answerer: Answerer) -> None:
    """Indiana restricts keis to non-interstates, with no posted-speed figure to weigh the road against."""
    answer = answerer.answer("can a kei truck in indiana go on a 45 mph road?")
    assert answer.answered and ids(answer) == ["state-in"]
    assert "A road posted 45 mph" not in answer.text


# ------------------------------------------------------------------ conversation


def test_a_follow_up_after_a_declined_turn_continues_the_last_answered_question(answerer: Answerer) -> None:
    """The spark-plug price got a did-you-mean, not an answer: "what about mine, a 1994?" still asks about
    Texas, not spark plugs."""
    conversation = Conversation()
    answerer.answer("is a kei truck legal in texas", conversation)
    declined = answerer.answer("how much do spark plugs cost", conversation)
    assert not declined.answered
    answer = answerer.answer("what about mine, a 1994?", conversation)
    assert answer.intent == "state_legality" and ids(answer) == ["state-tx"] and answer.year == 1994

"""Twelfth session: what the sourced sets' once-unread halves showed when they were read (the running-hot question
worded without "overheating", ...)."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer
from bot.core.matching import reading_examples
from bot.core.understand import understand


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


@pytest.mark.parametrize(
    "question",
    [
        "temp needle on my 95 carry is climbing toward H on a hot day, hauling mulch up a long hill. what should i do "
        "right now before it cooks itself",
        "temperature keeps creeping up on the hill with a load, what do i do",
    ],
)
def test_a_temperature_rising_is_the_engine_running_hot(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.answered
    assert "overheating" in ids(answer)[0]  # (the hills entry leads for a truck that runs hot on a climb)


def test_a_temperature_gauge_that_does_not_rise_is_not_running_hot(answerer: Answerer) -> None:
    # (no rising word: the gauge itself is the question, not overheating)
    answer = answerer.answer("temp gauge on my hijet doesnt work at all, needle stays on C")
    assert "overheating-while-driving" not in ids(answer)


def _entry_ids(answerer: Answerer, boosts: dict[int, float]) -> set[str]:
    return {answerer.index.entries[index].id for index in boosts}


def test_a_question_worded_like_an_example_question_moves_its_entry_up(answerer: Answerer) -> None:
    # ("how do i store my kei truck for the winter" is one of the storage entry's example questions)
    boosts = answerer.index._example_boosts(["stor", "winter"], unknown=0)
    assert _entry_ids(answerer, boosts) == {"storing-kei-long-term"}
    assert all(0 < boost <= 0.1 for boost in boosts.values())


def test_one_shared_word_with_an_example_question_is_no_evidence(answerer: Answerer) -> None:
    # "parts store" shares only "store" with the storage entry's example
    assert answerer.index._example_boosts(["part", "stor", "say", "engin"], unknown=0) == {}
    assert answerer.index._example_boosts(["stor"], unknown=0) == {}


def test_examples_alike_in_several_entries_settle_nothing(answerer: Answerer) -> None:
    # (review 17: "U42T frame rust and 4wd problems" is like three entries' examples once the code is a slot; lifted
    # together, the general inspection checklist answered for the U42T's own frame entry)
    u = understand("U42T frame rust and 4wd problems", answerer.lexicon)
    tokens = answerer.index.question_tokens(u)
    assert answerer.index._example_boosts(tokens, unknown=0) == {}
    assert not answerer.answer("U42T frame rust and 4wd problems").answered


def test_a_did_you_mean_settled_by_an_example_question_is_answered(answerer: Answerer, monkeypatch) -> None:
    question = "kei van vs kei truck - does customs classify them differently for duty?"
    answer = answerer.answer(question)
    assert answer.answered and "federal-import-duty" in ids(answer)
    # (no examples: the first reading's answer)
    monkeypatch.setattr(answerer.index, "example_posting_lists", {})
    assert not answerer.answer(question).answered


def test_example_questions_count_only_on_the_second_reading(answerer: Answerer) -> None:
    # (read so every time, answers that were right changed: "can i register a hijet or a delica in texas" went to the
    # Delica entry)
    u = understand(
        "kei van vs kei truck - does customs classify them differently for duty?", answerer.lexicon
    )
    plain = {m.entry.id: m.score for m in answerer.index.rank(u)}
    with reading_examples():
        worded_like = {m.entry.id: m.score for m in answerer.index.rank(u)}
    assert worded_like["federal-import-duty"] > plain["federal-import-duty"]
    assert {m.entry.id: m.score for m in answerer.index.rank(u)} == plain  # (off again after it)


def test_a_governor_removal_is_refused_with_the_rule_it_breaks(answerer: Answerer) -> None:
    answer = answerer.answer(
        "can i pull the 25 mph governor off my EPA-certified offroad mini truck once it's here?"
    )
    assert not answer.answered  # a refusal, not an answer
    assert "tampering" in answer.text and answer.sources


# Trial 47
@pytest.mark.parametrize(
    ("question", "state"),
    [
        ("anyone in bama driving a carry on the road legally? what are the rules", "AL"),
        ("kei truck legal in sconnie?", "WI"),
        ("anyone in the mitten registered a mini truck? SOS gave me a weird look", "MI"),  # (trial 48)
    ],
)
def test_an_informal_state_name_is_the_state(answerer: Answerer, question: str, state: str) -> None:
    answer = answerer.answer(question)
    assert answer.state == state and ids(answer)[0] == f"state-{state.lower()}"


def test_a_sports_cheer_is_chatter_not_a_shipping_question(answerer: Answerer) -> None:
    answer = answerer.answer("roll tide!")  # ("roll" is no roll-on/roll-off question)
    assert not answer.answered and answer.intent == "out_of_scope"


@pytest.mark.parametrize(
    "question",
    [
        "GA kei truck law 2024, what speed roads can i drive on",
        "kentuky - can i drive my mini truck on state highways or just county roads? bowling green",
    ],
)
def test_a_one_state_question_gets_no_entry_on_driving_in_other_states(
    answerer: Answerer, question: str
) -> None:
    assert "legal-driving-other-states" not in ids(answerer.answer(question))


@pytest.mark.parametrize(
    "question",
    [
        "visiting my sister in georgia, can i drive my carry there on my TN plates",
        "can i drive my kei truck in texas on a road trip",
    ],
)
def test_driving_somewhere_else_still_gets_the_entry_on_it(answerer: Answerer, question: str) -> None:
    assert "legal-driving-other-states" in ids(answerer.answer(question))


def test_a_generations_sheet_answers_what_the_entry_on_one_part_leaves_out(answerer: Answerer) -> None:
    # (trial 47 asked it with "the supercharger", which stays a did-you-mean: the stemmer keeps the part apart from
    # "supercharged", and made one topic they sent "timing belt interval on the EN07Y supercharged sambar" to the
    # supercharger's problems)
    answer = answerer.answer(
        "is the KS4 sambar the one with the supercharged engine and 4 wheel independent suspension"
    )
    assert answer.answered and ids(answer)[0] == "sambar-ks3-ks4-specs"
    assert "four-wheel independent suspension" in answer.text and "supercharged 55 PS" in answer.text


@pytest.mark.parametrize(
    "question",
    ["are my texas plates good in oklahoma", "will michigan cops pull me over for a kei with indiana plates"],
)
def test_two_states_keep_the_entry_on_driving_in_other_states(answerer: Answerer, question: str) -> None:
    # (review 17: dropped for two states too, these lost the one entry that answers them)
    assert "legal-driving-other-states" in ids(answerer.answer(question))


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("what roads can my atv go on in florida", "That's an ATV (four-wheeler), not a kei truck"),
        (
            "my kid's 4 wheeler in orange county FL, not a kei or anything. what roads can it legally go on?",
            "That's an ATV (four-wheeler), not a kei truck",
        ),
        # (a generic name the label already gives: not "A Side By Side is a UTV or side-by-side")
        (
            "can my side by side go on county roads in missouri",
            "That's a UTV or side-by-side, not a kei truck",
        ),
        ("can i drive my polaris ranger on the road in texas", "A Polaris Ranger is a UTV or side-by-side"),
    ],
)
def test_an_atv_is_another_vehicle(answerer: Answerer, question: str, opening: str) -> None:
    answer = answerer.answer(question)
    assert not answer.answered and answer.text.startswith(opening)


def test_a_kei_titled_as_an_atv_is_still_a_kei_question(answerer: Answerer) -> None:
    answer = answerer.answer("can i title my kei truck as an atv in montana")
    assert answer.answered and answer.state == "MT"


@pytest.mark.parametrize(
    "tokens", [["stor", "winter"], ["duti", "van", "classifi", "custom"], ["vin", "character"]]
)
def test_close_examples_are_the_same_summed_either_way(answerer: Answerer, tokens: list[str]) -> None:
    index = answerer.index
    hit = [t for t in tokens if t in index.example_posting_lists]
    norm = sum(index.idf[t] ** 2 for t in tokens if t in index.idf) ** 0.5
    small = sorted(index._close_examples_small(hit, norm))
    large = sorted(index._close_examples_large(hit, norm))
    assert [owner for owner, _ in small] == [owner for owner, _ in large]
    assert [round(s, 9) for _, s in small] == [round(s, 9) for _, s in large]


def test_any_us_seller_asks_where_parts_come_from(answerer: Answerer) -> None:
    # (trial 48: it had the clutch-slipping repair entry)
    answer = answerer.answer("need a clutch kit for DA63T, any US seller?")
    assert answer.answered and answer.entries[0].kind == "parts"

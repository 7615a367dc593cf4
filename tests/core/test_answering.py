"""The answering policy on the tiny fixture knowledge base: routing, thresholds, follow-ups, the contract."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.answering import ANSWER_THRESHOLD, Answerer, Conversation
from bot.core.understand import understand

CONTRACT_KEYS = {
    "question", "answered", "intent", "state", "model", "year", "entries", "sources", "last_verified",
    "confidence", "suggestions", "text",
}  # fmt: skip
INTENTS = {"state_legality", "federal_import", "model_spec", "maintenance", "parts", "buying", "compare",
           "out_of_scope", "unknown"}  # fmt: skip


def assert_contract(obj: dict) -> None:
    assert set(obj) == CONTRACT_KEYS
    assert isinstance(obj["answered"], bool)
    assert obj["intent"] in INTENTS
    assert obj["state"] is None or re.fullmatch(r"[A-Z]{2}", obj["state"])
    assert obj["year"] is None or isinstance(obj["year"], int)
    assert 0.0 <= obj["confidence"] <= 1.0
    assert all(set(e) == {"id", "kind", "title", "score"} for e in obj["entries"])
    assert all(set(s) == {"title", "url"} for s in obj["sources"])
    if obj["answered"]:
        assert obj["sources"], "an answer must cite sources"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", obj["last_verified"])
    assert isinstance(obj["text"], str) and obj["text"]


def test_state_question_answers_from_the_state_entry(mini_answerer: Answerer) -> None:
    answer = mini_answerer.answer("is my 98 carry legal in texas?")
    assert (answer.answered, answer.intent, answer.state, answer.model, answer.year) == (
        True, "state_legality", "TX", "Suzuki Carry", 1998)  # fmt: skip
    assert [e.id for e in answer.entries] == ["state-tx"]
    assert "Not legal advice — confirm with Texas DMV (<https://www.txdmv.gov/>)" in answer.text
    assert "https://www.txdmv.gov/" in [s["url"] for s in answer.sources]
    assert "_Last verified: 2026-11-25._" in answer.text


def test_condition_the_question_asks_about_comes_first(mini_answerer: Answerer) -> None:
    answer = mini_answerer.answer("texas inspection for a kei truck?")
    assert "- **Inspection:** Normal state inspection applies." in answer.text


def test_stale_entry_is_flagged(mini_answerer: Answerer) -> None:
    answer = mini_answerer.answer("oregon kei truck registration")
    assert answer.stale
    assert "due for review since 2026-06-20" in answer.text
    assert answer.stale_note is not None and "due for review since 2026-06-20" in answer.stale_note
    assert "due for review" not in answer.body


@pytest.mark.parametrize(
    "question",
    [
        "is it legal in texas?",  # an answer with sources and a not-legal-advice footer
        "can the export cert be edited to say 1999 instead of 2001?",  # a decline that cites its sources
        "belt or 4wd?",  # a decline with suggestions
        "xyzzy plugh",  # an honest miss, logged
    ],
)
def test_body_is_the_text_without_what_adapters_show_on_their_own(
    mini_answerer: Answerer, question: str
) -> None:
    answer = mini_answerer.answer(question)
    assert answer.body.strip()
    for shown_elsewhere in (
        "**Sources**",
        "_Last verified",
        "_Not legal advice",
        "Did you mean:",
        "\n- http",
    ):
        assert shown_elsewhere not in answer.body
    assert all(line in answer.text for line in answer.body.splitlines())


def test_follow_up_changes_the_state_and_keeps_the_intent(mini_answerer: Answerer) -> None:
    conversation = Conversation()
    first = mini_answerer.answer("can i register a kei truck in texas", conversation)
    second = mini_answerer.answer("ok what about oklahoma then", conversation)
    assert first.state == "TX"
    assert (second.answered, second.intent, second.state) == (True, "state_legality", "OK")


def test_follow_up_keeps_the_model_for_a_new_topic(mini_answerer: Answerer) -> None:
    conversation = Conversation()
    mini_answerer.answer("timing belt interval on a 96 acty?", conversation)
    answer = mini_answerer.answer("ok and should i do the water pump at the same time?", conversation)
    assert (answer.answered, answer.model, answer.year) == (True, "Honda Acty", 1996)
    assert answer.entries[0].id == "acty-timing-belt"


def test_follow_up_build_date_recomputes_eligibility(mini_answerer: Answerer) -> None:
    conversation = Conversation()
    first = mini_answerer.answer("is a 2001 suzuki carry importable yet?", conversation)
    assert "depends on the build month" in first.text
    second = mini_answerer.answer("what if the build date is december 2001 tho", conversation)
    assert (second.intent, second.year, second.model) == ("federal_import", 2001, "Suzuki Carry")
    assert "not yet eligible" in second.text and "December 2026" in second.text


def test_without_a_conversation_there_is_no_carry_over(mini_answerer: Answerer) -> None:
    mini_answerer.answer("can i register a kei truck in texas")
    answer = mini_answerer.answer("ok what about it then")
    assert answer.state is None


def test_unknown_in_domain_question_is_an_honest_miss(mini_answerer: Answerer) -> None:
    answer = mini_answerer.answer("what colour paint codes did the acty come in?")
    assert (answer.answered, answer.entries, answer.sources) == (False, (), ())
    assert answer.intent in ("unknown", "model_spec")
    assert "won't guess" in answer.text or "rather than guess" in answer.text
    assert "paint" not in answer.text  # the decline never repeats the question


def test_off_topic_is_out_of_scope(mini_answerer: Answerer) -> None:
    answer = mini_answerer.answer("write me a poem about the sea")
    assert (answer.answered, answer.intent) == (False, "out_of_scope")


def test_fraud_is_declined_with_the_real_rule(mini_answerer: Answerer) -> None:
    answer = mini_answerer.answer("can the export cert be edited to say 1999 instead of 2001?")
    assert (answer.answered, answer.intent) == (False, "out_of_scope")
    assert "can't help" in answer.text
    assert answer.sources  # the relevant fact is stated with its source
    # and no date is worked out for the altered year (nor the real one: which is which is what is in doubt)
    assert "eligible" not in answer.text.split("**Sources**")[0].replace("Eligibility", "")


def test_too_new_truck_gets_the_computed_answer(mini_answerer: Answerer) -> None:
    answer = mini_answerer.answer("can i import a 2015 carry?")
    assert (answer.answered, answer.intent, answer.year) == (True, "federal_import", 2015)
    assert "not yet eligible" in answer.text and "2040" in answer.text


def test_legal_question_without_state_asks_which_state(mini_answerer: Answerer) -> None:
    answer = mini_answerer.answer("is it street legal to drive one on the highway?")
    assert not answer.answered
    assert "Which state?" in answer.text


def test_profile_fills_my_state(mini_answerer: Answerer) -> None:
    class Profile:
        home_state = "PA"
        model = "Honda Acty"
        year = 1995

    answer = mini_answerer.answer("is it legal in my state?", profile=Profile())
    assert (answer.answered, answer.state) == (True, "PA")
    answer = mini_answerer.answer("timing belt on my truck", profile=Profile())
    assert (answer.model, answer.year) == ("Honda Acty", 1995)


def test_threshold_policy(mini_answerer: Answerer) -> None:
    strong = mini_answerer.answer("timing belt interval on an acty")
    assert strong.answered and strong.confidence >= ANSWER_THRESHOLD


def test_state_overview_is_computed_from_state_entries(mini_answerer: Answerer) -> None:
    answer = mini_answerer.answer("which states can you drive a kei truck in legally?")
    assert answer.answered and answer.state is None
    assert "Not registrable for road use** (1): OR" in answer.text
    assert "Off-road use only** (1): PA" in answer.text


def test_text_never_contains_the_raw_question(mini_answerer: Answerer) -> None:
    hostile = "@everyone [click](https://evil.example) <@123> is it legal in texas"
    answer = mini_answerer.answer(hostile)
    assert (
        "@everyone" not in answer.text and "evil.example" not in answer.text and "<@123>" not in answer.text
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_no_input_makes_the_core_raise(mini_answerer: Answerer, question: str) -> None:
    conversation = Conversation()
    for _ in range(2):
        answer = mini_answerer.answer(question, conversation)
        assert_contract(answer.to_contract())
        assert "@everyone" not in answer.text and "@here" not in answer.text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["texas", "acty", "'98", "OR", "timing belt", "import", "vs", "@here",
                                 "\u200b", "\u202e", "ｔｅｘａｓ", "karry", "my state", "which states", "?",
                                 "december 2000", "ok", "what about", "\x00", "e\u0301\u0301\u0301"]),
                max_size=12))  # fmt: skip
def test_word_salad_from_the_domain_never_raises(mini_answerer: Answerer, parts: list[str]) -> None:
    assert_contract(mini_answerer.answer(" ".join(parts)).to_contract())


def test_full_width_and_invisible_characters_are_understood(mini_answerer: Answerer) -> None:
    u = understand("ｔｅｘａｓ\u200b ｋｅｉ ｔｒｕｃｋ", mini_answerer.lexicon)
    assert u.state == "TX"


def test_huge_input_is_truncated_not_fatal(mini_answerer: Answerer) -> None:
    answer = mini_answerer.answer("texas " * 50_000)
    assert len(answer.question) <= 2000
    assert_contract(answer.to_contract())


def test_noise_is_not_read_as_a_state_or_a_topic(answerer: Answerer) -> None:
    """Letters inside random text ("ǌ" is "nj" after NFKC, "n j" looks like N.J.) must not become answers."""
    for noise in (
        "ゐ ǌ メ ヶ 椭 ろ 弽 讨",
        "q w e r t y u i o p",
        "リヺ メ vz ひ n j l ぱ",
        "e 秧 ゾ 觽 ヸ t l",
    ):
        answer = answerer.answer(noise)
        assert not answer.answered, (noise, answer.intent, answer.state)
    assert answerer.answer("nj").state == "NJ"  # the same letters alone, or with context, are the state
    assert answerer.answer("kei truck legal in n.j.?").state == "NJ"


def test_answer_entry_builds_the_answer_for_a_suggestion(answerer: Answerer) -> None:
    for entry in answerer.kb.entries:
        answer = answerer.answer_entry(entry.id)
        assert answer is not None and answer.answered
        assert answer.entries[0].id == entry.id and answer.intent == entry.kind.intent
        assert answer.sources and answer.last_verified
    assert answerer.answer_entry("no-such-entry") is None

"""The real knowledge base: complete, sourced, dated, and answering at the accuracy floors."""

from __future__ import annotations

import datetime as dt
import math
import os
from collections import Counter
from pathlib import Path

import pytest

from bot.core.answering import Answerer, Conversation
from bot.core.knowledge import MIRROR_HOSTS_FILE, KnowledgeBase, load_dir, load_host_rules
from bot.core.places import STATE_NAMES
from bot.core.schema import STATE_CODES, Kind
from bot.evaluation import DEFAULT_QUESTIONS, EvalResult, evaluate, load_questions

HERE = Path(__file__).resolve().parent


def test_all_51_jurisdictions_are_present(real_kb: KnowledgeBase) -> None:
    assert set(real_kb.by_state) == STATE_CODES
    assert len(STATE_CODES) == 51
    load_dir(HERE.parent.parent / "knowledge", require_all_states=True)  # the loader agrees


def test_every_entry_is_sourced_and_dated(real_kb: KnowledgeBase) -> None:
    for entry in real_kb.entries:
        assert entry.sources, entry.id
        assert all(s.url.startswith(("http://", "https://")) for s in entry.sources), entry.id
        assert dt.date(2020, 1, 1) <= entry.last_verified <= entry.review_by, entry.id
        limit = 186 if entry.kind.is_legal else 731
        assert (entry.review_by - entry.last_verified).days <= limit, entry.id


def test_ids_and_aliases_are_unique(real_kb: KnowledgeBase) -> None:
    ids = [e.id for e in real_kb.entries]
    assert len(ids) == len(set(ids))
    seen: dict[tuple[str, str | None, str | None], str] = {}
    for entry in real_kb.entries:
        for alias in entry.aliases:
            key = (" ".join(alias.casefold().split()), entry.model, entry.state)
            assert seen.setdefault(key, entry.id) == entry.id, f"{alias!r} in {entry.id} and {seen[key]}"


def test_every_model_family_has_an_overview(real_kb: KnowledgeBase) -> None:
    families = {e.model for e in real_kb.entries if e.family}
    assert {"Honda Acty", "Suzuki Carry", "Subaru Sambar", "Daihatsu Hijet", "Mitsubishi Minicab"} <= families


@pytest.mark.parametrize("code", sorted(STATE_CODES))
def test_every_state_gets_a_sourced_dated_answer(answerer: Answerer, code: str) -> None:
    answer = answerer.answer(f"can I register and drive a kei truck in {STATE_NAMES[code]}?")
    assert (answer.answered, answer.intent, answer.state) == (True, "state_legality", code)
    assert answer.entries[0].id == f"state-{code.lower()}"
    assert answer.sources and answer.last_verified
    assert "Not legal advice" in answer.text


def test_state_entries_name_a_status_and_a_dmv(real_kb: KnowledgeBase) -> None:
    for entry in real_kb.entries:
        if entry.kind is Kind.STATE_RULE:
            assert entry.status is not None and entry.dmv is not None and entry.summary, entry.id


def _score(answerer: Answerer, path: Path) -> EvalResult:
    conversations: dict[str, Conversation] = {}
    return evaluate(
        load_questions(path),
        lambda q, key: answerer.answer(q, conversations.setdefault(key, Conversation())).to_contract(),
    )


# Floors a few points under the figures measured at the end of 2026-12-06 (held-out 169/200 correct, 0 wrong;
# sample 77/78, 0 wrong): losing more than a handful of answers fails here.
def test_held_out_questions_meet_the_floor(answerer: Answerer) -> None:
    """200 questions written without looking at the knowledge base's wording."""
    result = _score(answerer, HERE / "heldout.jsonl")
    # 84.5%: answerability turns near misses into did-you-mean
    assert result.correct_rate >= 0.80, result.summary()
    assert result.wrong_rate <= 0.025, result.summary()


def test_sample_questions_meet_the_bar(answerer: Answerer) -> None:
    if not DEFAULT_QUESTIONS.exists():
        message = f"{DEFAULT_QUESTIONS} is not beside the repo"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}; CI=true, where shared/ is copied beside the clone, so it must run")
        pytest.skip(message)
    result = _score(answerer, DEFAULT_QUESTIONS)
    assert result.correct_rate >= 0.94, result.summary()  # 98.7% (77/78) at the routing level
    assert result.wrong_rate <= 0.015, result.summary()


def test_state_answer_adds_a_general_topic_only_when_asked(answerer: Answerer) -> None:
    plain = answerer.answer("is my 98 carry legal in pennsylvania?")
    assert [e.id for e in plain.entries] == ["state-pa"]
    asked = answerer.answer("if texas bans kei trucks does my registration get grandfathered")
    assert [e.id for e in asked.entries] == ["state-tx", "legal-grandfathering"]


# (question, expected (answered, intent, state, first entry id or None to skip)) in one conversation
CONVERSATIONS = [
    [("is it legal in utah", (True, "state_legality", "UT", "state-ut")),
     ("what oil should I use", (True, "maintenance", None, None)),
     ("thanks", (False, "unknown", None, None))],
    [("is a carry legal in kansas", (True, "state_legality", "KS", "state-ks")),
     ("how about the timing belt", (True, "maintenance", None, None)),
     ("what about nebraska", (True, "state_legality", "NE", "state-ne")),
     ("is it legal there too?", (True, "state_legality", "NE", "state-ne"))],
    [("can i import a 2001 sambar", (True, "federal_import", None, None)),
     ("what about a 2003", (True, "federal_import", None, None)),
     ("is it legal in pa", (True, "state_legality", "PA", "state-pa"))],
    [("can i register a kei truck in texas", (True, "state_legality", "TX", "state-tx")),
     ("ok what about oklahoma then", (True, "state_legality", "OK", "state-ok"))],
]  # fmt: skip


@pytest.mark.parametrize("turns", CONVERSATIONS, ids=[c[0][0] for c in CONVERSATIONS])
def test_follow_ups_keep_or_drop_context_as_a_person_would(answerer: Answerer, turns: list) -> None:
    conversation = Conversation()
    for question, (answered, intent, state, first) in turns:
        answer = answerer.answer(question, conversation)
        assert (answer.answered, answer.intent, answer.state) == (answered, intent, state), question
        if first:
            assert answer.entries[0].id == first, question


def test_a_too_new_truck_gets_the_federal_rule_before_the_state_rule(answerer: Answerer) -> None:
    answer = answerer.answer("is a 2004 carry legal in texas")
    assert (answer.intent, answer.state) == ("state_legality", "TX")
    assert answer.text.startswith(
        "**First, the federal rule:** a 2004 truck is too new to import for road use."
    )
    assert "federal-25-year-rule" in [e.id for e in answer.entries]
    assert "First, the federal rule" not in answerer.answer("is a 1998 carry legal in texas").text


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("towing capacity of a hijet?", "kei-towing-trailer"),  # the towing entry: no official rating
        ("how much can a carry tow", "kei-towing-trailer"),
    ],
)
def test_towing_questions_get_the_entry_that_covers_towing(
    answerer: Answerer, question: str, entry_id: str
) -> None:
    answer = answerer.answer(question)
    assert answer.answered and answer.entries[0].id == entry_id
    assert "no manufacturer towing rating" in answer.text


def test_rust_prevention_words_point_at_maintenance(answerer: Answerer) -> None:
    answer = answerer.answer(
        "best way to rustproof a kei truck before winter? they salt the roads like crazy"
    )
    assert answer.intent == "maintenance"
    assert answer.entries[0].id == "rustproofing-underbody"  # prevention, before frame-rust triage


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("fuel tank size hijet", "kei-fuel-tank"),  # not the bed-size entry, which only shares "size"
        ("what oil weight for an F6A", "oil-change-general"),  # oil weight is viscosity, not curb weight
        ("how much does a kei truck weigh", "kei-curb-weight"),
    ],
)
def test_words_that_mean_different_things_in_different_phrases(
    answerer: Answerer, question: str, entry_id: str
) -> None:
    answer = answerer.answer(question)
    assert answer.answered and answer.entries[0].id == entry_id


def test_no_source_sits_on_a_mirror_scraper_or_staging_host() -> None:
    """The same check as `keibot kb check`: canonical pages first, copies only as labelled later links."""
    root = HERE.parent.parent / "knowledge"
    rules = load_host_rules(root / MIRROR_HOSTS_FILE)
    assert rules
    load_dir(root, mirror_hosts=rules)


def test_review_dates_are_spread_over_many_weeks(real_kb: KnowledgeBase) -> None:
    """No week carries more than about a tenth of the reviews, so curators are never swamped at once."""
    weeks = Counter(entry.review_by.isocalendar()[:2] for entry in real_kb.entries)
    busiest, count = weeks.most_common(1)[0]
    assert count <= max(5, math.ceil(0.10 * len(real_kb.entries))), (busiest, count)


def test_legal_entries_with_pending_bills_are_reviewed_sooner(real_kb: KnowledgeBase) -> None:
    for entry in real_kb.entries:
        if entry.kind in (Kind.STATE_RULE, Kind.LEGAL_TOPIC) and any(c.pending for c in entry.changes):
            assert (entry.review_by - entry.last_verified).days <= 125, entry.id

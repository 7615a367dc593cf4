"""Answer-level grading (does the text hold the asked fact) and floors on the sets graded that way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.core.answering import Answerer, Conversation
from bot.core.knowledge import load_dir
from bot.evaluation import answer_body, evaluate, grade, load_questions

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT.parent / "shared" / "eval" / "dev-must.jsonl"


def test_the_source_list_cannot_satisfy_a_pattern() -> None:
    text = "Yes, it is.\n\n**Sources**\n- Timing belt guide: <https://example.org>\n\n_Last verified: 2026-01-01._"
    assert "Timing belt" not in answer_body(text)
    item = {"id": "x", "question": "q", "must": ["(?i)timing belt"]}
    assert grade(item, {"answered": True, "text": text})[0] == "wrong"
    assert grade(item, {"answered": True, "text": "Change the timing belt."})[0] == "correct"


def test_declines_forbids_and_routing_sets_are_graded_apart() -> None:
    item = {"id": "x", "question": "q", "must": ["x"], "forbid": ["(?i)oregon"]}
    assert grade(item, {"answered": False, "text": ""})[0] == "miss"
    assert grade({**item, "decline_ok": True}, {"answered": False, "text": ""})[0] == "correct"
    assert grade(item, {"answered": True, "text": "x in Oregon"})[0] == "wrong"
    routing = {"id": "y", "question": "q", "intent": "out_of_scope"}
    assert grade(routing, {"answered": False, "intent": "out_of_scope"})[0] == "correct"


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(load_dir(ROOT / "knowledge"))


def _run(answerer: Answerer, path: Path):
    conversations: dict[str, Conversation] = {}
    return evaluate(
        load_questions(path),
        lambda q, key: answerer.answer(q, conversations.setdefault(key, Conversation())).to_contract(),
    )


@pytest.mark.parametrize(
    ("name", "min_answers", "max_wrong"),
    # a few points under the figures measured when these floors were set (README, Accuracy): the held-out split
    # measured 19.3% wrong (11 of 57) after the ninth harvest brought one wrong answer in with its 2 questions
    [("work.jsonl", 0.86, 0.04), ("heldout.jsonl", 0.46, 0.22)],
)
def test_real_owner_questions_meet_the_floor(
    answerer: Answerer, name: str, min_answers: float, max_wrong: float
) -> None:
    result = _run(answerer, ROOT / "eval" / "real" / name)
    assert result.total >= 25
    assert result.correct_rate >= min_answers and result.wrong_rate <= max_wrong, result.summary()


def test_sample_questions_meet_the_floor_at_the_answer_level(answerer: Answerer) -> None:
    if not SAMPLE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SAMPLE} is missing; CI lays ../shared beside the checkout")
        pytest.skip("../shared is not beside this checkout")
    result = _run(answerer, SAMPLE)
    assert result.correct_rate >= 0.95 and result.wrong_rate <= 0.02, result.summary()  # 77/78, 1 wrong

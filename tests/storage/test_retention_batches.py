"""Issue 12 #3: retention deletes in bounded batches, so a big backlog is pruned instead of one DELETE
that times out and rolls back every day."""

from __future__ import annotations

import pytest

from bot.storage import Feedback, QuestionRecord, ResilientStorage, Storage, resilient
from bot.storage.base import PRUNE_BATCH

from .conftest import Backend

OLD = 2_500


async def backlog(backend: Backend, rows: int) -> None:
    """``rows`` questions asked in 2020, inserted in one statement."""
    if backend.name == "sqlite":
        await backend.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            " INSERT INTO questions (question_text, confidence, answered, asked_at)"
            " SELECT 'old', 0, 0, '2020-01-01T00:00:00.000000Z' FROM n",
            rows,
        )
    else:
        await backend.execute(
            "INSERT INTO questions (question_text, confidence, answered, asked_at)"
            " SELECT 'old', 0, false, '2020-01-01T00:00:00Z'::timestamptz FROM generate_series(1, ?::int)",
            rows,
        )


async def test_a_batch_deletes_at_most_its_limit_oldest_first(backend: Backend, storage: Storage) -> None:
    await backlog(backend, OLD)
    qid = await storage.log_question(QuestionRecord("recent"))
    voted = await storage.record_feedback(Feedback("e1", 1, "outdated", reason="kept"))
    assert voted
    assert [await storage.prune_questions_batch(30, 1_000) for _ in range(4)] == [1_000, 1_000, 500, 0]
    assert [r.id for r in await storage.unanswered(threshold=2.0)] == [qid]


async def test_prune_questions_runs_in_batches_until_done(backend: Backend, storage: Storage) -> None:
    await backlog(backend, PRUNE_BATCH + 7)
    assert await storage.prune_questions(30) == PRUNE_BATCH + 7
    assert await storage.unanswered(threshold=2.0) == []


async def test_the_resilient_wrapper_prunes_in_batches_each_under_the_call_timeout(
    backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resilient, "PRUNE_BATCH", 1_000)  # smaller batches than production, same code
    inner = backend.make()
    storage = ResilientStorage(inner, call_timeout=5.0)
    await storage.open()
    await backlog(backend, OLD)
    calls: list[int] = []
    original = inner.prune_questions_batch

    async def counting(days: float, limit: int = PRUNE_BATCH) -> int:
        calls.append(limit)
        return await original(days, limit)

    monkeypatch.setattr(inner, "prune_questions_batch", counting)
    assert await storage.prune_questions(30) == OLD
    assert calls == [1_000, 1_000, 1_000]  # 1,000 + 1,000 + 500: three short statements, not one long one
    assert storage.dropped_writes == 0

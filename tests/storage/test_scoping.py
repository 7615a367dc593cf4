"""Per-server reads (issue 12 #1): a guild's gaps, stats and reports never include DMs or other guilds."""

from __future__ import annotations

from bot.storage import Feedback, QuestionRecord, Storage

G1, G2 = 11, 22


async def test_reads_scoped_to_one_guild(storage: Storage) -> None:
    await storage.log_question(QuestionRecord("g1 gap", guild_id=G1))
    await storage.log_question(QuestionRecord("g2 gap", guild_id=G2))
    await storage.log_question(QuestionRecord("dm gap", guild_id=None))
    await storage.log_question(
        QuestionRecord("hit", entry_id="e1", answered=True, confidence=0.9, guild_id=G1)
    )
    await storage.log_question(
        QuestionRecord("hit", entry_id="e2", answered=True, confidence=0.9, guild_id=G2)
    )
    await storage.record_feedback(Feedback("e1", 1, "outdated", reason="r1", guild_id=G1))
    await storage.record_feedback(Feedback("e2", 1, "outdated", reason="r2", guild_id=G2))
    await storage.record_feedback(Feedback("e2", 2, "outdated", reason="dm"))

    assert [r.question_text for r in await storage.unanswered(guild_id=G1)] == ["g1 gap"]
    assert {r.question_text for r in await storage.unanswered()} == {"g1 gap", "g2 gap", "dm gap"}
    assert [s.entry_id for s in await storage.entry_stats(guild_id=G1)] == ["e1"]
    assert [(s.entry_id, s.hits, s.outdated) for s in await storage.entry_stats(guild_id=G2)] == [
        ("e2", 1, 1)
    ]
    assert {s.entry_id for s in await storage.entry_stats()} == {"e1", "e2"}
    assert [r.reason for r in await storage.outdated_reports(guild_id=G1)] == ["r1"]
    assert len(await storage.outdated_reports()) == 3

"""One suite, run against both backends (see ``backend`` in conftest): every table and method."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.storage import USER_TABLES, ResilientStorage, StorageError
from bot.storage.base import Storage
from bot.storage.models import (
    AuditEvent,
    EntryStats,
    Feedback,
    FeedbackSummary,
    GuildSettings,
    Profile,
    QuestionRecord,
    Snapshot,
    Subscription,
    utcnow,
)
from bot.storage.postgres import LATEST_VERSION as PG_LATEST
from bot.storage.sqlite import LATEST_VERSION

from .conftest import Backend

SNOWFLAKE = 1_234_567_890_123_456_789  # real Discord ids need 64 bits
NOW = utcnow().replace(microsecond=0)


def q(text: str = "is my carry legal in pa", **kw) -> QuestionRecord:
    return QuestionRecord(text, **kw)


def test_both_dialects_ship_the_same_number_of_migrations() -> None:
    assert LATEST_VERSION == PG_LATEST >= 2


async def test_fresh_database_is_migrated_to_latest(storage: Storage) -> None:
    assert await storage.schema_version() == LATEST_VERSION


async def test_open_twice_and_close_twice_are_harmless(backend: Backend) -> None:
    storage = await backend.open()
    await storage.open()  # a second open keeps the same, working connection
    qid = await storage.log_question(q("opened twice"))
    assert [r.id for r in await storage.unanswered()] == [qid]
    await storage.close()
    await storage.close()
    again = await backend.open()  # and a double close left the database usable
    assert [r.question_text for r in await again.unanswered()] == ["opened twice"]
    assert await again.schema_version() == LATEST_VERSION


async def test_data_survives_close_and_reopen(backend: Backend) -> None:
    first = await backend.open()
    qid = await first.log_question(q("timing belt interval ha4"))
    await first.set_profile(Profile(7, "PA"))
    await first.close()
    second = await backend.open()
    assert [r.id for r in await second.unanswered()] == [qid]
    assert await second.get_profile(7) == Profile(7, "PA")


# questions -----------------------------------------------------------------------------------------------


async def test_log_question_round_trips_every_field(storage: Storage) -> None:
    record = QuestionRecord(
        "  Is my ＤＡ63Ｔ   Carry\u200b legal in PA? ",
        intent="legality",
        state="PA",
        model="Suzuki Carry",
        year=1998,
        entry_id="state-pa",
        confidence=0.42,
        answered=False,
        guild_id=SNOWFLAKE,
        channel_id=SNOWFLAKE + 1,
        user_id=SNOWFLAKE + 2,
        asked_at=NOW,
    )
    qid = await storage.log_question(record)
    assert isinstance(qid, int) and qid > 0
    [back] = await storage.unanswered()
    assert back.id == qid
    assert back.question_text == "is my da63t carry legal in pa?"
    assert (back.intent, back.state, back.model, back.year) == ("legality", "PA", "Suzuki Carry", 1998)
    assert (back.entry_id, back.confidence, back.answered) == ("state-pa", 0.42, False)
    assert (back.guild_id, back.channel_id, back.user_id) == (SNOWFLAKE, SNOWFLAKE + 1, SNOWFLAKE + 2)
    assert back.asked_at == NOW and back.asked_at.tzinfo is not None


async def test_unanswered_selects_unanswered_or_low_confidence_newest_first(storage: Storage) -> None:
    ids = {}
    for name, answered, confidence, minutes_ago in [
        ("confident", True, 0.95, 1),
        ("declined", False, 0.1, 2),
        ("shaky", True, 0.3, 3),
        ("suggested", False, 0.7, 4),
        ("old", False, 0.0, 60 * 24 * 10),
    ]:
        ids[name] = await storage.log_question(
            q(name, answered=answered, confidence=confidence, asked_at=NOW - timedelta(minutes=minutes_ago))
        )
    got = [r.question_text for r in await storage.unanswered()]
    assert got == ["declined", "shaky", "suggested", "old"]
    recent = await storage.unanswered(since=NOW - timedelta(days=1))
    assert [r.question_text for r in recent] == ["declined", "shaky", "suggested"]
    naive = await storage.unanswered(since=(NOW - timedelta(days=1)).replace(tzinfo=None))  # taken as UTC
    assert naive == recent
    assert [r.question_text for r in await storage.unanswered(limit=2)] == ["declined", "shaky"]
    strict = await storage.unanswered(threshold=0.99)
    assert "confident" in [r.question_text for r in strict]
    assert [r.question_text for r in await storage.unanswered(threshold=0.0)] == [
        "declined",
        "suggested",
        "old",
    ]


async def test_prune_questions_removes_only_old_rows_and_keeps_their_feedback(storage: Storage) -> None:
    old = await storage.log_question(q("old one", asked_at=NOW - timedelta(days=40)))
    older = await storage.log_question(q("older one", asked_at=NOW - timedelta(days=400)))
    fresh = await storage.log_question(q("fresh one", asked_at=NOW - timedelta(days=2)))
    await storage.record_feedback(Feedback("e1", 1, "outdated", reason="fee changed", question_id=old))
    assert await storage.prune_questions(30) == 2
    assert [r.id for r in await storage.unanswered()] == [fresh]
    assert older not in [r.id for r in await storage.unanswered()]
    [report] = await storage.outdated_reports()
    assert report.question_id is None and report.reason == "fee changed"
    assert await storage.prune_questions(30) == 0


# feedback -----------------------------------------------------------------------------------------------


async def test_feedback_one_opinion_per_user_per_entry_but_every_outdated_report(storage: Storage) -> None:
    qid = await storage.log_question(q())
    await storage.record_feedback(Feedback("e1", 1, "helpful", question_id=qid, guild_id=5))
    # the same user changes their mind
    await storage.record_feedback(Feedback("e1", 1, "not_helpful", question_id=qid, guild_id=5))
    await storage.record_feedback(Feedback("e1", 2, "helpful"))
    await storage.record_feedback(Feedback("e1", 2, "helpful"))  # double click
    await storage.record_feedback(Feedback("e1", 3, "outdated", reason="a"))
    await storage.record_feedback(Feedback("e1", 3, "outdated", reason="b"))
    await storage.record_feedback(Feedback("e2", 1, "helpful"))
    summary = await storage.feedback_summary()
    assert summary == {
        "e1": FeedbackSummary("e1", helpful=1, not_helpful=1, outdated=2),
        "e2": FeedbackSummary("e2", helpful=1),
    }
    assert await storage.feedback_summary("e2") == {"e2": FeedbackSummary("e2", helpful=1)}
    assert await storage.feedback_summary("nope") == {}


async def test_feedback_pointing_at_a_missing_question_is_kept(storage: Storage) -> None:
    fid = await storage.record_feedback(Feedback("e1", 1, "outdated", question_id=987654))
    assert isinstance(fid, int)
    [report] = await storage.outdated_reports()
    assert report.question_id is None


async def test_outdated_reports_newest_first_with_details(storage: Storage) -> None:
    qid = await storage.log_question(q())
    for i in range(5):
        await storage.record_feedback(
            Feedback(
                f"e{i}",
                SNOWFLAKE,
                "outdated",
                reason=f"reason {i}",
                source_url=f"https://dmv.example.gov/{i}",
                question_id=qid,
                guild_id=SNOWFLAKE - 1,
                created_at=NOW - timedelta(hours=5 - i),
            )
        )
    await storage.record_feedback(Feedback("e9", 1, "helpful"))
    reports = await storage.outdated_reports(limit=3)
    assert [r.entry_id for r in reports] == ["e4", "e3", "e2"]
    top = reports[0]
    assert (top.vote, top.reason, top.source_url) == ("outdated", "reason 4", "https://dmv.example.gov/4")
    assert (top.user_id, top.guild_id, top.question_id) == (SNOWFLAKE, SNOWFLAKE - 1, qid)
    assert top.created_at == NOW - timedelta(hours=1)
    assert len(await storage.outdated_reports()) == 5


async def test_entry_stats_counts_hits_answers_and_votes(storage: Storage) -> None:
    for answered in (True, True, True, False):
        await storage.log_question(q(entry_id="pa", answered=answered, confidence=0.9 if answered else 0.4))
    await storage.log_question(q(entry_id="acty", answered=True, confidence=0.9))
    await storage.log_question(q("no match at all"))
    await storage.record_feedback(Feedback("pa", 1, "helpful"))
    await storage.record_feedback(Feedback("pa", 2, "not_helpful"))
    await storage.record_feedback(Feedback("pa", 3, "outdated"))
    await storage.record_feedback(Feedback("only-votes", 3, "not_helpful"))
    stats = await storage.entry_stats()
    assert stats == [
        EntryStats("pa", hits=4, answered=3, helpful=1, not_helpful=1, outdated=1),
        EntryStats("acty", hits=1, answered=1),
        EntryStats("only-votes", not_helpful=1),
    ]
    assert stats[0].miss_rate == pytest.approx(0.25)
    assert stats[0].not_helpful_rate == pytest.approx(0.5)
    assert stats[2].miss_rate == 0.0


# profiles and forgetting ---------------------------------------------------------------------------------


async def test_profiles_round_trip_and_replace(storage: Storage) -> None:
    assert await storage.get_profile(SNOWFLAKE) is None
    await storage.set_profile(Profile(SNOWFLAKE, "PA", "Honda Acty", 1996))
    assert await storage.get_profile(SNOWFLAKE) == Profile(SNOWFLAKE, "PA", "Honda Acty", 1996)
    await storage.set_profile(Profile(SNOWFLAKE, home_state="OR"))
    assert await storage.get_profile(SNOWFLAKE) == Profile(SNOWFLAKE, "OR", None, None)


async def test_forget_user_deletes_the_user_from_every_table_and_nobody_else(storage: Storage) -> None:
    me, other = 111, 222
    for user in (me, other):
        qid = await storage.log_question(q(f"question of {user}", user_id=user, guild_id=1))
        await storage.record_feedback(Feedback("e1", user, "helpful", question_id=qid))
        await storage.record_feedback(Feedback("e1", user, "outdated", reason="x"))
        await storage.set_profile(Profile(user, "PA"))
        await storage.subscribe(Subscription(user, "e1"))
        await storage.subscribe(Subscription(user, "e2", channel_id=9))
        await storage.audit(AuditEvent(1, user, "reload", "kb"))
    counts = await storage.forget_user(me)
    assert counts == {"questions": 1, "feedback": 2, "profiles": 1, "subscriptions": 2, "audit_log": 1}
    assert tuple(counts) == USER_TABLES
    assert await storage.get_profile(me) is None
    assert await storage.subscriptions(me) == []
    assert all(r.user_id != me for r in await storage.unanswered())
    assert all(e.user_id != me for e in await storage.audit_log())
    assert await storage.feedback_summary() == {"e1": FeedbackSummary("e1", helpful=1, outdated=1)}
    # the other user is untouched
    assert await storage.get_profile(other) == Profile(other, "PA")
    assert len(await storage.subscriptions(other)) == 2
    assert [r.user_id for r in await storage.unanswered()] == [other]
    assert [e.user_id for e in await storage.audit_log()] == [other]
    # nothing left to forget
    assert await storage.forget_user(me) == dict.fromkeys(USER_TABLES, 0)


# guild settings ------------------------------------------------------------------------------------------


async def test_guild_settings_default_when_absent(storage: Storage) -> None:
    assert await storage.get_guild_settings(SNOWFLAKE) == GuildSettings(SNOWFLAKE)


async def test_guild_settings_round_trip_update_and_isolation(storage: Storage) -> None:
    settings = GuildSettings(
        SNOWFLAKE,
        answer_channel_ids=frozenset({SNOWFLAKE + 1, 5}),
        forum_channel_ids=frozenset({SNOWFLAKE + 2}),
        auto_answer=False,
        ephemeral_default=False,
        user_cooldown_seconds=2.5,
        entry_dedupe_seconds=120,
    )
    await storage.set_guild_settings(settings)
    assert await storage.get_guild_settings(SNOWFLAKE) == settings
    assert await storage.get_guild_settings(SNOWFLAKE + 9) == GuildSettings(SNOWFLAKE + 9)
    updated = GuildSettings(SNOWFLAKE, answer_channel_ids=frozenset(), auto_answer=True)
    await storage.set_guild_settings(updated)
    assert await storage.get_guild_settings(SNOWFLAKE) == updated


# subscriptions -------------------------------------------------------------------------------------------


async def test_subscriptions(storage: Storage) -> None:
    assert await storage.subscribe(Subscription(1, "e1", created_at=NOW)) is True
    assert (
        await storage.subscribe(Subscription(2, "e1", channel_id=SNOWFLAKE, thread_id=SNOWFLAKE + 1)) is True
    )
    assert await storage.subscribe(Subscription(1, "e2", channel_id=7)) is True
    # subscribing again moves the subscription (e.g. from DM to a channel) and is not "new"
    assert (
        await storage.subscribe(Subscription(1, "e1", channel_id=8, created_at=NOW + timedelta(days=1)))
        is False
    )
    subs = await storage.subscribers("e1")
    assert [(s.user_id, s.channel_id, s.thread_id) for s in subs] == [
        (1, 8, None),
        (2, SNOWFLAKE, SNOWFLAKE + 1),
    ]
    assert subs[0].created_at == NOW  # the original subscription time is kept
    assert [s.entry_id for s in await storage.subscriptions(1)] == ["e1", "e2"]
    assert await storage.unsubscribe(1, "e1") is True
    assert await storage.unsubscribe(1, "e1") is False
    assert [s.user_id for s in await storage.subscribers("e1")] == [2]
    assert await storage.subscribers("nobody") == []


# snapshots -----------------------------------------------------------------------------------------------


async def test_snapshots_upsert_keeps_first_seen_until_the_hash_changes(storage: Storage) -> None:
    t0, t1 = NOW - timedelta(days=3), NOW
    assert await storage.snapshots() == {}
    assert await storage.record_snapshots([]) == 0
    # a generator is fine
    written = await storage.record_snapshots(
        Snapshot(f"e{i}", f"hash{i}", date(2026, 1, i + 1), t0) for i in range(3)
    )
    assert written == 3
    await storage.record_snapshots(
        [
            Snapshot("e0", "hash0", date(2026, 2, 1), t1),  # same content, re-verified
            Snapshot("e1", "CHANGED", date(2026, 2, 1), t1),
            Snapshot("e9", "new", date(2026, 2, 1), t1),
        ]
    )
    snaps = await storage.snapshots()
    assert set(snaps) == {"e0", "e1", "e2", "e9"}
    assert snaps["e0"] == Snapshot("e0", "hash0", date(2026, 2, 1), t0)
    assert snaps["e1"] == Snapshot("e1", "CHANGED", date(2026, 2, 1), t1)
    assert snaps["e2"] == Snapshot("e2", "hash2", date(2026, 1, 3), t0)
    assert snaps["e9"].first_seen == t1


# audit ---------------------------------------------------------------------------------------------------


async def test_audit_log_newest_first_per_guild(storage: Storage) -> None:
    for i in range(4):
        await storage.audit(
            AuditEvent(SNOWFLAKE, 10 + i, f"action{i}", f"detail {i}", NOW + timedelta(seconds=i))
        )
    await storage.audit(AuditEvent(2, 99, "other-guild", at=NOW))
    await storage.audit(AuditEvent(None, None, "cli", "db prune", at=NOW - timedelta(days=1)))
    events = await storage.audit_log(SNOWFLAKE)
    assert [e.action for e in events] == ["action3", "action2", "action1", "action0"]
    assert events[0] == AuditEvent(SNOWFLAKE, 13, "action3", "detail 3", NOW + timedelta(seconds=3))
    assert [e.action for e in await storage.audit_log(SNOWFLAKE, limit=2)] == ["action3", "action2"]
    everything = await storage.audit_log(None, limit=100)
    assert len(everything) == 6 and everything[-1] == AuditEvent(
        None, None, "cli", "db prune", NOW - timedelta(days=1)
    )


# migrations ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("start", range(LATEST_VERSION))
async def test_migrates_from_every_earlier_version(backend: Backend, start: int) -> None:
    old = await backend.open(migrate_to=start)
    assert await old.schema_version() == start
    await old.close()
    if start >= 1:  # data written by an old version must survive (and v1's duplicate votes be cleaned up)
        for vote in ("helpful", "not_helpful") if start == 1 else ("not_helpful",):
            await backend.execute(
                "INSERT INTO feedback (entry_id, user_id, vote, created_at) VALUES (?, ?, ?, ?)",
                "e1",
                5,
                vote,
                "2026-01-01T00:00:00.000000Z" if backend.name == "sqlite" else NOW,
            )
        await backend.execute(
            "INSERT INTO questions (question_text, confidence, answered, asked_at) VALUES (?, ?, ?, ?)",
            "left over",
            0.1,
            0 if backend.name == "sqlite" else False,
            "2026-01-01T00:00:00.000000Z" if backend.name == "sqlite" else NOW,
        )
    storage = await backend.open()
    assert await storage.schema_version() == LATEST_VERSION
    if start >= 1:
        assert [r.question_text for r in await storage.unanswered()] == ["left over"]
        assert await storage.feedback_summary() == {"e1": FeedbackSummary("e1", not_helpful=1)}
    # everything works at the latest version
    await storage.record_feedback(Feedback("e1", 5, "helpful"))
    await storage.audit(AuditEvent(1, 1, "migrated"))
    assert [e.action for e in await storage.audit_log(1)] == ["migrated"]
    assert await storage.feedback_summary("e1") == {"e1": FeedbackSummary("e1", helpful=1)}


async def test_refuses_a_schema_newer_than_the_code(backend: Backend) -> None:
    await (await backend.open()).close()
    if backend.name == "sqlite":
        await backend.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    else:
        await backend.execute("UPDATE schema_version SET version = ?", LATEST_VERSION + 1)
    with pytest.raises(StorageError, match="newer"):
        await backend.open()


async def test_concurrent_opens_migrate_once(backend: Backend) -> None:
    storages = [backend.make() for _ in range(3)]
    await asyncio.gather(*(s.open() for s in storages))
    assert [await s.schema_version() for s in storages] == [LATEST_VERSION] * 3


# concurrency ---------------------------------------------------------------------------------------------


async def test_a_thousand_concurrent_log_writes_all_land(storage: Storage) -> None:
    records = [q(f"question number {i}", user_id=i, asked_at=NOW - timedelta(seconds=i)) for i in range(1000)]
    ids = await asyncio.gather(*(storage.log_question(r) for r in records))
    assert len(set(ids)) == 1000 and all(isinstance(i, int) for i in ids)
    back = await storage.unanswered(limit=5000)
    assert len(back) == 1000
    assert [r.question_text for r in back] == [f"question number {i}" for i in range(1000)]
    assert {r.id for r in back} == set(ids)


async def test_concurrent_mixed_writes_all_land(storage: Storage) -> None:
    await asyncio.gather(
        *(storage.set_profile(Profile(i, "PA")) for i in range(100)),
        *(storage.record_feedback(Feedback("e1", i, "helpful")) for i in range(100)),
        *(storage.subscribe(Subscription(i, "e1")) for i in range(100)),
        *(storage.audit(AuditEvent(1, i, "x")) for i in range(100)),
    )
    assert await storage.feedback_summary() == {"e1": FeedbackSummary("e1", helpful=100)}
    assert len(await storage.subscribers("e1")) == 100
    assert len(await storage.audit_log(1, limit=1000)) == 100
    assert await storage.get_profile(99) == Profile(99, "PA")


# through the resilient wrapper ---------------------------------------------------------------------------


async def test_resilient_wrapper_passes_everything_through_when_healthy(backend: Backend) -> None:
    storage = ResilientStorage(backend.make())
    await storage.open()
    try:
        assert storage.healthy
        qid = await storage.log_question(q("where do i buy a clutch kit"))
        assert isinstance(qid, int)
        assert [r.id for r in await storage.unanswered()] == [qid]
        await storage.set_profile(Profile(1, "PA"))
        assert await storage.get_profile(1) == Profile(1, "PA")
        assert await storage.schema_version() == LATEST_VERSION
        assert await storage.forget_user(1) == {
            "questions": 0,
            "feedback": 0,
            "profiles": 1,
            "subscriptions": 0,
            "audit_log": 0,
        }
        assert (storage.failures, storage.dropped_writes, storage.failed_reads) == (0, 0, 0)
        assert storage.healthy
    finally:
        await storage.close()


def test_asked_at_is_utc() -> None:
    assert q(asked_at=datetime(2026, 1, 1, 12)).asked_at == datetime(2026, 1, 1, 12, tzinfo=UTC)

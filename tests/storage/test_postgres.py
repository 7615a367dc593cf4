"""PostgreSQL-only behaviour: several bot processes sharing one schema, and schemas kept apart."""

from __future__ import annotations

import asyncpg
import pytest

from bot.storage.models import GuildSettings, Profile, QuestionRecord, Subscription
from bot.storage.postgres import LATEST_VERSION, PostgresStorage
from bot.storage.resilient import ResilientStorage

from .conftest import PG_DSN, drop_schema, new_schema_name

pytestmark = pytest.mark.postgres


async def test_two_instances_on_one_schema_share_state(pg_schema: str) -> None:
    a = PostgresStorage(PG_DSN, schema=pg_schema, max_size=2)
    b = PostgresStorage(PG_DSN, schema=pg_schema, max_size=2)
    await a.open()
    await b.open()
    try:
        await a.set_profile(Profile(1, "PA", "Honda Acty", 1996))
        assert await b.get_profile(1) == Profile(1, "PA", "Honda Acty", 1996)
        await b.set_profile(Profile(1, "OR"))
        assert await a.get_profile(1) == Profile(1, "OR")

        settings = GuildSettings(10, answer_channel_ids=frozenset({11, 12}), ephemeral_default=False)
        await b.set_guild_settings(settings)
        assert await a.get_guild_settings(10) == settings

        assert await a.subscribe(Subscription(1, "e1", channel_id=5))
        assert not await b.subscribe(Subscription(1, "e1", channel_id=6))  # same row, seen from b
        assert [(s.user_id, s.channel_id) for s in await a.subscribers("e1")] == [(1, 6)]
        assert await b.unsubscribe(1, "e1")
        assert await a.subscriptions(1) == []
    finally:
        await a.close()
        await b.close()


async def test_schemas_are_isolated(pg_schema: str) -> None:
    other = new_schema_name()
    a = PostgresStorage(PG_DSN, schema=pg_schema)
    b = PostgresStorage(PG_DSN, schema=other)
    try:
        await a.open()
        await b.open()
        await a.set_profile(Profile(1, "PA"))
        assert await b.get_profile(1) is None
        assert await b.schema_version() == LATEST_VERSION
        conn = await asyncpg.connect(PG_DSN)
        try:
            tables = await conn.fetchval(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1", pg_schema
            )
        finally:
            await conn.close()
        # questions, feedback, profiles, guild_settings, subscriptions, snapshots, audit_log, schema_version,
        # and (v4) source_snapshots, watch_reports, curator_channels
        assert tables == 11
    finally:
        await a.close()
        await b.close()
        await drop_schema(other)


async def test_resilient_storage_rides_over_a_killed_connection(pg_schema: str) -> None:
    """The server drops the bot's connection (restart, failover): the next calls reconnect and succeed."""
    inner = PostgresStorage(PG_DSN, schema=pg_schema, min_size=1, max_size=1)
    storage = ResilientStorage(inner, retry_delay=0.01)
    await storage.open()
    try:
        await storage.set_profile(Profile(1, "PA"))
        # asyncpg notices some deaths when it takes the connection from the pool and others only when it
        # uses it (then the wrapper retries); either way no call may be lost, so try a few times
        for call in ("write", "read") * 3:
            pid = await inner._p().fetchval("SELECT pg_backend_pid()")
            admin = await asyncpg.connect(PG_DSN)
            try:
                assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid)
            finally:
                await admin.close()
            if call == "write":
                assert isinstance(await storage.log_question(QuestionRecord("after the kill")), int)
            else:
                assert await storage.get_profile(1) == Profile(1, "PA")
        assert storage.dropped_writes == 0 and storage.failed_reads == 0
        assert storage.healthy
        assert len(await storage.unanswered()) == 3
    finally:
        await storage.close()


def test_production_default_schema_is_public() -> None:
    assert PostgresStorage("postgresql://u@h/db").schema == "public"

"""Storage fixtures: every backend test runs against SQLite (a real file) and PostgreSQL (a fresh schema).

PostgreSQL comes from ``KEIBOT_TEST_PG_DSN`` (default: the local server's ``test`` database). When it is not
reachable the postgres half is skipped with the reason, except under ``CI=true``, where that is a failure.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from bot.storage.base import Storage
from bot.storage.postgres import PostgresStorage
from bot.storage.sqlite import SQLiteStorage

PG_DSN = os.environ.get("KEIBOT_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")
UNREACHABLE_PG_DSN = "postgresql://postgres@127.0.0.1:1/test"  # nothing listens on port 1

_pg_problem: list[str | None] = []  # probed once per session


async def postgres_problem() -> str | None:
    """None if the test server answers, else why not."""
    if not _pg_problem:
        try:
            conn = await asyncpg.connect(PG_DSN, timeout=3)
        except Exception as exc:
            _pg_problem.append(f"{type(exc).__name__}: {exc}")
        else:
            await conn.close()
            _pg_problem.append(None)
    return _pg_problem[0]


async def require_postgres() -> None:
    problem = await postgres_problem()
    if problem is None:
        return
    message = f"PostgreSQL test server unreachable at {PG_DSN.split('@')[-1]} ({problem})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}; CI=true, so the postgres half of the storage suite must run")
    pytest.skip(message)


@dataclass
class Backend:
    """One database for a test. ``make()`` builds a new, unopened storage on it; all are closed afterwards."""

    name: str
    factory: Callable[..., Storage]
    sqlite_path: Path | None = None
    pg_schema: str | None = None
    made: list[Storage] = field(default_factory=list)

    def make(self, **kwargs: Any) -> Storage:
        storage = self.factory(**kwargs)
        self.made.append(storage)
        return storage

    async def open(self, **kwargs: Any) -> Storage:
        storage = self.make(**kwargs)
        await storage.open()
        return storage

    async def execute(self, sql: str, *params: Any) -> None:
        """Raw SQL on the test database, ``?`` placeholders (rewritten to $n for PostgreSQL)."""
        if self.sqlite_path is not None:
            with closing(sqlite3.connect(self.sqlite_path)) as conn, conn:
                conn.execute(sql, params)
            return
        for n in range(1, len(params) + 1):
            sql = sql.replace("?", f"${n}", 1)
        conn = await asyncpg.connect(PG_DSN, server_settings={"search_path": self.pg_schema or "public"})
        try:
            await conn.execute(sql, *params)
        finally:
            await conn.close()

    async def fetchval(self, sql: str) -> Any:
        if self.sqlite_path is not None:
            with closing(sqlite3.connect(self.sqlite_path)) as conn:
                return conn.execute(sql).fetchone()[0]
        conn = await asyncpg.connect(PG_DSN, server_settings={"search_path": self.pg_schema or "public"})
        try:
            return await conn.fetchval(sql)
        finally:
            await conn.close()


async def drop_schema(name: str) -> None:
    conn = await asyncpg.connect(PG_DSN)
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
    finally:
        await conn.close()


def new_schema_name() -> str:
    return f"keibot_test_{uuid.uuid4().hex[:12]}"


@pytest.fixture
async def pg_schema() -> AsyncIterator[str]:
    """A fresh, empty schema name on the test server; dropped (with everything in it) afterwards."""
    await require_postgres()
    name = new_schema_name()
    yield name
    await drop_schema(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    schema = None
    if request.param == "sqlite":
        path = tmp_path / "keibot.sqlite3"
        made = Backend("sqlite", lambda **kw: SQLiteStorage(path, **kw), sqlite_path=path)
    else:
        await require_postgres()
        schema = new_schema_name()
        made = Backend(
            "postgres", lambda **kw: PostgresStorage(PG_DSN, schema=schema, **kw), pg_schema=schema
        )
    try:
        yield made
    finally:
        for storage in made.made:
            await storage.close()
        if schema is not None:
            await drop_schema(schema)


@pytest.fixture
async def storage(backend: Backend) -> Storage:
    return await backend.open()

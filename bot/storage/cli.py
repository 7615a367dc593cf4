"""Command-line helpers for the database: ``keibot db forget-user|prune|migrate`` and ``keibot kb gaps``.

The main CLI (``bot/cli.py``) calls ``add_db_commands(subparsers, kb_subparsers)``. Settings come from the
environment: ``DATABASE_URL`` (a postgresql:// URL selects PostgreSQL) and ``DATABASE_PATH`` (SQLite file,
default ``data/keibot.sqlite3``). Unlike the bot, these commands use the bare backend, so a database fault is
reported and exits 1 instead of being absorbed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from typing import Any

from bot.core.gaps import DEFAULT_THRESHOLD, GapCluster, cluster_questions
from bot.storage import DEFAULT_SQLITE_PATH, create_storage
from bot.storage.base import Storage
from bot.storage.models import utcnow

# --- the operations, usable from tests and other tools with any opened Storage ------------------------


async def forget_user(storage: Storage, user_id: int) -> dict[str, int]:
    """Delete every row about ``user_id``; returns rows deleted per table."""
    return await storage.forget_user(user_id)


async def prune(storage: Storage, days: float) -> int:
    """Delete questions older than ``days``; returns how many."""
    if not days > 0:
        raise ValueError("days must be > 0")
    return await storage.prune_questions(days)


async def migrate(storage: Storage) -> int:
    """Opening a storage migrates it; returns the schema version it is at."""
    return await storage.schema_version()


async def gaps(
    storage: Storage, *, limit: int = 20, days: float = 30, threshold: float = DEFAULT_THRESHOLD
) -> list[GapCluster]:
    """Unanswered / low-confidence questions of the last ``days``, clustered, most frequent first."""
    since = utcnow() - timedelta(days=days)
    questions = await storage.unanswered(since=since, limit=50_000)
    return cluster_questions(questions, threshold=threshold, limit=limit)


def format_gaps(clusters: list[GapCluster]) -> str:
    if not clusters:
        return "no unanswered questions in that period"
    lines = [f"{'count':>5}  {'last seen (UTC)':<16}  example"]
    for cluster in clusters:
        extra = f"  (+{len(cluster.variants) - 1} variants)" if len(cluster.variants) > 1 else ""
        lines.append(f"{cluster.count:>5}  {cluster.last_seen:%Y-%m-%d %H:%M}  {cluster.example}{extra}")
    return "\n".join(lines)


# --- argparse wiring ------------------------------------------------------------------------------------


def storage_from_env(environ: Mapping[str, str] | None = None) -> Storage:
    env = os.environ if environ is None else environ
    return create_storage(env.get("DATABASE_URL") or None, env.get("DATABASE_PATH") or DEFAULT_SQLITE_PATH)


def _run(work: Callable[[Storage], Awaitable[int]]) -> int:
    async def main() -> int:
        storage = storage_from_env()
        try:
            await storage.open()
            return await work(storage)
        finally:
            await storage.close()

    try:
        return asyncio.run(main())
    except Exception as exc:
        print(f"database error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def cmd_forget_user(args: argparse.Namespace) -> int:
    async def work(storage: Storage) -> int:
        counts = await forget_user(storage, args.user_id)
        total = sum(counts.values())
        detail = ", ".join(f"{table} {n}" for table, n in counts.items())
        print(f"forgot user {args.user_id}: {total} row(s) deleted ({detail})")
        return 0

    return _run(work)


def cmd_prune(args: argparse.Namespace) -> int:
    if not args.days > 0:
        print("db prune: --days must be > 0", file=sys.stderr)
        return 2

    async def work(storage: Storage) -> int:
        print(f"pruned {await prune(storage, args.days)} question(s) older than {args.days:g} day(s)")
        return 0

    return _run(work)


def cmd_migrate(args: argparse.Namespace) -> int:
    async def work(storage: Storage) -> int:
        print(f"database is at schema v{await migrate(storage)}")
        return 0

    return _run(work)


def cmd_gaps(args: argparse.Namespace) -> int:
    async def work(storage: Storage) -> int:
        print(format_gaps(await gaps(storage, limit=args.limit, days=args.days)))
        return 0

    return _run(work)


def add_db_commands(subparsers: Any, kb_subparsers: Any = None) -> None:
    """Add ``db ...`` to the top-level subparsers, and ``gaps`` to the ``kb`` group when it is given.

    (argparse refuses a second ``kb`` parser, so the main CLI passes its ``kb`` subparsers object.)
    """
    db = subparsers.add_parser("db", help="database maintenance").add_subparsers(
        dest="db_command", required=True
    )

    forget = db.add_parser("forget-user", help="delete every stored row about a Discord user")
    forget.add_argument("user_id", type=int, help="Discord user id")
    forget.set_defaults(func=cmd_forget_user)

    prune_parser = db.add_parser("prune", help="delete logged questions older than N days")
    prune_parser.add_argument("--days", type=float, required=True, help="retention in days")
    prune_parser.set_defaults(func=cmd_prune)

    db.add_parser("migrate", help="create or upgrade the schema, print its version").set_defaults(
        func=cmd_migrate
    )

    if kb_subparsers is not None:
        gaps_parser = kb_subparsers.add_parser(
            "gaps", help="clustered report of questions the bot could not answer"
        )
        gaps_parser.add_argument("--limit", type=int, default=20, help="clusters to show (default 20)")
        gaps_parser.add_argument(
            "--days", type=float, default=30, help="look back this many days (default 30)"
        )
        gaps_parser.set_defaults(func=cmd_gaps)

"""``keibot kb watch``: check every source URL of the knowledge base and print the per-entry report.

Exit status: 0 when nothing needs a curator, 1 when a source changed, moved or is gone (unreachable and
blocked sources are listed but do not fail the run: they are usually the network, not the page), 2 when
the knowledge base or the database could not be used.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from bot.storage.base import Storage


async def watch_and_report(storage: Storage, args: argparse.Namespace) -> int:
    from bot.cli import load_or_exit
    from bot.watch.fetch import Fetcher
    from bot.watch.run import run_watch

    kb = load_or_exit(args)
    entries = [e for e in kb.entries if not args.entry or e.id in args.entry]
    async with Fetcher(
        per_host=args.per_host, min_interval=args.interval, timeout=args.timeout, attempts=args.attempts
    ) as fetcher:
        report = await run_watch(
            entries, storage, fetcher, concurrency=args.concurrency, save=not args.dry_run
        )
    print(report.to_json(indent=2) if args.json else report.to_text(verbose=args.all))
    return 1 if report.needs_curator else 0


def cmd_kb_watch(args: argparse.Namespace) -> int:
    from bot.storage.cli import storage_from_env

    async def main() -> int:
        storage = storage_from_env()
        try:
            await storage.open()
            return await watch_and_report(storage, args)
        finally:
            await storage.close()

    try:
        return asyncio.run(main())
    except SystemExit:
        raise
    except Exception as exc:
        print(f"kb watch: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


def add_watch_command(kb_subparsers: Any) -> None:
    watch = kb_subparsers.add_parser(
        "watch",
        help="fetch every source URL, report what changed since the last run (exit 1: a curator is needed)",
    )
    watch.add_argument("--json", action="store_true", help="the report as JSON, for scripts")
    watch.add_argument("--all", action="store_true", help="list unchanged entries too")
    watch.add_argument("--entry", action="append", metavar="ID", help="only this entry (repeatable)")
    watch.add_argument("--dry-run", action="store_true", help="do not save snapshots or the report")
    watch.add_argument("--per-host", type=int, default=2, help="requests at a time per host (default 2)")
    watch.add_argument("--interval", type=float, default=1.0, help="seconds between requests to one host")
    watch.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default 30)")
    watch.add_argument("--attempts", type=int, default=3, help="tries per URL before 'unreachable'")
    watch.add_argument("--concurrency", type=int, default=8, help="requests at a time in all")
    watch.set_defaults(func=cmd_kb_watch)

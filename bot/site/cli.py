"""``keibot site OUT_DIR``: build the static site and the dataset from the knowledge base."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any


def cmd_site(args: argparse.Namespace) -> int:
    from bot.cli import load_or_exit
    from bot.site.build import build_site

    kb = load_or_exit(args)
    today = dt.date.fromisoformat(args.as_of) if args.as_of else dt.date.today()
    written = build_site(kb, args.out_dir, today)
    print(f"wrote {len(written)} files to {args.out_dir} ({len(kb.by_state)} jurisdictions, as of {today})")
    return 0


def add_site_command(subparsers: Any) -> None:
    site = subparsers.add_parser(
        "site", help="build the static site (map, state table, state pages) and states.json / states.csv"
    )
    site.add_argument("out_dir", help="folder to write (created if missing; files in it are overwritten)")
    site.add_argument("--as-of", help="the as-of date shown (YYYY-MM-DD; default today)")
    site.set_defaults(func=cmd_site)

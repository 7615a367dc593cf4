"""The ``keibot`` command line: run, chat, ask, kb, db, map, bench, eval."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.core.knowledge import KnowledgeBaseError, load_dir
from bot.core.schema import Entry

DEFAULT_KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


def knowledge_dir(args: argparse.Namespace) -> Path:
    return Path(args.knowledge) if getattr(args, "knowledge", None) else DEFAULT_KNOWLEDGE


def cmd_kb_check(args: argparse.Namespace) -> int:
    try:
        kb = load_dir(knowledge_dir(args), require_all_states=not args.partial)
    except KnowledgeBaseError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"kb check: {len(exc.problems)} problem(s)", file=sys.stderr)
        return 1
    schema_path = knowledge_dir(args) / "schema.json"
    if not schema_path.exists() or json.loads(schema_path.read_text()) != json_schema():
        print(f"kb check: {schema_path} is out of date; run `keibot kb schema`", file=sys.stderr)
        return 1
    print(f"kb check: {len(kb)} entries in {len(kb.files)} files, no problems")
    return 0


def json_schema() -> dict:
    item = Entry.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "KeiBot knowledge file: a list of entries",
        "type": "array",
        "items": {"$ref": "#/$defs/Entry"},
        "$defs": {**item.pop("$defs", {}), "Entry": item},
    }


def cmd_kb_schema(args: argparse.Namespace) -> int:
    path = knowledge_dir(args) / "schema.json"
    path.write_text(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="keibot", description=__doc__)
    parser.add_argument("--knowledge", help="knowledge folder (default: the repository's knowledge/)")
    sub = parser.add_subparsers(dest="command", required=True)

    kb = sub.add_parser("kb", help="knowledge-base tools").add_subparsers(dest="kb_command", required=True)
    check = kb.add_parser("check", help="validate every knowledge file; exit 1 on problems")
    check.add_argument("--partial", action="store_true", help="do not require all 51 jurisdictions")
    check.set_defaults(func=cmd_kb_check)
    kb.add_parser("schema", help="write knowledge/schema.json").set_defaults(func=cmd_kb_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())

"""The ``keibot`` command line: run, chat, ask, kb, db, map, bench, eval."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from bot.core.knowledge import MIRROR_HOSTS_FILE, KnowledgeBase, KnowledgeBaseError, load_dir, load_host_rules
from bot.core.schema import Entry
from bot.core.text import MAX_QUESTION_CHARS
from bot.memory import settle_memory

if TYPE_CHECKING:
    from bot.core.answering import Answer, Answerer, Conversation

DEFAULT_KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


def knowledge_dir(args: argparse.Namespace) -> Path:
    """``--knowledge`` if given, else ``KNOWLEDGE_DIR`` read the way ``keibot run`` reads it (environment,
    then ``.env``), else the repository's knowledge/: every command checks the folder the bot would load."""
    if getattr(args, "knowledge", None):
        return Path(args.knowledge)
    from bot.config import Settings, SettingsError

    try:
        return Settings.from_env().knowledge_dir
    except SettingsError as exc:
        print(f"keibot: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def cmd_kb_check(args: argparse.Namespace) -> int:
    try:
        root = knowledge_dir(args)
        kb = load_dir(
            root, require_all_states=not args.partial, mirror_hosts=load_host_rules(root / MIRROR_HOSTS_FILE)
        )
    except KnowledgeBaseError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"kb check: {len(exc.problems)} problem(s)", file=sys.stderr)
        return 1
    schema_path = knowledge_dir(args) / "schema.json"
    stale_schema = not schema_path.exists() or json.loads(schema_path.read_text()) != json_schema()
    if knowledge_dir(args) == DEFAULT_KNOWLEDGE and stale_schema:
        print(f"kb check: {schema_path} is out of date; run `keibot kb schema`", file=sys.stderr)
        return 1
    print(f"kb check: {len(kb)} entries in {len(kb.files)} files, no problems")
    return 0


def load_or_exit(args: argparse.Namespace) -> KnowledgeBase:
    try:
        return load_dir(knowledge_dir(args))
    except KnowledgeBaseError as exc:
        _exit_with_problems(exc)


def answerer_or_exit(args: argparse.Namespace) -> Answerer:
    """The answerer for the knowledge folder (the kept build when the files and code are unchanged)."""
    from bot.core.prebuilt import load_answerer

    try:
        return load_answerer(knowledge_dir(args))
    except KnowledgeBaseError as exc:
        _exit_with_problems(exc)


def _exit_with_problems(exc: KnowledgeBaseError) -> NoReturn:
    for problem in exc.problems[:20]:
        print(problem, file=sys.stderr)
    print(
        f"keibot: the knowledge base has {len(exc.problems)} problem(s); run `keibot kb check`",
        file=sys.stderr,
    )
    raise SystemExit(2) from None


def print_answer(answer: Answer) -> None:
    print(answer.text)


def cmd_ask(args: argparse.Namespace) -> int:
    answerer = answerer_or_exit(args)
    if args.batch:
        return run_batch(answerer, args.batch)
    question = " ".join(args.question)
    if not question:
        print("keibot ask: give a question, or --batch FILE", file=sys.stderr)
        return 2
    answer = answerer.answer(question)
    if args.full and answer.answered and answer.focused:
        # the whole of each entry the focused answer quoted, instead of the quotes
        fulls = [full for used in answer.entries if (full := answerer.answer_entry(used.id, full=True))]
        if args.json:
            for full in fulls:
                print(json.dumps(full.to_contract(), ensure_ascii=False))
        else:
            print("\n\n---\n\n".join(full.text for full in fulls))
        return 0
    if args.json:
        print(json.dumps(answer.to_contract(), ensure_ascii=False))
    else:
        print_answer(answer)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    answer = answerer_or_exit(args).answer_entry(args.entry_id, full=True)
    if answer is None:
        print(f"keibot show: no entry with id {args.entry_id!r}", file=sys.stderr)
        return 1
    print(json.dumps(answer.to_contract(), ensure_ascii=False) if args.json else answer.text)
    return 0


# A batch line longer than this is cut before JSON parsing, so a huge line cannot exhaust memory.
MAX_BATCH_LINE = 1_000_000


_ID_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')
_ID_VALUE = re.compile(r'\s*("(?:[^"\\]|\\.)*"|-?[0-9]{1,300}(?![0-9.eE]))')


def recover_id(line: str) -> str | int | None:
    """The top-level ``"id"`` (a string or an integer) of a line that cannot be parsed whole (too long,
    nested too deep, broken further on), found by a linear scan of its tokens; None if there is none."""
    depth = 0
    expect_key = False
    tokens = _ID_TOKENS.finditer(line)
    for match in tokens:
        token = match.group()
        if token in "{[":
            if depth == 0 and token != "{":
                return None
            depth += 1
            expect_key = depth == 1
        elif token in "}]":
            depth -= 1
            if depth <= 0:
                return None
        elif token == ",":
            expect_key = depth == 1
        elif token == ":":
            expect_key = False
        else:  # a string
            if expect_key and depth == 1 and token == '"id"':
                colon = line.find(":", match.end())
                if colon < 0 or line[match.end() : colon].strip():
                    return None
                value = _ID_VALUE.match(line, colon + 1)
                if value is None:
                    return None
                try:
                    found = json.loads(value.group(1))
                except ValueError:
                    return None
                return found if isinstance(found, str | int) else None
            expect_key = False
    return None


def batch_line(answerer: Answerer, line: str, conversations: dict[str, Conversation]) -> dict | None:
    """Answer one JSON line of a batch; malformed input gives an error object, never an exception."""
    from bot.core.answering import Conversation

    if not line.strip():
        return None
    if len(line) > MAX_BATCH_LINE:
        return {"id": recover_id(line), "error": f"line too long (over {MAX_BATCH_LINE} characters)"}
    try:
        item = json.loads(line)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, and integers too long to convert
        return {"id": recover_id(line), "error": f"malformed JSON: {str(exc)[:200]}"}
    if not isinstance(item, dict):
        return {"id": None, "error": "each line must be a JSON object"}
    line_id = item.get("id")
    line_id = line_id if isinstance(line_id, str | int) and not isinstance(line_id, bool) else None
    question = item.get("question")
    if not isinstance(question, str):
        return {"id": line_id, "error": "missing or non-string 'question'"}
    conversation = None
    key = item.get("conversation")
    context = item.get("context")
    if isinstance(key, str | int) and not isinstance(key, bool):
        # 1 and "1" are different conversations
        conversation = conversations.setdefault(f"{type(key).__name__}:{key}", Conversation())
    elif isinstance(context, str) and context.strip():
        conversation = (
            Conversation()
        )  # the eval files' "context": the earlier turn, asked first, unanswered here
    try:
        if (
            conversation is not None
            and isinstance(context, str)
            and context.strip()
            and not conversation.turns
        ):
            answerer.answer(context[: MAX_QUESTION_CHARS * 4], conversation)
        answer = answerer.answer(question[: MAX_QUESTION_CHARS * 4], conversation)
    except Exception as exc:  # a bug must cost one line, not the batch
        return {"id": line_id, "error": f"internal error: {type(exc).__name__}"}
    return {"id": line_id, **answer.to_contract()}


def _json_line(obj: dict) -> str:
    """One output line; a lone surrogate echoed from the input is written escaped, so it stays exact."""
    text = json.dumps(obj, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(obj)
    return text + "\n"


def run_batch(answerer: Answerer, source: str) -> int:
    settle_memory(collect=True)  # a long batch answers faster with the knowledge base frozen
    # Bytes in, decoded line by line: an invalid UTF-8 sequence becomes U+FFFD in its own line only, whatever
    # the locale (a text stdin under a UTF-8 locale raised on it and lost the whole batch).
    stdin = getattr(sys.stdin, "buffer", sys.stdin)
    stream = stdin if source == "-" else open(source, "rb")  # noqa: SIM115
    conversations: dict[str, Conversation] = {}
    # JSON lines out are UTF-8 whatever the locale's encoding (an ASCII stdout would fail on the first "—").
    out = getattr(sys.stdout, "buffer", None)
    sys.stdout.flush()  # anything already written as text goes first

    def write(text: str) -> None:
        if out is None:
            sys.stdout.write(text)
        else:
            out.write(text.encode("utf-8"))

    try:
        for raw in stream:
            line = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
            result = batch_line(answerer, line, conversations)
            if result is not None:
                write(_json_line(result))
    finally:
        if stream is not stdin:
            stream.close()
    sys.stdout.flush()
    if out is not None:
        out.flush()
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.core.answering import Conversation

    answerer = answerer_or_exit(args)
    conversation = Conversation()
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (history and line editing where available)
    print(
        f"KeiBot console ({len(answerer.kb)} entries). Ask about kei trucks; 'full' shows the whole entry "
        "behind the last answer, 'new' resets the conversation, 'quit' leaves."
    )
    last = None
    while True:
        try:
            question = input("you> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if question.strip().lower() in ("quit", "exit", ":q"):
            return 0
        if question.strip().lower() == "new":
            conversation = Conversation()
            print("(new conversation)")
            continue
        if not question.strip():
            continue
        if question.strip().lower() == "full":
            entries = last.entries if last is not None and last.answered else ()
            fulls = [full for used in entries if (full := answerer.answer_entry(used.id, full=True))]
            print("\n\n---\n\n".join(full.text for full in fulls) or "(no answer to expand yet)")
            print()
            continue
        last = answerer.answer(question, conversation)
        print_answer(last)
        print()


def cmd_eval(args: argparse.Namespace) -> int:
    from bot.core.answering import Conversation
    from bot.evaluation import DEFAULT_QUESTIONS, evaluate, load_questions

    path = Path(args.questions) if args.questions else DEFAULT_QUESTIONS
    if not path.exists():
        print(f"keibot eval: no question file at {path}", file=sys.stderr)
        return 2
    answerer = answerer_or_exit(args)
    conversations: dict[str, Conversation] = {}

    def answer(question: str, key: str) -> dict:
        return answerer.answer(question, conversations.setdefault(key, Conversation())).to_contract()

    result = evaluate(load_questions(path), answer)
    for qid, outcome, question, why in result.rows:
        if args.show == "all" or outcome == args.show:
            print(f"{outcome:7} {qid} {question[:90]!r} {why}")
    print(f"eval: {result.summary()} on {path.name}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from bot.config import Settings, SettingsError

    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"keibot: {exc}", file=sys.stderr)
        return 2
    if args.knowledge:
        settings = replace(settings, knowledge_dir=Path(args.knowledge))
    from bot.adapter.runner import run  # discord.py is only imported when the bot itself runs

    return run(settings)


def cmd_map(args: argparse.Namespace) -> int:
    import datetime as dt

    from bot.statemap import save_state_map

    path = save_state_map(load_or_exit(args), dt.date.today(), args.file)
    print(f"wrote {path}")
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

    sub.add_parser("run", help="start the Discord bot (console chat without DISCORD_TOKEN)").set_defaults(
        func=cmd_run
    )
    map_parser = sub.add_parser("map", help="render the 50 states + DC status map to a PNG")
    map_parser.add_argument("file", help="where to write the PNG")
    map_parser.set_defaults(func=cmd_map)
    ask = sub.add_parser("ask", help="answer a question (as a user reads it, or --json)")
    ask.add_argument("question", nargs="*")
    ask.add_argument("--json", action="store_true", help="print the answer contract as JSON")
    ask.add_argument("--batch", metavar="FILE", help="JSON lines in (FILE or - for stdin), JSON lines out")
    ask.add_argument("--full", action="store_true", help="print the whole entries behind the answer")
    show = sub.add_parser("show", help="print one knowledge-base entry in full")
    show.add_argument("entry_id")
    show.add_argument("--json", action="store_true", help="print the answer contract as JSON")
    show.set_defaults(func=cmd_show)
    ask.set_defaults(func=cmd_ask)
    sub.add_parser("chat", help="interactive console chat").set_defaults(func=cmd_chat)

    ev = sub.add_parser(
        "eval", help="accuracy on a labelled question set (default: ../shared/eval/dev.jsonl)"
    )
    ev.add_argument("questions", nargs="?")
    ev.add_argument("--show", choices=["wrong", "miss", "correct", "all", "none"], default="wrong")
    ev.set_defaults(func=cmd_eval)

    kb = sub.add_parser("kb", help="knowledge-base tools").add_subparsers(dest="kb_command", required=True)
    check = kb.add_parser("check", help="validate every knowledge file; exit 1 on problems")
    check.add_argument("--partial", action="store_true", help="do not require all 51 jurisdictions")
    check.set_defaults(func=cmd_kb_check)
    kb.add_parser("schema", help="write knowledge/schema.json").set_defaults(func=cmd_kb_schema)

    from bot.bench import add_bench_command
    from bot.storage.cli import add_db_commands

    add_db_commands(sub, kb)
    from bot.watch.cli import add_watch_command

    add_watch_command(kb)
    from bot.site.cli import add_site_command

    add_site_command(sub)
    add_bench_command(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        # `keibot ask ... | head` closed the pipe: stop quietly, like other command-line tools, and point
        # stdout at /dev/null so the interpreter's final flush does not raise the same error again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())

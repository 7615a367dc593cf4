"""``keibot db ...`` and ``keibot kb gaps`` as a user sees them: the exact lines printed, the exit codes,
the options' defaults and types, and the help text."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.gaps import GapCluster
from bot.storage import cli
from bot.storage.models import Feedback, Profile, QuestionRecord, Subscription, utcnow
from bot.storage.postgres import PostgresStorage
from bot.storage.sqlite import LATEST_VERSION, SQLiteStorage


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The parser as the main CLI builds it, and each added sub-parser by name (for their help)."""
    parser = argparse.ArgumentParser(prog="keibot")
    sub = parser.add_subparsers(dest="command", required=True)
    kb = sub.add_parser("kb").add_subparsers(dest="kb_command", required=True)
    cli.add_db_commands(sub, kb)
    parsers = {"db": sub.choices["db"], "gaps": kb.choices["gaps"]}
    db_actions = [a for a in parsers["db"]._actions if isinstance(a, argparse._SubParsersAction)]
    parsers.update(db_actions[0].choices)
    return parser, parsers


def parse(argv: list[str]) -> argparse.Namespace:
    return build_parser()[0].parse_args(argv)


def run(argv: list[str]) -> int:
    args = parse(argv)
    return args.func(args)


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "keibot.sqlite3"
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_PATH", str(path))
    return path


def seed_file(path: Path) -> None:
    async def seed() -> None:
        async with SQLiteStorage(path) as storage:
            old = utcnow() - timedelta(days=45)
            await storage.log_question(QuestionRecord("old one", user_id=7, asked_at=old))
            await storage.log_question(QuestionRecord("older one", user_id=8, asked_at=old))
            await storage.log_question(QuestionRecord("new one", user_id=7))
            await storage.set_profile(Profile(7, "PA"))
            await storage.record_feedback(Feedback("e1", 7, "helpful"))
            await storage.subscribe(Subscription(7, "e1"))

    path.parent.mkdir(parents=True, exist_ok=True)
    asyncio.run(seed())


# --- what each command prints, and its exit code ----------------------------------------------------------


def test_migrate_prints_the_schema_version(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["db", "migrate"]) == 0
    assert capsys.readouterr().out == f"database is at schema v{LATEST_VERSION}\n"


def test_forget_user_prints_the_total_and_each_table(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_file(db_path)
    assert run(["db", "forget-user", "7"]) == 0
    assert capsys.readouterr().out == (
        "forgot user 7: 5 row(s) deleted"
        " (questions 2, feedback 1, profiles 1, subscriptions 1, audit_log 0)\n"
    )


def test_prune_prints_how_many_and_the_retention(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_file(db_path)
    assert run(["db", "prune", "--days", "30"]) == 0
    assert capsys.readouterr().out == "pruned 2 question(s) older than 30 day(s)\n"
    assert run(["db", "prune", "--days", "0.5"]) == 0  # under a day is a valid retention
    assert capsys.readouterr().out == "pruned 0 question(s) older than 0.5 day(s)\n"


@pytest.mark.parametrize("days", ["0", "-3"])
def test_prune_refuses_a_retention_of_zero_or_less_with_exit_2(
    days: str, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["db", "prune", f"--days={days}"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "db prune: --days must be > 0\n" and captured.out == ""
    assert not db_path.exists()  # refused before opening the database


def test_a_database_error_exits_1_naming_the_error(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not a database" * 100)
    assert run(["db", "migrate"]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("database error: DatabaseError: ") and captured.out == ""


def test_kb_gaps_prints_the_report(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_file(db_path)
    assert run(["kb", "gaps"]) == 0  # the last 30 days by default: only "new one"
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "count  last seen (UTC)   example"
    assert out.splitlines()[1].endswith("  new one") and len(out.splitlines()) == 2
    assert run(["kb", "gaps", "--days", "60"]) == 0
    out = capsys.readouterr().out
    assert "  old one" in out and "  new one" in out
    assert run(["kb", "gaps", "--days", "60", "--limit", "1"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2  # one cluster of the three


def test_format_gaps_lines() -> None:
    assert cli.format_gaps([]) == "no unanswered questions in that period"
    seen = datetime(2026, 11, 3, 14, 5, tzinfo=UTC)
    clusters = [
        GapCluster("is my carry legal", 12, seen, ("is my carry legal", "is my Carry legal?", "carry legal")),
        GapCluster("timing belt", 2, seen, ("timing belt", "Timing belt?")),
        GapCluster("one off", 1, seen, ("one off",)),
    ]
    assert cli.format_gaps(clusters).split("\n") == [
        "count  last seen (UTC)   example",
        "   12  2026-11-03 14:05  is my carry legal  (+2 variants)",
        "    2  2026-11-03 14:05  timing belt  (+1 variants)",
        "    1  2026-11-03 14:05  one off",
    ]


# --- the operations ---------------------------------------------------------------------------------------


async def test_prune_helper_accepts_under_a_day_and_refuses_zero(tmp_path: Path) -> None:
    async with SQLiteStorage(tmp_path / "db.sqlite3") as storage:
        await storage.log_question(QuestionRecord("q", asked_at=utcnow() - timedelta(hours=2)))
        assert await cli.prune(storage, 0.5) == 0
        assert await cli.prune(storage, 1 / 24) == 1  # one hour
        with pytest.raises(ValueError, match=r"^days must be > 0$"):
            await cli.prune(storage, 0)
        with pytest.raises(ValueError, match=r"^days must be > 0$"):
            await cli.prune(storage, -1)


async def test_gaps_passes_its_similarity_threshold_on(tmp_path: Path) -> None:
    async with SQLiteStorage(tmp_path / "db.sqlite3") as storage:
        await storage.log_question(QuestionRecord("Where do I buy a clutch kit for a KS4 Sambar?"))
        await storage.log_question(QuestionRecord("where do i buy a clutch kit for my ks4 sambar"))
        assert [c.count for c in await cli.gaps(storage)] == [2]  # similar enough at the default
        assert [c.count for c in await cli.gaps(storage, threshold=100)] == [1, 1]


async def test_gaps_defaults_to_20_clusters_of_the_last_30_days(tmp_path: Path) -> None:
    async with SQLiteStorage(tmp_path / "db.sqlite3") as storage:
        words = "alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november"
        for n, word in enumerate((words + " oscar papa quebec romeo sierra tango uniform").split()):
            await storage.log_question(QuestionRecord(f"{word} {n * 7919} zebra?"))
        await storage.log_question(QuestionRecord("a month ago", asked_at=utcnow() - timedelta(days=30.5)))
        clusters = await cli.gaps(storage)
        assert len(clusters) == 20
        assert "a month ago" not in {c.example for c in await cli.gaps(storage, limit=100)}
        assert "a month ago" in {c.example for c in await cli.gaps(storage, limit=100, days=31)}


async def test_gaps_reads_more_than_the_backends_default_page(tmp_path: Path) -> None:
    async with SQLiteStorage(tmp_path / "db.sqlite3") as storage:
        for _ in range(501):  # the backend's unanswered() returns 500 unless asked for more
            await storage.log_question(QuestionRecord("same question"))
        assert [c.count for c in await cli.gaps(storage)] == [501]


# --- the options ------------------------------------------------------------------------------------------


def test_option_defaults_and_types() -> None:
    gaps = parse(["kb", "gaps"])
    assert (gaps.limit, gaps.days, gaps.func) == (20, 30, cli.cmd_gaps)
    gaps = parse(["kb", "gaps", "--limit", "5", "--days", "7.5"])
    assert gaps.limit == 5 and isinstance(gaps.limit, int) and gaps.days == 7.5
    prune = parse(["db", "prune", "--days", "14"])
    assert prune.days == 14.0 and isinstance(prune.days, float) and prune.func is cli.cmd_prune
    forget = parse(["db", "forget-user", "123"])
    assert forget.user_id == 123 and forget.func is cli.cmd_forget_user and forget.db_command == "forget-user"
    assert parse(["db", "migrate"]).func is cli.cmd_migrate


@pytest.mark.parametrize(
    "argv",
    [
        ["db"],  # a db command is required
        ["db", "prune"],  # --days is required
        ["db", "prune", "--days", "soon"],
        ["db", "forget-user", "abc"],
        ["db", "forget-user"],
        ["kb", "gaps", "--limit", "2.5"],
        ["kb", "gaps", "--days", "a week"],
    ],
)
def test_invalid_command_lines_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse(argv)
    assert exit_.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_help_text() -> None:
    parser, parsers = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help for a in sub._choices_actions}
    assert helps["db"] == "database maintenance"
    db_sub = next(a for a in parsers["db"]._actions if isinstance(a, argparse._SubParsersAction))
    assert {a.dest: a.help for a in db_sub._choices_actions} == {
        "forget-user": "delete every stored row about a Discord user",
        "prune": "delete logged questions older than N days",
        "migrate": "create or upgrade the schema, print its version",
    }
    kb_sub = next(a for a in sub.choices["kb"]._actions if isinstance(a, argparse._SubParsersAction))
    assert {a.dest: a.help for a in kb_sub._choices_actions} == {
        "gaps": "clustered report of questions the bot could not answer"
    }

    def option_help(name: str) -> dict[str, str | None]:
        return {a.dest: a.help for a in parsers[name]._actions if a.dest != "help"}

    assert option_help("forget-user") == {"user_id": "Discord user id"}
    assert option_help("prune") == {"days": "retention in days"}
    assert option_help("gaps") == {
        "limit": "clusters to show (default 20)",
        "days": "look back this many days (default 30)",
    }


# --- where the command line finds the database ------------------------------------------------------------


def test_storage_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = str(tmp_path / "x" / "db.sqlite3")
    storage = cli.storage_from_env({"DATABASE_PATH": path, "DATABASE_URL": ""})
    assert isinstance(storage, SQLiteStorage) and storage.path == path
    storage = cli.storage_from_env({"DATABASE_PATH": "", "DATABASE_URL": ""})
    assert isinstance(storage, SQLiteStorage) and storage.path == "data/keibot.sqlite3"
    storage = cli.storage_from_env({"DATABASE_URL": "postgresql://u@127.0.0.1:1/x", "DATABASE_PATH": path})
    assert isinstance(storage, PostgresStorage) and storage.dsn == "postgresql://u@127.0.0.1:1/x"


def test_storage_from_env_reads_the_process_environment(tmp_path: Path, db_path: Path) -> None:
    storage = cli.storage_from_env()
    assert isinstance(storage, SQLiteStorage) and storage.path == str(db_path)

"""``keibot db ...`` and ``keibot kb gaps``: the helpers on both backends, and the argparse wiring."""

from __future__ import annotations

import argparse
import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from bot.storage import cli
from bot.storage.base import Storage
from bot.storage.models import Feedback, Profile, QuestionRecord, utcnow
from bot.storage.sqlite import LATEST_VERSION, SQLiteStorage


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="keibot")
    sub = parser.add_subparsers(dest="command", required=True)
    kb = sub.add_parser("kb").add_subparsers(dest="kb_command", required=True)
    cli.add_db_commands(sub, kb)
    return parser


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


async def seed(storage: Storage) -> None:
    now = utcnow()
    for i in range(3):
        await storage.log_question(QuestionRecord("Where do I buy a clutch kit for a KS4 Sambar?", user_id=1))
        await storage.log_question(
            QuestionRecord("Is my Carry legal in Guam?", asked_at=now - timedelta(hours=i))
        )
    await storage.log_question(QuestionRecord("where do i buy a clutch kit for my ks4 sambar", user_id=2))
    await storage.log_question(QuestionRecord("timing belt ha4", asked_at=now - timedelta(days=90)))
    await storage.log_question(QuestionRecord("answered fine", answered=True, confidence=0.9))
    await storage.set_profile(Profile(1, "PA"))
    await storage.record_feedback(Feedback("e1", 1, "helpful"))


async def test_gaps_clusters_recent_unanswered_questions(storage: Storage) -> None:
    await seed(storage)
    clusters = await cli.gaps(storage, limit=10, days=30)
    assert [(c.count, c.example) for c in clusters] == [
        (4, "where do i buy a clutch kit for a ks4 sambar?"),
        (3, "is my carry legal in guam?"),
    ]
    assert len(await cli.gaps(storage, limit=1)) == 1
    assert len(await cli.gaps(storage, days=365)) == 3
    assert "timing belt ha4" in cli.format_gaps(await cli.gaps(storage, days=365))


async def test_forget_prune_and_migrate_helpers(storage: Storage) -> None:
    await seed(storage)
    assert await cli.migrate(storage) == LATEST_VERSION
    assert await cli.prune(storage, 60) == 1
    counts = await cli.forget_user(storage, 1)
    assert counts["questions"] == 3 and counts["profiles"] == 1 and counts["feedback"] == 1
    with pytest.raises(ValueError):
        await cli.prune(storage, 0)


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "keibot.sqlite3"
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_PATH", str(path))
    return path


def test_db_commands_end_to_end(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["db", "migrate"]) == 0
    assert f"schema v{LATEST_VERSION}" in capsys.readouterr().out
    assert db_path.exists()

    async def seed_file() -> None:
        async with SQLiteStorage(db_path) as storage:
            await seed(storage)

    asyncio.run(seed_file())
    assert run(["kb", "gaps", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "where do i buy a clutch kit" in out and "is my carry legal in guam" in out
    assert run(["db", "prune", "--days", "30"]) == 0
    assert "pruned 1 question" in capsys.readouterr().out
    assert run(["db", "forget-user", "1"]) == 0
    assert "forgot user 1: 5 row(s) deleted" in capsys.readouterr().out
    assert run(["db", "forget-user", "1"]) == 0
    assert "0 row(s) deleted" in capsys.readouterr().out


def test_prune_refuses_a_non_positive_retention(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["db", "prune", "--days", "0"]) == 2
    assert "--days must be > 0" in capsys.readouterr().err
    assert not db_path.exists()


def test_database_errors_exit_1_with_a_message(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not a database" * 100)
    assert run(["db", "migrate"]) == 1
    assert "database error" in capsys.readouterr().err


def test_storage_from_env_defaults_to_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # creating the storage creates its folder
    storage = cli.storage_from_env({})
    assert isinstance(storage, SQLiteStorage) and storage.path == "data/keibot.sqlite3"
    assert (tmp_path / "data").is_dir()


def test_kb_gaps_is_only_added_when_the_kb_group_is_given() -> None:
    parser = argparse.ArgumentParser()
    cli.add_db_commands(parser.add_subparsers(dest="command"))
    with pytest.raises(SystemExit):
        parser.parse_args(["kb", "gaps"])
    assert parser.parse_args(["db", "prune", "--days", "7"]).days == 7
